package attrib

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// wnInfo is what WordNet says about a word (under the key lemma() makes
// of it): the lexicographer file of its commonest verb and noun sense,
// and which of the classes that attributions are made of (speech,
// thought, feeling, perception) any of its senses falls in.
//
// The tagger learns its cues from PolNeAR's train split, where a long
// tail of cue words ("sings", "lifted", "chronicles") is seen once or
// never; the WordNet classes let it treat an unseen verb of
// communication like the ones it has seen.
type wnInfo struct {
	verb, noun uint8  // lexicographer file numbers, 0 when none
	mask       uint16 // wnMask bits
}

// WordNet maps word keys (as lemma() makes them) to their WordNet
// classes; ReadWordNet reads it, and Train stores it in the model.
type WordNet map[string]wnInfo

// Lexicographer files of WordNet 3.0 the mask records.
var wnMaskFiles = []int{
	31, // verb.cognition
	32, // verb.communication
	37, // verb.emotion
	39, // verb.perception
	41, // verb.social
	42, // verb.stative
	4,  // noun.act
	9,  // noun.cognition
	10, // noun.communication
	12, // noun.feeling
	16, // noun.motive
	26, // noun.state
}

// ReadWordNet reads the WordNet 3.0 database in dir (index.verb,
// index.noun, data.verb, data.noun, verb.exc, noun.exc; Debian's
// wordnet-base installs it in /usr/share/wordnet) into the word classes
// Train stores in the model. Only verbs and nouns are read: WordNet's
// adjective and adverb files carry no classes.
func ReadWordNet(dir string) (WordNet, error) {
	out := WordNet{}
	// base records, per key, whether the entry came from a base form
	// (which then wins over an inflected form of another word).
	base := map[string]bool{}
	for _, pos := range []string{"verb", "noun"} {
		lex, err := readWNData(filepath.Join(dir, "data."+pos))
		if err != nil {
			return nil, err
		}
		words, err := readWNIndex(filepath.Join(dir, "index."+pos), lex)
		if err != nil {
			return nil, err
		}
		exc, err := readWNExceptions(filepath.Join(dir, pos+".exc"))
		if err != nil {
			return nil, err
		}
		lemmas := make([]string, 0, len(words))
		for w := range words {
			lemmas = append(lemmas, w)
		}
		sort.Strings(lemmas)
		forms := map[string][]string{}
		for _, f := range sortedKeys(exc) {
			for _, b := range exc[f] {
				forms[b] = append(forms[b], f)
			}
		}
		for _, w := range lemmas {
			senses := words[w]
			var mask uint16
			for _, f := range senses {
				for b, mf := range wnMaskFiles {
					if f == mf {
						mask |= 1 << b
					}
				}
			}
			all := append(inflections(w, pos == "verb"), forms[w]...)
			for i, f := range all {
				k := lemma(f)
				e, seen := out[k]
				isBase := i == 0 && k == w
				first := uint8(senses[0])
				if pos == "verb" {
					if e.verb == 0 || isBase && !base[k+"/v"] {
						e.verb = first
					}
					if isBase {
						base[k+"/v"] = true
					}
				} else {
					if e.noun == 0 || isBase && !base[k+"/n"] {
						e.noun = first
					}
					if isBase {
						base[k+"/n"] = true
					}
				}
				e.mask |= mask
				_ = seen
				out[k] = e
			}
		}
	}
	return out, nil
}

// inflections returns w and its regular inflected forms: plural for a
// noun; third person, past and present participle for a verb (with and
// without a doubled final consonant, since WordNet does not say which a
// verb takes; the wrong form never occurs in text).
func inflections(w string, verb bool) []string {
	out := []string{w}
	if strings.ContainsAny(w, "_ ") {
		return out
	}
	n := len(w)
	if n < 2 {
		return out
	}
	last := w[n-1]
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		out = append(out, w+"es")
	case last == 'y' && !vowel(w[n-2]):
		out = append(out, w[:n-1]+"ies")
	default:
		out = append(out, w+"s")
	}
	if !verb {
		return out
	}
	switch {
	case last == 'e':
		out = append(out, w+"d", w[:n-1]+"ing")
	case last == 'y' && !vowel(w[n-2]):
		out = append(out, w[:n-1]+"ied", w+"ing")
	default:
		out = append(out, w+"ed", w+"ing")
		if !vowel(last) && vowel(w[n-2]) && last != 'w' && last != 'x' && last != 'y' {
			out = append(out, w+string(last)+"ed", w+string(last)+"ing")
		}
	}
	return out
}

// readWNData maps synset offsets to their lexicographer file numbers.
func readWNData(path string) (map[int]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read wordnet: %w", err)
	}
	defer f.Close()
	out := map[int]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue // licence header
		}
		fs := strings.SplitN(line, " ", 3)
		if len(fs) < 3 {
			continue
		}
		off, err1 := strconv.Atoi(fs[0])
		lex, err2 := strconv.Atoi(fs[1])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("read wordnet: %s: bad line %.40q", filepath.Base(path), line)
		}
		out[off] = lex
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read wordnet: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read wordnet: %s holds no synsets", path)
	}
	return out, nil
}

// readWNIndex maps each lemma to the lexicographer files of its senses,
// commonest sense first.
func readWNIndex(path string, lex map[int]int) (map[string][]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read wordnet: %w", err)
	}
	defer f.Close()
	out := map[string][]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) < 6 {
			continue
		}
		nSyn, err := strconv.Atoi(fs[2])
		if err != nil || nSyn <= 0 || nSyn > len(fs) {
			return nil, fmt.Errorf("read wordnet: %s: bad line %.40q", filepath.Base(path), line)
		}
		var files []int
		for _, o := range fs[len(fs)-nSyn:] {
			off, err := strconv.Atoi(o)
			if err != nil {
				return nil, fmt.Errorf("read wordnet: %s: bad offset in %.40q", filepath.Base(path), line)
			}
			if l, ok := lex[off]; ok {
				files = append(files, l)
			}
		}
		if len(files) > 0 {
			out[fs[0]] = files
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read wordnet: %w", err)
	}
	return out, nil
}

// readWNExceptions reads an exception list: irregular form -> base forms.
func readWNExceptions(path string) (map[string][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read wordnet: %w", err)
	}
	out := map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		fs := strings.Fields(line)
		if len(fs) >= 2 {
			out[fs[0]] = append(out[fs[0]], fs[1:]...)
		}
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// lexTable maps lemma hashes to what the model knows of the lemma: its
// cue class and its WordNet classes, packed in 32 bits. It replaces two
// string-keyed map lookups per token with one probe into a flat table,
// which the feature extraction touches ahead of use so that the cache
// misses of a paragraph's tokens overlap.
type lexTable struct {
	slots []lexSlot
	mask  uint64
}

type lexSlot struct{ check, val uint32 }

// lexEntry is an unpacked lexTable value.
type lexEntry struct {
	cue uint8
	wn  wnInfo
}

func (e lexEntry) pack() uint32 {
	return uint32(e.cue&15) | uint32(e.wn.verb&63)<<4 | uint32(e.wn.noun&63)<<10 | uint32(e.wn.mask&0xfff)<<16 | 1<<31
}

func unpackLex(v uint32) lexEntry {
	return lexEntry{cue: uint8(v & 15), wn: wnInfo{verb: uint8(v >> 4 & 63), noun: uint8(v >> 10 & 63), mask: uint16(v >> 16 & 0xfff)}}
}

func lexCheck(h uint64) uint32 {
	c := uint32(h >> 32)
	if c == 0 {
		c = 1
	}
	return c
}

// newLexTable builds the table of a cue lexicon and WordNet classes.
func newLexTable(cues map[string]uint8, wn WordNet) lexTable {
	entries := map[uint64]lexEntry{}
	for w, c := range cues {
		h := hashString(fnvOffset, w)
		e := entries[h]
		e.cue = c
		entries[h] = e
	}
	for w := range reportingVerbs {
		if _, ok := cues[w]; !ok {
			h := hashString(fnvOffset, w)
			e := entries[h]
			e.cue = 8
			entries[h] = e
		}
	}
	for w, i := range wn {
		h := hashString(fnvOffset, w)
		e := entries[h]
		e.wn = i
		entries[h] = e
	}
	size := 1
	for size < 2*len(entries)+2 {
		size <<= 1
	}
	t := lexTable{slots: make([]lexSlot, size), mask: uint64(size - 1)}
	for h, e := range entries {
		c := lexCheck(h)
		i := h & t.mask
		for t.slots[i].check != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = lexSlot{check: c, val: e.pack()}
	}
	return t
}

// get returns the entry of lemma hash h (zero when the lemma is
// unknown).
func (t *lexTable) get(h uint64) lexEntry {
	if len(t.slots) == 0 {
		return lexEntry{}
	}
	c := lexCheck(h)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s.check == c {
			return unpackLex(s.val)
		}
		if s.check == 0 {
			return lexEntry{}
		}
	}
}

// touch loads the slot of h into the cache, returning a value that
// the caller must use so that the load is not optimised away.
func (t *lexTable) touch(h uint64) uint32 {
	if len(t.slots) == 0 {
		return 0
	}
	return t.slots[h&t.mask].check
}
