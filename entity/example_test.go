package entity_test

import (
	"fmt"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/entity"
	"github.com/crosscheck/crosscheck/text"
)

func Example() {
	a, err := entity.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := document.New("Iraqi envoy Ali Yasin said Pakistan helped Iraq fight the Islamic State group. "+
		"He said IS was weakened.", document.Meta{})
	text.Segment(doc) // the text stage runs first
	a.Annotate(doc)
	for _, e := range doc.Entities {
		fmt.Print(e.ID, " ", e.Type, " ", e.Name)
		if e.Link != nil {
			fmt.Print(" -> ", e.Link.Kind, " ", e.Link.Code)
		}
		for _, r := range e.Roles {
			fmt.Printf(" (%s of %s: %q)", r.Title, r.Of, doc.Slice(r.Span()))
		}
		fmt.Println()
	}
	// Output:
	// E1 GPE Iraq -> country IRQ
	// E2 PERSON Ali Yasin (ambassador of IRQ: "Iraqi envoy")
	// E3 GPE Pakistan -> country PAK
	// E4 ORG Islamic State -> org islamic-state
}
