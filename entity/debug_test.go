package entity

import (
	"fmt"
	"os"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

func TestDebugDump(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	d := document.New(string(b), document.Meta{})
	text.Segment(d)
	a.Annotate(d)
	for _, e := range d.Entities {
		fmt.Printf("%s %s %q link=%+v aliases=%q\n", e.ID, e.Type, e.Name, e.Link, e.Aliases)
		for _, m := range e.Mentions {
			fmt.Printf("    %s %q\n", m.Kind, d.Text[m.Start:m.End])
		}
		for _, r := range e.Roles {
			fmt.Printf("    ROLE %s of %s %q\n", r.Title, r.Of, d.Text[r.Start:r.End])
		}
	}
}
