package story

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSweep prints grouping quality on the dev set over a grid of
// thresholds and random arrival orders. It is how the defaults were
// chosen; run it with SWEEP=1. It never looks at the test set.
func TestSweep(t *testing.T) {
	if os.Getenv("SWEEP") == "" {
		t.Skip("set SWEEP=1 to sweep thresholds on the dev set")
	}
	set := os.Getenv("SWEEP_SET")
	if set == "" {
		set = "dev1"
	}
	docs, truth := readSet(t, filepath.Join("testdata", "labelled", set))
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, ms := range []float64{0.22, 0.24, 0.26, 0.27, 0.28, 0.30} {
		for _, mc := range []float64{0.05, 0.1, 0.15} {
			var sum, minF Scores
			minF.BCubedF1 = 1
			const orders = 30
			r := rand.New(rand.NewPCG(1, 2))
			for range orders {
				r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
				ix := NewIndex(Options{MinScore: ms, MinContent: mc, NoMerge: os.Getenv("SWEEP_NOMERGE") != ""})
				var x Extractor
				pred := map[string]string{}
				for _, n := range names {
					f := x.Extract(docs[n])
					ix.Add(docs[n].ID, &f)
				}
				for i, n := range names {
					pred[n] = ix.Story(i)
				}
				s, _ := Score(truth.Labels(), pred)
				sum.BCubedF1 += s.BCubedF1
				sum.BCubedP += s.BCubedP
				sum.BCubedR += s.BCubedR
				minF.BCubedF1 = min(minF.BCubedF1, s.BCubedF1)
			}
			fmt.Printf("score %.2f content %.2f: B3 P %.3f R %.3f F1 %.3f (worst %.3f)\n", ms, mc,
				sum.BCubedP/orders, sum.BCubedR/orders, sum.BCubedF1/orders, minF.BCubedF1)
		}
	}
}
