package story

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/crosscheck/crosscheck/document"
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
		t.Logf("%-28s -> %s %-14s score %.2f content %.2f merged %v", n, m.Story, m.Reason, m.Score, m.Content, m.Merged)
	}
	for i, n := range names {
		pred[n] = ix.Story(i)
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

// TestMergeBridgingVersion adds two versions that share too little to be
// grouped, then one that reports the same event as both: it merges them.
func TestMergeBridgingVersion(t *testing.T) {
	a := "Dam bursts\n\nThe Kakhovka dam on the Dnipro river burst on Tuesday, flooding villages downstream. Engineers said the turbine hall collapsed and water levels in the reservoir fell sharply. Residents of Nova Kakhovka climbed onto roofs."
	c := "Evacuation after flood\n\nOfficials in Kherson evacuated thousands of residents by bus and boat as floodwater reached the city's lower districts. Volunteers handed out drinking water and the regional governor warned of mines carried by the current."
	b := "Dam collapse floods Kherson\n\nThe Kakhovka dam on the Dnipro river burst on Tuesday and the turbine hall collapsed; as floodwater reached the lower districts of Kherson, officials evacuated thousands of residents by bus and boat, and the regional governor warned of mines carried by the current."
	doc := func(text string) *document.Document {
		return document.New(text, document.Meta{Published: "2023-06-06"})
	}
	for _, noMerge := range []bool{false, true} {
		ix := NewIndex(Options{NoMerge: noMerge})
		var x Extractor
		var ms []Match
		for _, d := range []*document.Document{doc(a), doc(c), doc(b)} {
			f := x.Extract(d)
			ms = append(ms, ix.Add(d.ID, &f))
		}
		if !ms[1].New {
			t.Fatalf("the two distant versions were grouped at once (%+v); the test needs them apart", ms[1])
		}
		merged := ix.Story(0) == ix.Story(1) && ix.Story(1) == ix.Story(2)
		if merged == noMerge || (len(ms[2].Merged) == 1) == noMerge {
			t.Errorf("NoMerge %v: stories %q %q %q, last match %+v", noMerge, ix.Story(0), ix.Story(1), ix.Story(2), ms[2])
		}
		want := 1
		if noMerge {
			want = 2
		}
		if ix.Stories() != want {
			t.Errorf("NoMerge %v: %d stories; want %d", noMerge, ix.Stories(), want)
		}
	}
}
