package ner

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A toy language with two word classes that alternate: names and verbs.
// The mutual information between adjacent clusters is highest when the
// clusters are exactly the classes.
func toyCorpus(n int) [][]string {
	names := []string{"alice", "bob", "carol", "dave", "erin"}
	verbs := []string{"sees", "likes", "helps", "calls", "meets"}
	rng := rand.New(rand.NewPCG(5, 6))
	var out [][]string
	for range n {
		var s []string
		for k := 0; k < 3; k++ {
			s = append(s, names[rng.IntN(len(names))], verbs[rng.IntN(len(verbs))])
		}
		s = append(s, names[rng.IntN(len(names))])
		out = append(out, s)
	}
	return out
}

func TestBrownClustersSeparateClasses(t *testing.T) {
	for _, c := range []int{2, 3, 4} {
		cl, err := BrownClusters(context.Background(), toyCorpus(400), BrownOptions{Clusters: c, MinCount: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(cl) != 10 {
			t.Fatalf("C=%d: %d words clustered, want 10", c, len(cl))
		}
		// The top split of the tree puts names on one side, verbs on the
		// other.
		side := func(w string) byte { return cl[w][0] }
		for _, n := range []string{"bob", "carol", "dave", "erin"} {
			if side(n) != side("alice") {
				t.Errorf("C=%d: %s (%s) and alice (%s) on different sides", c, n, cl[n], cl["alice"])
			}
		}
		for _, v := range []string{"likes", "helps", "calls", "meets"} {
			if side(v) != side("sees") {
				t.Errorf("C=%d: %s (%s) and sees (%s) on different sides", c, v, cl[v], cl["sees"])
			}
		}
		if side("alice") == side("sees") {
			t.Errorf("C=%d: names and verbs share the top cluster: %v", c, cl)
		}
	}
}

func TestBrownClustersErrors(t *testing.T) {
	if _, err := BrownClusters(context.Background(), [][]string{{"a"}}, BrownOptions{}); err == nil {
		t.Error("one word: want an error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := make([][]string, 0, 2000)
	for i := range 2000 {
		big = append(big, []string{strings.Repeat("w", 1+i%1500), "x"})
	}
	if _, err := BrownClusters(ctx, big, BrownOptions{Clusters: 4, MinCount: 1}); err == nil {
		t.Error("cancelled: want an error")
	}
}

func TestClusterFileRoundTrip(t *testing.T) {
	in := map[string]string{"Paris": "0110", "London": "0111", "said": "10"}
	var buf bytes.Buffer
	if err := WriteClusters(&buf, in); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "c.txt")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := ReadClusters(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(in) || out["Paris"] != "0110" || out["said"] != "10" {
		t.Errorf("round trip = %v", out)
	}
	if err := os.WriteFile(path, []byte("01x\tword\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadClusters(path); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad bit string: err = %v", err)
	}
}
