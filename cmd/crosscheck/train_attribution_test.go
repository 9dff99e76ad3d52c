package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/attrib"
	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// writeCorpus writes a small corpus in PolNeAR's layout: per split,
// data/SPLIT/text/NAME.txt and data/SPLIT/attributions/NAME_ANN.ann
// with brat spans in code points, and data/metadata.tsv.
func writeCorpus(t *testing.T, dir string, articles map[string]int) {
	t.Helper()
	speakers := []string{"The minister", "Ms Odhiambo", "A spokesman", "The mayor", "Mr Kariuki", "The report"}
	cues := []string{"said", "told reporters", "claimed", "warned", "added"}
	contents := []string{
		"the bridge would reopen in March",
		"the budget had been cut by a third",
		"nobody was hurt in the fire",
		"the talks would resume next week",
		"prices had doubled since January",
	}
	meta := "compartment\tfilename\tlevel\tannotators\n"
	for split, n := range articles {
		for i := range n {
			name := fmt.Sprintf("%s_%02d", split, i)
			var txt strings.Builder
			var ann strings.Builder
			id := 0
			span := func(typ, s string, at int) string {
				id++
				from := utf8.RuneCountInString(txt.String()[:at])
				fmt.Fprintf(&ann, "T%d\t%s %d %d\t%s\n", id, typ, from, from+utf8.RuneCountInString(s), s)
				return fmt.Sprintf("T%d", id)
			}
			for k := range 4 {
				sp, cue, c := speakers[(i+k)%len(speakers)], cues[(i*3+k)%len(cues)], contents[(i+2*k)%len(contents)]
				at := txt.Len()
				txt.WriteString(sp + " " + cue + " " + c + ". ")
				src := span("Source", sp, at)
				cu := span("Cue", cue, at+len(sp)+1)
				co := span("Content", c, at+len(sp)+1+len(cue)+1)
				id++
				fmt.Fprintf(&ann, "E%d\tAttribution:%s Cue:%s Source:%s Content:%s\n", id, cu, cu, src, co)
				txt.WriteString("The weather was mild that day.\n\n")
			}
			base := filepath.Join(dir, "data", split)
			for _, sub := range []string{"text", "attributions"} {
				if err := os.MkdirAll(filepath.Join(base, sub), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(base, "text", name+".txt"), []byte(txt.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(base, "attributions", name+"_a1.ann"), []byte(ann.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			meta += split + "\t" + name + "\tNone\ta1\n"
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "metadata.tsv"), []byte(meta), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTrainAttribution(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, map[string]int{"train": 12, "dev": 4})
	models := map[bool][]byte{}
	for _, tt := range []struct {
		name  string
		refit bool
	}{
		{"refit", true},
		{"train only", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "m.bin")
			var stdout, stderr bytes.Buffer
			args := []string{"train", "attribution", "--data", dir, "--out", out, "--wordnet", "",
				"--epochs", "3", "--first-epochs", "2", "--lexicon-folds", "1",
				"--cue-stage-folds", "2", "--cue-stage-epochs", "2", "--prune", "0", "--min-count", "1", fmt.Sprintf("--refit=%t", tt.refit)}
			if code := run(context.Background(), args, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if got := strings.Contains(stderr.String(), "refit on 16 train+dev articles"); got != tt.refit {
				t.Errorf("refit line printed = %t, want %t:\n%s", got, tt.refit, stderr.String())
			}
			raw, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			models[tt.refit] = raw
			m, err := attrib.ReadModel(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			doc := &document.Document{Text: "The minister said the bridge would reopen in March."}
			text.Segment(doc)
			qs := m.Quotes(doc)
			if len(qs) != 1 || doc.Text[qs[0].Cue.Start:qs[0].Cue.End] != "said" {
				t.Fatalf("quotes = %+v, want one with cue \"said\"", qs)
			}
		})
	}
	// The refit model learnt from dev too, so it differs.
	if bytes.Equal(models[true], models[false]) {
		t.Error("refit wrote the same model as training on train alone")
	}
}
