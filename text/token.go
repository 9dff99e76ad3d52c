package text

import (
	"strings"

	"github.com/crosscheck/crosscheck/document"
)

// tokenizer splits text into Penn-Treebank-like tokens, the convention the
// CoNLL-trained entity model expects: punctuation, quotes and brackets are
// tokens of their own; "'s" and "n't" are split from their word; hyphenated
// words, numbers with separators (1,000.5, 10:30, 10.30am), abbreviations
// and initials with their period (U.S., Mr., J.), URLs, e-mail addresses,
// @handles and #tags stay whole; an ellipsis is one token.
//
// It works on whitespace-separated chunks. Each chunk is peeled from the
// left: opening quotes and brackets, then a URL/e-mail/handle if one starts
// there, then everything up to the next "hard" split character (a quote,
// bracket, dash, ellipsis, ; ! ?, or a comma or colon not between digits)
// is one word, which word() splits further at its edges.
type tokenizer struct {
	s    string
	toks []document.Token
}

func (t *tokenizer) emit(a, b int) {
	t.toks = append(t.toks, document.Token{Start: a, End: b})
}

// span tokenizes t.s[a:b].
func (t *tokenizer) span(a, b int) {
	s := t.s
	i := a
	for i < b {
		if c := s[i]; c <= ' ' {
			i++
			continue
		}
		if sp, n := isSpaceAt(s, i); sp {
			i += n
			continue
		}
		j := i
		for j < b {
			c := s[j]
			if c > ' ' && c < 0x7f {
				j++
				continue
			}
			sp, n := isSpaceAt(s, j)
			if sp {
				break
			}
			j += n
		}
		if j > b { // only when s[a:b] cuts a rune, which Segment never does
			j = b
		}
		t.chunk(i, j)
		i = j
	}
}

// chunk tokenizes s[p:e], which holds no space.
func (t *tokenizer) chunk(p, e int) {
	s := t.s
	// at is the offset of the next '@' at or after p (e when none), kept
	// so that looking for e-mail addresses stays linear in long chunks.
	at := -1
	for p < e {
		r, n := decode(s, p)
		if isOpener(r) && !elision(s, p+n, e) {
			t.emit(p, p+n)
			p += n
			continue
		}
		if at < p {
			at = e
			if k := strings.IndexByte(s[p:e], '@'); k >= 0 {
				at = p + k
			}
		}
		if q := t.special(p, e, at); q > p {
			t.emit(p, q)
			p = q
			continue
		}
		h, hl := hardSplit(s, p, e)
		if h > p {
			t.word(p, h)
		}
		if hl > 0 {
			t.emit(h, h+hl)
		}
		p = h + hl
	}
}

// elision reports whether s[i:e] starts with two digits, as after the
// apostrophe of "'90s", which then belongs to the word.
func elision(s string, i, e int) bool {
	return i+1 < e && isDigit(rune(s[i])) && isDigit(rune(s[i+1]))
}

// hardSplit finds the first character in s[p:e] that is always a token of
// its own, and returns its offset and length; (e, 0) when there is none.
func hardSplit(s string, p, e int) (int, int) {
	for i := p; i < e; {
		c := s[i]
		if c < 0x80 {
			switch c {
			case '"', '(', ')', '[', ']', '{', '}', '<', '>', ';', '!', '?', '`':
				return i, 1
			case '.':
				if i+1 < e && s[i+1] == '.' {
					return i, run(s, i, e, '.')
				}
				// A full stop missing its space ("in Syria.The EU",
				// "against IS.He said", "’.Ali"): a word of two or more
				// letters (or nothing) before, a capitalised word after.
				// Domains, decimals and dotted acronyms (U.S.) do not
				// have that shape.
				if i+2 < e && asciiUpper(s[i+1]) && 'a' <= s[i+2] && s[i+2] <= 'z' &&
					(i == p || i-1 > p && asciiLetter(s[i-1]) && asciiLetter(s[i-2])) {
					return i, 1
				}
			case '/':
				// "Noorsat/Eurobird", "UK/France": two names; "and/or",
				// "24/7" and "km/h" stay whole.
				if i > p && i+1 < e && 'A' <= s[i+1] && s[i+1] <= 'Z' {
					return i, 1
				}
			case '-':
				if i+1 < e && s[i+1] == '-' {
					return i, run(s, i, e, '-')
				}
			case ',', ':':
				if !(i > p && i+1 < e && isDigit(rune(s[i-1])) && isDigit(rune(s[i+1]))) {
					return i, 1
				}
			case '\'':
				if !inWord(s, p, i, i+1, e) {
					return i, 1
				}
			}
			i++
			continue
		}
		r, n := decode(s, i)
		switch r {
		case '“', '”', '„', '‟', '«', '»', '‹', '›', '‚', '—', '–', '―', '‒', '…', '¿', '¡', '‼', '⁇', '⁈', '⁉',
			// Full stops and question marks of scripts written without
			// spaces or with their own marks: CJK, Arabic, Urdu, Hindi.
			'。', '！', '？', '؟', '۔', '।':
			return i, n
		case '‘', '’', '‛':
			if !inWord(s, p, i, i+n, e) {
				return i, n
			}
		}
		i += n
	}
	return e, 0
}

// run returns the length of the run of byte c starting at s[i], within e.
func run(s string, i, e int, c byte) int {
	j := i
	for j < e && s[j] == c {
		j++
	}
	return j - i
}

// inWord reports whether the apostrophe at s[i:j] sits inside a word
// (O'Brien, Pakistan's, don't) or starts an elided number ('90s), rather
// than being a quote mark.
func inWord(s string, p, i, j, e int) bool {
	if i == p {
		return elision(s, j, e)
	}
	if j >= e {
		return false
	}
	before, _ := decodeLast(s, i)
	after, n := decode(s, j)
	if before == '.' && (after == 's' || after == 'S') {
		// "U.K.'s": the possessive of an abbreviation.
		return j+n == e || !isAlnum(firstRuneAt(s, j+n))
	}
	return isAlnum(before) && isAlnum(after)
}

func firstRuneAt(s string, i int) rune {
	r, _ := decode(s, i)
	return r
}

// special returns the end of a URL, e-mail address, @handle or #tag that
// starts at s[p], or p when none does. at is the offset of the next '@'.
func (t *tokenizer) special(p, e, at int) int {
	s := t.s[p:e]
	switch c := s[0]; {
	case c == '@' || c == '#':
		j, letters := 1, false
		for j < len(s) {
			c := s[j]
			if asciiLetter(c) || c == '_' {
				letters = true
			} else if !isDigit(rune(c)) {
				break
			}
			j++
		}
		// "#1" is a rank, not a tag; "@" alone is a symbol.
		if j > 1 && (c == '@' || letters) {
			return p + j
		}
		return p
	case c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' || c == 'F':
		for _, pre := range [...]string{"https://", "http://", "www.", "ftp://"} {
			if len(s) > len(pre) && strings.EqualFold(s[:len(pre)], pre) {
				return p + urlEnd(s)
			}
		}
	}
	if at > p && at < e {
		return p + emailEnd(s, at-p)
	}
	return p
}

// urlEnd returns the length of the URL at the start of s, leaving out
// trailing punctuation that belongs to the sentence ("see http://x.org/a.")
// and a closing bracket that the URL did not open.
func urlEnd(s string) int {
	end := len(s)
	for end > 0 {
		r, n := decodeLast(s, end)
		switch r {
		case '.', ',', ';', ':', '!', '?', '\'', '"', '”', '’', '»', ']', '}', '>', '…':
			end -= n
			continue
		case ')':
			if strings.Count(s[:end], "(") < strings.Count(s[:end], ")") {
				end -= n
				continue
			}
		}
		break
	}
	return end
}

// emailEnd returns the length of the e-mail address at the start of s
// (whose '@' is at s[at]), or 0 when s does not start with one.
func emailEnd(s string, at int) int {
	for i := 0; i < at; i++ {
		c := s[i]
		switch {
		case c == '.' || c == '-':
			if i == 0 || s[i-1] == c {
				return 0 // also bounds the work on runs like "a..a..a"
			}
		case !(asciiLetter(c) || isDigit(rune(c)) || c == '_' || c == '%' || c == '+'):
			return 0
		}
	}
	end := at + 1
	for end < len(s) && (asciiLetter(s[end]) || isDigit(rune(s[end])) || s[end] == '.' || s[end] == '-') {
		end++
	}
	for end > at+1 && (s[end-1] == '.' || s[end-1] == '-') {
		end--
	}
	if !strings.Contains(s[at+1:end], ".") {
		return 0
	}
	return end
}

// word tokenizes s[p:e], a piece with no hard split character: it splits
// off a leading currency sign, a trailing full stop (not the period of an
// abbreviation or initial), a trailing percent sign and a clitic.
func (t *tokenizer) word(p, e int) {
	s := t.s
	if r, n := decode(s, p); isCurrency(r) && p+n < e {
		t.emit(p, p+n)
		p += n
	}
	end := e
	period := false
	if end-1 > p && s[end-1] == '.' && !keepsPeriod(s, s[p:end-1], e) {
		period = true
		end--
	}
	pct := false
	if end-1 > p && s[end-1] == '%' {
		pct = true
		end--
	}
	if c := cliticStart(s[p:end]); c > 0 {
		t.emit(p, p+c)
		t.emit(p+c, end)
	} else {
		t.emit(p, end)
	}
	if pct {
		t.emit(end, end+1)
	}
	if period {
		t.emit(e-1, e)
	}
}

// keepsPeriod reports whether w, followed in s by a period ending at
// offset after, is an abbreviation or initial that keeps the period.
func keepsPeriod(s, w string, after int) bool {
	switch abbreviations[w] {
	case abbrTitle, abbrOther:
		return true
	case abbrNumber:
		// "No. 10" but "He said no."
		for i := after; i < len(s); i++ {
			if c := s[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				return isDigit(rune(c))
			}
		}
		return false
	}
	return isInitial(w) || isDotted(w)
}

// isInitial reports whether w is a single letter ("J", "W").
func isInitial(w string) bool {
	r, n := decode(w, 0)
	return n == len(w) && isLetter(r)
}

// isDotted reports whether w is a dotted acronym without its final period:
// letters in groups of one or two separated by periods ("U.S", "a.m",
// "Ph.D").
func isDotted(w string) bool {
	dots, group := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.':
			if group == 0 {
				return false
			}
			dots, group = dots+1, 0
		case asciiLetter(c):
			group++
			if group > 2 {
				return false
			}
		default:
			return false
		}
	}
	return dots > 0 && group > 0
}

// cliticStart returns where a clitic ('s, n't, 're, 've, 'll, 'd, 'm, with
// a straight or curly apostrophe) starts in w, or 0 when w has none.
func cliticStart(w string) int {
	// Clitics end the word, so only its last bytes need a look: the
	// longest, "n’t" and "’ll", are 5 bytes.
	i, al := -1, 0
	for k := len(w) - 1; k > 0 && k >= len(w)-5; k-- {
		if w[k] == '\'' {
			i, al = k, 1
			break
		}
		if w[k] == 0xe2 && strings.HasPrefix(w[k:], "’") {
			i, al = k, len("’")
			break
		}
	}
	if i <= 0 {
		return 0
	}
	rest := w[i+al:]
	switch {
	case rest == "t" || rest == "T":
		// n't: "don't" -> "do" "n't", "can't" -> "ca" "n't" as in PTB.
		if i >= 2 && (w[i-1] == 'n' || w[i-1] == 'N') {
			if before, _ := decodeLast(w, i-1); isLetter(before) {
				return i - 1
			}
		}
		return 0
	case strings.EqualFold(rest, "s"), strings.EqualFold(rest, "m"), strings.EqualFold(rest, "d"),
		strings.EqualFold(rest, "re"), strings.EqualFold(rest, "ve"), strings.EqualFold(rest, "ll"):
		if before, _ := decodeLast(w, i); isAlnum(before) || before == '.' && rest != "" && (rest[0]|0x20) == 's' {
			return i
		}
	}
	return 0
}
