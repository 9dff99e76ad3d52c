package ner

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{`The U.S. Army's "3rd Battalion" left.`, `The|U.S.|Army|'s|"|3rd|Battalion|"|left|.`},
		{`Mr. Karim, Iraq's envoy, said: "We share the same enemy."`, `Mr.|Karim|,|Iraq|'s|envoy|,|said|:|"|We|share|the|same|enemy|.|"`},
		{`In Jan. 2016, 1,000 troops (about 3.5%) didn't go.`, `In|Jan.|2016|,|1,000|troops|(|about|3.5%|)|did|n't|go|.`},
		{`the players' union`, `the|players|'|union`},
		{"al-Qaeda  and\tJ. Smith", `al-Qaeda|and|J.|Smith`},
		{"", ""},
		{"’s 's n't", "’s|'s|n't"},
		{"İstanbul's", "İstanbul|'s"},
		{"  ", ""},
	}
	for _, tt := range tests {
		got := strings.Join(tokenStrings(tt.in), "|")
		if got != tt.want {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenizeOffsets(t *testing.T) {
	in := "Émile met “Ali” in Mosul."
	for _, sp := range tokenize(in) {
		if sp[0] < 0 || sp[1] > len(in) || sp[0] >= sp[1] {
			t.Fatalf("bad span %v", sp)
		}
		if strings.TrimSpace(in[sp[0]:sp[1]]) != in[sp[0]:sp[1]] {
			t.Errorf("token %q has spaces", in[sp[0]:sp[1]])
		}
	}
	if got := strings.Join(tokenStrings(in), "|"); got != "Émile|met|“|Ali|”|in|Mosul|." {
		t.Errorf("got %q", got)
	}
}

func TestSplitSentences(t *testing.T) {
	got := splitSentences("Iraq thanked Pakistan. It said so.\nNew line here")
	if len(got) != 3 || strings.Join(got[1], " ") != "It said so ." {
		t.Errorf("splitSentences = %q", got)
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("The U.S. Army's \"3rd Battalion\" left.")
	f.Add("’s n't (a) ...")
	f.Add("İstanbul’s players' \xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range tokenize(s) {
			if sp[0] < prev || sp[0] >= sp[1] || sp[1] > len(s) {
				t.Fatalf("bad span %v after %d in %q", sp, prev, s)
			}
			prev = sp[1]
		}
	})
}
