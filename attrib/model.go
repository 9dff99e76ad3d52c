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
	"sync"

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
	// wn holds the WordNet classes of words (nil: trained without).
	wn WordNet
	// lex is cues and wn in the form tagging reads (see finish).
	lex lexTable
	// joint is the compact form of both tables that tagging reads (see
	// finish).
	joint joint
	// cueBias is added to the cue tags' scores of the last pass.
	// cueBias1 is added to the first pass's cue scores, cueBias and
	// cueIBias to the second pass's B-cue and I-cue scores (tuned on
	// development data: see CueBiases).
	cueBias, cueIBias float32
	cueBias1          float32
	// stage, when set, is the cue stage (see cueStage).
	stage *cueStage
	// scratch pools the tagging buffers (*scratch) from article to
	// article: without it every article allocates them afresh, about
	// 150 KB, most of the attribution stage's allocation.
	scratch sync.Pool
}

// joint holds both passes' weights in one open-addressing table of
// 16-byte slots: a feature's weights for the first and the second pass
// sit in one cache line, so the base features cost one memory access for
// both passes, and the second pass only looks up its own features.
type joint struct {
	slots  []slot
	mask   uint64
	scale1 float32
	scale2 float32
	second bool
}

// slot is one feature of the joint table, packed into two words so that
// scoring can add its weights eight at a time (see joint.score): the
// check (the high 16 bits of its hash, whose low bits chose the slot) in
// bytes 0-1, then the first pass's nTags weights in bytes 2-8 and the
// second pass's in bytes 9-15, little-endian, each an int8 in units of
// the joint table's scales.
type slot struct {
	lo, hi uint64
}

// check returns the slot's check, 0 when the slot is empty.
func (s slot) check() uint16 { return uint16(s.lo) }

// wideSlot is a slot while the table is built.
type wideSlot struct {
	check  uint16
	w1, w2 [nTags]int8
}

// pack returns s as a slot.
func (s wideSlot) pack() slot {
	var b [16]byte
	binary.LittleEndian.PutUint16(b[:], s.check)
	for t := range nTags {
		b[2+t] = uint8(s.w1[t])
		b[2+nTags+t] = uint8(s.w2[t])
	}
	return slot{lo: binary.LittleEndian.Uint64(b[:8]), hi: binary.LittleEndian.Uint64(b[8:])}
}

// The packing assumes seven tags: 2 + 2*7 bytes fill a slot.
var _ = [1]struct{}{}[2+2*nTags-16]

// finish builds m.joint from the tables. It runs once, after loading or
// training; a Model is read-only afterwards.
func (m *Model) finish() *Model {
	maxAbs := func(t *table) float32 {
		v := float32(0)
		for i, k := range t.keys {
			if k != 0 {
				for _, w := range t.weights[i*nTags : i*nTags+nTags] {
					v = max(v, w, -w)
				}
			}
		}
		if v == 0 {
			return 1
		}
		return v / 127
	}
	// Size the table for the features of both passes together (most have
	// weights in both): half the memory of counting them twice, for the
	// same speed.
	distinct := map[uint64]struct{}{}
	for _, t := range []*table{&m.first, &m.second} {
		for _, k := range t.keys {
			if k != 0 {
				distinct[k] = struct{}{}
			}
		}
	}
	n := len(distinct)
	size := 1
	for size < 2*n+2 {
		size <<= 1
	}
	j := joint{mask: uint64(size - 1), scale1: maxAbs(&m.first), scale2: maxAbs(&m.second)}
	j.second = len(m.second.keys) > 0
	wide := make([]wideSlot, size)
	for pass, t := range []*table{&m.first, &m.second} {
		scale := j.scale1
		if pass == 1 {
			scale = j.scale2
		}
		for i, k := range t.keys {
			if k == 0 {
				continue
			}
			s := findSlot(wide, j.mask, k)
			w := &s.w1
			if pass == 1 {
				w = &s.w2
			}
			for x, v := range t.weights[i*nTags : i*nTags+nTags] {
				w[x] = int8(math.Round(float64(v / scale)))
			}
		}
	}
	j.slots = make([]slot, size)
	for i, s := range wide {
		j.slots[i] = s.pack()
	}
	m.joint = j
	m.lex = newLexTable(m.cues, m.wn)
	return m
}

// findSlot returns the slot of hash h in the table being built,
// claiming an empty one if h has none.
func findSlot(slots []wideSlot, mask, h uint64) *wideSlot {
	c := checkOf(h)
	i := h & mask
	for {
		s := &slots[i]
		if s.check == c {
			return s
		}
		if s.check == 0 {
			s.check = c
			return s
		}
		i = (i + 1) & mask
	}
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
const modelMagic = "crosscheck-attrib-6\n"

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

// checkOf returns the part of a hash a slot keeps (never 0, which marks
// an empty slot).
func checkOf(h uint64) uint16 {
	c := uint16(h >> 48)
	if c == 0 {
		c = 1
	}
	return c
}

// score fills emit1 and, when the model has a second pass, emit2 with
// the first and second pass's scores of each tag at each token
// (emitK[i*nTags+t]) over the features feats.
func (j *joint) score(feats [][]uint64, emit1, emit2 []float32) ([]float32, []float32) {
	n := len(feats) * nTags
	emit1 = grow(emit1, n)
	emit2 = grow(emit2, n)
	if len(j.slots) == 0 {
		clear(emit1)
		clear(emit2)
		return emit1, emit2
	}
	var touch uint16
	for i, fs := range feats {
		// Touch every feature's first slot before probing: the loads are
		// independent, so the processor overlaps their cache misses,
		// where the probing loop below, with its data-dependent
		// branches, would wait for them one at a time. Measured: the
		// scoring takes about a quarter less time.
		for _, h := range fs {
			touch += j.slots[h&j.mask].check()
		}
		// The weights are summed eight at a time in 16-bit lanes of four
		// words (SIMD within a register): even and odd bytes of each
		// half of a slot apart, each weight offset by 128 so that the
		// lanes hold non-negative sums, which 256 features cannot carry
		// out of a lane (255 × 256 < 65,536). The sums are exact, the
		// same integers the per-weight loop added.
		var a1, a2 [nTags]int32
		var e0, o0, e1, o1 uint64
		hits := 0
		for _, h := range fs {
			c := checkOf(h)
			k := h & j.mask
			for {
				s := j.slots[k]
				if s.check() == c {
					x, y := s.lo^flipBytes, s.hi^flipBytes
					e0 += x & evenBytes
					o0 += x >> 8 & evenBytes
					e1 += y & evenBytes
					o1 += y >> 8 & evenBytes
					hits++
					if hits == 256 {
						addLanes(&a1, &a2, e0, o0, e1, o1, hits)
						e0, o0, e1, o1, hits = 0, 0, 0, 0, 0
					}
					break
				}
				if s.check() == 0 {
					break
				}
				k = (k + 1) & j.mask
			}
		}
		addLanes(&a1, &a2, e0, o0, e1, o1, hits)
		em1 := emit1[i*nTags : i*nTags+nTags]
		em2 := emit2[i*nTags : i*nTags+nTags]
		if touch == 1<<15+1 {
			// Never true in practice; keeps the touching loop from being
			// optimised away.
			em1[0] += 0
		}
		for t := range nTags {
			em1[t] = float32(a1[t]) * j.scale1
			em2[t] = float32(a2[t]) * j.scale2
		}
	}
	return emit1, emit2
}

const (
	evenBytes = 0x00ff00ff00ff00ff
	flipBytes = 0x8080808080808080
)

// addLanes adds to a1 and a2 the weights summed in the lanes of e0, o0
// (the even and odd bytes of slot.lo) and e1, o1 (of slot.hi) over n
// slots, each weight offset by 128.
func addLanes(a1, a2 *[nTags]int32, e0, o0, e1, o1 uint64, n int) {
	if n == 0 {
		return
	}
	bias := int32(128 * n)
	lane := func(v uint64, k int) int32 { return int32(v>>(16*k)&0xffff) - bias }
	// Byte b of the slot is lane b/2 of the even or odd word of its
	// half; bytes 0-1 are the check, 2-8 the first pass, 9-15 the second.
	a1[0] += lane(e0, 1)
	a1[1] += lane(o0, 1)
	a1[2] += lane(e0, 2)
	a1[3] += lane(o0, 2)
	a1[4] += lane(e0, 3)
	a1[5] += lane(o0, 3)
	a1[6] += lane(e1, 0)
	a2[0] += lane(o1, 0)
	a2[1] += lane(e1, 1)
	a2[2] += lane(o1, 1)
	a2[3] += lane(e1, 2)
	a2[4] += lane(o1, 2)
	a2[5] += lane(e1, 3)
	a2[6] += lane(o1, 3)
}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// score fills emit[i*nTags+t] with the score of tag t at token i. It
// reads the full-precision table, for training.
func (m *table) score(feats [][]uint64, emit []float32) []float32 {
	emit = grow(emit, len(feats)*nTags)
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

// viterbi returns the best tag sequence given emission scores and the
// transition scores trans, honouring the BIO constraints.
//
// back, when not nil, is a buffer for the back pointers.
func viterbi(emit []float32, n int, trans *[nTags + 1][nTags]float32, tags []int, back *[]int8) []int {
	if cap(tags) < n {
		tags = make([]int, n)
	}
	tags = tags[:n]
	if n == 0 {
		return tags
	}
	negInf := float32(math.Inf(-1))
	// The BIO constraints baked into the transition scores, so that the
	// inner loop has no branch but the max; stored by target tag (trT[b]
	// holds the scores of every predecessor of b), so that the loop over
	// predecessors reads one row.
	var start [nTags]float32
	var trT [nTags][nTags]float32
	for b := range nTags {
		start[b] = trans[0][b]
		if !allowed(-1, b) {
			start[b] = negInf
		}
		for a := range nTags {
			if allowed(a, b) {
				trT[b][a] = trans[a+1][b]
			} else {
				trT[b][a] = negInf
			}
		}
	}
	var prev, cur [nTags]float32
	var bk0 []int8
	if back == nil {
		back = &bk0
	}
	bp := grown(back, n*nTags)
	for t := range nTags {
		prev[t] = start[t] + emit[t]
	}
	for i := 1; i < n; i++ {
		e := (*[nTags]float32)(emit[i*nTags : i*nTags+nTags])
		bk := (*[nTags]int8)(bp[i*nTags : i*nTags+nTags])
		// Any tag may precede O and the B- tags.
		for _, t := range [...]int{tagO, tagBSource, tagBCue, tagBContent} {
			row := &trT[t]
			best, arg := prev[0]+row[0], 0
			for a := 1; a < nTags; a++ {
				if s := prev[a] + row[a]; s > best {
					best, arg = s, a
				}
			}
			cur[t] = best + e[t]
			bk[t] = int8(arg)
		}
		// Only its B- tag and itself may precede an I- tag.
		for _, t := range [...]int{tagISource, tagICue, tagIContent} {
			best, arg := prev[t-1]+trT[t][t-1], t-1
			if s := prev[t] + trT[t][t]; s > best {
				best, arg = s, t
			}
			cur[t] = best + e[t]
			bk[t] = int8(arg)
		}
		prev = cur
	}
	best, arg := prev[0], 0
	for t := 1; t < nTags; t++ {
		if prev[t] > best {
			best, arg = prev[t], t
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = arg
		arg = int(bp[i*nTags+arg])
	}
	return tags
}

// unit is one paragraph ready for the tagger.
type unit struct {
	// base is the index in layout.tokens of the unit's first token.
	base  int
	toks  []document.Token
	quote []uint8
	sent  []sentPos
}

// maxUnitTokens bounds the tokens tagged as one sequence. A paragraph
// longer than that (a page without paragraph breaks, or a hostile input)
// is tagged in pieces cut at sentence ends, so that memory stays
// proportional to the piece, not the input.
const maxUnitTokens = 400

// units cuts a layout into paragraphs, and paragraphs longer than
// maxUnitTokens into runs of whole sentences.
func units(text string, l layout) []unit {
	var out []unit
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
		if k-from <= maxUnitTokens {
			out = append(out, newUnit(text, l, from, k))
			continue
		}
		// Cut at sentence ends; a sentence longer than the limit is cut
		// where the limit falls.
		start := from
		for start < k {
			end := min(start+maxUnitTokens, k)
			if end < k {
				si := sentenceOf(l, end)
				if si < len(l.sentences) && l.sentences[si].From > start {
					end = l.sentences[si].From
				}
			}
			out = append(out, newUnit(text, l, start, end))
			start = end
		}
	}
	return out
}

// newUnit builds the unit of tokens [from, to).
func newUnit(text string, l layout, from, to int) unit {
	u := unit{base: from, toks: l.tokens[from:to], sent: make([]sentPos, to-from)}
	u.quote = quoteStates(text, u.toks, nil)
	si := sentenceOf(l, from)
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
			u.sent[i] = sentPos{pos: max(g-max(s.From, from), 0), rem: min(s.To, to) - 1 - g, index: idx}
		} else {
			u.sent[i] = sentPos{pos: i, rem: to - from - 1 - i}
		}
	}
	return u
}

// tag runs the tagger over one unit. It returns the tags and the scores
// they were decoded from (emit[i*nTags+t], tag t at token i), both
// living in sc and overwritten by the next call.
func (m *Model) tag(sc *scratch, text string, u unit) ([]int, []float32) {
	feats := m.unitFeatures(sc, text, u.toks, u.quote, u.sent)
	sc.emit1, sc.emit2 = m.joint.score(feats, sc.emit1, sc.emit2)
	if m.cueBias1 != 0 {
		for i := 0; i < len(sc.emit1); i += nTags {
			sc.emit1[i+tagBCue] += m.cueBias1
			sc.emit1[i+tagICue] += m.cueBias1
		}
	}
	tags := viterbi(sc.emit1, len(u.toks), &m.first.trans, sc.tags, &sc.back)
	sc.tags = tags
	if !m.joint.second {
		return tags, sc.emit1
	}
	// A paragraph the first pass found nothing in, and without quotation
	// marks, is left as it is: the second pass hardly ever finds an
	// attribution there, and skipping it saves a third of the time.
	found := false
	for i, t := range tags {
		if t != tagO || u.quote[i] != 0 {
			found = true
			break
		}
	}
	if !found {
		return tags, sc.emit1
	}
	// The second pass scores the base features (already summed into
	// emit2) and its own features over the first pass's tags.
	sf := m.stackFeatures(sc, text, u, tags, nil)
	sc.junk, sc.extra = m.joint.score(sf, sc.junk, sc.extra)
	for i, v := range sc.extra {
		sc.emit2[i] += v
	}
	if m.cueBias != 0 || m.cueIBias != 0 {
		for i := 0; i < len(sc.emit2); i += nTags {
			sc.emit2[i+tagBCue] += m.cueBias
			sc.emit2[i+tagICue] += m.cueIBias
		}
	}
	return viterbi(sc.emit2, len(u.toks), &m.second.trans, tags, &sc.back), sc.emit2
}

// WriteTo serialises the model: magic, cue lexicon, transitions, then
// the feature table as (hash, weights) pairs, gzip-compressed. Weights
// are stored as float32.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
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
		return cw.n, err
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
	words := sortedKeys(m.wn)
	put(uint32(len(words)))
	for _, w := range words {
		put(uint8(len(w)))
		if err == nil {
			_, err = bw.WriteString(w)
		}
		e := m.wn[w]
		put(e.verb)
		put(e.noun)
		put(e.mask)
	}
	for _, t := range []*table{&m.first, &m.second} {
		put(t.trans)
		// Features sorted by hash, each as the varint delta from the
		// previous hash and nTags int16 weights scaled by the table's
		// largest weight: a third of the float32 size, and no measurable
		// change in tagging.
		var ks []int
		maxAbs := float32(0)
		for i, k := range t.keys {
			if k != 0 {
				ks = append(ks, i)
				for _, v := range t.weights[i*nTags : i*nTags+nTags] {
					maxAbs = max(maxAbs, v, -v)
				}
			}
		}
		sort.Slice(ks, func(a, b int) bool { return t.keys[ks[a]] < t.keys[ks[b]] })
		scale := maxAbs / 32767
		if scale == 0 {
			scale = 1
		}
		put(uint32(len(ks)))
		put(scale)
		var prev uint64
		var vb [binary.MaxVarintLen64]byte
		q := make([]int16, nTags)
		for _, i := range ks {
			k := t.keys[i]
			n := binary.PutUvarint(vb[:], k-prev)
			prev = k
			if err == nil {
				_, err = bw.Write(vb[:n])
			}
			for j, v := range t.weights[i*nTags : i*nTags+nTags] {
				q[j] = int16(math.Round(float64(v / scale)))
			}
			put(q)
		}
	}
	put([3]float32{m.cueBias1, m.cueBias, m.cueIBias})
	if m.stage == nil {
		put(uint32(0))
	} else {
		ks := m.stage.sorted()
		put(uint32(len(ks)))
		put(m.stage.theta)
		for _, k := range ks {
			put(k)
			put(m.stage.w[k])
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = zw.Close()
	}
	return cw.n, err
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
	var nw uint32
	get(&nw)
	if err == nil && nw > 1<<20 {
		err = errors.New("word class table too large")
	}
	if nw > 0 {
		m.wn = make(WordNet, nw)
	}
	for i := uint32(0); i < nw && err == nil; i++ {
		var ln uint8
		get(&ln)
		b := make([]byte, ln)
		if err == nil {
			_, err = io.ReadFull(br, b)
		}
		var e wnInfo
		get(&e.verb)
		get(&e.noun)
		get(&e.mask)
		m.wn[string(b)] = e
	}
	for _, t := range []*table{&m.first, &m.second} {
		get(&t.trans)
		var n uint32
		var scale float32
		get(&n)
		get(&scale)
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
		q := make([]int16, nTags)
		var k uint64
		for i := uint32(0); i < n; i++ {
			var d uint64
			d, err = binary.ReadUvarint(br)
			k += d
			get(q)
			if err == nil && k == 0 {
				err = errors.New("zero feature hash")
			}
			if err != nil {
				return nil, fmt.Errorf("read attribution model: %w", err)
			}
			for j, v := range q {
				w[j] = float32(v) * scale
			}
			t.insert(k, w)
		}
	}
	var biases [3]float32
	get(&biases)
	m.cueBias1, m.cueBias, m.cueIBias = biases[0], biases[1], biases[2]
	var ns uint32
	get(&ns)
	if err == nil && ns > 1<<24 {
		err = errors.New("cue stage too large")
	}
	if err == nil && ns > 0 {
		m.stage = &cueStage{w: make(map[uint64]float32, ns)}
		get(&m.stage.theta)
		for i := uint32(0); i < ns && err == nil; i++ {
			var k uint64
			var w float32
			get(&k)
			get(&w)
			m.stage.w[k] = w
		}
		m.stage.compact()
	}
	if err != nil {
		return nil, fmt.Errorf("read attribution model: %w", err)
	}
	m.finish()
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

// Prune drops the features whose weights all lie within ±th: most of a
// perceptron's features are seen rarely and barely move a score.
func (m *Model) Prune(th float64) {
	for _, t := range []*table{&m.first, &m.second} {
		type kw struct {
			k uint64
			w []float32
		}
		var kept []kw
		for i, k := range t.keys {
			if k == 0 {
				continue
			}
			w := t.weights[i*nTags : i*nTags+nTags]
			big := false
			for _, v := range w {
				if v > float32(th) || v < -float32(th) {
					big = true
				}
			}
			if big {
				kept = append(kept, kw{k, append([]float32(nil), w...)})
			}
		}
		trans := t.trans
		*t = table{trans: trans}
		if len(kept) == 0 {
			continue
		}
		t.alloc(len(kept))
		for _, e := range kept {
			t.insert(e.k, e.w)
		}
	}
	m.finish()
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
