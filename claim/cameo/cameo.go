// Package cameo codes verbs as CAMEO events: a table of verb forms and
// verb patterns generated from the PETRARCH2 dictionary (see
// PROVENANCE.md), and the CAMEO root categories.
//
// PETRARCH2 matches its patterns against a full constituency parse.
// crosscheck has none, so a pattern here matches when its words occur in
// order in the verb's clause: looser, and much cheaper.
package cameo

//go:generate go run ./internal/cameogen -in ../../../shared/data/events/petrarch2-verbs/CAMEO.2.0.txt -out verbs.txt

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed verbs.txt
var verbsFile string

// Roots names the twenty CAMEO root categories.
var Roots = map[string]string{
	"01": "make public statement", "02": "appeal", "03": "express intent to cooperate",
	"04": "consult", "05": "engage in diplomatic cooperation", "06": "engage in material cooperation",
	"07": "provide aid", "08": "yield", "09": "investigate", "10": "demand",
	"11": "disapprove", "12": "reject", "13": "threaten", "14": "protest",
	"15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
	"19": "fight", "20": "use unconventional mass violence",
}

// Root returns the two-digit root of a CAMEO code ("072" -> "07").
func Root(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

// Lexicon is the verb table. It is safe for concurrent use.
type Lexicon struct {
	forms   map[string][]form
	blocks  []block
	synsets map[string]map[string]bool
}

type form struct {
	rest  []string // words after the first: "down" in "shut down"
	lemma string
	block int
	code  string
}

type block struct {
	name, code string
	patterns   []pattern
}

type pattern struct {
	code          string
	before, after []string
	// need holds, per pattern word, the signature bits of the text words
	// it can match: its own bit, or its synset members' bits.
	need []signature
}

// signature is a 256-bit set of word hashes. A clause's signature has the
// bits of its words and their singulars; a pattern word can match only if
// one of its bits is there, so most patterns are ruled out without
// comparing a single string.
type signature [4]uint64

// sigBit returns the signature bit of a word.
func sigBit(w string) uint8 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return uint8((h * 0x9E3779B97F4A7C15) >> 56)
}

func (s *signature) add(w string) {
	b := sigBit(w)
	s[b/64] |= 1 << (b % 64)
}

// meets reports whether s and t share a bit.
func (s *signature) meets(t *signature) bool {
	return s[0]&t[0]|s[1]&t[1]|s[2]&t[2]|s[3]&t[3] != 0
}

// possible reports whether every word of p may match a word of a clause
// with signature clause: false means the pattern cannot match there.
func (p *pattern) possible(clause *signature) bool {
	for i := range p.need {
		if !p.need[i].meets(clause) {
			return false
		}
	}
	return true
}

// Default returns the embedded lexicon, parsed on first use.
var Default = sync.OnceValues(func() (*Lexicon, error) { return Parse(verbsFile) })

// Parse reads a table written by cameogen.
func Parse(src string) (*Lexicon, error) {
	l := &Lexicon{forms: map[string][]form{}, synsets: map[string]map[string]bool{}}
	sc := bufio.NewScanner(strings.NewReader(src))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case f[0] == "S" && len(f) == 3:
			set := map[string]bool{}
			for _, w := range strings.Fields(f[2]) {
				set[strings.ReplaceAll(strings.Trim(w, "_"), "_", " ")] = true
			}
			l.synsets[f[1]] = set
		case f[0] == "B" && len(f) == 3:
			l.blocks = append(l.blocks, block{name: f[1], code: f[2]})
		case f[0] == "V" && len(f) == 4 && len(l.blocks) > 0:
			words := strings.Fields(f[1])
			if len(words) == 0 {
				return nil, fmt.Errorf("parse cameo table: line %d: empty verb form", n)
			}
			l.forms[words[0]] = append(l.forms[words[0]], form{rest: words[1:], lemma: f[2], block: len(l.blocks) - 1, code: f[3]})
		case f[0] == "P" && len(f) == 4 && len(l.blocks) > 0:
			b := &l.blocks[len(l.blocks)-1]
			b.patterns = append(b.patterns, pattern{code: f[1], before: strings.Fields(f[2]), after: strings.Fields(f[3])})
		default:
			return nil, fmt.Errorf("parse cameo table: line %d: unreadable %q", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("parse cameo table: %w", err)
	}
	if len(l.forms) == 0 {
		return nil, fmt.Errorf("parse cameo table: no verbs")
	}
	// Signatures are worked out once all synsets are known: a pattern
	// may name a synset defined after it.
	synsetSigs := map[string]signature{}
	for name, set := range l.synsets {
		var sig signature
		for w := range set {
			sig.add(w)
		}
		synsetSigs[name] = sig
	}
	for bi := range l.blocks {
		for pi := range l.blocks[bi].patterns {
			p := &l.blocks[bi].patterns[pi]
			for _, w := range append(append([]string(nil), p.before...), p.after...) {
				var sig signature
				if w != "" && w[0] == '&' {
					sig = synsetSigs[w] // none for an unknown synset, which matches nothing
				} else {
					sig.add(w)
				}
				p.need = append(p.need, sig)
			}
		}
	}
	return l, nil
}

// Verb is a verb form found in a sentence.
type Verb struct {
	Lemma string
	// Len is the number of words the form covers ("shut down" is 2).
	Len     int
	entries []form
}

// Lookup finds the verb form that starts at words[i] (lower-case
// words), preferring the longest, for instance "set free" over "set".
func (l *Lexicon) Lookup(words []string, i int) (Verb, bool) {
	if i < 0 || i >= len(words) {
		return Verb{}, false
	}
	cands := l.forms[words[i]]
	best := -1
	var v Verb
	for _, c := range cands {
		if i+1+len(c.rest) > len(words) {
			continue
		}
		ok := true
		for k, w := range c.rest {
			if words[i+1+k] != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		switch n := 1 + len(c.rest); {
		case n > best:
			best = n
			v = Verb{Lemma: c.lemma, Len: n, entries: []form{c}}
		case n == best:
			v.entries = append(v.entries, c)
		}
	}
	return v, best > 0
}

// Code returns the CAMEO code of v given the words of its clause before
// it and after it (lower-case): the code of the longest pattern of the
// verb's blocks whose words occur in order there, or else the verb's own
// default code. It also returns the number of pattern words matched (0
// for a default). An empty code means the dictionary gives the verb no
// event.
func (l *Lexicon) Code(v Verb, before, after []string) (string, int) {
	// Singulars are worked out once here, not once per pattern.
	bs, as := withSingulars(before), withSingulars(after)
	var clause signature
	for _, ws := range [2][]word{bs, as} {
		for _, w := range ws {
			clause.add(w.w)
			clause.add(w.sing)
		}
	}
	bestCode, bestLen := "", 0
	for k, e := range v.entries {
		if seenBlock(v.entries[:k], e.block) {
			continue
		}
		for pi := range l.blocks[e.block].patterns {
			p := &l.blocks[e.block].patterns[pi]
			n := len(p.before) + len(p.after)
			if n <= bestLen {
				continue
			}
			if p.possible(&clause) && l.matchAfter(p.after, as) && l.matchBefore(p.before, bs) {
				bestCode, bestLen = p.code, n
			}
		}
	}
	if bestLen > 0 {
		return bestCode, bestLen
	}
	for _, e := range v.entries {
		if e.code != "" {
			return e.code, 0
		}
	}
	for _, e := range v.entries {
		if c := l.blocks[e.block].code; c != "" {
			return c, 0
		}
	}
	return "", 0
}

func seenBlock(entries []form, b int) bool {
	for _, e := range entries {
		if e.block == b {
			return true
		}
	}
	return false
}

// maxGap bounds how far apart the words of one pattern may lie.
const maxGap = 6

// word is a text word with its singular.
type word struct{ w, sing string }

func withSingulars(ws []string) []word {
	out := make([]word, len(ws))
	for i, w := range ws {
		out[i] = word{w, singular(w)}
	}
	return out
}

func (l *Lexicon) matchAfter(ws []string, words []word) bool {
	j := 0
	for _, w := range ws {
		found := false
		for k := j; k < len(words) && k <= j+maxGap; k++ {
			if l.wordMatches(w, words[k]) {
				j, found = k+1, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (l *Lexicon) matchBefore(ws []string, words []word) bool {
	j := len(words) - 1
	for i := len(ws) - 1; i >= 0; i-- {
		found := false
		for k := j; k >= 0 && k >= j-maxGap; k-- {
			if l.wordMatches(ws[i], words[k]) {
				j, found = k-1, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// wordMatches compares a pattern word with a lower-case text word,
// accepting the plural of a pattern noun and any member of a synset.
func (l *Lexicon) wordMatches(p string, t word) bool {
	if p != "" && p[0] == '&' {
		set := l.synsets[p]
		return set[t.w] || set[t.sing]
	}
	return p == t.w || p == t.sing
}

// singular strips a regular plural ending.
func singular(t string) string {
	switch {
	case strings.HasSuffix(t, "ies") && len(t) > 4:
		return t[:len(t)-3] + "y"
	case strings.HasSuffix(t, "ses") || strings.HasSuffix(t, "xes") || strings.HasSuffix(t, "ches") || strings.HasSuffix(t, "shes"):
		return t[:len(t)-2]
	case strings.HasSuffix(t, "s") && !strings.HasSuffix(t, "ss") && len(t) > 3:
		return t[:len(t)-1]
	}
	return t
}
