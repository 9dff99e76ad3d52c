package attrib

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/crosscheck/crosscheck/document"
)

// Model is a first-order sequence tagger (an averaged structured
// perceptron, decoded with Viterbi) that marks the source, cue and
// content tokens of attributions, paragraph by paragraph.
//
// It is written by hand rather than taken from a library: the Go CRF and
// perceptron packages we know of are unmaintained or wrap C (CRFsuite),
// and the tagger needs hashed features (no string table, no allocation
// per feature) to stay within its time budget of a fraction of a
// millisecond per article. A perceptron trains in a minute on PolNeAR
// and decodes as fast as a CRF of the same features.
type Model struct {
	// first tags from the base features; second, when present, tags again
	// with the first pass's tags as extra features (stacking), which lets
	// a content see where the cue was found and a cue see its content.
	first, second table
	// cues maps a lemma to its cue class (see cueClass).
	cues map[string]uint8
}

// table holds the weights of one tagging pass: an open-addressing hash
// table of feature hashes (0 = empty slot) with nTags weights per slot,
// and the transition scores.
type table struct {
	keys    []uint64
	weights []float32
	mask    uint64
	// trans[a+1][b] scores tag b after tag a (a = -1 at the start).
	trans [nTags + 1][nTags]float32
}

// modelMagic opens a serialised model; the digit is the format version.
const modelMagic = "crosscheck-attrib-2\n"

// cueClass returns the cue class of a lemma: 4 when it is usually a cue
// in the training data, 3 often, 2 sometimes, 1 rarely, 8 for a
// reporting verb of the built-in list the data never showed, 0 otherwise.
// Classes from 3 up count as cue candidates for the distance features.
func (m *Model) cueClass(lemma string) uint8 {
	if c, ok := m.cues[lemma]; ok {
		return c
	}
	if reportingVerbs[lemma] {
		return 8
	}
	return 0
}

// lookup returns the weights of feature h, or nil.
func (m *table) lookup(h uint64) []float32 {
	if len(m.keys) == 0 {
		return nil
	}
	i := h & m.mask
	for {
		k := m.keys[i]
		if k == h {
			return m.weights[i*nTags : i*nTags+nTags]
		}
		if k == 0 {
			return nil
		}
		i = (i + 1) & m.mask
	}
}

// score fills emit[i*nTags+t] with the score of tag t at token i.
func (m *table) score(feats [][]uint64, emit []float32) []float32 {
	n := len(feats)
	if cap(emit) < n*nTags {
		emit = make([]float32, n*nTags)
	}
	emit = emit[:n*nTags]
	clear(emit)
	for i, fs := range feats {
		e := emit[i*nTags : i*nTags+nTags]
		for _, h := range fs {
			if w := m.lookup(h); w != nil {
				for t := range nTags {
					e[t] += w[t]
				}
			}
		}
	}
	return emit
}

// viterbi returns the best tag sequence given emission scores and the
// transition scores trans, honouring the BIO constraints.
func viterbi(emit []float32, n int, trans *[nTags + 1][nTags]float32, tags []int) []int {
	if cap(tags) < n {
		tags = make([]int, n)
	}
	tags = tags[:n]
	if n == 0 {
		return tags
	}
	negInf := float32(math.Inf(-1))
	delta := make([]float32, n*nTags)
	back := make([]int8, n*nTags)
	for t := range nTags {
		if allowed(-1, t) {
			delta[t] = trans[0][t] + emit[t]
		} else {
			delta[t] = negInf
		}
	}
	for i := 1; i < n; i++ {
		for t := range nTags {
			best, arg := negInf, 0
			for a := range nTags {
				if !allowed(a, t) {
					continue
				}
				if s := delta[(i-1)*nTags+a] + trans[a+1][t]; s > best {
					best, arg = s, a
				}
			}
			delta[i*nTags+t] = best + emit[i*nTags+t]
			back[i*nTags+t] = int8(arg)
		}
	}
	best, arg := negInf, 0
	for t := range nTags {
		if s := delta[(n-1)*nTags+t]; s > best {
			best, arg = s, t
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = arg
		arg = int(back[i*nTags+arg])
	}
	return tags
}

// unit is one paragraph ready for the tagger.
type unit struct {
	toks  []document.Token
	quote []uint8
	sent  []sentPos
}

// units cuts a layout into paragraphs.
func units(text string, l layout) []unit {
	var out []unit
	si := 0
	k := 0
	for _, p := range l.paragraphs {
		for k < len(l.tokens) && l.tokens[k].Start < p.Start {
			k++
		}
		from := k
		for k < len(l.tokens) && l.tokens[k].End <= p.End {
			k++
		}
		if k == from {
			continue
		}
		u := unit{toks: l.tokens[from:k], sent: make([]sentPos, k-from)}
		u.quote = quoteStates(text, u.toks, nil)
		idx := 0
		for i := range u.sent {
			g := from + i
			for si < len(l.sentences) && l.sentences[si].To <= g {
				si++
			}
			if si < len(l.sentences) && l.sentences[si].From <= g {
				s := l.sentences[si]
				if i > 0 && g == s.From {
					idx++
				}
				u.sent[i] = sentPos{pos: g - s.From, rem: min(s.To, k) - 1 - g, index: idx}
			} else {
				u.sent[i] = sentPos{pos: i, rem: k - from - 1 - i}
			}
		}
		out = append(out, u)
	}
	return out
}

// tag runs the tagger over one unit.
func (m *Model) tag(text string, u unit) []int {
	feats := m.unitFeatures(text, u.toks, u.quote, u.sent, make([][]uint64, len(u.toks)))
	emit := m.first.score(feats, nil)
	tags := viterbi(emit, len(u.toks), &m.first.trans, nil)
	if len(m.second.keys) == 0 {
		return tags
	}
	feats = m.stackFeatures(text, u, tags, feats)
	emit = m.second.score(feats, emit)
	return viterbi(emit, len(u.toks), &m.second.trans, tags)
}

// WriteTo serialises the model: magic, cue lexicon, transitions, then
// the feature table as (hash, weights) pairs, gzip-compressed. Weights
// are stored as float32.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	put := func(v any) {
		if err == nil {
			err = binary.Write(bw, binary.LittleEndian, v)
		}
	}
	if _, err = bw.WriteString(modelMagic); err != nil {
		return 0, err
	}
	lemmas := make([]string, 0, len(m.cues))
	for l := range m.cues {
		lemmas = append(lemmas, l)
	}
	sort.Strings(lemmas)
	put(uint32(len(lemmas)))
	for _, l := range lemmas {
		put(uint8(len(l)))
		if err == nil {
			_, err = bw.WriteString(l)
		}
		put(m.cues[l])
	}
	for _, t := range []*table{&m.first, &m.second} {
		put(t.trans)
		var n uint32
		for _, k := range t.keys {
			if k != 0 {
				n++
			}
		}
		put(n)
		for i, k := range t.keys {
			if k != 0 {
				put(k)
				put(t.weights[i*nTags : i*nTags+nTags])
			}
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = zw.Close()
	}
	return 0, err
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read attribution model: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("read attribution model: not a crosscheck attribution model")
	}
	get := func(v any) {
		if err == nil {
			err = binary.Read(br, binary.LittleEndian, v)
		}
	}
	m := &Model{cues: map[string]uint8{}}
	var nl uint32
	get(&nl)
	if err == nil && nl > 1<<20 {
		err = errors.New("cue lexicon too large")
	}
	for i := uint32(0); i < nl && err == nil; i++ {
		var ln uint8
		get(&ln)
		b := make([]byte, ln)
		if err == nil {
			_, err = io.ReadFull(br, b)
		}
		var c uint8
		get(&c)
		m.cues[string(b)] = c
	}
	for _, t := range []*table{&m.first, &m.second} {
		get(&t.trans)
		var n uint32
		get(&n)
		if err == nil && n > 1<<26 {
			err = errors.New("feature table too large")
		}
		if err != nil {
			return nil, fmt.Errorf("read attribution model: %w", err)
		}
		if n == 0 {
			continue
		}
		t.alloc(int(n))
		w := make([]float32, nTags)
		for i := uint32(0); i < n; i++ {
			var k uint64
			get(&k)
			get(w)
			if err != nil {
				return nil, fmt.Errorf("read attribution model: %w", err)
			}
			t.insert(k, w)
		}
	}
	return m, nil
}

// alloc sizes the feature table for n features at a load of at most 1/2.
func (m *table) alloc(n int) {
	size := 1
	for size < 2*n+1 {
		size <<= 1
	}
	m.keys = make([]uint64, size)
	m.weights = make([]float32, size*nTags)
	m.mask = uint64(size - 1)
}

func (m *table) insert(k uint64, w []float32) {
	i := k & m.mask
	for m.keys[i] != 0 && m.keys[i] != k {
		i = (i + 1) & m.mask
	}
	m.keys[i] = k
	copy(m.weights[i*nTags:i*nTags+nTags], w)
}
