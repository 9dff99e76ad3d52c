package entity

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/entity/gazetteer"
	"github.com/crosscheck/crosscheck/text"
)

// The tests below script the recogniser: a fixture marks the names the
// model would find as [PER Ali Yasin], and scriptTagger returns exactly
// those labels. That pins linking, clustering, roles and pronouns, which
// are this package's work, independently of the trained model's current
// errors. model_test.go runs the real model.

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	gazErr  error
)

func loadGaz(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	gazOnce.Do(func() { gaz, gazErr = gazetteer.Load() })
	if gazErr != nil {
		t.Fatal(gazErr)
	}
	return gaz
}

// markSpan is a name the scripted model finds: a byte range and a type.
type markSpan struct {
	start, end int
	typ        string
}

// parseMarkup turns "[PER Ali Yasin] said" into "Ali Yasin said" and its
// marked spans.
func parseMarkup(t testing.TB, s string) (string, []markSpan) {
	t.Helper()
	var b strings.Builder
	var spans []markSpan
	for {
		i := strings.Index(s, "[")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i+1:]
		sp := strings.IndexByte(s, ' ')
		j := strings.IndexByte(s, ']')
		if sp < 0 || j < sp {
			t.Fatalf("bad markup near %q", s)
		}
		typ, name := s[:sp], s[sp+1:j]
		start := b.Len()
		b.WriteString(name)
		spans = append(spans, markSpan{start, b.Len(), typ})
		s = s[j+1:]
	}
	return b.String(), spans
}

// scriptTagger labels the tokens that fall in marked spans.
type scriptTagger struct {
	doc   *document.Document
	spans []markSpan
}

func (s *scriptTagger) Tag(sents [][]string) [][]string {
	out := make([][]string, len(sents))
	for si, sent := range s.doc.Sentences {
		labels := make([]string, len(sents[si]))
		for j := range labels {
			labels[j] = "O"
			tok := s.doc.Tokens[sent.From+j]
			for _, m := range s.spans {
				if m.start <= tok.Start && tok.End <= m.end {
					if tok.Start == m.start {
						labels[j] = "B-" + m.typ
					} else {
						labels[j] = "I-" + m.typ
					}
				}
			}
		}
		out[si] = labels
	}
	return out
}

// annotate segments and annotates a marked-up fixture with the scripted
// model.
func annotate(t testing.TB, markup string) *document.Document {
	t.Helper()
	txt, spans := parseMarkup(t, markup)
	d := document.New(txt, document.Meta{})
	text.Segment(d)
	NewWith(&scriptTagger{doc: d, spans: spans}, loadGaz(t)).Annotate(d)
	checkSpans(t, d)
	return d
}

// checkSpans fails on any mention or role outside the text or not on
// token boundaries.
func checkSpans(t testing.TB, d *document.Document) {
	t.Helper()
	starts, ends := map[int]bool{}, map[int]bool{}
	for _, tok := range d.Tokens {
		starts[tok.Start], ends[tok.End] = true, true
	}
	for _, e := range d.Entities {
		if len(e.Mentions) == 0 {
			t.Errorf("%s %q has no mentions", e.ID, e.Name)
		}
		for _, m := range e.Mentions {
			if !m.Span().Valid(len(d.Text)) || m.Start >= m.End || !starts[m.Start] || !ends[m.End] {
				t.Errorf("%s: bad mention span %+v", e.ID, m)
			}
		}
		for _, r := range e.Roles {
			if !r.Span().Valid(len(d.Text)) || r.Start >= r.End || !starts[r.Start] || !ends[r.End] {
				t.Errorf("%s: bad role span %+v", e.ID, r)
			}
		}
	}
}

// entityAt returns the entity with a mention of exactly the n-th (from 0)
// occurrence of surface.
func entityAt(t testing.TB, d *document.Document, surface string, n int) *document.Entity {
	t.Helper()
	at := -1
	for k, off := 0, 0; k <= n; k++ {
		i := strings.Index(d.Text[off:], surface)
		if i < 0 {
			t.Fatalf("%q occurs fewer than %d times", surface, n+1)
		}
		at = off + i
		off = at + len(surface)
	}
	for i := range d.Entities {
		for _, m := range d.Entities[i].Mentions {
			if m.Start == at && m.End == at+len(surface) {
				return &d.Entities[i]
			}
		}
	}
	return nil
}

func entity(t testing.TB, d *document.Document, surface string) *document.Entity {
	t.Helper()
	return entityAt(t, d, surface, 0)
}

// describe writes an entity as "TYPE Name [link] {mentions} roles".
func describe(d *document.Document, e *document.Entity) string {
	if e == nil {
		return "<none>"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", e.Type, e.Name)
	if e.Link != nil {
		fmt.Fprintf(&b, " [%s %s", e.Link.Kind, e.Link.Code)
		if e.Link.Country != "" && e.Link.Country != e.Link.Code {
			fmt.Fprintf(&b, " in %s", e.Link.Country)
		}
		b.WriteString("]")
	}
	b.WriteString(" {")
	for i, m := range e.Mentions {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s:%s", m.Kind, d.Text[m.Start:m.End])
	}
	b.WriteString("}")
	for _, r := range e.Roles {
		fmt.Fprintf(&b, " (%s of %s: %s)", r.Title, r.Of, d.Text[r.Start:r.End])
	}
	return b.String()
}

func TestAliasesOfOneOrganisation(t *testing.T) {
	d := annotate(t, "[ORG ISIS] fighters retreated. Officials said the [ORG Islamic State group] had lost ground, "+
		"and that [ORG Daesh] was weakened. Troops fought IS near the border.")
	e := entity(t, d, "ISIS")
	want := "ORG Islamic State [org islamic-state] {alias:ISIS, alias:Islamic State group, alias:Daesh, alias:IS}"
	if got := describe(d, e); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if n := countLinked(d, "islamic-state"); n != 1 {
		t.Errorf("%d entities link islamic-state, want 1", n)
	}
}

func countLinked(d *document.Document, code string) int {
	n := 0
	for _, e := range d.Entities {
		if e.Link != nil && e.Link.Code == code {
			n++
		}
	}
	return n
}

func TestAcronymIsNotTheVerb(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int // entities linked to islamic-state
	}{
		{"The city is calm. It is quiet.", 0},
		{"Is the city calm?", 0},
		{"WHAT IS NEXT FOR THE CITY", 0},
		{"The army fought against IS for months.", 1},
		{"IS fighters held the town.", 1},
		{"This IS a test of shouting.", 0},
		{"The Islamic State lost the town. Later IS regrouped.", 1},
	} {
		d := annotate(t, tc.text)
		if got := countLinked(d, "islamic-state"); got != tc.want {
			t.Errorf("%q: %d Islamic State entities, want %d", tc.text, got, tc.want)
		}
	}
}

func TestDemonyms(t *testing.T) {
	d := annotate(t, "[MISC Iraqi] officials met [MISC British] diplomats in [LOC Baghdad]. "+
		"[LOC Iraq] thanked [MISC Pakistani] engineers, and some [MISC Pakistanis] stayed. "+
		"American officials were not present.")
	for _, tc := range []struct{ surface, want string }{
		{"Iraqi", "GPE Iraq [country IRQ] {demonym:Iraqi, name:Iraq}"},
		{"British", "GPE United Kingdom [country GBR] {demonym:British}"},
		{"Pakistani", "GPE Pakistan [country PAK] {demonym:Pakistani, demonym:Pakistanis}"},
		{"American", "GPE United States [country USA] {demonym:American}"},
		{"Baghdad", "GPE Baghdad [city geonames:98182 in IRQ] {name:Baghdad}"},
	} {
		if got := describe(d, entity(t, d, tc.surface)); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.surface, got, tc.want)
		}
	}
}

func TestNameSplitByTheModel(t *testing.T) {
	d := annotate(t, "[PER Ali Yasin] [PER Muhammad Karim], Ambassador of [LOC Iran] says so. [PER Ali Yasin] left.")
	want := "PERSON Ali Yasin Muhammad Karim {name:Ali Yasin Muhammad Karim, alias:Ali Yasin} (ambassador of IRN: Ambassador of Iran)"
	if got := describe(d, entity(t, d, "Ali Yasin Muhammad Karim")); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	d = annotate(t, "[MISC Ali] [PER Yasin Muhammad Karim] says so.")
	if got := describe(d, entity(t, d, "Ali Yasin Muhammad Karim")); got != "PERSON Ali Yasin Muhammad Karim {name:Ali Yasin Muhammad Karim}" {
		t.Errorf("got %s", got)
	}
}

func TestFirstNameTheModelLeftOut(t *testing.T) {
	for _, tc := range []struct{ markup, want string }{
		{"Speaking in Oslo, Grace [PER Wanjiru Mwangi], Ambassador of [LOC Tanzania], said so.", "Grace Wanjiru Mwangi"},
		{"Speaking on Tuesday [PER Wanjiru Mwangi] said so.", "Wanjiru Mwangi"},
		{"Grace [PER Wanjiru Mwangi] said so.", "Wanjiru Mwangi"},
		{"[MISC Iraqi] envoy [PER Ali Yasin] said so.", "Ali Yasin"},
	} {
		d := annotate(t, tc.markup)
		var names []string
		for _, e := range d.Entities {
			if e.Type == document.Person {
				names = append(names, e.Name)
			}
		}
		if len(names) != 1 || names[0] != tc.want {
			t.Errorf("%s: persons %q, want %q", tc.markup, names, tc.want)
		}
	}
}

func TestPersonNamesCluster(t *testing.T) {
	d := annotate(t, "[PER Ali Yasin Muhammad Karim] arrived on Monday. [PER Ali Yasin] met [PER Sara Ahmed]. "+
		"[PER Karim] spoke first. Mr [PER Karim] then left, and [PER Ahmed] stayed.")
	want := "PERSON Ali Yasin Muhammad Karim {name:Ali Yasin Muhammad Karim, alias:Ali Yasin, alias:Karim, alias:Mr Karim}"
	if got := describe(d, entity(t, d, "Ali Yasin Muhammad Karim")); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	want = "PERSON Sara Ahmed {name:Sara Ahmed, alias:Ahmed}"
	if got := describe(d, entity(t, d, "Sara Ahmed")); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	e := entity(t, d, "Ali Yasin Muhammad Karim")
	if len(e.Aliases) != 3 {
		t.Errorf("aliases = %q, want the three shorter forms", e.Aliases)
	}
}

func TestRoles(t *testing.T) {
	for _, tc := range []struct{ markup, person, want string }{
		{"[PER Ali Yasin], Ambassador of [LOC Iran], said the talks went well.", "Ali Yasin",
			"PERSON Ali Yasin {name:Ali Yasin} (ambassador of IRN: Ambassador of Iran)"},
		{"[MISC Iraqi] envoy [PER Ali Yasin] said the talks went well.", "Ali Yasin",
			"PERSON Ali Yasin {name:Ali Yasin} (ambassador of IRQ: Iraqi envoy)"},
		{"[LOC Pakistan]'s foreign minister [PER Shah Qureshi] said so.", "Shah Qureshi",
			"PERSON Shah Qureshi {name:Shah Qureshi} (foreign minister of PAK: Pakistan's foreign minister)"},
		{"[LOC Iraq]'s ambassador, [PER Ali Yasin], said so.", "Ali Yasin",
			"PERSON Ali Yasin {name:Ali Yasin} (ambassador of IRQ: Iraq's ambassador)"},
		{"[PER Ali Yasin] is the minister of foreign affairs of [LOC Iraq].", "Ali Yasin",
			"PERSON Ali Yasin {name:Ali Yasin} (foreign minister of IRQ: minister of foreign affairs of Iraq)"},
		{"[PER John Smith], a spokesman for the [ORG United Nations], declined to comment.", "John Smith",
			"PERSON John Smith {name:John Smith} (spokesperson of United Nations: spokesman for the United Nations)"},
		{"[ORG UN] spokeswoman [PER Maria Lopez] declined to comment.", "Maria Lopez",
			"PERSON Maria Lopez {name:Maria Lopez} (spokesperson of United Nations: UN spokeswoman)"},
		{"[PER Maria Lopez], the [MISC French] defense secretary, arrived.", "Maria Lopez",
			"PERSON Maria Lopez {name:Maria Lopez} (defence minister of FRA: French defense secretary)"},
		{"[ORG UN Secretary-General] [PER Antonio Guterres] spoke.", "Antonio Guterres",
			"PERSON Antonio Guterres {name:Antonio Guterres} (secretary-general of United Nations: UN Secretary-General)"},
		{"[MISC Iranian] deputy foreign minister [PER Ali Bagheri] spoke.", "Ali Bagheri",
			"PERSON Ali Bagheri {name:Ali Bagheri} (deputy foreign minister of IRN: Iranian deputy foreign minister)"},
		{"[MISC Kenyan] Transport Minister [PER Amina Wanjiru] said so.", "Amina Wanjiru",
			"PERSON Amina Wanjiru {name:Amina Wanjiru} (transport minister of KEN: Kenyan Transport Minister)"},
		{"[MISC Kenyan] Deputy Trade Minister [PER Amina Wanjiru] said so.", "Amina Wanjiru",
			"PERSON Amina Wanjiru {name:Amina Wanjiru} (deputy trade minister of KEN: Kenyan Deputy Trade Minister)"},
		{"[LOC Kenya]'s energy minister, [PER Amina Wanjiru], said so.", "Amina Wanjiru",
			"PERSON Amina Wanjiru {name:Amina Wanjiru} (energy minister of KEN: Kenya's energy minister)"},
		{"[PER Ali Bagheri], a former [MISC Iraqi] envoy, spoke.", "Ali Bagheri",
			"PERSON Ali Bagheri {name:Ali Bagheri} (ambassador of IRQ: Iraqi envoy)"},
		{"[PER Bashar al-Assad], who would later become the President of [LOC Syria], left.", "Bashar al-Assad",
			"PERSON Bashar al-Assad {name:Bashar al-Assad} (president of SYR: President of Syria)"},
		{"Minister for Central Asia, [PER Tobias Ellwood], said so.", "Tobias Ellwood",
			"PERSON Tobias Ellwood {name:Tobias Ellwood} (minister of : Minister for Central Asia)"},
		{"Minister for the Middle East [PER Tobias Ellwood] said so.", "Tobias Ellwood",
			"PERSON Tobias Ellwood {name:Tobias Ellwood} (minister of : Minister for the Middle East)"},
		{"[PER FCO Minister Tobias Ellwood] said so.", "Tobias Ellwood",
			"PERSON Tobias Ellwood {name:Tobias Ellwood} (minister of : Minister)"},
		{"[PER Foreign Office Minister], [PER Tobias Ellwood], said so.", "Tobias Ellwood",
			"PERSON Tobias Ellwood {name:Tobias Ellwood} (minister of : Minister)"},
		{"[PER Gen. Joseph Votel], [PER commander of U.S. Central Command], said so.", "Joseph Votel",
			"PERSON Joseph Votel {name:Joseph Votel} (general of : Gen.) (commander of USA: commander of U.S.)"},
		// A title without an affiliation is still a role.
		{"Envoy [PER Ali Yasin] arrived.", "Ali Yasin",
			"PERSON Ali Yasin {name:Ali Yasin} (ambassador of : Envoy)"},
	} {
		d := annotate(t, tc.markup)
		if got := describe(d, entity(t, d, tc.person)); got != tc.want {
			t.Errorf("%s\ngot  %s\nwant %s", tc.markup, got, tc.want)
		}
	}
}

func TestDefiniteDescriptions(t *testing.T) {
	d := annotate(t, "[MISC Iraqi] Envoy claims progress. [PER Ali Yasin Muhammad Karim], Ambassador of [LOC Iran] says the talks went well. "+
		"The envoy left on Monday. The [MISC Iraqi] ambassador later asked for help.")
	e := entity(t, d, "Ali Yasin Muhammad Karim")
	want := "PERSON Ali Yasin Muhammad Karim {description:Iraqi Envoy, name:Ali Yasin Muhammad Karim, " +
		"description:The envoy, description:The Iraqi ambassador} " +
		"(ambassador of IRQ: Iraqi Envoy) (ambassador of IRN: Ambassador of Iran) (ambassador of IRQ: The Iraqi ambassador)"
	if got := describe(d, e); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if e.ID != "E1" {
		t.Errorf("the envoy is %s, want E1 (first mentioned in the headline)", e.ID)
	}
}

func TestTwoAmbassadorsStayTwo(t *testing.T) {
	d := annotate(t, "[MISC Iranian] ambassador [PER Reza Tehrani] and [MISC Iraqi] ambassador [PER Ali Karim] met in [LOC Islamabad]. "+
		"The [MISC Iraqi] ambassador said the meeting was useful. The [MISC Iranian] envoy disagreed. "+
		"[PER Tehrani] left early.")
	iraqi := entity(t, d, "Ali Karim")
	iranian := entity(t, d, "Reza Tehrani")
	if iraqi == nil || iranian == nil || iraqi.ID == iranian.ID {
		t.Fatalf("want two people, got %s and %s", describe(d, iraqi), describe(d, iranian))
	}
	if got := entity(t, d, "The Iraqi ambassador"); got == nil || got.ID != iraqi.ID {
		t.Errorf("the Iraqi ambassador is %s, want %s", describe(d, got), iraqi.Name)
	}
	if got := entity(t, d, "The Iranian envoy"); got == nil || got.ID != iranian.ID {
		t.Errorf("the Iranian envoy is %s, want %s", describe(d, got), iranian.Name)
	}
	for _, e := range []*document.Entity{iraqi, iranian} {
		for _, r := range e.Roles {
			if want := map[string]string{"Ali Karim": "IRQ", "Reza Tehrani": "IRN"}[e.Name]; r.Of != want {
				t.Errorf("%s holds a role of %s: %+v", e.Name, r.Of, r)
			}
		}
	}
	// A description with an affiliation no one holds names no one when
	// several people hold the title.
	d = annotate(t, "[MISC Iranian] ambassador [PER Reza Tehrani] and [MISC Iraqi] ambassador [PER Ali Karim] met. "+
		"The [MISC Turkish] ambassador was absent.")
	if e := entity(t, d, "The Turkish ambassador"); e != nil {
		t.Errorf("the Turkish ambassador resolved to %s", describe(d, e))
	}
}

func TestGenericMinister(t *testing.T) {
	d := annotate(t, "[LOC Pakistan]'s foreign minister [PER Shah Qureshi] arrived. The minister met reporters.")
	if e := entity(t, d, "The minister"); e == nil || e.Name != "Shah Qureshi" {
		t.Errorf("the minister = %s, want Shah Qureshi", describe(d, e))
	}
	d = annotate(t, "The minister met reporters.")
	if len(d.Entities) != 0 {
		t.Errorf("a description with no named holder made entities: %s", describe(d, &d.Entities[0]))
	}
}

func TestPronouns(t *testing.T) {
	d := annotate(t, "Mr [PER Karim] met Ms [PER Sara Ahmed] in [LOC Lahore]. She said the meeting was useful. "+
		"He disagreed. Later, [PER Ahmed] said her team would return.")
	karim, ahmed := entity(t, d, "Mr Karim"), entity(t, d, "Ms Sara Ahmed")
	if karim == nil || ahmed == nil || karim.ID == ahmed.ID {
		t.Fatalf("want two people, got %s and %s", describe(d, karim), describe(d, ahmed))
	}
	for _, tc := range []struct {
		word string
		want *document.Entity
	}{{"She", ahmed}, {"He", karim}, {"her", ahmed}} {
		if got := entity(t, d, tc.word); got == nil || got.ID != tc.want.ID {
			t.Errorf("%s -> %s, want %s", tc.word, describe(d, got), tc.want.Name)
		}
	}
	// A speaker is an antecedent: the pronoun takes the speaker, not the
	// person merely named.
	d = annotate(t, "'We share the same enemy,' said [PER Ali Yasin]. He added that [PER John Smith] agreed.")
	if got := entity(t, d, "He"); got == nil || got.Name != "Ali Yasin" {
		t.Errorf("He -> %s, want Ali Yasin", describe(d, got))
	}
	// An object pronoun is not its sentence's subject.
	d = annotate(t, "[MISC Iraqi] envoy [PER Ali Yasin] arrived. President [PER Arif Alvi] met the envoy on Tuesday. "+
		"The president thanked him for the support.")
	if got := entity(t, d, "him"); got == nil || got.Name != "Ali Yasin" {
		t.Errorf("him -> %s, want Ali Yasin", describe(d, got))
	}
	// No person before: no antecedent.
	d = annotate(t, "He said the city was calm.")
	if len(d.Entities) != 0 {
		t.Errorf("an unresolvable pronoun made an entity: %s", describe(d, &d.Entities[0]))
	}
}

func TestForces(t *testing.T) {
	d := annotate(t, "[MISC Iraqi] security forces and the [LOC Pakistan] military trained together. "+
		"The [MISC Iraqi] army later thanked [LOC Iran]'s government.")
	for _, tc := range []struct{ surface, want string }{
		{"Iraqi security forces", "ORG Iraqi security forces [forces IRQ-MIL in IRQ] {name:Iraqi security forces, alias:Iraqi army}"},
		{"Pakistan military", "ORG Pakistan military [forces PAK-MIL in PAK] {name:Pakistan military}"},
		{"Iran's government", "ORG Iran's government [org IRN-GOV in IRN] {name:Iran's government}"},
		// The country inside a forces phrase is a mention of the country.
		{"Pakistan", "GPE Pakistan [country PAK] {name:Pakistan}"},
	} {
		if got := describe(d, entity(t, d, tc.surface)); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.surface, got, tc.want)
		}
	}
}

func TestStateBodiesByName(t *testing.T) {
	d := annotate(t, "The [ORG Kremlin] said talks would go on. The [MISC Russian] government denied it. "+
		"The [ORG IDF] said the [MISC Israeli] army had struck.")
	want := "ORG Russian government [org RUS-GOV in RUS] {alias:Kremlin, name:Russian government}"
	if got := describe(d, entity(t, d, "Kremlin")); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	want = "ORG Israeli army [forces ISR-MIL in ISR] {alias:IDF, name:Israeli army}"
	if got := describe(d, entity(t, d, "IDF")); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestPlaces(t *testing.T) {
	for _, tc := range []struct {
		markup, surface string
		n               int
		want            string
	}{
		{"Talks opened in [LOC Paris] today.", "Paris", 0, "GPE Paris [city geonames:2988507 in FRA] {name:Paris}"},
		{"Talks opened in [LOC Birmingham] today.", "Birmingham", 0, "GPE Birmingham [city geonames:2655603 in GBR] {name:Birmingham}"},
		{"Talks opened in [LOC Birmingham], [LOC Alabama] today.", "Birmingham", 0, "GPE Birmingham [city geonames:4049979 in USA] {name:Birmingham}"},
		{"Troops crossed into [LOC Georgia] from [LOC Russia].", "Georgia", 0, "GPE Georgia [country GEO] {name:Georgia}"},
		{"[PER Michael Jordan] visited [LOC Jordan].", "Michael Jordan", 0, "PERSON Michael Jordan {name:Michael Jordan}"},
		{"[PER Michael Jordan] visited [LOC Jordan].", "Jordan", 1, "GPE Jordan [country JOR] {name:Jordan}"},
		{"Fighting resumed in [LOC Anbar province].", "Anbar province", 0, "GPE Anbar province [region region:IRQ:anbar in IRQ] {name:Anbar province}"},
		// A city the model missed, after a locative.
		{"The convoy left from Mosul at dawn.", "Mosul", 0, "GPE Mosul [city geonames:99072 in IRQ] {name:Mosul}"},
		// A country the model called a person, when the document says
		// otherwise, is a place.
		{"[LOC Mosul] fell. [PER Mosul] is old. The army left [LOC Mosul].", "Mosul", 0, "GPE Mosul [city geonames:99072 in IRQ] {name:Mosul, name:Mosul, name:Mosul}"},
		{"[LOC Sri Lanka] and [ORG Pakistan] played.", "Pakistan", 0, "GPE Pakistan [country PAK] {name:Pakistan}"},
	} {
		d := annotate(t, tc.markup)
		if got := describe(d, entityAt(t, d, tc.surface, tc.n)); got != tc.want {
			t.Errorf("%s\ngot  %s\nwant %s", tc.markup, got, tc.want)
		}
	}
}

func TestTypes(t *testing.T) {
	d := annotate(t, "[MISC Sunni] clerics met [MISC Kurdish] leaders and read the [MISC Geneva Conventions]. "+
		"[ORG Acme Widgets] sponsored the [LOC Nile] cruise.")
	for surface, want := range map[string]string{
		"Sunni":              document.NORP,
		"Kurdish":            document.NORP,
		"Geneva Conventions": document.Misc,
		"Acme Widgets":       document.Org,
		"Nile":               document.Location,
	} {
		if e := entity(t, d, surface); e == nil || e.Type != want {
			t.Errorf("%s: %s, want type %s", surface, describe(d, e), want)
		}
	}
}

func TestEntityOrderAndIDs(t *testing.T) {
	d := annotate(t, "[LOC Iraq] and [LOC Iran] talked. [LOC Iran] and [LOC Iraq] agreed.")
	if len(d.Entities) != 2 || d.Entities[0].Name != "Iraq" || d.Entities[0].ID != "E1" || d.Entities[1].ID != "E2" {
		t.Fatalf("entities = %+v", d.Entities)
	}
}

func TestOffsetsInUnicodeText(t *testing.T) {
	d := annotate(t, "“We will stay,” said [PER José Álvarez] in [LOC Bogotá]. [LOC Pakistan]’s army agreed.")
	for _, s := range []string{"José Álvarez", "Bogotá", "Pakistan’s army"} {
		if entity(t, d, s) == nil {
			var all []string
			for i := range d.Entities {
				all = append(all, describe(d, &d.Entities[i]))
			}
			t.Errorf("no mention of %q; entities: %q", s, all)
		}
	}
}

// badTagger returns labels that do not fit the sentences.
type badTagger struct{}

func (badTagger) Tag(sents [][]string) [][]string {
	out := make([][]string, len(sents)/2)
	for i := range out {
		out[i] = []string{"B-PER", "I-XYZ", "L-ORG", "", "U"}
	}
	return out
}

func TestBadInput(t *testing.T) {
	a := NewWith(badTagger{}, loadGaz(t))
	for _, txt := range []string{"", " ", "Iraq.", "He said. She said. [[[", "Mr", "IS IS IS", "the the the"} {
		d := document.New(txt, document.Meta{})
		text.Segment(d)
		a.Annotate(d)
		checkSpans(t, d)
	}
	// Tokens out of range are ignored, not a panic.
	d := document.New("Iraq", document.Meta{})
	d.Tokens = []document.Token{{Start: 0, End: 40}}
	d.Sentences = []document.Sentence{{Start: 0, End: 4, From: 0, To: 1}}
	a.Annotate(d)
	if len(d.Entities) != 0 {
		t.Errorf("bad tokens gave entities %+v", d.Entities)
	}
	d.Tokens = []document.Token{{Start: 0, End: 4}}
	d.Sentences = []document.Sentence{{Start: 0, End: 4, From: 0, To: 9}}
	a.Annotate(d)
}

func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"Iraqi Envoy claims Pakistan military secretly helped Iraq.",
		"Ali Yasin, Ambassador of Iran, says he will go. The Iraqi ambassador agreed.",
		"IS IS is. U.N. the UN. al-Qaeda’s Da'esh.",
		"Mr. Karim's envoy, Mr. . , of of 's",
	} {
		f.Add(s)
	}
	g := loadGaz(f)
	f.Fuzz(func(t *testing.T, s string) {
		d := document.New(s, document.Meta{})
		text.Segment(d)
		// Every capitalised token is a person to the scripted model: the
		// most names, the most work for clustering.
		var spans []markSpan
		for _, tok := range d.Tokens {
			if capitalised(s[tok.Start:tok.End]) {
				spans = append(spans, markSpan{tok.Start, tok.End, "PER"})
			}
		}
		NewWith(&scriptTagger{doc: d, spans: spans}, g).Annotate(d)
		checkSpans(t, d)
	})
}

func TestSurnameTheModelMissed(t *testing.T) {
	d := annotate(t, "[MISC Iraqi] Prime Minister [PER Mohammed Shia al-Sudani] arrived. Sudani spoke by phone with "+
		"[MISC Turkish] President [PER Tayyip Erdogan], his office said.")
	want := "PERSON Mohammed Shia al-Sudani {name:Mohammed Shia al-Sudani, alias:Sudani, pronoun:his} " +
		"(prime minister of IRQ: Iraqi Prime Minister)"
	if got := describe(d, entity(t, d, "Mohammed Shia al-Sudani")); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// A surname inside a longer capitalised name is not the person.
	d = annotate(t, "[PER Mohammed Shia al-Sudani] arrived. Traffic on Sudani Street stopped.")
	if e := entity(t, d, "Sudani"); e != nil {
		t.Errorf("Sudani Street: %s", describe(d, e))
	}
}

func TestDatelineName(t *testing.T) {
	d := annotate(t, "[LOC ANKARA] (Reuters) - Officials in [LOC Ankara] said so.")
	if e := entity(t, d, "ANKARA"); e == nil || e.Name != "Ankara" {
		t.Errorf("ANKARA: %s, want the name Ankara", describe(d, e))
	}
}

func TestModelMistakes(t *testing.T) {
	// Whatever the model makes of a title, it stays a title.
	d := annotate(t, "[PER Ali Yasin], [ORG Ambassador of Iran] says [PER He] will stay. [MISC Iraqi Envoy] agrees.")
	want := "PERSON Ali Yasin {name:Ali Yasin, pronoun:He, description:Iraqi Envoy} " +
		"(ambassador of IRN: Ambassador of Iran) (ambassador of IRQ: Iraqi Envoy)"
	if got := describe(d, entity(t, d, "Ali Yasin")); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if e := entity(t, d, "Iran"); e == nil || e.Link == nil || e.Link.Code != "IRN" {
		t.Errorf("Iran: %s", describe(d, e))
	}
}

func TestHostIsNotAffiliation(t *testing.T) {
	d := annotate(t, "[LOC Pakistan]'s ambassador to the [ORG UN], [PER Munir Akram], backed the call. "+
		"The [MISC Pakistani] envoy added that aid was blocked. [LOC U.S.] Ambassador [PER Linda Greenfield] agreed.")
	want := "PERSON Munir Akram {name:Munir Akram, description:The Pakistani envoy} " +
		"(ambassador of PAK: Pakistan's ambassador) (ambassador of PAK: The Pakistani envoy)"
	if got := describe(d, entity(t, d, "Munir Akram")); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	want = "PERSON Linda Greenfield {name:Linda Greenfield} (ambassador of USA: U.S. Ambassador)"
	if got := describe(d, entity(t, d, "Linda Greenfield")); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if e := entity(t, d, "U.S."); e == nil || e.Name != "United States" {
		t.Errorf("U.S.: %s, want the name United States", describe(d, e))
	}
}

func TestLateHolderNotTakenMidArticle(t *testing.T) {
	// "The Pakistani envoy" deep in the article does not reach forward to
	// the only ambassador, an American named later.
	d := annotate(t, "Talks opened on Monday. Delegates arrived. Aid was discussed. "+
		"The [MISC Pakistani] envoy spoke first. [LOC U.S.] Ambassador [PER Linda Greenfield] spoke next.")
	if e := entity(t, d, "The Pakistani envoy"); e != nil {
		t.Errorf("the Pakistani envoy resolved to %s", describe(d, e))
	}
}

func TestDemonymTaggedAsPerson(t *testing.T) {
	d := annotate(t, "[PER Qatari] officials met in [LOC Washington].")
	if e := entity(t, d, "Qatari"); e == nil || e.Link == nil || e.Link.Code != "QAT" {
		t.Errorf("Qatari: %s", describe(d, e))
	}
	if e := entity(t, d, "Washington"); e == nil || e.Link == nil || e.Link.Kind != document.LinkCity {
		t.Errorf("Washington: %s, want the city", describe(d, e))
	}
}

func TestTitleCaseHeadline(t *testing.T) {
	for _, tc := range []struct {
		markup string
		want   []string // entity names
	}{
		// The model's span keeps the words the body names.
		{"[PER How Mary Steenburgen] Found Her Wild Song\n\n[PER Mary Steenburgen] wrote it in a week.", []string{"Mary Steenburgen"}},
		// A phrase taken for a name, named nowhere else, goes.
		{"[ORG Stadia Gaming Platform Are Here] and Ready to Play\n\nThe service opened on Monday.", nil},
		// A name the gazetteers know stays.
		{"Floods Reach [LOC Kenya] After Heavy Rains\n\nRivers rose overnight.", []string{"Kenya"}},
		// Not Title Case: the model's spans stand.
		{"[ORG Stadia Gaming] opens on a cold Monday\n\nThe service opened.", []string{"Stadia Gaming"}},
	} {
		txt, spans := parseMarkup(t, tc.markup)
		d := document.New(txt, document.Meta{})
		d.Headline = &document.Span{Start: 0, End: strings.Index(txt, "\n")}
		text.Segment(d)
		NewWith(&scriptTagger{doc: d, spans: spans}, loadGaz(t)).Annotate(d)
		checkSpans(t, d)
		var got []string
		for _, e := range d.Entities {
			got = append(got, e.Name)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: entities %q, want %q", tc.markup, got, tc.want)
		}
	}
}
