package gazetteer

import (
	"unicode"
	"unicode/utf8"
)

// Names are compared as sequences of normalised words: letters lower-cased,
// periods and apostrophes dropped ("U.N." = "UN", "Da'esh" = "Daesh"),
// hyphens, dashes, underscores and spaces separating words ("al-Qaeda" =
// "al Qaeda"). A token of the text may hold several words and a name may
// span several tokens; both hash the same, so the tokenizer's choices about
// hyphens do not matter.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type charClass uint8

const (
	charWord charClass = iota
	charSkip
	charSep
)

func classify(r rune) charClass {
	switch r {
	case '.', '\'', '\u2019', '\u2018', '`', '\u00b4', '\u02bc':
		return charSkip
	case ' ', '-', '_', '\t', '\u2010', '\u2011', '\u2013', '\u2014', '\u00a0':
		return charSep
	}
	return charWord
}

// hasher is FNV-1a over normalised words with a separator between words.
// The zero value is ready; sum is the hash of the words so far.
type hasher struct {
	sum        uint64
	started    bool
	pendingSep bool
}

func (h *hasher) mix(c byte) {
	h.sum ^= uint64(c)
	h.sum *= fnvPrime
}

// sep ends the current word.
func (h *hasher) sep() {
	if h.started {
		h.pendingSep = true
	}
}

// rune adds one word character.
func (h *hasher) rune(r rune) {
	if !h.started {
		h.sum, h.started = fnvOffset, true
	}
	if h.pendingSep {
		h.mix(0x1f)
		h.pendingSep = false
	}
	if r < utf8.RuneSelf {
		c := byte(r)
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h.mix(c)
		return
	}
	r = unicode.ToLower(r)
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, c := range buf[:n] {
		h.mix(c)
	}
}

// token adds the words of one token, ending with a word break, and
// reports whether the token held any word character.
func (h *hasher) token(s string) bool {
	any := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '.' || c == '\'' || c == '`':
			case c == ' ' || c == '-' || c == '_' || c == '\t':
				h.sep()
			default:
				h.rune(rune(c))
				any = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch classify(r) {
		case charSkip:
		case charSep:
			h.sep()
		default:
			h.rune(r)
			any = true
		}
		i += size
	}
	h.sep()
	return any
}

func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isUpperRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

func isLetterRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r)
}

// Match finds the longest alias that starts at words[i] and is written in
// a case the alias allows. It appends the entries that alias names to dst
// (in table order: countries, regions, cities, organisations) and returns
// dst and the number of words of words the alias covers, or dst and 0.
// Match does not allocate when dst has room.
func (g *Gazetteer) Match(dst []Hit, words []string, i int) ([]Hit, int) {
	var h hasher
	bestOff, bestN, bestLen := 0, 0, 0
	limit := i + g.maxTokens + 2
	for j := i; j < len(words) && j < limit; j++ {
		if !h.token(words[j]) {
			if j == i {
				return dst, 0
			}
			continue // punctuation only: transparent ("Workers ' Party")
		}
		v, ok := g.index[h.sum]
		if !ok {
			break
		}
		n := int(uint32(v))
		if n == 0 {
			continue
		}
		off := int(v >> 32)
		for _, hit := range g.hits[off : off+n] {
			if caseOK(hit, words[i:j+1]) {
				bestOff, bestN, bestLen = off, n, j-i+1
				break
			}
		}
	}
	if bestLen == 0 {
		return dst, 0
	}
	for _, hit := range g.hits[bestOff : bestOff+bestN] {
		if caseOK(hit, words[i:i+bestLen]) {
			dst = append(dst, hit)
		}
	}
	return dst, bestLen
}

// Lookup returns the entries that the words of name name, ignoring case
// rules: for linking a name someone else found. It appends to dst.
func (g *Gazetteer) Lookup(dst []Hit, words ...string) []Hit {
	var h hasher
	for _, w := range words {
		h.token(w)
	}
	if !h.started {
		return dst
	}
	v, ok := g.index[h.sum]
	if !ok || uint32(v) == 0 {
		return dst
	}
	off, n := int(v>>32), int(uint32(v))
	return append(dst, g.hits[off:off+n]...)
}

// caseOK reports whether toks write the alias of hit in a case it allows:
// an acronym only in capitals, a capitalised word only capitalised (or in
// capitals). Lower-case words of an alias ("group", "al") match any case.
func caseOK(hit Hit, toks []string) bool {
	k := 0
	for _, t := range toks {
		wordStart := true
		for i := 0; i < len(t); {
			r, size := decodeRune(t, i)
			i += size
			switch classify(r) {
			case charSkip:
				continue
			case charSep:
				wordStart = true
				continue
			}
			if hit.Flags&Acronym != 0 {
				if isLetterRune(r) && !isUpperRune(r) {
					return false
				}
			}
			if wordStart {
				if k < 32 && hit.capMask&(1<<k) != 0 && !isUpperRune(r) {
					return false
				}
				k++
				wordStart = false
			}
		}
	}
	return true
}

// Words returns the number of normalised words in hit's alias.
func (h Hit) Words() int { return int(h.words) }
