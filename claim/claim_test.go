package claim

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

func TestClaims(t *testing.T) {
	envoy := ent{id: "E20", name: "Ali Yasin", typ: document.Person, names: []string{"Ali Yasin"},
		roles: []document.Role{{Title: "ambassador", Of: "IRQ"}}}
	text := "Thank you all for coming. " +
		"Unemployment in Iraq fell to 12 percent last year, the lowest rate since 2003. " +
		"Ali Yasin said Pakistan assisted Iraq in arms and ammunition. " +
		"The weather was pleasant."
	doc := build(text, "2017-07-12", iraq, pakistan, envoy)
	quote(doc, "E20", "Pakistan assisted Iraq in arms and ammunition", false)
	Annotate(doc)

	find := func(sub string) *document.Claim {
		for i := range doc.Claims {
			if strings.Contains(doc.Text[doc.Claims[i].Start:doc.Claims[i].End], sub) {
				return &doc.Claims[i]
			}
		}
		return nil
	}
	if c := find("Thank you"); c != nil {
		t.Errorf("greeting became a claim: %+v", *c)
	}
	if c := find("weather"); c != nil {
		t.Errorf("small talk became a claim: %+v", *c)
	}
	c := find("12 percent")
	if c == nil {
		t.Fatalf("no claim for the unemployment figure; claims: %+v", doc.Claims)
	}
	if c.Source != "" {
		t.Errorf("outlet's own claim has source %q", c.Source)
	}
	if c.Kind != "comparison" {
		t.Errorf("kind %q, want comparison (\"the lowest rate\")", c.Kind)
	}
	if c.Checkworthy < 0.5 {
		t.Errorf("checkworthy %.3f, want >= 0.5", c.Checkworthy)
	}
	ev := find("assisted")
	if ev == nil || ev.Event == nil {
		t.Fatalf("no event claim for the aid; claims: %+v", doc.Claims)
	}
	if ev.Source != "E20" {
		t.Errorf("quoted claim source %q, want E20", ev.Source)
	}
	if got := doc.Text[ev.Start:ev.End]; strings.Contains(got, "said") {
		t.Errorf("quoted claim span %q includes the cue", got)
	}
	if ev.Kind != "event" || ev.Event.CAMEO != "07" {
		t.Errorf("kind %q cameo %q, want event 07", ev.Kind, ev.Event.CAMEO)
	}
	for i, c := range doc.Claims {
		if c.ID != "C"+itoa(i+1) {
			t.Errorf("claim %d id %q", i, c.ID)
		}
		if !c.Span().Valid(len(doc.Text)) || c.Start >= c.End {
			t.Errorf("claim %s bad span %v", c.ID, c.Span())
		}
		if c.Checkworthy < 0 || c.Checkworthy > 1 {
			t.Errorf("claim %s checkworthy %v", c.ID, c.Checkworthy)
		}
	}
	var times []string
	for _, tm := range doc.Times {
		times = append(times, doc.Text[tm.Start:tm.End]+"="+tm.Value)
	}
	if got := strings.Join(times, " "); got != "last year=2016 2003=2003" {
		t.Errorf("times %q", got)
	}
}

func TestKinds(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Exports reached a record high of 4 million barrels a day in 2016.", "record"},
		{"The army lost more soldiers in 2016 than in the previous five years.", "comparison"},
		{"Prices rose because the government cut fuel subsidies in 2015.", "cause"},
		{"The government spent 3 billion dollars on roads in 2016.", "quantity"},
	}
	for _, tt := range tests {
		doc := build(tt.text, "")
		Annotate(doc)
		if len(doc.Claims) != 1 {
			t.Errorf("%q: %d claims, want 1", tt.text, len(doc.Claims))
			continue
		}
		if doc.Claims[0].Kind != tt.want {
			t.Errorf("%q: kind %q, want %q", tt.text, doc.Claims[0].Kind, tt.want)
		}
	}
}

func TestAnnotateEdgeCases(t *testing.T) {
	for _, doc := range []*document.Document{
		document.New("", document.Meta{}),
		document.New("   \n\n  ", document.Meta{}),
		// Sentences past the text's end, as a broken earlier stage might leave.
		{Text: "Short.", Sentences: []document.Sentence{{Start: 0, End: 99}}},
		// An entity mention out of range.
		{Text: "Iraq fell.", Entities: []document.Entity{{ID: "E1", Mentions: []document.Mention{{Start: 5, End: 50}}}}},
	} {
		Annotate(doc) // must not panic
		for _, c := range doc.Claims {
			if !c.Span().Valid(len(doc.Text)) {
				t.Errorf("bad claim span %v in %q", c.Span(), doc.Text)
			}
		}
	}
	// Annotating twice gives the same result, not twice as many claims.
	doc := build("Pakistan gave Iraq arms. Unemployment fell to 4 percent in 2016.", "", pakistan, iraq)
	Annotate(doc)
	n, f := len(doc.Claims), len(doc.Facts)
	Annotate(doc)
	if len(doc.Claims) != n || len(doc.Facts) != f {
		t.Errorf("second Annotate: %d claims %d facts, first %d %d", len(doc.Claims), len(doc.Facts), n, f)
	}
}

func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"Pakistan gave Iraq arms last week.",
		"Mosul, Iraq's second-largest city, was freed after a 9-month battle.",
		"12 people were killed; $5m was pledged by 2,000 donors.",
		"‘We share the same enemy’, said Ali Yasin.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := build(s, "2017-07-12", iraq, pakistan, mosul, isGroup)
		Annotate(doc)
		for _, c := range doc.Claims {
			if !c.Span().Valid(len(s)) || c.Start > c.End {
				t.Fatalf("bad claim span %v", c.Span())
			}
		}
		for _, x := range doc.Facts {
			if !x.Span().Valid(len(s)) {
				t.Fatalf("bad fact span %v", x.Span())
			}
		}
	})
}
