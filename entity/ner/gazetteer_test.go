package ner

import (
	"math/rand/v2"
	"testing"
)

// TestGazetteerFilter checks that the filter never turns away a name:
// lookup must answer exactly as the map does, for every name and for
// hashes that are none.
func TestGazetteerFilter(t *testing.T) {
	m := loadEmbedded(t)
	g := m.gaz
	if len(g.names) == 0 {
		t.Fatal("embedded model has no gazetteer")
	}
	for h, want := range g.names {
		if got, ok := g.lookup(h); !ok || got != want {
			t.Fatalf("name hash %#x: lookup = %#x, %v; map has %#x", h, got, ok, want)
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	passed := 0
	const tries = 200000
	for i := 0; i < tries; i++ {
		h := rng.Uint64()
		want, inMap := g.names[h]
		got, ok := g.lookup(h)
		if ok != inMap || got != want {
			t.Fatalf("hash %#x: lookup = %#x, %v; map has %#x, %v", h, got, ok, want, inMap)
		}
		if b := filterBit(h); g.filter[b/64]&(1<<(b%64)) != 0 {
			passed++
		}
	}
	// The filter is only worth its memory if it turns most away.
	if rate := float64(passed) / tries; rate > 0.1 {
		t.Errorf("filter lets %.1f%% of random hashes through", 100*rate)
	}
}

func TestGazetteerAddKeepsFilter(t *testing.T) {
	var g gazetteer
	g.add([]string{"New", "York"}, 2)
	g.add([]string{"new", "york"}, 3)
	g.add([]string{"UN"}, 1)
	h := phraseHash([]string{"new", "york"})
	if got, ok := g.lookup(h); !ok || got != 1<<2|1<<3 {
		t.Errorf("new york: lookup = %#x, %v; want both categories", got, ok)
	}
	if got, ok := g.lookup(phraseHash([]string{"un"})); !ok || got != 1<<(1+32) {
		t.Errorf("un: lookup = %#x, %v; want the capitals-only bit", got, ok)
	}
	if _, ok := g.lookup(phraseHash([]string{"york"})); ok {
		t.Error("york alone was never added")
	}
}
