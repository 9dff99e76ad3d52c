package lex

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Pakistan’s help, 1,000.5 troops!", "Pakistan|’s|help|,|1,000.5|troops|!"},
		{"a 9-month battle in 2017-07-10", "a|9-month|battle|in|2017-07-10"},
		{"They don't know O'Neil's plan.", "They|do|n't|know|O'Neil|'s|plan|."},
		{"‘We share the same enemy’, said", "‘|We|share|the|same|enemy|’|,|said"},
		{"US$5m and 45%", "US|$|5m|and|45|%"},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range Tokenize(tt.in, 0) {
			if tt.in[w.Start:w.End] != w.Text {
				t.Errorf("%q: offsets %d-%d do not hold %q", tt.in, w.Start, w.End, w.Text)
			}
			got = append(got, w.Text)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
	if w := Tokenize("x Y", 10); w[1].Start != 12 || w[1].Lower != "y" {
		t.Errorf("base offset: %+v", w[1])
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		n    int
	}{
		{"12 people", 12, 1}, {"1.5 million", 1.5e6, 2}, {"two hundred thousand", 2e5, 3},
		{"twenty-five", 25, 1}, {"a dozen", 12, 2}, {"a hundred and twenty", 120, 4}, {"1,000", 1000, 1},
	}
	for _, tt := range tests {
		words := Tokenize(tt.in, 0)
		v, next, ok := Number(words, 0)
		if !ok || v != tt.want || next != tt.n {
			t.Errorf("Number(%q) = %v, %d, %v; want %v, %d", tt.in, v, next, ok, tt.want, tt.n)
		}
	}
	for _, s := range []string{"a man", "million", "the 3", "9/11"} {
		if v, _, ok := Number(Tokenize(s, 0), 0); ok {
			t.Errorf("Number(%q) = %v, want none", s, v)
		}
	}
	for s, want := range map[string]int{"second": 2, "3rd": 3, "21st": 21, "third-largest": 3} {
		if n, ok := Ordinal(s); !ok || n != want {
			t.Errorf("Ordinal(%q) = %d, %v", s, n, ok)
		}
	}
	if _, ok := Ordinal("west"); ok {
		t.Error("Ordinal(west) ok")
	}
}

func TestTokenizeAllocs(t *testing.T) {
	s := strings.Repeat("The Iraqi army freed Mosul from IS after a nine-month battle. ", 4)
	if n := testing.AllocsPerRun(100, func() { Tokenize(s, 0) }); n > 3 {
		t.Errorf("Tokenize allocates %v times, want <= 3 (words, and the lower-cased copy)", n)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Pakistan’s 1,000.5", "don't", "\xff\xfe", "9-month-old", "a--b''c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, w := range Tokenize(s, 0) {
			if w.Start < prev || w.End > len(s) || w.Start >= w.End || s[w.Start:w.End] != w.Text {
				t.Fatalf("bad word %+v in %q", w, s)
			}
			prev = w.End
		}
	})
}
