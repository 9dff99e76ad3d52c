package worthy

import (
	"math"
	"math/rand/v2"

	"github.com/crosscheck/crosscheck/claim/internal/lex"
)

// Example is one labelled sentence.
type Example struct {
	Text  string
	Label bool
}

// TrainOptions tune Train.
type TrainOptions struct {
	Epochs int     // passes over the data
	Rate   float64 // AdaGrad base learning rate
	L2     float64 // L2 penalty per update
	// MinCount drops features seen in fewer sentences: rare words only
	// memorise the training set.
	MinCount int
	// Balance weights each class by the inverse of its frequency, so
	// that the model's 0.5 cut suits balanced data.
	Balance bool
	// NB scales each feature by its naive-Bayes log-count ratio before
	// the regression is fitted (NBSVM, Wang and Manning 2012); the scale
	// is folded into the stored weight, so scoring is unchanged.
	NB   bool
	Seed uint64
}

// DefaultTrainOptions are the settings the committed model was trained
// with; the trainer picked them on a development split of the training
// file (see PROVENANCE.md).
var DefaultTrainOptions = TrainOptions{Epochs: 5, Rate: 0.05, L2: 1e-3, MinCount: 1, Balance: true, Seed: 1}

// collector gathers a sentence's features as vocabulary indices.
type collector struct {
	vocab map[uint64]int
	names *[]Feature
	idx   []int
	grow  bool
}

func (c *collector) emit(kind, a, b string) {
	h := featureHash(kind, a, b)
	i, ok := c.vocab[h]
	if !ok {
		if !c.grow {
			return
		}
		i = len(c.vocab)
		c.vocab[h] = i
		*c.names = append(*c.names, Feature{Kind: kind, A: a, B: b})
	}
	c.idx = append(c.idx, i)
}

// Train fits a logistic regression and returns its non-zero features.
func Train(examples []Example, o TrainOptions) []Feature {
	var names []Feature
	c := collector{vocab: map[uint64]int{}, names: &names, grow: true}
	rows := make([][]int, len(examples))
	for i, ex := range examples {
		c.idx = c.idx[:0]
		features(lex.Tokenize(ex.Text, 0), &c)
		rows[i] = dedupe(c.idx)
	}
	// Count in how many sentences each feature occurs; drop the rare.
	count := make([]int, len(names))
	for _, r := range rows {
		for _, f := range r {
			count[f]++
		}
	}
	keep := func(f int) bool { return count[f] >= o.MinCount || names[f].Kind == "bias" }

	pos := 0
	for _, ex := range examples {
		if ex.Label {
			pos++
		}
	}
	wPos, wNeg := 1.0, 1.0
	if o.Balance && pos > 0 && pos < len(examples) {
		wPos = float64(len(examples)) / (2 * float64(pos))
		wNeg = float64(len(examples)) / (2 * float64(len(examples)-pos))
	}

	// Feature values: 1, or the naive-Bayes log-count ratio.
	val := make([]float64, len(names))
	for f := range val {
		val[f] = 1
	}
	if o.NB {
		pc, nc := make([]float64, len(names)), make([]float64, len(names))
		for k, r := range rows {
			for _, f := range r {
				if examples[k].Label {
					pc[f]++
				} else {
					nc[f]++
				}
			}
		}
		var ps, ns float64
		for f := range names {
			ps += pc[f] + 1
			ns += nc[f] + 1
		}
		for f := range names {
			if names[f].Kind == "bias" {
				continue
			}
			val[f] = math.Log(((pc[f] + 1) / ps) / ((nc[f] + 1) / ns))
		}
	}

	w := make([]float64, len(names))
	g2 := make([]float64, len(names))
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			var z float64
			for _, f := range rows[k] {
				if keep(f) {
					z += w[f] * val[f]
				}
			}
			y, cw := 0.0, wNeg
			if examples[k].Label {
				y, cw = 1, wPos
			}
			grad := cw * (sigmoid(z) - y)
			for _, f := range rows[k] {
				if !keep(f) {
					continue
				}
				g := grad*val[f] + o.L2*w[f]
				g2[f] += g * g
				w[f] -= o.Rate * g / (math.Sqrt(g2[f]) + 1e-8)
			}
		}
	}
	var out []Feature
	for f, name := range names {
		if keep(f) && math.Abs(w[f]*val[f]) > 1e-4 {
			name.Weight = w[f] * val[f]
			out = append(out, name)
		}
	}
	return out
}

// FromFeatures builds a model from trained features, as Read would.
func FromFeatures(feats []Feature) *Model {
	m := &Model{weights: make(map[uint64]float32, len(feats))}
	for _, f := range feats {
		m.weights[featureHash(f.Kind, f.A, f.B)] = float32(f.Weight)
	}
	return m
}

func dedupe(idx []int) []int {
	seen := make(map[int]bool, len(idx))
	out := make([]int, 0, len(idx))
	for _, i := range idx {
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}
