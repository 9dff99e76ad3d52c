package attrib

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// ent describes one entity of a fixture: its mentions are found in the
// text by whole-word search.
type ent struct {
	id       document.EntityID
	typ      string
	names    []string // name and alias mentions
	pronouns []string
	descs    []string
}

// newDoc builds a segmented Document with the fixture's entities, as the
// text and entity stages would leave it.
func newDoc(t *testing.T, txt string, ents ...ent) *document.Document {
	t.Helper()
	doc := document.New(txt, document.Meta{Language: "en"})
	text.Segment(doc)
	for _, e := range ents {
		de := document.Entity{ID: e.id, Type: e.typ, Name: e.names[0]}
		add := func(words []string, kind string) {
			for _, w := range words {
				for _, s := range findWord(txt, w) {
					de.Mentions = append(de.Mentions, document.Mention{Start: s.Start, End: s.End, Kind: kind})
				}
			}
		}
		add(e.names, document.MentionName)
		add(e.pronouns, document.MentionPronoun)
		add(e.descs, document.MentionDescription)
		doc.Entities = append(doc.Entities, de)
	}
	return doc
}

// findWord returns every whole-word occurrence of w in s.
func findWord(s, w string) []document.Span {
	var out []document.Span
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return out
		}
		a, b := i+k, i+k+len(w)
		r1, _ := utf8.DecodeLastRuneInString(s[:a])
		r2, _ := utf8.DecodeRuneInString(s[b:])
		if (a == 0 || !unicode.IsLetter(r1)) && (b == len(s) || !unicode.IsLetter(r2)) {
			out = append(out, document.Span{Start: a, End: b})
		}
		i = b
	}
}

// want is one expected quote: the cue's words, words the content must
// contain (and the content must not contain the cue), the source words
// ("" for none), the speaker and attribution, and the quote's shape.
type want struct {
	cue      string
	content  string
	source   string
	speaker  document.EntityID
	attrib   string
	direct   bool
	parts    int
	notInCon string
}

func findQuote(doc *document.Document, qs []document.Quote, w want) *document.Quote {
	for i, q := range qs {
		if doc.Slice(q.Cue) == w.cue && strings.Contains(doc.Slice(q.Content), w.content) {
			return &qs[i]
		}
	}
	return nil
}

func checkQuotes(t *testing.T, doc *document.Document, wants []want) {
	t.Helper()
	m, err := DefaultModel()
	if err != nil {
		t.Fatalf("load model: %v", err)
	}
	qs := m.Quotes(doc)
	for _, w := range wants {
		q := findQuote(doc, qs, w)
		if q == nil {
			t.Errorf("no quote with cue %q and content containing %q; got:\n%s", w.cue, w.content, dump(doc, qs))
			continue
		}
		src := ""
		if q.Source != nil {
			src = doc.Slice(*q.Source)
		}
		if w.source != "" && src != w.source {
			t.Errorf("cue %q: source %q, want %q", w.cue, src, w.source)
		}
		if q.Speaker != w.speaker || q.Attribution != w.attrib {
			t.Errorf("cue %q: speaker %q (%s), want %q (%s)", w.cue, q.Speaker, q.Attribution, w.speaker, w.attrib)
		}
		if q.Direct != w.direct {
			t.Errorf("cue %q: direct %v, want %v", w.cue, q.Direct, w.direct)
		}
		if len(q.Parts) != w.parts {
			t.Errorf("cue %q: %d parts, want %d", w.cue, len(q.Parts), w.parts)
		}
		con := doc.Slice(q.Content)
		if w.notInCon != "" && strings.Contains(con, w.notInCon) {
			t.Errorf("cue %q: content %q contains %q", w.cue, con, w.notInCon)
		}
		for _, p := range q.Parts {
			if p.Overlaps(q.Cue) {
				t.Errorf("cue %q: part %q overlaps the cue", w.cue, doc.Slice(p))
			}
		}
	}
	for _, q := range qs {
		if !q.Cue.Valid(len(doc.Text)) || !q.Content.Valid(len(doc.Text)) || q.Content.Len() == 0 {
			t.Errorf("bad spans in %+v", q)
		}
		if q.Attribution == document.AttributionNamed && doc.Entity(q.Speaker) == nil {
			t.Errorf("named quote with unknown speaker %q", q.Speaker)
		}
	}
}

func dump(doc *document.Document, qs []document.Quote) string {
	var b strings.Builder
	for _, q := range qs {
		src := ""
		if q.Source != nil {
			src = doc.Slice(*q.Source)
		}
		b.WriteString("  " + q.Attribution + " " + string(q.Speaker) + " [" + src + "] <" + doc.Slice(q.Cue) + "> " + doc.Slice(q.Content) + "\n")
	}
	return b.String()
}

var marta = ent{id: "E1", typ: document.Person, names: []string{"Marta Kovacs"}, pronouns: []string{"She", "she"}, descs: []string{"the minister", "Sylvanian Minister"}}

func TestDirectQuoteStyles(t *testing.T) {
	mayor := ent{id: "E2", typ: document.Person, names: []string{"Tomas Reyes"}, pronouns: []string{"He", "he"}, descs: []string{"the mayor"}}
	cases := []struct {
		name string
		text string
		want []want
	}{
		{"single quotes, cue after", "Marta Kovacs spoke in the capital on Monday.\n\n‘We face the same threat’, said Marta Kovacs.",
			[]want{{cue: "said", content: "We face the same threat", source: "Marta Kovacs", speaker: "E1", attrib: document.AttributionNamed, direct: true}}},
		{"single quotes, cue before", "Marta Kovacs spoke in the capital on Monday.\n\nShe mentioned, ‘The people of Freedonia have always stood with Sylvania in this war’.",
			[]want{{cue: "mentioned", content: "The people of Freedonia", source: "She", speaker: "E1", attrib: document.AttributionNamed, direct: true}}},
		{"curly double quotes", "The ferry has not run since March.\n\n“The bridge will open in May,” Tomas Reyes said on Friday.",
			[]want{{cue: "said", content: "The bridge will open in May", source: "Tomas Reyes", speaker: "E2", attrib: document.AttributionNamed, direct: true}}},
		{"straight double quotes", "The ferry has not run since March.\n\n\"We will pay for the repairs ourselves,\" the mayor told reporters.",
			[]want{{cue: "told", content: "We will pay for the repairs", source: "the mayor", speaker: "E2", attrib: document.AttributionNamed, direct: true}}},
		{"guillemets", "The ferry has not run since March.\n\nTomas Reyes said: «We will rebuild every school in the valley.»",
			[]want{{cue: "said:", content: "We will rebuild every school", speaker: "E2", attrib: document.AttributionNamed, direct: true}}},
		{"split around the cue", "Marta Kovacs spoke in the capital on Monday.\n\n\"We share a border\", she said, \"and we share a future.\"",
			[]want{{cue: "said", content: "We share a border", source: "she", speaker: "E1", attrib: document.AttributionNamed, direct: true, parts: 2, notInCon: ""}}},
		{"quote continued after the cue's sentence", "The council met on Tuesday.\n\n“We will open the bridge in May,” Tomas Reyes said. “The ferry will follow in June, and the road in July.”",
			[]want{{cue: "said", content: "The ferry will follow", source: "Tomas Reyes", speaker: "E2", attrib: document.AttributionNamed, direct: true, parts: 2}}},
		{"dash signature", "Readers wrote in after the debate.\n\n“The bridge should have been built ten years ago.” ― Tomas Reyes",
			[]want{{cue: "―", content: "The bridge should have been built", source: "Tomas Reyes", speaker: "E2", attrib: document.AttributionNamed, direct: true}}},
		{"transcript turn", "The council met on Tuesday.\n\nREYES: We will open the bridge in May and the ferry in June.",
			[]want{{cue: ":", content: "We will open the bridge in May", source: "REYES", attrib: document.AttributionUnresolved}}},
		{"multi-paragraph", "The council met on Tuesday.\n\n“The siege is over. The city is ours again.\n\n“Now the hard work of rebuilding begins,” Tomas Reyes told the crowd.",
			[]want{{cue: "told", content: "The siege is over", source: "Tomas Reyes", speaker: "E2", attrib: document.AttributionNamed, direct: true, parts: 2}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkQuotes(t, newDoc(t, c.text, marta, mayor), c.want)
		})
	}
}

func TestIndirectAndMixed(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []want
	}{
		{"says", "Marta Kovacs, Minister of Defence says Freedonia was one of the few states that backed Sylvania against a heavily armed enemy.",
			[]want{{cue: "says", content: "Freedonia was one of the few states", speaker: "E1", attrib: document.AttributionNamed}}},
		{"also mentioned that", "The talks ended on Monday.\n\nMarta Kovacs also mentioned that Freedonia also supplied Sylvania with fuel, rifles and field hospitals.",
			[]want{{cue: "also mentioned", content: "Freedonia also supplied Sylvania", source: "Marta Kovacs", speaker: "E1", attrib: document.AttributionNamed}}},
		{"pronoun, revealed", "Marta Kovacs spoke on Monday.\n\nShe also revealed that some of the engineers had been trained in Freedonia.",
			[]want{{cue: "also revealed", content: "some of the engineers had been trained", source: "She", speaker: "E1", attrib: document.AttributionNamed}}},
		{"as claimed by", "Marta Kovacs spoke on Monday.\n\nThe port was freed last week after a six-month siege by Sylvanian troops with help from several states as claimed by Marta Kovacs.",
			[]want{{cue: "as claimed by", content: "The port was freed last week", source: "Marta Kovacs", speaker: "E1", attrib: document.AttributionNamed}}},
		{"according to", "According to the ministry, 300 soldiers were wounded in the siege.",
			[]want{{cue: "According to", content: "300 soldiers were wounded", source: "the ministry", speaker: "E3", attrib: document.AttributionNamed}}},
		{"mixed quote", "Marta Kovacs spoke on Monday.\n\nAsked about the volunteers, she said that the 'hotheads' were only a tiny share of the population.",
			[]want{{cue: "said", content: "the 'hotheads' were only a tiny share", speaker: "E1", attrib: document.AttributionNamed, direct: false}}},
		{"a quoted word at the end", "Marta Kovacs spoke on Monday.\n\nShe said the ministry would stop using the name “Sylvania First.”",
			[]want{{cue: "said", content: "the ministry would stop using the name", speaker: "E1", attrib: document.AttributionNamed, direct: false}}},
		{"warned", "Marta Kovacs warned that the rebels could strike again before winter.",
			[]want{{cue: "warned", content: "the rebels could strike again", speaker: "E1", attrib: document.AttributionNamed}}},
		{"denied", "The talks ended on Monday.\n\nMarta Kovacs denied that Sylvania had bombed the border villages.",
			[]want{{cue: "denied", content: "Sylvania had bombed the border villages", speaker: "E1", attrib: document.AttributionNamed}}},
	}
	ministry := ent{id: "E3", typ: document.Org, names: []string{"the ministry"}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkQuotes(t, newDoc(t, c.text, marta, ministry), c.want)
		})
	}
}

func TestHeadline(t *testing.T) {
	txt := "Sylvanian Minister claims Freedonia army quietly helped Sylvania\n\nThe war against the rebels reached a turning point this month."
	doc := newDoc(t, txt, marta)
	doc.Headline = &document.Span{Start: 0, End: strings.Index(txt, "\n")}
	checkQuotes(t, doc, []want{{cue: "claims", content: "Freedonia army quietly helped Sylvania", source: "Sylvanian Minister", speaker: "E1", attrib: document.AttributionNamed}})
}

func TestAnonymousAndUnresolved(t *testing.T) {
	cases := []struct {
		name string
		text string
		want want
	}{
		{"a senior official", "The talks stalled again.\n\nA senior official said the talks would resume in March.",
			want{cue: "said", content: "the talks would resume in March", source: "A senior official", attrib: document.AttributionAnonymous}},
		{"sources", "The rebels retreated to the hills.\n\nSources said the rebels had lost most of their boats.",
			want{cue: "said", content: "the rebels had lost most of their boats", source: "Sources", attrib: document.AttributionAnonymous}},
		{"officials say", "The bridge was damaged in May.\n\nOfficials say the bridge will reopen soon.",
			want{cue: "say", content: "the bridge will reopen soon", source: "Officials", attrib: document.AttributionAnonymous}},
		{"not to be named", "The visit was planned in secret.\n\nA spokesman, who asked not to be named, said the minister would travel to Freedonia next week.",
			want{cue: "said", content: "the minister would travel to Freedonia", attrib: document.AttributionAnonymous}},
		{"white house officials", "The bridge was damaged in May.\n\nWhite House officials said the bridge will reopen soon.",
			want{cue: "said", content: "the bridge will reopen soon", source: "White House officials", attrib: document.AttributionAnonymous}},
		{"name with a role is not anonymous", "The bridge was damaged in May.\n\nHauwa Yusuf, a member of the state assembly, said the bridge will reopen soon.",
			want{cue: "said", content: "the bridge will reopen soon", attrib: document.AttributionUnresolved}},
		{"unresolved pronoun", "The ferry stopped in June.\n\nHe insisted the ferry would run again by summer.",
			want{cue: "insisted", content: "the ferry would run again by summer", source: "He", attrib: document.AttributionUnresolved}},
		{"unresolved name", "The ferry stopped in June.\n\nJonas Berg said the ferry would run again by summer.",
			want{cue: "said", content: "the ferry would run again by summer", source: "Jonas Berg", attrib: document.AttributionUnresolved}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// No entities: nothing can be named.
			checkQuotes(t, newDoc(t, c.text), []want{c.want})
		})
	}
}

func TestOrganisationReferences(t *testing.T) {
	volta := ent{id: "E1", typ: document.Org, names: []string{"Volta Motors"}}
	rival := ent{id: "E2", typ: document.Org, names: []string{"Kestrel Cars"}}
	cases := []struct {
		name string
		text string
		ents []ent
		want want
	}{
		{"the company", "Volta Motors cut 300 jobs in March.\n\nThe company said the cuts would end by June.",
			[]ent{volta}, want{cue: "said", content: "the cuts would end by June", source: "The company", speaker: "E1", attrib: document.AttributionNamed}},
		{"a modifier", "Volta Motors showed a new van in Turin.\n\nThe German automaker says the van will go on sale next year.",
			[]ent{volta}, want{cue: "says", content: "the van will go on sale next year", source: "The German automaker", speaker: "E1", attrib: document.AttributionNamed}},
		{"the last one named", "Sales at Kestrel Cars fell, and buyers turned to Volta Motors in 2023.\n\nThe company said sales would recover.",
			[]ent{volta, rival}, want{cue: "said", content: "sales would recover", source: "The company", speaker: "E1", attrib: document.AttributionNamed}},
		{"the subject before the last one named", "Kestrel Cars lost ground to Volta Motors in 2023.\n\nThe company said sales would recover.",
			[]ent{volta, rival}, want{cue: "said", content: "sales would recover", source: "The company", speaker: "E2", attrib: document.AttributionNamed}},
		{"a participle opening the sentence", "Volta Motors reported a loss on Monday.\n\nNoting that demand had slowed, Volta Motors said the loss would narrow this year.",
			[]ent{volta}, want{cue: "Noting", content: "demand had slowed", speaker: "E1", attrib: document.AttributionNamed}},
		{"not it", "Volta Motors reported a loss on Monday.\n\nIt said the loss would narrow this year.",
			[]ent{volta}, want{cue: "said", content: "the loss would narrow this year", source: "It", attrib: document.AttributionUnresolved}},
		{"too far back", "Volta Motors cut 300 jobs in March. The plant was old. The roof leaked. Workers left early.\n\nThe company said the cuts would end by June.",
			[]ent{volta}, want{cue: "said", content: "the cuts would end by June", source: "The company", attrib: document.AttributionUnresolved}},
		{"no organisation", "The plant closed in March.\n\nThe company said the cuts would end by June.",
			nil, want{cue: "said", content: "the cuts would end by June", source: "The company", attrib: document.AttributionUnresolved}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkQuotes(t, newDoc(t, c.text, c.ents...), []want{c.want})
		})
	}
}

func TestSpeakerInLongSource(t *testing.T) {
	apte := ent{id: "E1", typ: document.Person, names: []string{"Jo Apte"}}
	hill := ent{id: "E1", typ: document.Person, names: []string{"Fiona Hill"}}
	swift := ent{id: "E2", typ: document.Person, names: []string{"Taylor Swift"}, pronouns: []string{"her"}}
	univ := ent{id: "E2", typ: document.Org, names: []string{"University of Texas"}}
	volta := ent{id: "E1", typ: document.Org, names: []string{"Volta"}}
	reuters := ent{id: "E2", typ: document.Org, names: []string{"Reuters"}}
	label := ent{id: "E1", typ: document.Org, names: []string{"Big Machine"}}
	hk := ent{id: "E1", typ: document.GPE, names: []string{"Hong Kong"}}
	cases := []struct {
		name string
		text string
		ents []ent
		want want
	}{
		{"a person beside an organisation", "The air was tested in May.\n\nJo Apte, a professor at the University of Texas, said the air was cleaner than last year.",
			[]ent{apte, univ}, want{cue: "said", content: "the air was cleaner than last year", speaker: "E1", attrib: document.AttributionNamed}},
		{"a clause after the speaker", "The inquiry began in May.\n\n“We are cooperating in the matter,” said a Volta spokesperson when contacted by Reuters.",
			[]ent{volta, reuters}, want{cue: "said", content: "We are cooperating", speaker: "E1", attrib: document.AttributionNamed, direct: true}},
		{"a name after the clause", "The inquiry began in May.\n\nAnother witness in the inquiry, former adviser Fiona Hill, said the meeting was short.",
			[]ent{hill}, want{cue: "said", content: "the meeting was short", speaker: "E1", attrib: document.AttributionNamed}},
		{"a pronoun is not the speaker", "Taylor Swift sang on Sunday.\n\nThe group that owns her music, Big Machine, said the show could go ahead.",
			[]ent{label, swift}, want{cue: "said", content: "the show could go ahead", speaker: "E1", attrib: document.AttributionNamed}},
		{"a place after many", "The protests went on in May.\n\nMany in Hong Kong say the protests will go on all summer.",
			[]ent{hk}, want{cue: "say", content: "the protests will go on", attrib: document.AttributionAnonymous}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkQuotes(t, newDoc(t, c.text, c.ents...), []want{c.want})
		})
	}
}

func TestNoQuotes(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, txt := range []string{"", "   \n\n  ", "The river rose by two metres overnight.", "“", "‘’", "\"\"\"\"", "said said said"} {
		doc := newDoc(t, txt)
		qs := m.Quotes(doc)
		for _, q := range qs {
			if !q.Content.Valid(len(txt)) || !q.Cue.Valid(len(txt)) {
				t.Errorf("%q: invalid spans %+v", txt, q)
			}
		}
		if txt == "The river rose by two metres overnight." && len(qs) != 0 {
			t.Errorf("%q: got quotes %s", txt, dump(doc, qs))
		}
	}
}

func TestAnnotateWithoutSegmentation(t *testing.T) {
	// A Document built by hand, without the text stage: attrib segments
	// on its own.
	doc := document.New("Officials say the bridge will reopen soon.", document.Meta{})
	Annotate(doc)
	if len(doc.Quotes) != 1 || doc.Slice(doc.Quotes[0].Cue) != "say" {
		t.Fatalf("got %s", dump(doc, doc.Quotes))
	}
}

func TestEmbeddedModel(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	if len(m.joint.slots) == 0 || !m.joint.second || len(m.cues) == 0 {
		t.Fatalf("embedded model is empty: %d slots, second pass %v, %d cue lemmas", len(m.joint.slots), m.joint.second, len(m.cues))
	}
}

func TestModelRoundTrip(t *testing.T) {
	m, err := ReadModel(bytes.NewReader(embeddedModel))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := m.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo reported %d bytes, wrote %d", n, buf.Len())
	}
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	doc := newDoc(t, "Marta Kovacs spoke on Monday.\n\n“We face the same threat,” she said. Officials say the bridge will reopen soon.")
	a, b := m.Quotes(doc), m2.Quotes(doc)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("round trip changed the quotes: %d vs %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Cue != b[i].Cue || a[i].Content != b[i].Content {
			t.Errorf("quote %d differs after a round trip", i)
		}
	}
	if _, err := ReadModel(strings.NewReader("not a model")); err == nil {
		t.Error("ReadModel accepted garbage")
	}
}

func TestLongParagraph(t *testing.T) {
	// A page with no paragraph breaks is tagged in pieces; every
	// sentence's attribution is still found.
	const n = 3000
	txt := strings.Repeat("Officials say the bridge will reopen soon. ", n)
	doc := newDoc(t, txt)
	if got := len(newLayout(doc).units); got < len(doc.Tokens)/maxUnitTokens {
		t.Fatalf("%d units for %d tokens", got, len(doc.Tokens))
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	qs := m.Quotes(doc)
	if len(qs) < n*9/10 {
		t.Fatalf("found %d attributions in %d sentences", len(qs), n)
	}
}
