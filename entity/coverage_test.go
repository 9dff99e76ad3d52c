package entity

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/entity/ner"
	"github.com/crosscheck/crosscheck/text"
)

// TestLinkCoverage feeds the gold names of the CoNLL-2003 validation
// articles (never the test split) to the linker as if the model had found
// them, and measures how many the gazetteers link: places to a country,
// city or region; nationalities to a country; organisations to an entry.
// It reports the shares (go test -run LinkCoverage -v) and fails below a
// floor, so that a change to the tables or the rules that loses links is
// seen. Gold links do not exist for this data: the share of linked names
// is coverage, not accuracy.
func TestLinkCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the CoNLL-2003 validation split")
	}
	docs, err := ner.ReadCoNLL2003(filepath.FromSlash(conllDir), "valid")
	if err != nil {
		t.Skipf("CoNLL-2003 not found (%v): it lives in ../shared/data/ner", err)
	}
	g := loadGaz(t)
	type tally struct{ n, linked int }
	misses := 0
	got := map[string]*tally{"LOC": {}, "MISC-demonym": {}, "ORG": {}}
	for _, nd := range docs {
		var sb strings.Builder
		var spans []markSpan
		for _, s := range nd.Sentences {
			starts := make([]int, len(s.Words))
			for i, w := range s.Words {
				if i > 0 {
					sb.WriteByte(' ')
				}
				starts[i] = sb.Len()
				sb.WriteString(w)
			}
			for _, sp := range ner.SpansFromTags(s.Tags) {
				spans = append(spans, markSpan{starts[sp.Start], starts[sp.End-1] + len(s.Words[sp.End-1]), sp.Type})
			}
			sb.WriteString("\n\n")
		}
		d := document.New(sb.String(), document.Meta{})
		text.Segment(d)
		NewWith(&scriptTagger{doc: d, spans: spans}, g).Annotate(d)
		linkedAt := map[int]bool{}
		for _, e := range d.Entities {
			if e.Link == nil {
				continue
			}
			for _, m := range e.Mentions {
				linkedAt[m.Start] = true
			}
		}
		for _, sp := range spans {
			key := sp.typ
			if key == "MISC" {
				words := strings.Fields(d.Text[sp.start:sp.end])
				if len(words) != 1 || len(g.Lookup(nil, words[0])) == 0 {
					continue // only nationalities the tables could know
				}
				key = "MISC-demonym"
			}
			tl, ok := got[key]
			if !ok {
				continue
			}
			tl.n++
			if linkedAt[sp.start] {
				tl.linked++
			} else if testing.Verbose() && key == "LOC" && misses < 200 {
				misses++
				t.Logf("unlinked %s %q", key, d.Text[sp.start:sp.end])
			}
		}
	}
	floors := map[string]float64{"LOC": 0.80, "MISC-demonym": 0.85, "ORG": 0.15}
	for key, tl := range got {
		share := float64(tl.linked) / float64(max(tl.n, 1))
		t.Logf("%-13s %5d gold names, %5d linked (%.1f%%)", key, tl.n, tl.linked, 100*share)
		if share < floors[key] {
			t.Errorf("%s: %.1f%% linked, floor %.0f%%", key, 100*share, 100*floors[key])
		}
	}
}
