package attrib

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/crosscheck/crosscheck/document"
)

// The cue stage takes a second look at each attribution's cue, as a
// whole span rather than token by token. The tagger decides each token
// with a view of its neighbours; whether annotators mark "said" or "said
// in a statement", "accused" or "accused her of", and whether a verb in
// the middle of someone else's reported words is an attribution of its
// own at all, are questions about the span and the attribution around
// it. The stage scores the cue and its variants (up to one token more or
// less on the left, two on the right) with features of the span, its
// edges and its attribution (source, content, neighbours), keeps the
// best variant, and drops the attribution when no variant scores above
// a threshold. The attributions the rules found are left as they are.
//
// It is a multiclass averaged perceptron trained on attributions found
// in the training documents by models that never saw them (jackknife),
// so that it learns from the kind of mistakes the tagger makes on new
// text.
type cueStage struct {
	w map[uint64]float32
	// theta is the score a cue must reach to stay.
	theta float32
	// table is w in the compact form scoring reads (see compact).
	table stageTable
}

// stageTable is an open-addressing table of the stage's weights, four
// bytes a feature (16 bits of the feature's hash, the weight in units of
// scale), small enough to stay in the cache: a Go map of the same
// weights took three times as long to read.
type stageTable struct {
	slots []stageSlot
	mask  uint64
	scale float32
}

type stageSlot struct {
	check uint16
	w     int16
}

// compact builds st.table from st.w.
func (st *cueStage) compact() {
	maxAbs := float32(0)
	for _, v := range st.w {
		maxAbs = max(maxAbs, v, -v)
	}
	size := 1
	for size < 2*len(st.w)+2 {
		size <<= 1
	}
	t := stageTable{slots: make([]stageSlot, size), mask: uint64(size - 1), scale: maxAbs / 32767}
	if t.scale == 0 {
		t.scale = 1
	}
	for _, k := range st.sorted() {
		c := checkOf(k)
		i := k & t.mask
		for t.slots[i].check != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = stageSlot{check: c, w: int16(math.Round(float64(st.w[k] / t.scale)))}
	}
	st.table = t
}

// sum returns the total weight of features fs.
func (t *stageTable) sum(fs []uint64) float32 {
	if len(t.slots) == 0 {
		return 0
	}
	var s int32
	for _, h := range fs {
		c := checkOf(h)
		for i := h & t.mask; ; i = (i + 1) & t.mask {
			sl := t.slots[i]
			if sl.check == c {
				s += int32(sl.w)
				break
			}
			if sl.check == 0 {
				break
			}
		}
	}
	return float32(s) * t.scale
}

// Feature templates of the cue stage (the tagger's run below 200).
const (
	rHead = iota + 200
	rClass
	rSrc
	rCont
	rContLen
	rQuote
	rNest
	rHeadSrc
	rHeadCont
	rSentPos
	rBias
	rMargin
	rMarginHead
	vOff
	vStr
	vFirst
	vLast
	vNext
	vPrev
	vLastNext
	vPrevFirst
	vLen
	vHeadOff
	vAddR
	vDelR
	vScoreAdd
	vScoreDel
	rContWord
	rPrevHead
)

// variant is a candidate cue span, tokens [from, to).
type variant struct{ from, to int }

// cueVariants appends to out the cue of r and its variants: the cue
// ending up to two tokens earlier or later, within the sentence and
// clear of the source, taking from a content that follows the cue only
// its first tokens. The cue itself comes first. (Variants that also
// move the cue's start were tried: they changed no dev score, and cost
// three times the scoring.)
func cueVariants(l layout, r relation, out []variant) []variant {
	out = append(out[:0], variant{r.cue.from, r.cue.to})
	if len(l.sentences) == 0 {
		return out
	}
	s := l.sentences[min(r.cue.sent, len(l.sentences)-1)]
	a := r.cue.from
	for b := r.cue.to - 2; b <= r.cue.to+2; b++ {
		if b == r.cue.to || a >= b || b > s.To {
			continue
		}
		if r.source != nil && a < r.source.to && r.source.from < b {
			continue
		}
		ok := true
		for _, c := range r.content {
			if a < c.to && c.from < b && !(c.from >= r.cue.to && b < c.to) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, variant{a, b})
		}
	}
	return out
}

// applyVariant sets r's cue to v, taking from the content the tokens the
// new cue covers.
func applyVariant(r *relation, v variant) {
	old := r.cue
	r.cue.from, r.cue.to = v.from, v.to
	kept := r.content[:0]
	for _, c := range r.content {
		if c.from >= old.to && v.to > c.from {
			c.from = v.to
		}
		if c.to <= old.from && v.from < c.to {
			c.to = v.from
		}
		if c.to > c.from {
			kept = append(kept, c)
		}
	}
	r.content = kept
}

// stageCtx holds what the cue stage's features read of a document.
// It keeps no per-token cache: the stage looks at a few tokens around
// each cue, and hashing them again costs less than allocating a cache
// the size of the document.
type stageCtx struct {
	m    *Model
	text string
	l    layout
}

func newStageCtx(m *Model, text string, l layout) *stageCtx {
	return &stageCtx{m: m, text: text, l: l}
}

// lemmaHash returns the hash of token i's lemma.
func (c *stageCtx) lemmaHash(i int) uint64 {
	return hashString(fnvOffset, lemma(c.word(i)))
}

// lexOf returns the lexicon's entry for token i's lemma.
func (c *stageCtx) lexOf(i int) lexEntry { return c.m.lex.get(c.lemmaHash(i)) }

// cueClass returns token i's cue class (see Model.cueClass).
func (c *stageCtx) cueClass(i int) uint8 { return c.lexOf(i).cue }

func (c *stageCtx) word(i int) string {
	if i < 0 {
		return "<s>"
	}
	if i >= len(c.l.tokens) {
		return "</s>"
	}
	t := c.l.tokens[i]
	return lowerASCII(c.text[t.Start:t.End])
}

func (c *stageCtx) hword(i int) uint64 {
	if i < 0 || i >= len(c.l.tokens) {
		return hashString(fnvOffset, c.word(i))
	}
	t := c.l.tokens[i]
	return hashLower(c.text[t.Start:t.End])
}

// hashLower returns hashString(fnvOffset, lowerASCII(s)) without
// building the lower-cased string when s is ASCII.
func hashLower(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x80 {
			return hashString(fnvOffset, lowerASCII(s))
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		h ^= uint64(b)
		h *= fnvPrime
	}
	return h
}

// relFeatures appends the features of relation i of rels that do not
// depend on the cue variant.
func (m *Model) relFeatures(c *stageCtx, rels []relation, i int, f []uint64) []uint64 {
	r := rels[i]
	l := c.l
	head, best := r.cue.from, -1
	for k := r.cue.from; k < r.cue.to; k++ {
		cl := int(c.cueClass(k))
		if cl == 8 {
			cl = 3
		}
		if cl > best {
			head, best = k, cl
		}
	}
	hh := c.lemmaHash(head)
	wn := c.lexOf(head).wn
	// Source: none, or before/after the cue, and what it opens with.
	var src uint64
	if s := r.source; s != nil {
		w := c.text[l.tokens[s.from].Start:l.tokens[s.from].End]
		kind := uint64(3)
		switch {
		case isPronoun(w):
			kind = 1
		case isNameish(w):
			kind = 2
		}
		if s.from >= r.cue.to {
			kind += 4
		}
		src = kind
	}
	// Content: after or before the cue, the class of its first token,
	// how many parts, how long.
	var cont, n, contWord uint64
	startsQuote := false
	if len(r.content) > 0 {
		contWord = c.hword(r.content[0].from)
		c0 := r.content[0]
		dir := uint64(1)
		if c0.to <= r.cue.from {
			dir = 2
		}
		w := c.word(c0.from)
		startsQuote = isQuoteMark(w)
		cont = dir<<8 | ctxClass(w, 0, isNameish(c.text[l.tokens[c0.from].Start:l.tokens[c0.from].End]))<<2 | uint64(min(len(r.content), 3))
		for _, x := range r.content {
			n += uint64(x.to - x.from)
		}
	}
	var inQuote uint64
	if p := r.cue.para; p < len(l.units) {
		u := l.units[p]
		if k := r.cue.from - u.base; k >= 0 && k < len(u.quote) {
			inQuote = uint64(u.quote[k])
		}
	}
	// Neighbours in the same sentence: does this attribution start where
	// the previous one's content stops (a verb inside someone else's
	// words), or does its content run into the next one?
	start := r.cue.from
	if r.source != nil && r.source.to <= r.cue.from {
		start = r.source.from
	}
	var nest, prevHead uint64
	if i > 0 && rels[i-1].cue.sent == r.cue.sent {
		nest = 1
		p := rels[i-1]
		prevHead = c.hword(p.cue.to - 1)
		for _, x := range p.content {
			if x.to == start || x.to+1 == start {
				nest = 2
			}
		}
	}
	if i+1 < len(rels) && rels[i+1].cue.sent == r.cue.sent {
		nest |= 4
		nx := rels[i+1]
		nstart := nx.cue.from
		if nx.source != nil && nx.source.to <= nx.cue.from {
			nstart = nx.source.from
		}
		for _, x := range r.content {
			if x.to == nstart || x.to+1 == nstart {
				nest |= 8
			}
		}
	}
	var sentPos uint64
	if len(l.sentences) > 0 {
		s := l.sentences[min(r.cue.sent, len(l.sentences)-1)]
		sentPos = distBucket(r.cue.from-s.From)<<4 | distBucket(s.To-r.cue.to)
	}
	return append(f,
		feat(rBias),
		feat(rHead, hh),
		feat(rClass, uint64(best), uint64(wn.mask)),
		feat(rSrc, src),
		feat(rCont, cont),
		feat(rContLen, distBucket(int(n)), boolHash(startsQuote)),
		feat(rQuote, inQuote, boolHash(startsQuote)),
		feat(rNest, nest),
		feat(rHeadSrc, hh, src),
		feat(rHeadCont, hh, cont>>2),
		feat(rSentPos, sentPos),
		feat(rMargin, marginBucket(r.cue.margin)),
		feat(rContWord, contWord, cont>>8),
		feat(rPrevHead, prevHead, nest),
		feat(rMarginHead, marginBucket(r.cue.margin), hh),
	)
}

// marginBucket puts a score difference on a signed logarithmic scale
// (steps of a factor of two from 8 up).
func marginBucket(d float32) uint64 {
	b := uint64(0)
	neg := d < 0
	if neg {
		d = -d
	}
	for d >= 8 && b < 8 {
		d /= 2
		b++
	}
	if neg {
		return 16 + b
	}
	return b
}

// firstStrong returns the first token from the cue's start, up to two
// past its end, whose lemma is a likely cue (class 3 and up), or -1:
// the head of every variant (which all start where the cue does) that
// reaches it.
func firstStrong(c *stageCtx, r relation) int {
	for k := r.cue.from; k < r.cue.to+2 && k < len(c.l.tokens); k++ {
		if c.cueClass(k) >= 3 {
			return k
		}
	}
	return -1
}

// varFeatures appends the features of cue variant v of relation r;
// strong is firstStrong(c, r).
func (m *Model) varFeatures(c *stageCtx, r relation, v variant, strong int, f []uint64) []uint64 {
	dr := uint64(v.to - r.cue.to + 2)
	h := uint64(fnvOffset)
	for k := v.from; k < v.to; k++ {
		h = mix(h, c.hword(k))
	}
	var head uint64
	if strong >= v.from && strong < v.to {
		head = c.lemmaHash(strong)
	} else {
		head = c.lemmaHash(v.from)
	}
	first, last := c.hword(v.from), c.hword(v.to-1)
	prev, next := c.hword(v.from-1), c.hword(v.to)
	f = append(f,
		feat(vOff, dr),
		feat(vStr, h),
		feat(vFirst, first),
		feat(vLast, last),
		feat(vNext, next, dr),
		feat(vPrev, prev),
		feat(vLastNext, last, next),
		feat(vPrevFirst, prev, first),
		feat(vLen, uint64(min(v.to-v.from, 6))),
		feat(vHeadOff, head, dr),
	)
	// How the tagger scored the tokens the variant adds or removes.
	mean := func(a, b int) uint64 {
		var s float32
		for k := a; k < b; k++ {
			s += c.l.cueScore[k]
		}
		return marginBucket(s / float32(b-a))
	}
	if v.to > r.cue.to {
		f = append(f, feat(vScoreAdd, mean(r.cue.to, v.to)))
	}
	if v.to < r.cue.to {
		f = append(f, feat(vScoreDel, mean(v.to, r.cue.to)))
	}
	for k := r.cue.to; k < v.to; k++ {
		f = append(f, feat(vAddR, c.hword(k)))
	}
	for k := v.to; k < r.cue.to; k++ {
		f = append(f, feat(vDelR, c.hword(k)))
	}
	return f
}

// applyCueStage rescores the cues of rels, replacing each by its best
// variant and dropping the relations none of whose variants scores
// above the threshold. rels must be in cue order.
func (m *Model) applyCueStage(text string, l layout, rels []relation) []relation {
	st := m.stage
	if st == nil || len(st.table.slots) == 0 || len(rels) == 0 {
		return rels
	}
	c := newStageCtx(m, text, l)
	var fs []uint64
	var vs []variant
	sum := st.table.sum
	choice := make([]int, len(rels))
	vars := make([]variant, len(rels))
	for i, r := range rels {
		if r.rule {
			// What the rules found (a quotation and a reporting verb
			// next to it, "as claimed by", a transcript's "NAME:")
			// stays as they found it.
			vars[i] = variant{r.cue.from, r.cue.to}
			continue
		}
		fs = m.relFeatures(c, rels, i, fs[:0])
		base := sum(fs)
		vs = cueVariants(l, r, vs)
		strong := firstStrong(c, r)
		best, arg := float32(0), -1
		for k, v := range vs {
			fs = m.varFeatures(c, r, v, strong, fs[:0])
			s := base + sum(fs)
			if arg < 0 || s > best {
				best, arg = s, k
			}
		}
		if best < st.theta {
			choice[i] = -1
			continue
		}
		vars[i] = vs[arg]
	}
	out := rels[:0]
	for i := range rels {
		if choice[i] < 0 {
			continue
		}
		r := rels[i]
		applyVariant(&r, vars[i])
		if len(r.content) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// relations runs the tagger and the rules over a layout: the
// attributions before the cue stage.
func (m *Model) relations(text string, l layout) []relation {
	rels := m.extract(text, l)
	return addQuoteRules(text, l, m, rels)
}

// stageExample is one attribution the cue stage learns from: the
// features of the attribution and of each cue variant, and which variant
// the annotators marked (-1: none).
type stageExample struct {
	rel  []int32
	vars [][]int32
	gold int
}

// CueStageOptions tunes TrainCueStage.
type CueStageOptions struct {
	// Folds is the number of jackknife folds (default 4).
	Folds int
	// Repeats is how many times the documents are cut into folds, each
	// time another way, for that many times the examples (default 1).
	Repeats int
	// Train trains a model on some of the documents; it is called once
	// per fold.
	Train func(ctx context.Context, docs []Labeled) (*Model, error)
	// Epochs is the number of passes over the examples (default 10).
	Epochs int
	// Seed orders the examples.
	Seed uint64
	// Biases are the cue biases to train a stage for (default: m's).
	Biases []CueBiases
	// Score, when set, rates m after each epoch (holding that epoch's
	// averaged weights), on development data; the stage of the best
	// epoch is kept. Without it, the last epoch's is.
	Score func(epoch int, m *Model) float64
	// Log, when set, receives progress lines.
	Log func(format string, args ...any)
}

// TrainCueStage trains m's cue stage on docs, which must be the
// documents m was trained on: opt.Train trains a model on all but one
// fold, and the attributions it finds in that fold are the examples.
//
// The stage is trained once for each of opt.Biases (the tagger's cue
// biases while finding the examples, and afterwards: liberal biases give
// the stage more cues to choose from), and the biases and stage of the
// best opt.Score are kept in m.
func TrainCueStage(ctx context.Context, m *Model, docs []Labeled, opt CueStageOptions) error {
	if opt.Folds < 2 {
		opt.Folds = 4
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.Train == nil {
		return fmt.Errorf("train cue stage: no Train function")
	}
	if len(opt.Biases) == 0 {
		opt.Biases = []CueBiases{{First: m.cueBias1, Begin: m.cueBias, Inside: m.cueIBias}}
	}
	logf := opt.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	// The fold models, and which documents each tags.
	type fold struct {
		m    *Model
		docs []Labeled
	}
	var folds []fold
	for rep := range max(opt.Repeats, 1) {
		// Each repeat cuts the documents into folds its own way: the
		// first in turn, the others after shuffling.
		part := make([]int, len(docs))
		for i := range part {
			part[i] = i % opt.Folds
		}
		if rep > 0 {
			rand.New(rand.NewPCG(opt.Seed, uint64(rep))).Shuffle(len(part), func(i, j int) { part[i], part[j] = part[j], part[i] })
		}
		for k := range opt.Folds {
			var in, out []Labeled
			for i, d := range docs {
				if part[i] == k {
					out = append(out, d)
				} else {
					in = append(in, d)
				}
			}
			fm, err := opt.Train(ctx, in)
			if err != nil {
				return fmt.Errorf("train cue stage: fold %d: %w", k+1, err)
			}
			fm.stage = nil
			folds = append(folds, fold{fm, out})
			logf("cue stage: fold model %d/%d trained", len(folds), opt.Folds*max(opt.Repeats, 1))
		}
	}
	var best struct {
		stage  *cueStage
		biases CueBiases
		score  float64
	}
	for _, b := range opt.Biases {
		index := map[uint64]int32{}
		var keys []uint64
		var data []stageExample
		for _, f := range folds {
			f.m.SetCueBiases(b)
			ex, err := stageExamples(ctx, f.m, f.docs, index, &keys)
			if err != nil {
				return err
			}
			data = append(data, ex...)
		}
		logf("cue stage: biases %g/%g/%g, %d examples", b.First, b.Begin, b.Inside, len(data))
		m.SetCueBiases(b)
		stage, score := trainStage(m, data, keys, opt)
		if best.stage == nil || score > best.score {
			best.stage, best.biases, best.score = stage, b, score
		}
	}
	m.SetCueBiases(best.biases)
	m.stage = best.stage
	return nil
}

// stageExamples finds the attributions fm finds in docs and turns them
// into examples for the cue stage, numbering features through index and
// keys.
func stageExamples(ctx context.Context, fm *Model, docs []Labeled, index map[uint64]int32, keys *[]uint64) ([]stageExample, error) {
	ids := func(hs []uint64) []int32 {
		out := make([]int32, len(hs))
		for i, h := range hs {
			id, ok := index[h]
			if !ok {
				id = int32(len(*keys))
				index[h] = id
				*keys = append(*keys, h)
			}
			out[i] = id
		}
		return out
	}
	var data []stageExample
	var fs []uint64
	var vs []variant
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		text := d.Doc.Text
		l := newLayout(d.Doc)
		gold := map[document.Span]bool{}
		for _, s := range d.Spans {
			if s.Role == RoleCue {
				gold[trimSpan(text, s.Span)] = true
			}
		}
		rels := fm.relations(text, l)
		c := newStageCtx(fm, text, l)
		for i, r := range rels {
			if r.rule {
				continue
			}
			fs = fm.relFeatures(c, rels, i, fs[:0])
			ex := stageExample{rel: ids(fs), gold: -1}
			vs = cueVariants(l, r, vs)
			strong := firstStrong(c, r)
			for vi, v := range vs {
				fs = fm.varFeatures(c, r, v, strong, fs[:0])
				ex.vars = append(ex.vars, ids(fs))
				if gold[spanOf(l, v.from, v.to)] {
					ex.gold = vi
				}
			}
			data = append(data, ex)
		}
	}
	return data, nil
}

// stageSeeds is how many perceptrons, each seeing the examples in its
// own order, the cue stage averages: the stage learns from a few
// thousand noisy examples, and one perceptron's weights depend on the
// order it saw them in.
const stageSeeds = 4

// trainStage trains the cue stage, an averaged multiclass perceptron
// ("no cue" scores 0; stageSeeds of them averaged), and returns the
// stage of the best epoch by opt.Score (the last one without it) and
// its score.
func trainStage(m *Model, data []stageExample, keys []uint64, opt CueStageOptions) (*cueStage, float64) {
	type perc struct {
		w, u  []float32
		cnt   float32
		rng   *rand.Rand
		order []int
	}
	ps := make([]*perc, stageSeeds)
	for k := range ps {
		p := &perc{w: make([]float32, len(keys)), u: make([]float32, len(keys)), cnt: 1, rng: rand.New(rand.NewPCG(opt.Seed+uint64(k), 0xc0e))}
		p.order = make([]int, len(data))
		for i := range p.order {
			p.order[i] = i
		}
		ps[k] = p
	}
	var best *cueStage
	bestScore := -1.0
	for ep := 1; ep <= opt.Epochs; ep++ {
		for _, p := range ps {
			add := func(fs []int32, v float32) {
				for _, id := range fs {
					p.w[id] += v
					p.u[id] += p.cnt * v
				}
			}
			score := func(fs []int32) float32 {
				var s float32
				for _, id := range fs {
					s += p.w[id]
				}
				return s
			}
			p.rng.Shuffle(len(p.order), func(i, j int) { p.order[i], p.order[j] = p.order[j], p.order[i] })
			for _, i := range p.order {
				ex := data[i]
				base := score(ex.rel)
				pred, top := -1, float32(0)
				for vi, v := range ex.vars {
					if s := base + score(v); s > top {
						pred, top = vi, s
					}
				}
				if pred != ex.gold {
					if ex.gold >= 0 {
						add(ex.rel, 1)
						add(ex.vars[ex.gold], 1)
					}
					if pred >= 0 {
						add(ex.rel, -1)
						add(ex.vars[pred], -1)
					}
				}
				p.cnt++
			}
		}
		st := &cueStage{w: map[uint64]float32{}}
		for id, k := range keys {
			var v float32
			for _, p := range ps {
				v += p.w[id] - p.u[id]/p.cnt
			}
			if v /= stageSeeds; v > 1e-3 || v < -1e-3 {
				st.w[k] = v
			}
		}
		st.compact()
		if opt.Score == nil {
			best = st
			continue
		}
		m.stage = st
		if sc := opt.Score(ep, m); best == nil || sc > bestScore {
			best, bestScore = st, sc
		}
	}
	return best, bestScore
}

// SetCueThreshold sets the score a cue must reach in the cue stage to
// stay (0 by default; a higher threshold trades recall for precision).
func (m *Model) SetCueThreshold(theta float32) {
	if m.stage != nil {
		m.stage.theta = theta
	}
}

// CueThreshold returns the cue stage's threshold (0 without a stage).
func (m *Model) CueThreshold() float32 {
	if m.stage == nil {
		return 0
	}
	return m.stage.theta
}

// CueBiases returns m's cue biases.
func (m *Model) CueBiases() CueBiases {
	return CueBiases{First: m.cueBias1, Begin: m.cueBias, Inside: m.cueIBias}
}

// CueBiases are decoding offsets for the cue tags: First is added to the
// first tagging pass's cue scores, Begin and Inside to the second pass's
// B-cue and I-cue scores. Negative values make cues rarer (Begin) or
// shorter (Inside).
type CueBiases struct{ First, Begin, Inside float32 }

// SetCueBiases sets m's cue biases.
func (m *Model) SetCueBiases(b CueBiases) {
	m.cueBias1, m.cueBias, m.cueIBias = b.First, b.Begin, b.Inside
}

// cueStageWeights returns the stage's weights in a stable order, for
// writing.
func (st *cueStage) sorted() []uint64 {
	ks := make([]uint64, 0, len(st.w))
	for k := range st.w {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(a, b int) bool { return ks[a] < ks[b] })
	return ks
}
