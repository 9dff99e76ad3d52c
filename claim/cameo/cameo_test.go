package cameo

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestLexicon(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sentence string
		at       int
		want     string // root
	}{
		{"pakistan gave iraq arms", 1, "07"},  // GRANT + &WEAPON pattern or default 06/07
		{"rebels attacked the town", 1, "19"}, // default of the block
		{"israel released the prisoners", 1, "08"},
		{"police arrested two men", 1, "17"},
		{"the leaders met in geneva", 2, "04"},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.sentence)
		v, ok := l.Lookup(words, tt.at)
		if !ok {
			t.Errorf("%q: no verb at %d", tt.sentence, tt.at)
			continue
		}
		code, _ := l.Code(v, words[:tt.at], words[tt.at+v.Len:])
		if got := Root(code); got != tt.want && !(tt.want == "07" && got == "06") {
			t.Errorf("%q: root %q (code %q), want %q", tt.sentence, got, code, tt.want)
		}
	}
	// Multi-word verbs win over their first word.
	if v, ok := l.Lookup([]string{"they", "set", "free", "him"}, 1); !ok || v.Len != 2 {
		t.Errorf("set free: %+v %v", v, ok)
	}
	if _, ok := l.Lookup([]string{"the", "banana"}, 1); ok {
		t.Error("banana is a verb")
	}
	// A pattern refines the block's default: TRAIN + PILOTS.
	v, _ := l.Lookup([]string{"they", "trained", "pilots"}, 1)
	if code, n := l.Code(v, []string{"they"}, []string{"pilots"}); code != "0312" || n != 1 {
		t.Errorf("trained pilots: %q (%d words)", code, n)
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "X\tbad\n", "V\tgive\tgive\t\n"} {
		if _, err := Parse(src); err == nil {
			t.Errorf("Parse(%q): no error", src)
		}
	}
}

func TestCountryOf(t *testing.T) {
	for in, want := range map[string]string{"USAGOV": "USA", "IGOUNO": "", "---REB": "", "SY": "", "irq": ""} {
		if got := CountryOf(in); got != want {
			t.Errorf("CountryOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadPetrarch(t *testing.T) {
	path := "../../../shared/data/events/gold/petrarch2-gsr-validation/PETR2_GSR_validation.xml"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("PETRARCH2 gold file absent (%v)", err)
	}
	gold, err := ReadPetrarch(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 70 {
		t.Errorf("%d sentences, want about 77", len(gold))
	}
	events := 0
	for _, g := range gold {
		events += len(g.Events)
	}
	if events < 75 {
		t.Errorf("%d codings, want about 80", events)
	}
	if _, err := ReadPetrarch(os.DevNull); err == nil {
		t.Error("empty file: no error")
	}
}

// codeUnfiltered is Code without the signature filter: every pattern is
// matched word by word.
func (l *Lexicon) codeUnfiltered(v Verb, before, after []string) (string, int) {
	bs, as := withSingulars(before), withSingulars(after)
	bestCode, bestLen := "", 0
	for k, e := range v.entries {
		if seenBlock(v.entries[:k], e.block) {
			continue
		}
		for _, p := range l.blocks[e.block].patterns {
			n := len(p.before) + len(p.after)
			if n <= bestLen {
				continue
			}
			if l.matchAfter(p.after, as) && l.matchBefore(p.before, bs) {
				bestCode, bestLen = p.code, n
			}
		}
	}
	if bestLen > 0 {
		return bestCode, bestLen
	}
	c, _ := l.Code(Verb{Lemma: v.Lemma, Len: v.Len, entries: v.entries}, nil, nil)
	return c, 0
}

// TestCodeFilterExact checks that the signature filter never rules out a
// pattern that would match: clauses are built from the patterns' own words
// (synset members included), plurals and filler, so that many patterns
// match.
func TestCodeFilterExact(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var vocab []string
	for _, b := range l.blocks {
		for _, p := range b.patterns {
			for _, w := range append(append([]string(nil), p.before...), p.after...) {
				if w[0] == '&' {
					for m := range l.synsets[w] {
						vocab = append(vocab, m)
					}
					continue
				}
				vocab = append(vocab, w, w+"s")
			}
		}
	}
	vocab = append(vocab, "the", "a", "of", "in", "on", "to", "and", "officials", "city")
	var verbs []Verb
	for w := range l.forms {
		if v, ok := l.Lookup([]string{w}, 0); ok {
			verbs = append(verbs, v)
		}
	}
	slices.SortFunc(verbs, func(a, b Verb) int { return strings.Compare(a.Lemma, b.Lemma) })
	clause := func() []string {
		ws := make([]string, rng.IntN(8))
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		return ws
	}
	matched := 0
	for i := 0; i < 20000; i++ {
		v := verbs[rng.IntN(len(verbs))]
		before, after := clause(), clause()
		code, n := l.Code(v, before, after)
		wantCode, wantN := l.codeUnfiltered(v, before, after)
		if code != wantCode || n != wantN {
			t.Fatalf("%s %v | %v: Code = %q (%d), unfiltered %q (%d)", v.Lemma, before, after, code, n, wantCode, wantN)
		}
		if n > 0 {
			matched++
		}
	}
	if matched < 1000 {
		t.Errorf("only %d of 20000 clauses matched a pattern: the test says little", matched)
	}
}
