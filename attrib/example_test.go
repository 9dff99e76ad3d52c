package attrib_test

import (
	"fmt"

	"github.com/crosscheck/crosscheck/attrib"
	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// Annotate after the text and entity stages: here the entity stage is
// played by hand, with one person mentioned by name and by pronoun.
func Example() {
	doc := document.New("The talks ended on Monday.\n\n"+
		"“We face the same threat,” said Marta Kovacs.\n\n"+
		"Officials say the bridge will reopen soon.", document.Meta{})
	text.Segment(doc)
	doc.Entities = []document.Entity{{ID: "E1", Name: "Marta Kovacs", Type: document.Person,
		Mentions: []document.Mention{{Start: 64, End: 76, Kind: document.MentionName}}}}
	attrib.Annotate(doc)
	for _, q := range doc.Quotes {
		fmt.Printf("%s %q says %q (speaker %q, direct %v)\n",
			q.Attribution, doc.Slice(q.Cue), doc.Slice(q.Content), q.Speaker, q.Direct)
	}
	// Output:
	// named "said" says "“We face the same threat,”" (speaker "E1", direct true)
	// anonymous "say" says "the bridge will reopen soon" (speaker "", direct false)
}
