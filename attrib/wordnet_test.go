package attrib

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestReadWordNet(t *testing.T) {
	wn, err := ReadWordNet("testdata/wordnet")
	if err != nil {
		t.Fatal(err)
	}
	comm := uint16(0)
	for b, f := range wnMaskFiles {
		if f == 32 || f == 10 { // verb.communication, noun.communication
			comm |= 1 << b
		}
	}
	tests := []struct {
		word       string // as it appears in text
		verb, noun uint8
		comm       bool
	}{
		{"say", 32, 0, true},
		{"says", 32, 0, true},
		{"said", 32, 0, true},     // an exception form
		{"told", 32, 0, true},     // an exception form
		{"denied", 32, 0, true},   // y -> ied
		{"walking", 38, 6, false}, // a verb and a noun
		{"walks", 38, 6, false},
		{"stopped", 35, 0, false}, // doubled consonant
		{"statements", 0, 10, true},
		{"officials", 0, 18, false},
		{"xylophone", 0, 0, false},
		{"oaks", 0, 20, false},
	}
	for _, tc := range tests {
		e := wn[lemma(tc.word)]
		if e.verb != tc.verb || e.noun != tc.noun || (e.mask&comm != 0) != tc.comm {
			t.Errorf("%s: verb %d noun %d mask %b; want verb %d noun %d communication %v", tc.word, e.verb, e.noun, e.mask, tc.verb, tc.noun, tc.comm)
		}
	}
}

func TestReadWordNetErrors(t *testing.T) {
	if _, err := ReadWordNet(t.TempDir()); err == nil {
		t.Error("an empty directory read as WordNet")
	}
	dir := t.TempDir()
	for _, f := range []string{"index.verb", "verb.exc", "index.noun", "data.noun", "noun.exc"} {
		b, err := os.ReadFile(filepath.Join("testdata/wordnet", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "data.verb"), []byte("zz 32 v 01 say 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadWordNet(dir); err == nil {
		t.Error("a malformed data file was accepted")
	}
}

func TestInflections(t *testing.T) {
	tests := []struct {
		w    string
		verb bool
		want []string
	}{
		{"say", true, []string{"say", "says", "sayed", "saying"}},
		{"deny", true, []string{"deny", "denies", "denied", "denying"}},
		{"note", true, []string{"note", "notes", "noted", "noting"}},
		{"stop", true, []string{"stop", "stops", "stoped", "stoping", "stopped", "stopping"}},
		{"push", true, []string{"push", "pushes", "pushed", "pushing"}},
		{"claim", false, []string{"claim", "claims"}},
		{"point_out", true, []string{"point_out"}},
	}
	for _, tc := range tests {
		if got := inflections(tc.w, tc.verb); !slices.Equal(got, tc.want) {
			t.Errorf("inflections(%q) = %v, want %v", tc.w, got, tc.want)
		}
	}
}

func TestLexTable(t *testing.T) {
	cues := map[string]uint8{"say": 4, "plan": 2}
	wn := WordNet{"say": {verb: 32, mask: 3}, "walk": {verb: 38, noun: 6}}
	lt := newLexTable(cues, wn)
	h := func(w string) uint64 { return hashString(fnvOffset, w) }
	tests := []struct {
		lemma string
		want  lexEntry
	}{
		{"say", lexEntry{cue: 4, wn: wnInfo{verb: 32, mask: 3}}},
		{"plan", lexEntry{cue: 2}},
		{"walk", lexEntry{wn: wnInfo{verb: 38, noun: 6}}},
		{lemma("warned"), lexEntry{cue: 8}}, // a built-in reporting verb
		{"xylophone", lexEntry{}},
	}
	for _, tc := range tests {
		if got := lt.get(h(tc.lemma)); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.lemma, got, tc.want)
		}
	}
	for _, e := range []lexEntry{{cue: 15, wn: wnInfo{verb: 63, noun: 63, mask: 0xfff}}, {}, {cue: 3, wn: wnInfo{noun: 10, mask: 0x801}}} {
		if got := unpackLex(e.pack()); got != e {
			t.Errorf("pack round trip: %+v became %+v", e, got)
		}
	}
	var empty lexTable
	if got := empty.get(h("say")); got != (lexEntry{}) {
		t.Errorf("empty table: %+v", got)
	}
}
