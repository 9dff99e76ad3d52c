package check

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// builder makes an analysed document by hand: the text layer is real, and
// the entity, quote, claim and fact layers are written out so that each
// rule is tested on exactly the findings it reads.
type builder struct {
	t   *testing.T
	doc *document.Document
}

func newDoc(t *testing.T, headline, body string) *builder {
	t.Helper()
	txt := body
	if headline != "" {
		txt = headline + "\n\n" + body
	}
	doc := document.New(txt, document.Meta{Title: headline, Published: "2024-03-15", Language: "en"})
	if headline != "" {
		doc.Headline = &document.Span{Start: 0, End: len(headline)}
	}
	text.Segment(doc)
	return &builder{t: t, doc: doc}
}

// at returns the span of the n-th (0-based) occurrence of s.
func (b *builder) at(s string, n int) document.Span {
	b.t.Helper()
	from := 0
	for i := 0; ; i++ {
		j := strings.Index(b.doc.Text[from:], s)
		if j < 0 {
			b.t.Fatalf("%q occurs fewer than %d times", s, n+1)
		}
		if i == n {
			return document.Span{Start: from + j, End: from + j + len(s)}
		}
		from += j + len(s)
	}
}

// entity adds an entity with a mention at every occurrence of each name.
func (b *builder) entity(id, typ, name string, link *document.Link, names ...string) *document.Entity {
	e := document.Entity{ID: document.EntityID(id), Name: name, Type: typ, Link: link}
	for _, n := range append([]string{name}, names...) {
		for i := 0; strings.Count(b.doc.Text, n) > i; i++ {
			s := b.at(n, i)
			e.Mentions = append(e.Mentions, document.Mention{Start: s.Start, End: s.End, Kind: document.MentionName})
		}
	}
	b.doc.Entities = append(b.doc.Entities, e)
	return &b.doc.Entities[len(b.doc.Entities)-1]
}

func country(code string) *document.Link {
	return &document.Link{Kind: document.LinkCountry, Code: code}
}
func city(code, in string) *document.Link {
	return &document.Link{Kind: document.LinkCity, Code: code, Country: in}
}

func (b *builder) role(e *document.Entity, title, of, words string, n int) {
	s := b.at(words, n)
	e.Roles = append(e.Roles, document.Role{Title: title, Of: of, Start: s.Start, End: s.End})
}

// quote adds a direct quote at the n-th occurrence of its content, cued
// by the first occurrence of cue after it.
func (b *builder) quote(speaker, cue, content string, n int) {
	b.t.Helper()
	c := b.at(content, n)
	i := strings.Index(b.doc.Text[c.End:], cue)
	if i < 0 {
		b.t.Fatalf("no cue %q after %q", cue, content)
	}
	cs := document.Span{Start: c.End + i, End: c.End + i + len(cue)}
	b.doc.Quotes = append(b.doc.Quotes, document.Quote{
		Speaker: document.EntityID(speaker), Attribution: document.AttributionNamed,
		Cue: cs, Content: c, Direct: true,
	})
}

func (b *builder) fact(entity, attribute, value, unit, scope, words string) {
	s := b.at(words, 0)
	b.doc.Facts = append(b.doc.Facts, document.Fact{Entity: document.EntityID(entity), Attribute: attribute,
		Value: value, Unit: unit, Scope: scope, Start: s.Start, End: s.End})
}

func (b *builder) claim(source, words string, worth float64) {
	s := b.at(words, 0)
	b.doc.Claims = append(b.doc.Claims, document.Claim{Start: s.Start, End: s.End,
		Source: document.EntityID(source), Checkworthy: worth})
}

// flagsOf runs every rule and returns the flags of one kind.
func flagsOf(doc *document.Document, kind string) []document.Flag {
	Run(doc)
	var out []document.Flag
	for _, f := range doc.Flags {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// evidence joins the words a flag points at.
func evidence(doc *document.Document, f document.Flag) string {
	var parts []string
	for _, s := range f.Evidence {
		parts = append(parts, doc.Slice(s))
	}
	return strings.Join(parts, " | ")
}

func TestRules(t *testing.T) {
	tests := []struct {
		name     string
		kind     string
		build    func(t *testing.T) *document.Document
		severity string // "" means the rule must stay silent
		evidence string
	}{
		{
			name: "one envoy given two countries",
			kind: "role-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "Danish envoy praises Norway", "Anna Berg, Ambassador of Sweden, said Norway helped. The Danish envoy thanked Oslo.")
				b.entity("E2", document.GPE, "Norway", country("NOR"))
				e := b.entity("E1", document.Person, "Anna Berg", nil)
				b.role(e, "ambassador", "DNK", "Danish envoy", 0)
				b.role(e, "ambassador", "SWE", "Ambassador of Sweden", 0)
				b.role(e, "ambassador", "DNK", "Danish envoy", 1)
				return b.doc
			},
			severity: document.High,
			evidence: "Danish envoy | Ambassador of Sweden | Danish envoy",
		},
		{
			name: "two ambassadors of two countries stay two people",
			kind: "role-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "Anna Berg, Ambassador of Sweden, met Jon Lie, Ambassador of Norway.")
				a := b.entity("E1", document.Person, "Anna Berg", nil)
				j := b.entity("E2", document.Person, "Jon Lie", nil)
				b.role(a, "ambassador", "SWE", "Ambassador of Sweden", 0)
				b.role(j, "ambassador", "NOR", "Ambassador of Norway", 0)
				return b.doc
			},
		},
		{
			name: "different titles for two countries are a career, not a conflict",
			kind: "role-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "Anna Berg, a former Swedish minister, is now Ambassador of Norway.")
				a := b.entity("E1", document.Person, "Anna Berg", nil)
				b.role(a, "minister", "SWE", "Swedish minister", 0)
				b.role(a, "ambassador", "NOR", "Ambassador of Norway", 0)
				return b.doc
			},
		},
		{
			name: "second and third largest city",
			kind: "rank-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "Mombasa is the second largest city of Kenya. Mombasa, the third largest city of Kenya, is a port.")
				b.entity("E1", document.GPE, "Mombasa", city("mombasa", "KEN"))
				b.fact("E1", "rank-by-size", "2", "", "city in KEN", "second largest city of Kenya")
				b.fact("E1", "rank-by-size", "3", "", "city in KEN", "third largest city of Kenya")
				return b.doc
			},
			severity: document.High,
			evidence: "second largest city of Kenya | third largest city of Kenya",
		},
		{
			name: "the same rank twice is agreement",
			kind: "rank-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "Mombasa is the second largest city of Kenya. It is also, as the second city, a port.")
				b.entity("E1", document.GPE, "Mombasa", city("mombasa", "KEN"))
				b.fact("E1", "rank-by-size", "2", "", "city in KEN", "second largest city of Kenya")
				b.fact("E1", "rank-by-size", "2", "", "city in KEN", "second city")
				return b.doc
			},
		},
		{
			name: "a death toll changed without explanation",
			kind: "quantity-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "The blast in Lamu killed 12 people. Police said the 21 people killed were fishermen.")
				b.entity("E1", document.GPE, "Lamu", city("lamu", "KEN"))
				b.fact("E1", "killed", "12", "people", "", "killed 12 people")
				b.fact("E1", "killed", "21", "people", "", "21 people killed")
				return b.doc
			},
			severity: document.High,
			evidence: "killed 12 people | 21 people killed",
		},
		{
			name: "a death toll that rose is an update",
			kind: "quantity-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "The blast in Lamu killed 12 people. By evening the toll had risen to 21 people killed.")
				b.entity("E1", document.GPE, "Lamu", city("lamu", "KEN"))
				b.fact("E1", "killed", "12", "people", "", "killed 12 people")
				b.fact("E1", "killed", "21", "people", "", "21 people killed")
				return b.doc
			},
		},
		{
			name: "a city put in two countries",
			kind: "place-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "Fighting reached Mosul, in northern Iraq, on Monday. Residents fled the Syrian city of Mosul by night.")
				b.entity("E1", document.GPE, "Mosul", city("mosul", "IRQ"))
				b.entity("E2", document.GPE, "Iraq", country("IRQ"))
				b.entity("E3", document.GPE, "Syria", country("SYR"), "Syrian")
				return b.doc
			},
			severity: document.High,
			evidence: "Mosul, in northern Iraq | Syrian city of Mosul",
		},
		{
			name: "a city put in the wrong country once",
			kind: "place-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "Fighting reached Mosul, in northern Syria, on Monday.")
				b.entity("E1", document.GPE, "Mosul", city("mosul", "IRQ"))
				b.entity("E2", document.GPE, "Syria", country("SYR"))
				return b.doc
			},
			severity: document.Warning,
			evidence: "Mosul, in northern Syria",
		},
		{
			name: "a city next to another country is not placed in it",
			kind: "place-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "Aid flowed from Mosul to Syria and from Mosul, Iraq, to Turkey.")
				b.entity("E1", document.GPE, "Mosul", city("mosul", "IRQ"))
				b.entity("E2", document.GPE, "Syria", country("SYR"))
				b.entity("E3", document.GPE, "Iraq", country("IRQ"))
				b.entity("E4", document.GPE, "Turkey", country("TUR"))
				return b.doc
			},
		},
		{
			name: "a country and a region joined by of alone is no placing",
			kind: "place-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "He spoke of the occupation by Russia of Crimea and of the war.")
				b.entity("E1", document.GPE, "Crimea", city("crimea", "UKR"))
				b.entity("E2", document.GPE, "Russia", country("RUS"))
				return b.doc
			},
		},
		{
			name: "one quote, two speakers",
			kind: "quote-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", `"We will rebuild every school in the city," said Anna Berg. "We will rebuild every school in the city," Jon Lie said later.`)
				b.entity("E1", document.Person, "Anna Berg", nil)
				b.entity("E2", document.Person, "Jon Lie", nil)
				b.quote("E1", "said", "We will rebuild every school in the city", 0)
				b.quote("E2", "said", "We will rebuild every school in the city", 1)
				return b.doc
			},
			severity: document.High,
		},
		{
			name: "a quote repeated by the same speaker",
			kind: "quote-conflict",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", `"We will rebuild every school in the city," said Anna Berg. "We will rebuild every school in the city," she repeated.`)
				b.entity("E1", document.Person, "Anna Berg", nil)
				b.quote("E1", "said", "We will rebuild every school in the city", 0)
				b.quote("E1", "repeated", "We will rebuild every school in the city", 1)
				return b.doc
			},
		},
		{
			name: "all attributions from one source",
			kind: "single-source",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", `The port was closed, Anna Berg said. "It will reopen," said Berg.`)
				b.entity("E1", document.Person, "Anna Berg", nil, "Berg")
				b.quote("E1", "said", "The port was closed", 0)
				b.quote("E1", "said", "It will reopen", 0)
				return b.doc
			},
			severity: document.Warning,
		},
		{
			name: "two sources",
			kind: "single-source",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", `The port was closed, Anna Berg said. "It will reopen," said Jon Lie.`)
				b.entity("E1", document.Person, "Anna Berg", nil)
				b.entity("E2", document.Person, "Jon Lie", nil)
				b.quote("E1", "said", "The port was closed", 0)
				b.quote("E2", "said", "It will reopen", 0)
				return b.doc
			},
		},
		{
			name: "loaded verb in the first sentence",
			kind: "loaded-language",
			build: func(t *testing.T) *document.Document {
				return newDoc(t, "Port to reopen", "The mayor admitted the port was closed. Officials met on Monday.").doc
			},
			severity: document.Warning,
			evidence: "admitted",
		},
		{
			name: "a loaded word inside a quote is the speaker's",
			kind: "loaded-language",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", `The port closed on Monday. "They secretly closed it," said Anna Berg.`)
				b.entity("E1", document.Person, "Anna Berg", nil)
				b.quote("E1", "said", "They secretly closed it", 0)
				return b.doc
			},
		},
		{
			name: "breaking news about last week",
			kind: "breaking",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "Breaking: the port reopened last week after a storm.")
				s := b.at("last week", 0)
				b.doc.Times = []document.TimeExpr{{Start: s.Start, End: s.End, Kind: document.TimeRelative, Value: "2024-03-04/2024-03-10"}}
				return b.doc
			},
			severity: document.Warning,
			evidence: "Breaking: | last week",
		},
		{
			name: "no breaking label",
			kind: "breaking",
			build: func(t *testing.T) *document.Document {
				return newDoc(t, "", "The breaking waves closed the port last week.").doc
			},
		},
		{
			name: "shouting outside quotes",
			kind: "shouting",
			build: func(t *testing.T) *document.Document {
				return newDoc(t, "", "THIS IS OUTRAGEOUS news, and the port closed.").doc
			},
			severity: document.Info,
			evidence: "THIS IS OUTRAGEOUS",
		},
		{
			name: "a loaded adverb later in the article",
			kind: "loaded-language",
			build: func(t *testing.T) *document.Document {
				return newDoc(t, "Port to reopen", "The port will reopen. Officials met on Monday. The harbour was secretly dredged.").doc
			},
			severity: document.Info,
			evidence: "secretly",
		},
		{
			name: "acronyms are not shouting",
			kind: "shouting",
			build: func(t *testing.T) *document.Document {
				b := newDoc(t, "", "The UN and NATO met the EU in Oslo.")
				b.entity("E1", document.Org, "UN", nil)
				b.entity("E2", document.Org, "NATO", nil)
				b.entity("E3", document.Org, "EU", nil)
				return b.doc
			},
		},
		{
			name: "residue left in a paragraph",
			kind: "residue",
			build: func(t *testing.T) *document.Document {
				return newDoc(t, "", "The port reopened on Monday. Click here to subscribe to our daily briefing.").doc
			},
			severity: document.Warning,
			evidence: "Click here to subscribe to our daily briefing.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.build(t)
			got := flagsOf(doc, tc.kind)
			if tc.severity == "" {
				if len(got) > 0 {
					t.Fatalf("want no %s flag, got %+v", tc.kind, got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one %s flag, got %+v", tc.kind, got)
			}
			f := got[0]
			if f.Severity != tc.severity {
				t.Errorf("severity = %s, want %s (%s)", f.Severity, tc.severity, f.Message)
			}
			if f.Message == "" || !strings.HasSuffix(f.Message, ".") && tc.kind != "residue" {
				t.Errorf("message %q is not a sentence", f.Message)
			}
			if tc.evidence != "" {
				if ev := evidence(doc, f); ev != tc.evidence {
					t.Errorf("evidence = %q, want %q", ev, tc.evidence)
				}
			}
			for _, s := range f.Evidence {
				if !s.Valid(len(doc.Text)) {
					t.Errorf("evidence %v out of range", s)
				}
			}
		})
	}
}

func TestScores(t *testing.T) {
	doc := newDoc(t, "", "Anna Berg, Ambassador of Sweden, is the Danish envoy.").doc
	doc.Entities = []document.Entity{{ID: "E1", Name: "Anna Berg", Type: document.Person,
		Roles: []document.Role{{Title: "ambassador", Of: "SWE", Start: 11, End: 31}, {Title: "ambassador", Of: "DNK", Start: 36, End: 48}}}}
	Run(doc)
	if doc.Scores == nil {
		t.Fatal("no scores")
	}
	if doc.Scores.Consistency != 100-penalties[document.High] || doc.Scores.Sourcing != 100 {
		t.Errorf("scores = %+v", doc.Scores)
	}
	if len(doc.Scores.Reasons) != 1 || !strings.Contains(doc.Scores.Reasons[0], "role-conflict") {
		t.Errorf("reasons = %q", doc.Scores.Reasons)
	}
	Run(doc)
	if len(doc.Flags) != 1 {
		t.Errorf("running twice doubled the flags: %+v", doc.Flags)
	}
}

func TestCleanTextRaisesNoFlags(t *testing.T) {
	doc := newDoc(t, "Port reopens after storm",
		"The port of Lamu reopened on Monday after a storm closed it for two days. Harbour master Jon Lie said ships were queuing. Fishermen returned to sea by noon.").doc
	Run(doc)
	if len(doc.Flags) != 0 {
		t.Errorf("clean text flagged: %+v", doc.Flags)
	}
	if doc.Scores.Consistency != 100 || doc.Scores.Sourcing != 100 {
		t.Errorf("scores = %+v", doc.Scores)
	}
}

func TestIsFigure(t *testing.T) {
	for _, tt := range []struct {
		w    string
		want bool
	}{
		{"40", true}, {"6.5", true}, {"$3bn", true}, {"30%", true}, {"1,200", true}, {"€40m", true},
		{"13-Inch", false}, {"4-door", false}, {"A350", false}, {"2018", false}, {"11.18.19", false}, {"G7", false},
	} {
		if got := isFigure(tt.w); got != tt.want {
			t.Errorf("isFigure(%q) = %t, want %t", tt.w, got, tt.want)
		}
	}
}

func TestHeadlineNamesInBody(t *testing.T) {
	b := newDoc(t, "Kenyan coast guard trained by Norway", "Norway trained the coast guard for two years.")
	b.entity("E1", document.Org, "Kenyan coast guard", nil)
	b.entity("E2", document.GPE, "Norway", country("NOR"))
	if got := flagsOf(b.doc, "headline-unsupported"); len(got) != 0 {
		t.Errorf("headline name used in the body was flagged: %+v", got)
	}
	b = newDoc(t, "Anna Berg praises Norway", "Norway trained the coast guard for two years.")
	b.entity("E1", document.Person, "Anna Berg", nil)
	b.entity("E2", document.GPE, "Norway", country("NOR"))
	if got := flagsOf(b.doc, "headline-unsupported"); len(got) != 1 {
		t.Errorf("want one flag for a headline name missing from the body, got %+v", got)
	}
	// The outlet naming itself is no claim.
	b = newDoc(t, "The Guardian view on the floods", "Rivers rose for a week.")
	b.doc.Meta.Outlet = "The Guardian"
	b.entity("E1", document.Org, "Guardian", nil)
	if got := flagsOf(b.doc, "headline-unsupported"); len(got) != 0 {
		t.Errorf("the outlet's own name was flagged: %+v", got)
	}
	// Title Case: only linked names count.
	b = newDoc(t, "So Many Ways to Play and Pay in Norway and Sweden", "Norway has more consoles than ever before.")
	b.entity("E1", document.Person, "Many Ways", nil)
	b.entity("E2", document.GPE, "Norway", country("NOR"))
	b.entity("E3", document.GPE, "Sweden", country("SWE"))
	if got := flagsOf(b.doc, "headline-unsupported"); len(got) != 1 || !strings.Contains(got[0].Message, "Sweden") {
		t.Errorf("Title Case headline: want one flag, for Sweden; got %+v", got)
	}
}

func TestDateConflicts(t *testing.T) {
	event := func(b *builder, actor, action, target, when, value string) {
		s := b.at(when, 0)
		ev := &document.Event{Actor: &document.Arg{Text: actor}, Action: action,
			Time: &document.Arg{Text: when, Value: value, Start: s.Start, End: s.End}}
		if target != "" {
			ev.Target = &document.Arg{Text: target}
		}
		b.doc.Claims = append(b.doc.Claims, document.Claim{Start: s.Start, End: s.End, Event: ev})
	}
	b := newDoc(t, "", "The army shelled Lamu on 3 May. Witnesses said the army shelled Lamu on 5 May.")
	event(b, "army", "shelled", "Lamu", "3 May", "2024-05-03")
	event(b, "army", "shelled", "Lamu", "5 May", "2024-05-05")
	if got := flagsOf(b.doc, "date-conflict"); len(got) != 1 {
		t.Errorf("one event, two dates: want one flag, got %+v", got)
	}
	b = newDoc(t, "", "Trump planned tariffs for 15 Dec. He had planned an increase for 15 Oct.")
	event(b, "Trump", "planned", "", "15 Dec", "2019-12-15")
	event(b, "Trump", "planned", "", "15 Oct", "2019-10-15")
	if got := flagsOf(b.doc, "date-conflict"); len(got) != 0 {
		t.Errorf("events without a target are not one event: %+v", got)
	}
}
