package story_test

import (
	"fmt"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/story"
)

// Two outlets report the same press conference, a third the same envoy at
// a trade fair: the first two form one story, and comparing them shows
// where they disagree.
func Example() {
	articles := []struct{ outlet, date, text string }{
		{"Capital Herald", "2017-07-17", "Envoy thanks Pakistan\n\nIraq's ambassador Ali Yasin thanked Pakistan for arms, ammunition and training during the battle for Mosul. Mosul, the second largest city of Iraq, was freed after a nine-month battle, he told reporters in Islamabad."},
		{"Frontier Post", "2017-07-18", "Pakistan helped free Mosul, envoy says\n\nPakistan supplied arms and ammunition and trained pilots for the battle for Mosul, Iraqi ambassador Ali Yasin told reporters in Islamabad. Mosul, the third largest city of Iraq, was freed after a 9-month battle."},
		{"Business Weekly", "2017-07-18", "Iraq and Pakistan open trade fair\n\nIraq's ambassador Ali Yasin opened a trade fair for dates and rice exporters in Lahore, saying trade between Iraq and Pakistan could double within five years."},
	}
	ix := story.NewIndex(story.Options{})
	var x story.Extractor
	var docs []*document.Document
	stories := map[string][]*document.Document{}
	for _, a := range articles {
		d := document.New(a.text, document.Meta{Outlet: a.outlet, Published: a.date})
		f := x.Extract(d)
		m := ix.Add(d.ID, &f)
		fmt.Printf("%s: %s\n", a.outlet, m.Reason)
		docs = append(docs, d)
		stories[m.Story] = append(stories[m.Story], d)
	}
	c := story.Compare("s1", stories[story.StoryID(docs[0].ID)])
	for _, ct := range c.Contradictions {
		fmt.Printf("%s: %q in %s, %q in %s\n", ct.Kind,
			ct.Sides[0].Evidence[0].Text, ct.Sides[0].Evidence[0].Label,
			ct.Sides[1].Evidence[0].Text, ct.Sides[1].Evidence[0].Label)
	}
	// Output:
	// Capital Herald: new
	// Frontier Post: same-event
	// Business Weekly: new
	// number: "second" in A, "third" in B
}
