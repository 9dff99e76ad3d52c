package ner

import (
	"slices"
	"strings"
	"testing"
)

func TestCapsClass(t *testing.T) {
	tests := map[string]uint8{
		"paris": capLower, "Paris": capTitle, "NATO": capUpper, "McDonald": capMixed,
		"iPhone": capMixed, "1996": capNone, ",": capNone, "A": capTitle, "U.S.": capUpper,
		"Émile": capTitle, "al-Qaeda": capMixed,
	}
	for w, want := range tests {
		if got := capsClass(w); got != want {
			t.Errorf("capsClass(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestShapes(t *testing.T) {
	tests := []struct{ w, short, long string }{
		{"Paris", "Xx", "Xxxxx"},
		{"U.S.", "X.X.", "X.X."},
		{"1,000", "d,d", "d,ddd"},
		{"al-Qaeda", "x-Xx", "xx-Xxxxx"},
		{"Schwarzenegger-Kennedy", "Xx-Xx", "Xxxxxxxxxxxxxx-X"},
	}
	for _, tt := range tests {
		short, long := shapes(tt.w)
		if short != tt.short || long != tt.long {
			t.Errorf("shapes(%q) = %q, %q; want %q, %q", tt.w, short, long, tt.short, tt.long)
		}
	}
}

func TestSentenceAllCaps(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .", true},
		{"Japan won the match against China .", false},
		{"NATO and the UN met in Brussels .", false},
		{"RUGBY UNION - CUTTITTA BACK FOR ITALY AFTER A YEAR .", true},
		{"1996-08-30", false},
	}
	for _, tt := range tests {
		if got := sentenceAllCaps(strings.Fields(tt.s)); got != tt.want {
			t.Errorf("sentenceAllCaps(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// testModel is an untrained model with a small gazetteer and a few word
// clusters, for feature tests.
func testModel() *Model {
	return newModel(Resources{
		Clusters: map[string]string{"Paris": "0110", "London": "0111", "said": "10"},
		Gazetteers: map[string][][]string{
			GazCityBig: {{"Paris"}, {"New", "York"}},
			GazCountry: {{"United", "States"}},
		},
	})
}

func TestExtractDeterministic(t *testing.T) {
	m := testModel()
	doc := [][]string{strings.Fields("He flew from Paris to New York on Monday .")}
	ds := m.prepare(doc)
	a := m.extract(ds, 0, 3, nil, nil)
	b := m.extract(m.prepare(doc), 0, 3, nil, nil)
	if !slices.Equal(a, b) {
		t.Fatal("features differ between two preparations of the same document")
	}
	// The same word in another context shares its word feature but not
	// its context features.
	other := m.prepare([][]string{strings.Fields("Paris is big .")})
	c := m.extract(other, 0, 0, nil, nil)
	if !slices.Contains(c, feat(tWord, hashString("Paris"))) || !slices.Contains(a, feat(tWord, hashString("Paris"))) {
		t.Error("word feature missing")
	}
	if slices.Contains(c, feat(tLowerM1, hashString("from"))) {
		t.Error("context feature leaked from another sentence")
	}
	if !slices.Contains(a, feat(tLowerM1, hashString("from"))) {
		t.Error("previous-word feature missing")
	}
}

func TestGazetteerMatch(t *testing.T) {
	m := testModel()
	ds := m.prepare([][]string{strings.Fields("From new york to the United States and paris .")})
	toks := ds.sents[0].toks
	city, country := uint32(0), uint32(0)
	for c, name := range m.gaz.categories {
		switch name {
		case GazCityBig:
			city = 1 << c
		case GazCountry:
			country = 1 << c
		}
	}
	check := func(i, pos int, mask uint32) {
		t.Helper()
		if toks[i].gaz[pos]&mask == 0 {
			t.Errorf("token %d %q: gazetteer position %d not marked (%v)", i, toks[i].word, pos, toks[i].gaz)
		}
	}
	check(1, posB, city)
	check(2, posL, city)
	check(5, posB, country)
	check(6, posL, country)
	check(8, posU, city)
	if toks[0].gaz != [4]uint32{} || toks[3].gaz != [4]uint32{} {
		t.Error("unmatched tokens marked")
	}
}

func TestDocumentCase(t *testing.T) {
	m := testModel()
	doc := [][]string{
		strings.Fields("KARIM MEETS ENVOY IN ISLAMABAD"),
		strings.Fields("The envoy met Karim in Islamabad ."),
		strings.Fields("Meets are held weekly ."),
	}
	ds := m.prepare(doc)
	karim := ds.sents[0].toks[0]
	if karim.docCase&docUnreliable == 0 || karim.docCase&docCapSeen == 0 {
		t.Errorf("KARIM: docCase %b, want unreliable and seen capitalised", karim.docCase)
	}
	if karim.altWord != hashString("Karim") {
		t.Error("KARIM: the document's usual form Karim not used")
	}
	envoy := ds.sents[0].toks[2]
	if envoy.docCase&docLowerSeen == 0 {
		t.Errorf("ENVOY: docCase %b, want seen in lower case", envoy.docCase)
	}
	if !ds.sents[0].allCaps || ds.sents[1].allCaps {
		t.Error("all-caps sentence detection wrong")
	}
}

func TestPass2Features(t *testing.T) {
	m := testModel()
	doc := [][]string{strings.Fields("Karim spoke ."), strings.Fields("Then Karim left .")}
	ds := m.prepare(doc)
	per := uint8(label(typeIndex("PER"), posU))
	p2 := newPass2(ds, [][]uint8{{per, 0, 0}, {0, 0, 0, 0}})
	f := m.extract(ds, 1, 1, p2, nil)
	if !slices.Contains(f, feat(tDocType, small(1+typeIndex("PER")))) {
		t.Error("pass two: the PER label of the other mention of Karim is not a feature")
	}
	if !slices.Contains(f, feat(tDocFirst, small(1+typeIndex("PER")))) {
		t.Error("pass two: first-mention type missing")
	}
	if g := m.extract(ds, 1, 1, nil, nil); slices.Contains(g, feat(tDocType, small(1+typeIndex("PER")))) {
		t.Error("pass one has pass-two features")
	}
}

func TestShapeHashesMatchShapes(t *testing.T) {
	for _, w := range []string{"Paris", "U.S.", "1,000", "al-Qaeda", "Émile-Zola", "Schwarzenegger-Kennedy", "", "ΑΘΗΝΑ"} {
		short, long := shapes(w)
		hs, hl := shapeHashes(w)
		if hs != hashString(short) || hl != hashString(long) {
			t.Errorf("shapeHashes(%q) do not hash shapes %q, %q", w, short, long)
		}
	}
}

func TestGazetteerAcronymsNeedCapitals(t *testing.T) {
	m := newModel(Resources{Gazetteers: map[string][][]string{GazOrgArmed: {{"IS"}, {"Hamas"}}}})
	ds := m.prepare([][]string{strings.Fields("This is what IS and HAMAS and hamas said .")})
	toks := ds.sents[0].toks
	for i, want := range []bool{false, false, false, true, false, true, false, true, false, false} {
		if got := toks[i].gaz[posU] != 0; got != want {
			t.Errorf("token %d %q: matched %v, want %v", i, toks[i].word, got, want)
		}
	}
}

func TestPass2Names(t *testing.T) {
	m := testModel()
	doc := [][]string{
		strings.Fields("Ali Yasin Muhammad Karim spoke ."),
		strings.Fields("Ali Yasin left ."),
	}
	ds := m.prepare(doc)
	per := typeIndex("PER")
	l := func(pos int) uint8 { return uint8(label(per, pos)) }
	// Pass one split the long name; the other sentence has "Ali Yasin".
	labels := [][]uint8{{l(posU), labelO, l(posB), l(posL), 0, 0}, {l(posB), l(posL), 0, 0}}
	p2 := newPass2(ds, labels)
	if got := p2.ents[0][0]; got&(1<<(4*per+posB)) == 0 {
		t.Errorf("Ali in sentence 1: marks %b, want PER begin", got)
	}
	if got := p2.ents[0][1]; got&(1<<(4*per+posL)) == 0 {
		t.Errorf("Yasin in sentence 1: marks %b, want PER last", got)
	}
	// Sentence 2's "Ali Yasin" is the only PER "Ali Yasin": it does not
	// count itself, and "Ali" alone (sentence 1) is a PER name elsewhere.
	if got := p2.ents[1][1]; got&(1<<(4*per+posL)) != 0 {
		t.Errorf("Yasin in sentence 2 counted its own occurrence: %b", got)
	}
	if got := p2.ents[1][0]; got&(1<<(4*per+posU)) == 0 {
		t.Errorf("Ali in sentence 2: marks %b, want PER unit (from sentence 1)", got)
	}
	f := m.extract(ds, 0, 1, p2, nil)
	if !slices.Contains(f, feat(tDocEnt, small(4*per+posL))) {
		t.Error("document-name feature missing")
	}
}
