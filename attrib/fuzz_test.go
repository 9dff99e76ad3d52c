package attrib

import (
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// FuzzQuotes checks that any text, segmented by the text stage or not,
// gives quotes with valid, ordered spans and never panics.
func FuzzQuotes(f *testing.F) {
	for _, s := range []string{
		"‘We face the same threat’, said Marta Kovacs.",
		"\"We share a border\", she said, \"and we share a future.\"",
		"“The siege is over.\n\n“Now we rebuild,” the mayor said.",
		"According to the ministry, 300 soldiers were wounded.",
		"«»“”‘’'\"",
		"said said said: ‘",
		"A spokesman, who asked not to be named, said so as claimed by X",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	m, err := DefaultModel()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, segment bool) {
		doc := document.New(s, document.Meta{})
		if segment {
			text.Segment(doc)
		}
		for _, q := range m.Quotes(doc) {
			n := len(s)
			if !q.Cue.Valid(n) || !q.Content.Valid(n) || q.Content.Len() == 0 || q.Cue.Len() == 0 {
				t.Fatalf("bad spans %+v in %q", q, s)
			}
			if q.Source != nil && !q.Source.Valid(n) {
				t.Fatalf("bad source %+v in %q", q, s)
			}
			for i, p := range q.Parts {
				if !p.Valid(n) || !q.Content.Contains(p) || i > 0 && p.Start < q.Parts[i-1].End {
					t.Fatalf("bad parts %+v in %q", q.Parts, s)
				}
			}
		}
	})
}
