package ner

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"time"
)

// Why by hand: a structured averaged perceptron is a few hundred lines, and
// none of the pure-Go sequence labellers we looked at fits. The CRF
// packages are bindings to CRFsuite (cgo), and the pure-Go taggers (prose's
// own averaged perceptron among them) support neither hashed feature
// templates, BILOU decoding under constraints, nor the two-pass document
// features this model relies on for its accuracy.

// Corpus is labelled training data with an update weight: 1 for gold
// data, less for silver (automatically labelled) data.
type Corpus struct {
	Name   string
	Docs   []Document
	Weight float64
}

// TrainOptions control training.
type TrainOptions struct {
	// Epochs over the training data for each pass (default 10).
	Epochs int
	// Folds for the jackknifed pass-one labels pass two learns from
	// (default 5). Zero or one trains a single-pass model.
	Folds int
	// Prune drops features whose averaged weights all stay below this in
	// absolute value (default 0.01), keeping the model small.
	Prune float64
	// Seed makes the shuffling of documents, and so the model, repeatable.
	Seed uint64
	// Logger receives progress; nil logs nothing.
	Logger *slog.Logger
	// Info is stored in the model as a description of how it was made.
	Info string
	// Seeds, when more than one, trains that many models with seeds Seed,
	// Seed+1, ... and returns their average (see Average).
	Seeds int
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 10
	}
	if o.Prune == 0 {
		o.Prune = 0.01
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Resources are the unlabelled knowledge a model carries: word clusters and
// gazetteers. Both may be empty.
type Resources struct {
	// Clusters maps words to Brown cluster bit strings ("0110...").
	Clusters map[string]string
	// Gazetteers maps a category name to its names, each a token list.
	Gazetteers map[string][][]string
}

// newModel makes an untrained model carrying res.
func newModel(res Resources) *Model {
	m := &Model{clusters: map[string][len(clusterPrefixes)]uint64{}, clusterPaths: map[string]string{}, gaz: &gazetteer{}}
	for w, path := range res.Clusters {
		m.clusters[w] = clusterHashes(path)
		m.clusterPaths[w] = path
	}
	cats := sortedKeys(res.Gazetteers)
	for c, name := range cats {
		m.gaz.categories = append(m.gaz.categories, name)
		for _, phrase := range res.Gazetteers[name] {
			m.gaz.add(phrase, c)
		}
	}
	return m
}

// clusterHashes hashes the feature prefixes of a cluster bit string.
func clusterHashes(path string) [len(clusterPrefixes)]uint64 {
	var h [len(clusterPrefixes)]uint64
	for k, n := range clusterPrefixes {
		p := path
		if len(p) > n {
			p = p[:n]
		}
		h[k] = hashString(p) | 1 // never 0, which means "no cluster"
	}
	return h
}

// example is one prepared training document.
type example struct {
	ds     *docState
	gold   [][]uint8
	weight float32
	p1     [][]uint8 // jackknifed pass-one labels, for pass two
}

// Train learns a model from labelled corpora. It never looks at anything
// but what it is given: keep test data out of corpora.
func Train(ctx context.Context, corpora []Corpus, res Resources, opt TrainOptions) (*Model, error) {
	opt.defaults()
	if opt.Seeds > 1 {
		var models []*Model
		for k := 0; k < opt.Seeds; k++ {
			o := opt
			o.Seeds, o.Seed = 1, opt.Seed+uint64(k)
			m, err := Train(ctx, corpora, res, o)
			if err != nil {
				return nil, err
			}
			models = append(models, m)
		}
		return Average(models...)
	}
	m := newModel(res)
	m.info = opt.Info
	var exs []*example
	tokens := 0
	for _, c := range corpora {
		if c.Weight <= 0 {
			return nil, fmt.Errorf("train: corpus %s: weight %v must be positive", c.Name, c.Weight)
		}
		for _, d := range c.Docs {
			ex := &example{ds: m.prepare(d.Words()), weight: float32(c.Weight)}
			for _, s := range d.Sentences {
				ex.gold = append(ex.gold, bilouFromSpans(len(s.Words), SpansFromTags(s.Tags)))
				tokens += len(s.Words)
			}
			exs = append(exs, ex)
		}
	}
	if len(exs) == 0 {
		return nil, fmt.Errorf("train: no training documents")
	}
	opt.Logger.Info("training data prepared", "documents", len(exs), "tokens", tokens)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))

	if opt.Folds > 1 {
		// Pass two must learn from pass-one labels as good, and as wrong, as
		// they will be on new text, so each document gets its labels from a
		// pass-one model that never saw it.
		folds := make([][]*example, opt.Folds)
		for i, ex := range exs {
			folds[i%opt.Folds] = append(folds[i%opt.Folds], ex)
		}
		for k := range folds {
			var rest []*example
			for j, f := range folds {
				if j != k {
					rest = append(rest, f...)
				}
			}
			w, err := m.trainPass(ctx, rest, false, opt, rng, fmt.Sprintf("pass 1, fold %d/%d", k+1, opt.Folds))
			if err != nil {
				return nil, err
			}
			sc := &scratch{}
			for _, ex := range folds[k] {
				ex.p1 = make([][]uint8, len(ex.ds.sents))
				for si := range ex.ds.sents {
					ex.p1[si] = m.decode(w, ex.ds, si, nil, sc, nil)
				}
			}
		}
	}
	w1, err := m.trainPass(ctx, exs, false, opt, rng, "pass 1")
	if err != nil {
		return nil, err
	}
	m.passes[0] = w1
	if opt.Folds > 1 {
		w2, err := m.trainPass(ctx, exs, true, opt, rng, "pass 2")
		if err != nil {
			return nil, err
		}
		m.passes[1] = w2
	}
	m.fused = newFused(m.passes)
	return m, nil
}

// trainer holds the weights of a structured averaged perceptron while it
// learns. Averaging uses the usual trick: alongside the weights w it keeps
// u, the sum of every update times the step it happened at, so that the
// average over all steps is w - u/c at the end.
type trainer struct {
	index map[uint64]int32
	w     []float32
	u     []float64
	cur   weights // transition and boundary weights, used for decoding
	tu    [numLabels][numLabels]float64
	su    [numLabels]float64
	eu    [numLabels]float64
	c     float64
}

func (tr *trainer) row(f uint64) int {
	if r, ok := tr.index[f]; ok {
		return int(r)
	}
	r := len(tr.w) / numLabels
	tr.index[f] = int32(r)
	tr.w = append(tr.w, make([]float32, numLabels)...)
	tr.u = append(tr.u, make([]float64, numLabels)...)
	return r
}

// trainPass runs the perceptron over exs and returns averaged, pruned
// weights. With second true it trains pass two on the examples' jackknifed
// pass-one labels.
func (m *Model) trainPass(ctx context.Context, exs []*example, second bool, opt TrainOptions, rng *rand.Rand, name string) (*weights, error) {
	tr := &trainer{index: map[uint64]int32{}, c: 1}
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	sc := &scratch{}
	var feats [][]uint64
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		began := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, toks := 0, 0
		for _, oi := range order {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("train %s: %w", name, err)
			}
			ex := exs[oi]
			var p2 *pass2
			if second {
				p2 = newPass2(ex.ds, ex.p1)
			}
			for si := range ex.ds.sents {
				n := len(ex.ds.sents[si].toks)
				if n == 0 {
					continue
				}
				for len(feats) < n {
					feats = append(feats, nil)
				}
				if cap(sc.scores) < n*numLabels {
					sc.scores = make([]float32, n*numLabels)
				}
				scores := sc.scores[:n*numLabels]
				clear(scores)
				for i := 0; i < n; i++ {
					feats[i] = m.extract(ex.ds, si, i, p2, feats[i][:0])
					row := scores[i*numLabels : (i+1)*numLabels]
					for _, f := range feats[i] {
						if r, ok := tr.index[f]; ok {
							wr := tr.w[int(r)*numLabels : (int(r)+1)*numLabels]
							for l := range row {
								row[l] += wr[l]
							}
						}
					}
				}
				pred := viterbi(&tr.cur, scores, n, sc)
				gold := ex.gold[si]
				toks += n
				for i := range gold {
					if gold[i] != pred[i] {
						errs++
					}
				}
				tr.update(feats[:n], gold, pred, ex.weight)
				tr.c++
			}
		}
		opt.Logger.Info("epoch", "pass", name, "epoch", epoch, "token_errors", errs, "tokens", toks,
			"features", len(tr.index), "took", time.Since(began).Round(time.Millisecond))
	}
	return tr.average(opt.Prune), nil
}

// update moves the weights towards the gold labels and away from the
// predicted ones, where they differ.
func (tr *trainer) update(feats [][]uint64, gold, pred []uint8, eta float32) {
	c := float64(eta) * tr.c
	for i := range gold {
		g, p := int(gold[i]), int(pred[i])
		if g == p {
			continue
		}
		for _, f := range feats[i] {
			r := tr.row(f) * numLabels
			tr.w[r+g] += eta
			tr.u[r+g] += c
			tr.w[r+p] -= eta
			tr.u[r+p] -= c
		}
	}
	n := len(gold)
	for i := 1; i < n; i++ {
		gp, gc, pp, pc := gold[i-1], gold[i], pred[i-1], pred[i]
		if gp == pp && gc == pc {
			continue
		}
		tr.cur.trans[gp][gc] += eta
		tr.tu[gp][gc] += c
		tr.cur.trans[pp][pc] -= eta
		tr.tu[pp][pc] -= c
	}
	if gold[0] != pred[0] {
		tr.cur.start[gold[0]] += eta
		tr.su[gold[0]] += c
		tr.cur.start[pred[0]] -= eta
		tr.su[pred[0]] -= c
	}
	if gold[n-1] != pred[n-1] {
		tr.cur.end[gold[n-1]] += eta
		tr.eu[gold[n-1]] += c
		tr.cur.end[pred[n-1]] -= eta
		tr.eu[pred[n-1]] -= c
	}
}

// average returns the averaged weights, dropping rows whose weights all
// stay below prune in absolute value.
func (tr *trainer) average(prune float64) *weights {
	w := &weights{}
	index := map[uint32]int32{}
	avg := func(wv float32, u float64) float32 { return float32(float64(wv) - u/tr.c) }
	for a := 0; a < numLabels; a++ {
		for b := 0; b < numLabels; b++ {
			w.trans[a][b] = avg(tr.cur.trans[a][b], tr.tu[a][b])
		}
		w.start[a] = avg(tr.cur.start[a], tr.su[a])
		w.end[a] = avg(tr.cur.end[a], tr.eu[a])
	}
	var row [numLabels]float32
	for f, r := range tr.index {
		keep := false
		for l := 0; l < numLabels; l++ {
			row[l] = avg(tr.w[int(r)*numLabels+l], tr.u[int(r)*numLabels+l])
			if math.Abs(float64(row[l])) >= prune {
				keep = true
			}
		}
		if !keep {
			continue
		}
		k := key(f)
		if at, ok := index[k]; ok { // a 32-bit collision: share the row
			for l := 0; l < numLabels; l++ {
				w.rows[int(at)*numLabels+l] += row[l]
			}
			continue
		}
		index[k] = int32(len(w.rows) / numLabels)
		w.rows = append(w.rows, row[:]...)
	}
	w.index = newTable(len(index))
	for k, r := range index {
		w.index.put(k, r)
	}
	return w
}
