package story

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestPairs prints, for a labelled set, the similarity of every pair of
// articles: same story or not, overall and content cosine, estimated
// Jaccard. Run with PAIRS=dev1 (or dev2) when tuning; never on holdout.
func TestPairs(t *testing.T) {
	set := os.Getenv("PAIRS")
	if set == "" {
		t.Skip("set PAIRS=dev1 or dev2 to print pair similarities")
	}
	docs, truth := readSet(t, filepath.Join("testdata", "labelled", set))
	labels := truth.Labels()
	var names []string
	for n := range docs {
		names = append(names, n)
	}
	slices.Sort(names)
	ix := NewIndex(Options{})
	var x Extractor
	fs := map[string]Features{}
	for _, n := range names {
		f := x.Extract(docs[n])
		fs[n] = f
		ix.count(&f)
		ix.day = append(ix.day, 0) // corpus size for IDF only
	}
	for i, a := range names {
		for _, b := range names[i+1:] {
			fa, fb := fs[a], fs[b]
			var va, vb vec
			ix.weigh(&va, fa.Terms)
			ix.weigh(&vb, fb.Terms)
			all, content := cosine(&va, &vb)
			same := labels[a] == labels[b]
			if !same && all < 0.1 {
				continue
			}
			fmt.Printf("%-5v %-26s %-26s all %.2f content %.2f jaccard %.2f\n", same, a, b, all, content, Similarity(&fa.Sig, &fb.Sig))
		}
	}
}
