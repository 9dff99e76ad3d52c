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

// The model file is gzip-compressed binary, little-endian and varint based:
//
//	magic "CCNER" and format version byte
//	info string
//	clusters: count, then (word, bit string) pairs, sorted by word
//	gazetteers: category count, then per category its name and its
//	  phrases (token count, tokens)
//	passes: count, then per pass the transition, start and end scores as
//	  float32, the scale of the quantised weights, the row count, and per
//	  row the key's delta from the previous key, a bit mask of the labels
//	  with a non-zero weight and those weights as zig-zag varints of
//	  weight/scale
//
// Strings are a uvarint length and the bytes. Weights are quantised to
// 1/4096 of the largest weight's magnitude: finer steps change no decision
// on the development set, and coarser keys and weights keep the embedded
// file small.

const (
	magic         = "CCNER"
	formatVersion = 1
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
	bw := bufio.NewWriter(zw)
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
	for c, name := range m.gaz.categories {
		e.string(name)
		phrases := m.gaz.phrases[c]
		e.uvarint(uint64(len(phrases)))
		for _, p := range phrases {
			e.uvarint(uint64(len(p)))
			for _, t := range p {
				e.string(t)
			}
		}
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
	if e.err == nil {
		e.err = zw.Close()
	}
	if e.err != nil {
		return cw.n, fmt.Errorf("write model: %w", e.err)
	}
	return cw.n, nil
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	defer zr.Close()
	d := &decoder{r: bufio.NewReader(zr)}
	if got := d.bytes(len(magic)); d.err == nil && !bytes.Equal(got, []byte(magic)) {
		return nil, errors.New("read model: not a crosscheck NER model")
	}
	if v := d.byte(); d.err == nil && v != formatVersion {
		return nil, fmt.Errorf("read model: format version %d, want %d", v, formatVersion)
	}
	m := &Model{clusters: map[string][len(clusterPrefixes)]uint64{}, clusterPaths: map[string]string{}, gaz: &gazetteer{}}
	m.info = d.string()

	nw := d.count()
	for i := 0; i < nw && d.err == nil; i++ {
		wd, path := d.string(), d.string()
		m.clusterPaths[wd] = path
		m.clusters[wd] = clusterHashes(path)
	}

	nc := d.count()
	if nc > 32 {
		return nil, fmt.Errorf("read model: %d gazetteer categories, at most 32 fit", nc)
	}
	for c := 0; c < nc && d.err == nil; c++ {
		m.gaz.categories = append(m.gaz.categories, d.string())
		m.gaz.phrases = append(m.gaz.phrases, nil)
		np := d.count()
		for i := 0; i < np && d.err == nil; i++ {
			nt := d.count()
			if nt == 0 || nt > 64 {
				d.fail(fmt.Errorf("gazetteer phrase of %d tokens", nt))
				break
			}
			p := make([]string, nt)
			for j := range p {
				p[j] = d.string()
			}
			m.gaz.add(p, c)
		}
	}

	np := d.count()
	if d.err == nil && (np < 1 || np > len(m.passes)) {
		return nil, fmt.Errorf("read model: %d passes", np)
	}
	for i := 0; i < np && d.err == nil; i++ {
		m.passes[i] = d.weights()
	}
	if d.err != nil {
		return nil, fmt.Errorf("read model: %w", d.err)
	}
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
	keys := make([]uint32, 0, len(w.index))
	for k, r := range w.index {
		row := w.rows[int(r)*numLabels : (int(r)+1)*numLabels]
		for _, v := range row {
			if math.Round(float64(v/scale)) != 0 {
				keys = append(keys, k)
				break
			}
		}
	}
	slices.Sort(keys)
	e.uvarint(uint64(len(keys)))
	prev := uint32(0)
	for _, k := range keys {
		e.uvarint(uint64(k - prev))
		prev = k
		r := w.index[k]
		row := w.rows[int(r)*numLabels : (int(r)+1)*numLabels]
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

// decoder reads the model's primitives, remembering the first error.
type decoder struct {
	r   *bufio.Reader
	err error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		d.err = err
	}
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.fail(err)
		return nil
	}
	return b
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	b, err := d.r.ReadByte()
	if err != nil {
		d.fail(err)
	}
	return b
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.fail(err)
	}
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(d.r)
	if err != nil {
		d.fail(err)
	}
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
		d.fail(fmt.Errorf("float out of range"))
		return 0
	}
	f := math.Float32frombits(uint32(v))
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		d.fail(fmt.Errorf("weight is not a finite number"))
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
	w.index = make(map[uint32]int32, n)
	w.rows = make([]float32, 0, n*numLabels)
	k := uint64(0)
	for i := 0; i < n && d.err == nil; i++ {
		k += d.uvarint()
		if k > math.MaxUint32 {
			d.fail(fmt.Errorf("feature key out of range"))
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
		w.index[uint32(k)] = int32(i)
		w.rows = append(w.rows, row[:]...)
	}
	return w
}
