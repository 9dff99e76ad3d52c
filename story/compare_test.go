package story

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

func compareFiles(t *testing.T, names ...string) *Comparison {
	t.Helper()
	dir := filepath.Join("testdata", "labelled", "dev2")
	var docs []*document.Document
	for _, n := range names {
		docs = append(docs, readDoc(t, filepath.Join(dir, n)))
	}
	return Compare("s1", docs)
}

// sides renders a contradiction as "value:LABELS value:LABELS".
func sides(c Contradiction) string {
	var out []string
	for _, s := range c.Sides {
		var ls []string
		for _, e := range s.Evidence {
			ls = append(ls, e.Label)
		}
		out = append(out, s.Value+":"+strings.Join(ls, ""))
	}
	return strings.Join(out, " ")
}

func TestCompareTextOnly(t *testing.T) {
	cases := []struct {
		name  string
		files []string
		// want are the contradictions expected, each as kind and sides.
		want []string
	}{
		{"mosul", []string{"mosul-a.txt", "mosul-b.txt", "mosul-c.txt", "mosul-d.txt"},
			[]string{"role iraq:ABC iran:D", "number #2:ABD #3:C"}},
		{"quake", []string{"quake-a.txt", "quake-b.txt", "quake-c.txt"},
			[]string{"number 12:AC 14:B"}},
		{"port", []string{"port-a.txt", "port-b.txt", "port-c.txt"},
			[]string{"number 48:AC 24:B"}},
		{"bank", []string{"bank-a.txt", "bank-b.txt", "bank-c.txt"},
			[]string{"number 50:A 75:C"}},
		// The same article twice contradicts nothing.
		{"same", []string{"mosul-a.txt", "mosul-a.txt"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := compareFiles(t, tc.files...)
			var got []string
			for _, x := range c.Contradictions {
				got = append(got, x.Kind+" "+sides(x))
				for _, s := range x.Sides {
					for _, e := range s.Evidence {
						v := c.Versions[e.Label[0]-'A']
						if e.Article != v.ID || e.Text == "" || e.Context == "" || !strings.Contains(e.Context, e.Text) {
							t.Errorf("bad evidence %+v for version %s", e, v.Label)
						}
					}
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("contradictions = %q; want %q", got, tc.want)
			}
		})
	}
}

func TestCompareEvidenceSpans(t *testing.T) {
	docs := []*document.Document{
		readDoc(t, filepath.Join("testdata", "labelled", "dev2", "mosul-a.txt")),
		readDoc(t, filepath.Join("testdata", "labelled", "dev2", "mosul-c.txt")),
	}
	c := Compare("s1", docs)
	var rank *Contradiction
	for i := range c.Contradictions {
		if c.Contradictions[i].Kind == KindNumber {
			rank = &c.Contradictions[i]
		}
	}
	if rank == nil {
		t.Fatalf("no rank contradiction in %+v", c.Contradictions)
	}
	for _, s := range rank.Sides {
		e := s.Evidence[0]
		d := docs[e.Label[0]-'A']
		if got := d.Text[e.Start:e.End]; got != e.Text {
			t.Errorf("evidence span [%d,%d) of %s holds %q, evidence says %q", e.Start, e.End, e.Label, got, e.Text)
		}
	}
	if rank.Sides[0].Evidence[0].Text != "second" || rank.Sides[1].Evidence[0].Text != "third" {
		t.Errorf("rank sides = %q, %q; want second, third", rank.Sides[0].Evidence[0].Text, rank.Sides[1].Evidence[0].Text)
	}
}

func TestCompareFirstCopiesOmissions(t *testing.T) {
	c := compareFiles(t, "mosul-a.txt", "mosul-b.txt", "mosul-c.txt", "mosul-d.txt")
	if c.FirstPublished != "2017-07-17" || !slices.Equal(c.First, []string{"A"}) {
		t.Errorf("first published = %q %v; want 2017-07-17 [A]", c.FirstPublished, c.First)
	}
	if len(c.Copies) != 1 || c.Copies[0].From != "A" || c.Copies[0].To != "B" || c.Copies[0].Kind != "rewrite" || c.Copies[0].Shared < 0.5 {
		t.Errorf("copies = %+v; want B a rewrite of A sharing over half", c.Copies)
	}
	found := false
	for _, o := range c.Omissions {
		if strings.HasPrefix(o.Text, "He asked for support in rebuilding Mosul") {
			found = true
			if len(o.In) != 1 || o.In[0].Label != "A" || !slices.Equal(o.Missing, []string{"B", "C", "D"}) {
				t.Errorf("rebuilding omission = %+v", o)
			}
		}
		if len(o.Missing) == 0 || len(o.In) == 0 {
			t.Errorf("omission %+v without both sides", o)
		}
	}
	if !found {
		t.Error("A's call for rebuilding support is not reported as only in A")
	}
	// An exact copy.
	c = compareFiles(t, "port-a.txt", "port-a.txt")
	if len(c.Copies) != 1 || c.Copies[0].Kind != "copy" || c.Copies[0].Shared != 1 {
		t.Errorf("copies of identical versions = %+v", c.Copies)
	}
	if len(c.Omissions) != 0 {
		t.Errorf("identical versions have omissions: %+v", c.Omissions)
	}
}

// TestCompareAnalysed builds documents as the analysis stages fill them,
// and checks that facts, roles and events are compared.
func TestCompareAnalysed(t *testing.T) {
	mk := func(text, pub string, facts []document.Fact, roleOf string, when string) *document.Document {
		d := document.New(text, document.Meta{Title: "T", Outlet: "O" + pub, Published: pub})
		mosul := strings.Index(text, "Mosul")
		yasin := strings.Index(text, "Ali Yasin")
		d.Entities = []document.Entity{
			{ID: "E1", Name: "Mosul", Type: document.GPE, Link: &document.Link{Kind: document.LinkCity, Code: "MOSUL", Country: "IRQ"},
				Mentions: []document.Mention{{Start: mosul, End: mosul + 5}}},
			{ID: "E2", Name: "Ali Yasin", Type: document.Person, Mentions: []document.Mention{{Start: yasin, End: yasin + 9}},
				Roles: []document.Role{{Title: "ambassador", Of: roleOf, Start: yasin, End: yasin + 9}}},
		}
		// Unit carries the fact's words here, to find its span.
		for i := range facts {
			facts[i].Entity = "E1"
			facts[i].Start = strings.Index(text, facts[i].Unit)
			facts[i].End = facts[i].Start + len(facts[i].Unit)
			facts[i].Unit = ""
		}
		d.Facts = facts
		d.Claims = []document.Claim{{ID: "C1", Event: &document.Event{Action: "freed", Actor: &document.Arg{Text: "Iraqi forces", Code: "IRQ"},
			Target: &document.Arg{Text: "Mosul", Entity: "E1"}, Time: &document.Arg{Text: "last week", Value: when, Start: 0, End: 3}}}}
		return d
	}
	a := mk("Ali Yasin said Mosul is the second largest city.", "2017-07-17",
		[]document.Fact{{Attribute: "rank-by-size", Value: "2", Scope: "city in IRQ", Unit: "second"}}, "IRQ", "2017-07-10")
	b := mk("Ali Yasin said Mosul is the third largest city.", "2017-07-18",
		[]document.Fact{{Attribute: "rank-by-size", Value: "3", Scope: "city in IRQ", Unit: "third"}}, "IRN", "2017-07-09")
	c := Compare("s", []*document.Document{a, b})
	got := map[string]string{}
	for _, x := range c.Contradictions {
		got[x.Kind] = sides(x)
	}
	want := map[string]string{KindFact: "2:A 3:B", KindRole: "IRQ:A IRN:B", KindEvent: "2017-07-10:A 2017-07-09:B"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s contradiction = %q; want %q (all: %v)", k, got[k], v, got)
		}
	}
	// The text comparison does not report the fact's words again.
	if s := got[KindNumber]; s != "" {
		t.Errorf("fact reported again as a number: %s", s)
	}
}

func TestCompareDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip("set DUMP=prefix (mosul, quake, port, bank) to print a comparison")
	}
	var names []string
	for _, s := range []string{"a", "b", "c", "d"} {
		n := os.Getenv("DUMP") + "-" + s + ".txt"
		if _, err := os.Stat(filepath.Join("testdata", "labelled", "dev2", n)); err == nil {
			names = append(names, n)
		}
	}
	e := json.NewEncoder(os.Stdout)
	e.SetIndent("", "  ")
	e.Encode(compareFiles(t, names...))
}

func TestLabel(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 52: "BA"} {
		if got := label(i); got != want {
			t.Errorf("label(%d) = %q; want %q", i, got, want)
		}
	}
}

func TestConsistentBounds(t *testing.T) {
	num := func(v string, bound int) *slot { return &slot{kind: KindNumber, value: v, bound: bound} }
	cases := []struct {
		a, b *slot
		want bool
	}{
		{num("44", 1), num("44.6", 0), true},  // above 44; 44.6
		{num("44.6", 0), num("44", 1), true},  // either order
		{num("44", 1), num("43", 0), false},   // above 44; 43
		{num("175", -1), num("160", 0), true}, // up to 175; 160
		{num("160", 0), num("175", -1), true},
		{num("175", -1), num("180", 0), false},
		{num("10", 1), num("20", -1), true}, // at least 10, at most 20
		{num("20", -1), num("10", 1), true},
		{num("30", 1), num("20", -1), false},
		{num("86", 1), num("79", 1), false}, // two lower bounds: counts that differ
		{num("12", 0), num("14", 0), false},
	}
	for _, c := range cases {
		if got := consistentBounds(c.a, c.b); got != c.want {
			t.Errorf("consistentBounds(%s/%d, %s/%d) = %v; want %v", c.a.value, c.a.bound, c.b.value, c.b.bound, got, c.want)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{{">=86 people", "131 people", true}, {"12 people", ">=14 people", false}, {"2023-11", "2023", true},
		{"2017-07-10", "2017-07-09", false}, {"PT48H hour", "PT24H hour", false}, {"~2000 jobs", "2000 jobs", true}} {
		if got := consistentValues(c.a, c.b); got != c.want {
			t.Errorf("consistentValues(%q, %q) = %v; want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestOneOfIsNoCount(t *testing.T) {
	doc := func(text string) *document.Document {
		d := document.New("Ships sent\n\n"+text, document.Meta{Title: "Ships sent"})
		d.Headline = &document.Span{Start: 0, End: len("Ships sent")}
		return d
	}
	c := Compare("s1", []*document.Document{
		doc("Kenya was one of the few countries that sent 3 ships to the port."),
		doc("Kenya was one of the few countries that sent 3 ships to the port."),
	})
	var got []string
	for _, p := range c.Agreements {
		if p.Kind == KindNumber {
			got = append(got, p.Value)
		}
	}
	if !slices.Equal(got, []string{"3"}) {
		t.Errorf("number agreements %q, want only the 3 ships", got)
	}
}
