package ner

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestNamesIn(t *testing.T) {
	ty := newRunTyper(map[string][][]string{
		GazCountry: {{"Iraq"}, {"United", "States"}},
		GazDemonym: {{"Iraqi"}},
	})
	tests := []struct {
		mention, typ string
		want         string // "words/TYPE ..." of the names kept
	}{
		{"the Free Syrian Army", "ORG", "Free Syrian Army/ORG"},
		{"ISIL terrorists", "ORG", "ISIL/ORG"},
		{"U.S. service members", "ORG", "U.S./ORG"},
		{"the government of Iraq", "ORG", "Iraq/LOC"},
		{"President Obama", "PER", "Obama/PER"},
		{"Col. John Dorrian", "PER", "John Dorrian/PER"},
		{"Iraqi Prime Minister Haider al-Abadi", "PER", "Iraqi/MISC Haider al-Abadi/PER"},
		{"commander of U.S. Central Command", "PER", "U.S. Central Command/ORG"},
		{"the US's head of state", "PER", ""},
		{"rebels", "ORG", ""},
		{"We", "ORG", ""},
		{"Mosul", "LOC", "Mosul/LOC"},
		{"Syrian", "MISC", "Syrian/MISC"},
	}
	for _, tt := range tests {
		words := tokenStrings(tt.mention)
		var got []string
		for _, s := range namesIn(words, tt.typ, ty) {
			got = append(got, strings.Join(words[s.Start:s.End], " ")+"/"+s.Type)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("namesIn(%q, %s) = %q, want %q", tt.mention, tt.typ, g, tt.want)
		}
	}
}

func TestRe3dDocument(t *testing.T) {
	text := "Coalition forces struck ISIL near Mosul.\nThe Iraqi envoy Ali Yasin spoke."
	at := func(s string) (int, int) {
		i := strings.Index(text, s)
		return len([]rune(text[:i])), len([]rune(text[:i+len(s)]))
	}
	mk := func(s, typ string) re3dEntity {
		b, e := at(s)
		return re3dEntity{Begin: b, End: e, Type: typ, Confidence: 1}
	}
	ents := []re3dEntity{mk("ISIL", "Organisation"), mk("Mosul", "Location"), mk("Iraqi", "Nationality"),
		mk("The Iraqi envoy Ali Yasin", "Person"), mk("near", "Temporal")}
	d := re3dDocument("x", text, ents, nil)
	if len(d.Sentences) != 2 {
		t.Fatalf("%d sentences, want 2", len(d.Sentences))
	}
	var got []string
	for _, s := range d.Sentences {
		for _, sp := range SpansFromTags(s.Tags) {
			got = append(got, fmt.Sprintf("%s/%s", strings.Join(s.Words[sp.Start:sp.End], " "), sp.Type))
		}
	}
	if g := strings.Join(got, "; "); g != "ISIL/ORG; Mosul/LOC; Iraqi/MISC; Ali Yasin/PER" {
		t.Errorf("entities = %q", g)
	}
}

func TestReadRe3dSplit(t *testing.T) {
	dir := "../../../shared/data/ner/re3d"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("re3d data not found at %s (../shared/data): %v", dir, err)
	}
	train, held, err := ReadRe3d(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(train) != 72 || len(held) != 18 {
		t.Errorf("split %d/%d documents, want 72/18", len(train), len(held))
	}
	seen := map[string]bool{}
	for _, d := range train {
		seen[d.ID] = true
	}
	for _, d := range held {
		if seen[d.ID] {
			t.Errorf("document %s in both parts", d.ID)
		}
	}
}
