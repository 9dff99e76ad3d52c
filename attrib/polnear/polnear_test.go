package polnear

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const dataDir = "../../../shared/data/attribution/polnear"

func needData(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dataDir, "data", "metadata.tsv")); err != nil {
		t.Skipf("PolNeAR not found at %s (the shared data folder): %v", dataDir, err)
	}
}

// TestLoadSplits reads the real corpus: the article counts of its README,
// and spans that are byte ranges of the text whose covered text is what
// the annotation says.
func TestLoadSplits(t *testing.T) {
	needData(t)
	want := map[string]int{"train": 840, "dev": 84, "test": 84}
	for _, split := range Splits {
		arts, err := Load(dataDir, split)
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) != want[split] {
			t.Errorf("%s: %d articles, want %d", split, len(arts), want[split])
		}
		rels := 0
		for _, a := range arts {
			for _, r := range a.Relations {
				rels++
				if !r.Cue.Valid(len(a.Text)) || r.Cue.Len() == 0 {
					t.Fatalf("%s: bad cue %+v", a.Name, r.Cue)
				}
				for _, c := range r.Content {
					if !c.Valid(len(a.Text)) {
						t.Fatalf("%s: bad content %+v", a.Name, c)
					}
				}
				if strings.TrimSpace(a.Text[r.Cue.Start:r.Cue.End]) == "" {
					t.Fatalf("%s: empty cue text", a.Name)
				}
			}
		}
		if rels < want[split]*15 {
			t.Errorf("%s: only %d relations", split, rels)
		}
	}
}

func TestLoadBIO(t *testing.T) {
	needData(t)
	sents, err := LoadBIO(filepath.Join(dataDir, "cofenet-bio", "valid.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1925 {
		t.Errorf("%d sentences, want 1925", len(sents))
	}
}

func TestDetokenize(t *testing.T) {
	txt, spans := detokenize([]string{"``", "We", "share", "a", "border", ",", "''", "she", "said", "."})
	if txt != "“We share a border,” she said." {
		t.Errorf("got %q", txt)
	}
	if txt[spans[4].Start:spans[4].End] != "border" {
		t.Errorf("span of border: %q", txt[spans[4].Start:spans[4].End])
	}
}
