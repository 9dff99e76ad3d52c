package store

import (
	"errors"
	"testing"
	"unicode"
)

func TestParseQuery(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Mosul", "mosul"},
		{"  Mosul   battle ", "mosul battle"},
		{`"second largest" city`, `"second largest" city`},
		{"textil*", "textil*"},
		{`"largest cit"*`, `"largest cit"*`},
		{"mosul OR raqqa pilots", "mosul OR raqqa pilots"},
		{"OR mosul", "mosul"},
		{"mosul OR", "mosul"},
		{"mosul or raqqa", "mosul or raqqa"}, // lower-case or is a word
		{`col:mosul -x ^y (z)`, "col mosul x y z"},
		{`"unbalanced quote`, `"unbalanced quote"`},
		{`x' OR '1'='1`, "x OR 1 1"},
		{"Ирак 2017", "ирак 2017"},
	}
	for _, c := range cases {
		q, err := ParseQuery(c.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", c.in, err)
			continue
		}
		if got := q.String(); got != c.want {
			t.Errorf("ParseQuery(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	for _, in := range []string{"", "   ", `""`, "!!! ...", "OR", "*"} {
		if _, err := ParseQuery(in); !errors.Is(err, ErrEmptyQuery) {
			t.Errorf("ParseQuery(%q) err = %v; want ErrEmptyQuery", in, err)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"mosul", `"a b"* OR c`, `"`, "OR OR", "x*y", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if !errors.Is(err, ErrEmptyQuery) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, c := range q {
			if len(c) == 0 {
				t.Fatal("empty clause")
			}
			for _, term := range c {
				if len(term.Words) == 0 {
					t.Fatal("term without words")
				}
				for _, w := range term.Words {
					for _, r := range w {
						if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
							t.Fatalf("word %q holds %q", w, r)
						}
					}
				}
			}
		}
	})
}
