package attrib

import (
	"fmt"
	"os"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

func TestDebugFixture(t *testing.T) {
	p := os.Getenv("FIXTURE")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	doc := document.New(string(b), document.Meta{})
	text.Segment(doc)
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range m.Quotes(doc) {
		src := ""
		if q.Source != nil {
			src = doc.Slice(*q.Source)
		}
		fmt.Printf("%-10s %q | %q | %q parts=%d direct=%v\n", q.Attribution, src, doc.Slice(q.Cue), doc.Slice(q.Content), len(q.Parts), q.Direct)
	}
}
