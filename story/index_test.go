package story

import (
	"path/filepath"
	"slices"
	"testing"
)

// groupSet groups a labelled folder's documents in file-name order and
// scores the result.
func groupSet(t *testing.T, dir string, opts Options) (Scores, map[string]string) {
	docs, truth := readSet(t, dir)
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	slices.Sort(names)
	ix := NewIndex(opts)
	var x Extractor
	pred := map[string]string{}
	for _, n := range names {
		f := x.Extract(docs[n])
		m := ix.Add(docs[n].ID, &f)
		pred[n] = m.Story
		t.Logf("%-28s -> %s %-14s score %.2f content %.2f", n, m.Story, m.Reason, m.Score, m.Content)
	}
	s, err := Score(truth.Labels(), pred)
	if err != nil {
		t.Fatal(err)
	}
	return s, pred
}

func TestGroupLabelled(t *testing.T) {
	for _, set := range []string{"dev1", "dev2"} {
		t.Run(set, func(t *testing.T) {
			s, _ := groupSet(t, filepath.Join("testdata", "labelled", set), Options{})
			t.Logf("%+v", s)
			if s.BCubedF1 < 0.85 {
				t.Errorf("B-cubed F1 = %.3f; want >= 0.85", s.BCubedF1)
			}
		})
	}
}
