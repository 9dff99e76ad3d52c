package synth

import (
	"strings"
	"testing"
)

func TestGenerator(t *testing.T) {
	g := New(Options{Seed: 1, PerDay: 100})
	words, stories := 0, map[int]int{}
	const n = 2000
	days := map[string]bool{}
	for range n {
		a := g.Next()
		if a.Doc.ID == "" || a.Doc.Headline == nil || a.Doc.Meta.Published == "" {
			t.Fatalf("incomplete article %+v", a.Doc.Meta)
		}
		words += len(strings.Fields(a.Doc.Text))
		stories[a.Story]++
		days[a.Doc.Meta.Published] = true
	}
	mean := words / n
	if mean < 150 || mean > 900 {
		t.Errorf("mean length %d words; want news-like 150..900", mean)
	}
	multi := 0
	for _, c := range stories {
		if c > 1 {
			multi++
		}
	}
	if multi == 0 || len(stories) > n*9/10 || len(stories) < n/4 {
		t.Errorf("%d stories for %d articles, %d with several versions", len(stories), n, multi)
	}
	if len(days) < 19 || len(days) > 21 {
		t.Errorf("%d publication days for %d articles at 100 a day", len(days), n)
	}
	// The same seed makes the same corpus.
	a, b := New(Options{Seed: 7}).Next(), New(Options{Seed: 7}).Next()
	if a.Doc.ID != b.Doc.ID {
		t.Error("same seed, different articles")
	}
}
