package attrib

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"
	"sync"

	"github.com/crosscheck/crosscheck/document"
)

// Role is the part a span plays in an attribution.
type Role int

// Roles of an attribution's spans.
const (
	RoleSource Role = iota + 1
	RoleCue
	RoleContent
)

func (r Role) String() string {
	switch r {
	case RoleSource:
		return "source"
	case RoleCue:
		return "cue"
	case RoleContent:
		return "content"
	}
	return "none"
}

// LabeledSpan is one gold span of a training document.
type LabeledSpan struct {
	Role Role
	Span document.Span
}

// Labeled is a training document: a segmented Document and its gold
// attribution spans (a discontinuous span is given as its fragments).
type Labeled struct {
	Doc   *document.Document
	Spans []LabeledSpan
}

// TrainOptions tunes Train.
type TrainOptions struct {
	// Epochs is the number of passes over the training data of the last
	// tagging pass (the second when Stack is set).
	Epochs int
	// FirstEpochs is the number of passes of the first tagging pass when
	// Stack is set.
	FirstEpochs int
	// Stack trains a second pass over the first pass's tags. The first
	// pass's tags on the training data come from Folds models, each
	// trained without the part it tags, so that the second pass learns
	// from tags as noisy as it will see on new text.
	Stack bool
	Folds int
	// Seed orders the examples.
	Seed uint64
	// Seeds, when above 1, trains that many perceptrons per pass, each
	// seeing the examples in its own order (seeds Seed, Seed+1, ...),
	// and averages their weights.
	Seeds int
	// MinCount drops features seen fewer times in training.
	MinCount int
	// Prune drops features whose weights all lie within ±Prune.
	Prune float64
	// WordNet, when set, gives the tagger WordNet's word classes as
	// features (see ReadWordNet); the model keeps them.
	WordNet WordNet
	// LexiconFolds, when above 1, builds the cue lexicon that each
	// training document's features read from the other documents only:
	// the documents are cut into that many folds, and a document's
	// lexicon is the one of the folds it is not in.
	LexiconFolds int
	// Log, when set, receives progress lines.
	Log func(format string, args ...any)
	// AfterEpoch, when set, is called with the model after each epoch of
	// the last pass (to score it on development data); returning false
	// stops training early.
	AfterEpoch func(epoch int, m *Model) bool
}

// trainSet is the training data of one pass: per unit, per token, the
// feature hashes; and the gold tags.
type trainSet struct {
	feats [][][]uint64
	gold  [][]int
	doc   []int // document index of each unit
}

// Train learns a Model from labelled documents with the averaged
// structured perceptron (Collins 2002).
func Train(ctx context.Context, docs []Labeled, opt TrainOptions) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.FirstEpochs <= 0 {
		opt.FirstEpochs = opt.Epochs
	}
	if opt.Folds < 2 {
		opt.Folds = 4
	}
	logf := opt.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	m := &Model{cues: buildCueLexicon(docs), wn: opt.WordNet}
	m.lex = newLexTable(m.cues, m.wn)
	// The training documents' features read the cue lexicon built from
	// the other documents (out of fold): a word seen as a cue only in the
	// document at hand would otherwise look like a known cue in training
	// and be an unknown one in new text.
	featModel := func(int) *Model { return m }
	if lexFolds := opt.LexiconFolds; lexFolds > 1 {
		fm := make([]*Model, lexFolds)
		for k := range fm {
			var rest []Labeled
			for di, d := range docs {
				if di%lexFolds != k {
					rest = append(rest, d)
				}
			}
			fm[k] = &Model{cues: buildCueLexicon(rest), wn: opt.WordNet}
			fm[k].lex = newLexTable(fm[k].cues, fm[k].wn)
		}
		featModel = func(di int) *Model { return fm[di%lexFolds] }
	}
	var base trainSet
	var us []unit
	var texts []string
	for di, d := range docs {
		l := newLayout(d.Doc)
		for _, u := range l.units {
			base.feats = append(base.feats, featModel(di).unitFeatures(nil, d.Doc.Text, u.toks, u.quote, u.sent))
			base.gold = append(base.gold, goldTags(u.toks, d.Spans))
			base.doc = append(base.doc, di)
			us = append(us, u)
			texts = append(texts, d.Doc.Text)
		}
	}
	if !opt.Stack {
		var err error
		m.first, err = trainTable(ctx, base, nil, opt.Epochs, opt, func(ep int, t table) bool {
			if opt.AfterEpoch == nil {
				return true
			}
			mm := (&Model{cues: m.cues, wn: m.wn, first: t}).finish()
			return opt.AfterEpoch(ep, mm)
		})
		return m.finish(), err
	}
	// Jackknifed first-pass tags.
	tags1 := make([][]int, len(base.feats))
	for k := range opt.Folds {
		in := make([]bool, len(base.feats))
		for i, d := range base.doc {
			in[i] = d%opt.Folds != k
		}
		t, err := trainTable(ctx, base, in, opt.FirstEpochs, opt, nil)
		if err != nil {
			return nil, err
		}
		for i := range base.feats {
			if !in[i] {
				emit := t.score(base.feats[i], nil)
				tags1[i] = viterbi(emit, len(base.feats[i]), &t.trans, nil, nil)
			}
		}
		logf("fold %d/%d tagged", k+1, opt.Folds)
	}
	var err error
	m.first, err = trainTable(ctx, base, nil, opt.FirstEpochs, opt, nil)
	if err != nil {
		return nil, err
	}
	logf("first pass trained")
	stacked := trainSet{gold: base.gold, doc: base.doc, feats: make([][][]uint64, len(base.feats))}
	for i, fs := range base.feats {
		cp := make([][]uint64, len(fs))
		for j, f := range fs {
			cp[j] = append(make([]uint64, 0, len(f)+16), f...)
		}
		stacked.feats[i] = m.stackFeatures(nil, texts[i], us[i], tags1[i], cp)
	}
	m.second, err = trainTable(ctx, stacked, nil, opt.Epochs, opt, func(ep int, t table) bool {
		if opt.AfterEpoch == nil {
			return true
		}
		return opt.AfterEpoch(ep, (&Model{cues: m.cues, wn: m.wn, first: m.first, second: t}).finish())
	})
	return m.finish(), err
}

// trainTable trains one pass on the units of set that use marks (all
// when use is nil).
func trainTable(ctx context.Context, set trainSet, use []bool, epochs int, opt TrainOptions, after func(int, table) bool) (table, error) {
	index := map[uint64]int32{}
	var keys []uint64
	var counts []int32
	var data []trainUnit
	for u, fs := range set.feats {
		if use != nil && !use[u] {
			continue
		}
		tu := trainUnit{feats: make([][]int32, len(fs)), gold: set.gold[u]}
		for i, hs := range fs {
			ids := make([]int32, len(hs))
			for j, h := range hs {
				id, ok := index[h]
				if !ok {
					id = int32(len(keys))
					index[h] = id
					keys = append(keys, h)
					counts = append(counts, 0)
				}
				counts[id]++
				ids[j] = id
			}
			tu.feats[i] = ids
		}
		data = append(data, tu)
	}
	if opt.MinCount > 1 {
		for _, tu := range data {
			for i, ids := range tu.feats {
				kept := ids[:0]
				for _, id := range ids {
					if counts[id] >= int32(opt.MinCount) {
						kept = append(kept, id)
					}
				}
				tu.feats[i] = kept
			}
		}
	}
	k := max(opt.Seeds, 1)
	ps := make([]*perceptron, k)
	rngs := make([]*rand.Rand, k)
	orders := make([][]int, k)
	for s := range k {
		ps[s] = &perceptron{w: make([]float32, len(keys)*nTags), u: make([]float32, len(keys)*nTags), c: 1}
		rngs[s] = rand.New(rand.NewPCG(opt.Seed+uint64(s), 0x5eed))
		orders[s] = make([]int, len(data))
		for i := range orders[s] {
			orders[s][i] = i
		}
	}
	var t table
	for ep := 1; ep <= epochs; ep++ {
		// The seeds' perceptrons differ only in the order they see the
		// data; they train side by side on the two cores.
		errs := make([]error, k)
		var wg sync.WaitGroup
		sem := make(chan struct{}, 2)
		for s := range k {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				errs[s] = ps[s].epoch(ctx, data, rngs[s], orders[s])
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return table{}, err
			}
		}
		if after == nil && ep < epochs {
			continue
		}
		t = averageTables(ps, keys, counts, opt.MinCount, opt.Prune)
		if after != nil && !after(ep, t) {
			break
		}
	}
	return t, nil
}

// epoch runs one pass of the perceptron over data in an order rng
// shuffles.
func (p *perceptron) epoch(ctx context.Context, data []trainUnit, rng *rand.Rand, order []int) error {
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	var emit []float32
	var pred []int
	var back []int8
	for _, k := range order {
		if err := ctx.Err(); err != nil {
			return err
		}
		tu := data[k]
		emit = p.score(tu.feats, emit)
		pred = viterbi(emit, len(tu.feats), &p.tw, pred, &back)
		p.update(tu, pred)
		p.c++
	}
	return nil
}

type trainUnit struct {
	feats [][]int32
	gold  []int
}

type perceptron struct {
	w, u   []float32
	tw, tu [nTags + 1][nTags]float32
	c      float32
}

func (p *perceptron) score(feats [][]int32, emit []float32) []float32 {
	n := len(feats)
	if cap(emit) < n*nTags {
		emit = make([]float32, n*nTags)
	}
	emit = emit[:n*nTags]
	clear(emit)
	for i, ids := range feats {
		e := emit[i*nTags : i*nTags+nTags]
		for _, id := range ids {
			w := p.w[int(id)*nTags : int(id)*nTags+nTags]
			for t := range nTags {
				e[t] += w[t]
			}
		}
	}
	return emit
}

func (p *perceptron) update(tu trainUnit, pred []int) {
	const step = 1
	prevG, prevP := -1, -1
	for i, g := range tu.gold {
		q := pred[i]
		if g != q {
			for _, id := range tu.feats[i] {
				p.add(int(id)*nTags+g, step)
				p.add(int(id)*nTags+q, -step)
			}
		}
		if g != q || prevG != prevP {
			p.addTrans(prevG, g, step)
			p.addTrans(prevP, q, -step)
		}
		prevG, prevP = g, q
	}
}

func (p *perceptron) add(i int, v float32) {
	p.w[i] += v
	p.u[i] += p.c * v
}

func (p *perceptron) addTrans(a, b int, v float32) {
	p.tw[a+1][b] += v
	p.tu[a+1][b] += p.c * v
}

// averageTables returns the mean of the perceptrons' averaged weights
// as a table, dropping features whose weights all lie within ±prune.
// Averaging models trained in different orders smooths the perceptron's
// dependence on the order it saw the data in.
func averageTables(ps []*perceptron, keys []uint64, counts []int32, minCount int, prune float64) table {
	var m table
	if prune <= 0 {
		prune = 1e-3
	}
	n := float32(len(ps))
	avg := func(id, t int) float32 {
		var v float32
		for _, p := range ps {
			v += p.w[id*nTags+t] - p.u[id*nTags+t]/p.c
		}
		return v / n
	}
	w := make([]float32, nTags)
	var kept []int
	for id := range keys {
		if counts[id] < int32(minCount) {
			continue
		}
		for t := range nTags {
			if math.Abs(float64(avg(id, t))) > prune {
				kept = append(kept, id)
				break
			}
		}
	}
	m.alloc(len(kept))
	for _, id := range kept {
		for t := range nTags {
			w[t] = avg(id, t)
		}
		m.insert(keys[id], w)
	}
	for a := 0; a <= nTags; a++ {
		for b := range nTags {
			var v float32
			for _, p := range ps {
				v += p.tw[a][b] - p.tu[a][b]/p.c
			}
			m.trans[a][b] = v / n
		}
	}
	return m
}

// goldTags converts gold spans into BIO tags over toks. A token takes the
// role of the span it overlaps; each fragment of a discontinuous span is a
// chunk of its own.
func goldTags(toks []document.Token, spans []LabeledSpan) []int {
	tags := make([]int, len(toks))
	prev := -1
	for i, t := range toks {
		best := -1
		for k, s := range spans {
			if s.Span.Start < t.End && t.Start < s.Span.End {
				best = k
				break
			}
		}
		if best < 0 {
			prev = -1
			continue
		}
		var b int
		switch spans[best].Role {
		case RoleSource:
			b = tagBSource
		case RoleCue:
			b = tagBCue
		default:
			b = tagBContent
		}
		if prev == best {
			tags[i] = b + 1
		} else {
			tags[i] = b
		}
		prev = best
	}
	return tags
}

// buildCueLexicon classes lemmas by how often they are (part of) a cue in
// the training data.
func buildCueLexicon(docs []Labeled) map[string]uint8 {
	total := map[string]int{}
	cue := map[string]int{}
	for _, d := range docs {
		l := newLayout(d.Doc)
		for _, t := range l.tokens {
			lm := lemma(lowerASCII(d.Doc.Text[t.Start:t.End]))
			total[lm]++
			for _, s := range d.Spans {
				if s.Role == RoleCue && s.Span.Start < t.End && t.Start < s.Span.End {
					cue[lm]++
					break
				}
			}
		}
	}
	out := map[string]uint8{}
	lemmas := make([]string, 0, len(cue))
	for l := range cue {
		lemmas = append(lemmas, l)
	}
	sort.Strings(lemmas)
	for _, l := range lemmas {
		n, c := total[l], cue[l]
		if c < 2 {
			continue
		}
		r := float64(c) / float64(n)
		switch {
		case r >= 0.5 && c >= 3:
			out[l] = 4
		case r >= 0.2 && c >= 3:
			out[l] = 3
		case r >= 0.05:
			out[l] = 2
		default:
			out[l] = 1
		}
	}
	return out
}
