package claim_test

import (
	"fmt"

	"github.com/crosscheck/crosscheck/claim"
	"github.com/crosscheck/crosscheck/document"
)

// Example analyses one sentence with the entities an earlier stage
// would have found, and prints its event, facts and times.
func Example() {
	text := "Iraqi forces freed Mosul from IS last week after a nine-month battle."
	doc := document.New(text, document.Meta{Published: "2017-07-12"})
	doc.Sentences = []document.Sentence{{Start: 0, End: len(text)}}
	doc.Entities = []document.Entity{
		{ID: "E1", Name: "Iraq", Type: document.GPE, Link: &document.Link{Kind: document.LinkCountry, Code: "IRQ"},
			Mentions: []document.Mention{{Start: 0, End: 5, Kind: document.MentionDemonym}}},
		{ID: "E2", Name: "Mosul", Type: document.GPE, Link: &document.Link{Kind: document.LinkCity, Country: "IRQ"},
			Mentions: []document.Mention{{Start: 19, End: 24, Kind: document.MentionName}}},
		{ID: "E3", Name: "Islamic State", Type: document.Org,
			Mentions: []document.Mention{{Start: 30, End: 32, Kind: document.MentionAlias}}},
	}
	claim.Annotate(doc)
	for _, c := range doc.Claims {
		if e := c.Event; e != nil {
			fmt.Printf("event: %s (%s) %s %s, in %s, %s = %s, CAMEO %s\n",
				e.Actor.Text, e.Actor.Code, e.Action, e.Target.Text, e.Place.Text, e.Time.Text, e.Time.Value, e.CAMEO)
		}
	}
	for _, f := range doc.Facts {
		fmt.Printf("fact: %s %s %s (%s)\n", f.EntityName, f.Attribute, f.Value, f.Text)
	}
	// Output:
	// event: Iraqi forces (IRQ) freed IS, in Mosul, last week = 2017-07-03/2017-07-09, CAMEO 19
	// fact: Mosul duration P9M (nine-month battle)
}
