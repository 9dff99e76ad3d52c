package server

import (
	"slices"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
)

func articlesOf(docs []*document.Document) []*store.Article {
	var arts []*store.Article
	for i, d := range docs {
		arts = append(arts, &store.Article{Doc: d, Story: storyID, Added: baseTime.Add(time.Duration(i) * time.Minute)})
	}
	return arts
}

func TestCompareVersions(t *testing.T) {
	docs := storyVersions(t)
	ledger, times, wire := docs[0], docs[1], docs[2]
	// Hand them over in the wrong order: the comparison sorts them by
	// date, then by when they were added.
	arts := articlesOf(docs)
	c := CompareVersions([]*store.Article{arts[1], arts[2], arts[0]})

	var order []string
	for _, v := range c.Versions {
		order = append(order, v.Outlet)
	}
	if want := []string{"The Harbour Ledger", "Wire Service", "Coast Times"}; !slices.Equal(order, want) {
		t.Errorf("versions in order %v, want %v", order, want)
	}
	if !c.Versions[0].First || c.Versions[1].First {
		t.Errorf("first flags = %v, %v", c.Versions[0].First, c.Versions[1].First)
	}

	// Two contradictions: Mombasa's rank, and whose ambassador Mwangi is.
	got := map[string][]Side{}
	for _, k := range c.Contradictions {
		got[k.Subject+"|"+k.Attribute] = k.Sides
	}
	rank := got["Mombasa|rank-by-size"]
	if len(rank) != 2 || rank[0].Article != ledger.ID || rank[0].Text != "the second largest city of Kenya" ||
		rank[1].Article != times.ID || rank[1].Text != "the third largest city of Kenya" {
		t.Errorf("rank contradiction = %+v", rank)
	}
	role := got["Grace Mwangi|role: ambassador"]
	if len(role) != 3 {
		t.Fatalf("role contradiction = %+v (all: %+v)", role, c.Contradictions)
	}
	for _, sd := range role {
		var doc *document.Document
		for _, d := range docs {
			if d.ID == sd.Article {
				doc = d
			}
		}
		if doc.Slice(document.Span{Start: sd.Start, End: sd.End}) != sd.Text {
			t.Errorf("side %+v: span does not hold its text", sd)
		}
	}
	if len(c.Contradictions) != 2 {
		t.Errorf("%d contradictions, want 2: %+v", len(c.Contradictions), c.Contradictions)
	}
	for i, k := range c.Contradictions {
		if k.ID != "c"+string(rune('0'+i)) {
			t.Errorf("contradiction %d has id %q", i, k.ID)
		}
	}

	// The training figure (said by the Ledger and the Coast Times) and
	// the quote (the Ledger) are missing from the wire story; nothing
	// else is.
	if len(c.Omissions) != 2 {
		t.Fatalf("omissions = %+v", c.Omissions)
	}
	claim, quote := c.Omissions[0], c.Omissions[1]
	if claim.Kind != "claim" || len(claim.In) != 2 || claim.In[0].Article != ledger.ID || claim.In[1].Article != times.ID ||
		!slices.Equal(claim.Missing, []string{wire.ID}) || claim.ID != "o0" {
		t.Errorf("claim omission = %+v", claim)
	}
	if quote.Kind != "quote" || len(quote.In) != 1 || quote.In[0].Article != ledger.ID ||
		quote.In[0].Text != "We asked many partners for help, and Norway was the one that came," || !slices.Equal(quote.Missing, []string{wire.ID}) {
		t.Errorf("quote omission = %+v", quote)
	}
	for _, o := range c.Omissions {
		for _, p := range o.In {
			var doc *document.Document
			for _, d := range docs {
				if d.ID == p.Article {
					doc = d
				}
			}
			if doc.Slice(document.Span{Start: p.Start, End: p.End}) != p.Text {
				t.Errorf("passage %+v: span does not hold its text", p)
			}
		}
	}

	// The Coast Times rewrote the Ledger; the wire story is its own.
	if len(c.Rewrites) != 1 {
		t.Fatalf("rewrites = %+v", c.Rewrites)
	}
	rw := c.Rewrites[0]
	if rw.Article != times.ID || rw.Of != ledger.ID || rw.Shared < 0.5 || rw.Shared >= copyShare || rw.Copy {
		t.Errorf("rewrite = %+v", rw)
	}
}

func TestCompareVersionsAgreeing(t *testing.T) {
	docs := storyVersions(t)
	copyOf := *docs[0]
	copyOf.ID = "sha256:" + "00"
	copyOf.Meta.Outlet = "Copycat News"
	copyOf.Meta.Published = "2024-03-17"
	c := CompareVersions(articlesOf([]*document.Document{docs[0], &copyOf}))
	if len(c.Contradictions) != 0 || len(c.Omissions) != 0 {
		t.Errorf("identical versions: contradictions %+v, omissions %+v", c.Contradictions, c.Omissions)
	}
	if len(c.Rewrites) != 1 || !c.Rewrites[0].Copy || c.Rewrites[0].Shared != 1 {
		t.Errorf("rewrites = %+v, want one full copy", c.Rewrites)
	}
}

func TestCompareVersionsSmall(t *testing.T) {
	for n := range 2 {
		docs := storyVersions(t)[:n]
		c := CompareVersions(articlesOf(docs))
		if len(c.Versions) != n || c.Contradictions == nil || c.Omissions == nil || c.Rewrites == nil {
			t.Errorf("%d versions: %+v", n, c)
		}
	}
}

func TestWordSet(t *testing.T) {
	got := wordSet("The instructors trained 240 sailors, and Norway's boats.")
	for _, w := range []string{"instructor", "train", "240", "sailor", "norway", "boat"} {
		if !got[w] {
			t.Errorf("wordSet lacks %q: %v", w, got)
		}
	}
	for _, w := range []string{"the", "and", "s"} {
		if got[w] {
			t.Errorf("wordSet keeps %q", w)
		}
	}
}
