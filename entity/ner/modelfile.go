package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The model file is gzip-compressed binary, varint based:
//
//	magic "CCNER" and format version byte
//	info string
//	clusters: count, then (word, bit string) pairs, sorted by word
//	gazetteers: category count and names; the longest name in tokens;
//	  the phrase count, then per phrase (sorted by hash) the delta of its
//	  64-bit phrase hash from the previous one and its category bit mask
//	passes: count, then per pass the transition, start and end scores as
//	  float32 bits, the scale of the quantised weights, the row count, and
//	  per row (sorted by key) the key's delta from the previous key, a bit
//	  mask of the labels with a non-zero weight and those weights as
//	  zig-zag varints of weight/scale
//
// Strings are a uvarint length and the bytes. Gazetteer names are stored
// as hashes, not text, so that loading does no string work. Weights are
// quantised to 1/4096 of the largest weight's magnitude: finer steps change
// no decision on the development set.

const (
	magic         = "CCNER"
	formatVersion = 3
	quantSteps    = 4096
)

// Limits that keep a corrupt or hostile file from making Load allocate
// without bound.
const (
	maxString = 1 << 12
	maxCount  = 1 << 24
)

// WriteTo writes the model in its file format, gzip-compressed.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	if err := m.writeRaw(zw); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	return cw.n, nil
}

// writeRaw writes the uncompressed model.
func (m *Model) writeRaw(w io.Writer) error {
	bw := bufio.NewWriter(w)
	e := &encoder{w: bw}
	e.bytes([]byte(magic))
	e.byte(formatVersion)
	e.string(m.info)

	words := sortedKeys(m.clusterPaths)
	e.uvarint(uint64(len(words)))
	for _, wd := range words {
		e.string(wd)
		e.string(m.clusterPaths[wd])
	}

	e.uvarint(uint64(len(m.gaz.categories)))
	for _, name := range m.gaz.categories {
		e.string(name)
	}
	e.uvarint(uint64(m.gaz.maxLen))
	hashes := make([]uint64, 0, len(m.gaz.names))
	for h := range m.gaz.names {
		hashes = append(hashes, h)
	}
	slices.Sort(hashes)
	e.uvarint(uint64(len(hashes)))
	prev := uint64(0)
	for _, h := range hashes {
		e.uvarint(h - prev)
		e.uvarint(uint64(m.gaz.names[h]))
		prev = h
	}

	n := 0
	for _, p := range m.passes {
		if p != nil {
			n++
		}
	}
	e.uvarint(uint64(n))
	for _, p := range m.passes[:n] {
		e.weights(p)
	}
	if e.err == nil {
		e.err = bw.Flush()
	}
	return e.err
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	m, err := readRaw(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	return m, nil
}

// readRaw reads an uncompressed model.
func readRaw(data []byte) (*Model, error) {
	d := &decoder{b: data}
	if got := d.bytes(len(magic)); d.err == nil && !bytes.Equal(got, []byte(magic)) {
		return nil, errors.New("not a crosscheck NER model")
	}
	if v := d.byte(); d.err == nil && v != formatVersion {
		return nil, fmt.Errorf("format version %d, want %d", v, formatVersion)
	}
	m := &Model{clusterPaths: map[string]string{}, gaz: &gazetteer{}}
	m.info = d.string()

	nw := d.count()
	m.clusters = make(map[string][len(clusterPrefixes)]uint64, min(nw, 1<<16))
	for i := 0; i < nw && d.err == nil; i++ {
		wd, path := d.string(), d.string()
		m.clusterPaths[wd] = path
		m.clusters[wd] = clusterHashes(path)
	}

	nc := d.count()
	if d.err == nil && nc > 32 {
		return nil, fmt.Errorf("%d gazetteer categories, at most 32 fit", nc)
	}
	for c := 0; c < nc && d.err == nil; c++ {
		m.gaz.categories = append(m.gaz.categories, d.string())
	}
	m.gaz.maxLen = d.count()
	if d.err == nil && m.gaz.maxLen > 64 {
		return nil, fmt.Errorf("gazetteer names of %d tokens", m.gaz.maxLen)
	}
	np := d.count()
	m.gaz.names = make(map[uint64]uint64, min(np, 1<<16))
	h := uint64(0)
	for i := 0; i < np && d.err == nil; i++ {
		h += d.uvarint()
		mask := d.uvarint()
		if valid := uint64(1)<<nc - 1; mask&^(valid|valid<<32) != 0 {
			d.fail(fmt.Errorf("gazetteer category mask %#x out of range", mask))
		}
		m.gaz.put(h, mask)
	}

	npass := d.count()
	if d.err == nil && (npass < 1 || npass > len(m.passes)) {
		return nil, fmt.Errorf("%d passes", npass)
	}
	for i := 0; i < npass && d.err == nil; i++ {
		m.passes[i] = d.weights()
	}
	if d.err != nil {
		return nil, d.err
	}
	m.fused = newFused(m.passes)
	return m, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// encoder writes the model's primitives, remembering the first error.
type encoder struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}
func (e *encoder) byte(b byte)      { e.bytes([]byte{b}) }
func (e *encoder) uvarint(v uint64) { e.bytes(e.buf[:binary.PutUvarint(e.buf[:], v)]) }
func (e *encoder) varint(v int64)   { e.bytes(e.buf[:binary.PutVarint(e.buf[:], v)]) }
func (e *encoder) float(f float32)  { e.uvarint(uint64(math.Float32bits(f))) }
func (e *encoder) string(s string)  { e.uvarint(uint64(len(s))); e.bytes([]byte(s)) }
func (e *encoder) floats(fs []float32) {
	for _, f := range fs {
		e.float(f)
	}
}

func (e *encoder) weights(w *weights) {
	for a := range w.trans {
		e.floats(w.trans[a][:])
	}
	e.floats(w.start[:])
	e.floats(w.end[:])
	var maxAbs float32
	for _, v := range w.rows {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	scale := maxAbs / quantSteps
	if scale == 0 {
		scale = 1
	}
	e.float(scale)
	type entry struct {
		key uint32
		row int32
	}
	var entries []entry
	for i, k := range w.index.keys {
		if k == 0 {
			continue
		}
		r := w.index.rows[i]
		for _, v := range w.rows[int(r)*numLabels : (int(r)+1)*numLabels] {
			if math.Round(float64(v/scale)) != 0 {
				entries = append(entries, entry{k, r})
				break
			}
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return int(int64(a.key) - int64(b.key)) })
	e.uvarint(uint64(len(entries)))
	prev := uint32(0)
	for _, en := range entries {
		e.uvarint(uint64(en.key - prev))
		prev = en.key
		row := w.rows[int(en.row)*numLabels : (int(en.row)+1)*numLabels]
		var q [numLabels]int64
		mask := uint64(0)
		for l, v := range row {
			q[l] = int64(math.Round(float64(v / scale)))
			if q[l] != 0 {
				mask |= 1 << l
			}
		}
		e.uvarint(mask)
		for l := range row {
			if q[l] != 0 {
				e.varint(q[l])
			}
		}
	}
}

// decoder reads the model's primitives from memory, remembering the first
// error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b) {
		d.fail(io.ErrUnexpectedEOF)
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) byte() byte {
	if b := d.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail(errors.New("bad or truncated varint"))
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail(errors.New("bad or truncated varint"))
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length and checks it against maxCount.
func (d *decoder) count() int {
	v := d.uvarint()
	if v > maxCount {
		d.fail(fmt.Errorf("count %d out of range", v))
		return 0
	}
	return int(v)
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > maxString {
		d.fail(fmt.Errorf("string of %d bytes", n))
		return ""
	}
	return string(d.bytes(int(n)))
}

func (d *decoder) float() float32 {
	v := d.uvarint()
	if v > math.MaxUint32 {
		d.fail(errors.New("float out of range"))
		return 0
	}
	f := math.Float32frombits(uint32(v))
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		d.fail(errors.New("weight is not a finite number"))
		return 0
	}
	return f
}

func (d *decoder) floats(fs []float32) {
	for i := range fs {
		fs[i] = d.float()
	}
}

func (d *decoder) weights() *weights {
	w := &weights{}
	for a := range w.trans {
		d.floats(w.trans[a][:])
	}
	d.floats(w.start[:])
	d.floats(w.end[:])
	scale := d.float()
	n := d.count()
	if d.err != nil {
		return nil
	}
	// Every row takes at least two bytes, which bounds what a corrupt
	// count can make us allocate.
	if n > len(d.b)/2 {
		d.fail(fmt.Errorf("%d weight rows in %d bytes", n, len(d.b)))
		return nil
	}
	keys := make([]uint32, 0, n)
	w.rows = make([]float32, 0, n*numLabels)
	k := uint64(0)
	for i := 0; i < n && d.err == nil; i++ {
		k += d.uvarint()
		if k > math.MaxUint32 {
			d.fail(errors.New("feature key out of range"))
			break
		}
		mask := d.uvarint()
		if mask >= 1<<numLabels {
			d.fail(fmt.Errorf("label mask %#x out of range", mask))
			break
		}
		var row [numLabels]float32
		for l := 0; l < numLabels; l++ {
			if mask&(1<<l) != 0 {
				row[l] = float32(d.varint()) * scale
			}
		}
		keys = append(keys, uint32(k))
		w.rows = append(w.rows, row[:]...)
	}
	w.index = newTable(len(keys))
	for i, k := range keys {
		w.index.put(k, int32(i))
	}
	return w
}
