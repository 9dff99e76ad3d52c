// Package lex splits sentences into words and reads numbers, for the
// claim stages. It tokenises on its own rather than reading
// Document.Tokens so that the check-worthiness model sees exactly the
// tokens it was trained on, whatever the text layer does.
package lex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is one token of a sentence.
type Word struct {
	// Start and End are byte offsets into the text that was tokenised,
	// shifted by the base passed to Tokenize.
	Start, End int
	// Text is the token as written; Lower is its lower-case form, with
	// typographic apostrophes and dashes folded to ASCII.
	Text, Lower string
	// Num is the word's value when IsNum: Cardinal(Lower), read once
	// here because every claim stage asks.
	Num   float64
	IsNum bool
}

// IsNumber reports whether the word is written with digits.
func (w Word) IsNumber() bool {
	return w.Lower != "" && w.Lower[0] >= '0' && w.Lower[0] <= '9'
}

// IsCapitalised reports whether the word starts with an upper-case letter.
func (w Word) IsCapitalised() bool {
	r, _ := utf8.DecodeRuneInString(w.Text)
	return unicode.IsUpper(r)
}

// IsPunct reports whether the word is a single punctuation mark.
func (w Word) IsPunct() bool {
	r, n := utf8.DecodeRuneInString(w.Text)
	return n == len(w.Text) && (unicode.IsPunct(r) || unicode.IsSymbol(r))
}

// Tokenize splits s into words. Offsets are s's byte offsets plus base.
// Numbers keep their commas and decimal points ("1,000.5"), words keep
// inner hyphens and apostrophes ("nine-month", "O'Neil"), and English
// clitics are split off ("do" "n't", "Pakistan" "'s").
func Tokenize(s string, base int) []Word {
	return AppendTokens(make([]Word, 0, len(s)/5+1), s, AsciiLower(s), base)
}

// AppendTokens appends the words of s to words, as Tokenize would return
// them. lowered is AsciiLower(s) (or the same slice of AsciiLower of a
// longer text), so that a caller tokenising many sentences of one text
// lower-cases the text once.
func AppendTokens(words []Word, s, lowered string, base int) []Word {
	// Each word's Lower is sliced from lowered: one allocation instead
	// of one per capitalised word. Words with non-ASCII bytes are folded
	// one by one, since folding may change their length.
	first := len(words)
	i := 0
	for i < len(s) {
		if c := s[i]; c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == utf8.RuneError && n <= 1 {
			i += n
			continue
		}
		start := i
		switch {
		case unicode.IsDigit(r):
			i = scanNumber(s, i)
			// "9-month", "21st", "1990s": digits glued to letters stay one word.
			i = scanWordTail(s, i)
		case unicode.IsLetter(r):
			i = scanWordTail(s, i+n)
		default:
			i += n
		}
		tok := s[start:i]
		low := ""
		if lowered != "" && isASCII(tok) {
			low = lowered[start:i]
		}
		words = appendWord(words, first, tok, low, start+base)
	}
	return words
}

// scanNumber reads digits with inner separators: 1,000 3.5 9/11 2017-07-10.
func scanNumber(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			i++
		case (c == ',' || c == '.' || c == '/' || c == ':') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			i++
		default:
			return i
		}
	}
	return i
}

// scanWordTail reads letters and digits, and hyphens or apostrophes
// between them.
func scanWordTail(s string, i int) int {
	for i < len(s) {
		// ASCII letters and digits, the common case, without decoding.
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				i++
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			i += n
		case r == '-' || r == '\'' || r == '’' || r == '‑':
			if i+n < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+n:])
				if unicode.IsLetter(next) || unicode.IsDigit(next) {
					i += n
					continue
				}
			}
			return i
		default:
			return i
		}
	}
	return i
}

// appendWord adds tok, splitting off English clitics. words[first:] are
// the words of the sentence being tokenised.
func appendWord(words []Word, first int, tok, lower string, at int) []Word {
	if lower == "" {
		lower = fold(tok)
	}
	words = appendSplit(words, tok, lower, at)
	w := &words[len(words)-1]
	w.Num, w.IsNum = Cardinal(w.Lower)
	if len(words)-first > 1 && words[len(words)-2].Start == at {
		// a clitic split: the first part is a word of its own
		v := &words[len(words)-2]
		v.Num, v.IsNum = Cardinal(v.Lower)
	}
	return words
}

func appendSplit(words []Word, tok, lower string, at int) []Word {
	if len(lower) > 3 {
		for _, cl := range [...]string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"} {
			if strings.HasSuffix(lower, cl) {
				cut := len(tok) - clitcLen(tok, len(cl))
				if cut <= 0 || cut >= len(tok) {
					break
				}
				lcut := len(lower) - len(cl)
				words = append(words, Word{Start: at, End: at + cut, Text: tok[:cut], Lower: lower[:lcut]})
				return append(words, Word{Start: at + cut, End: at + len(tok), Text: tok[cut:], Lower: lower[lcut:]})
			}
		}
	}
	return append(words, Word{Start: at, End: at + len(tok), Text: tok, Lower: lower})
}

// clitcLen returns the byte length of the last n folded characters of tok,
// which differs from n when tok uses a typographic apostrophe.
func clitcLen(tok string, n int) int {
	b := 0
	for k := 0; k < n && b < len(tok); k++ {
		_, size := utf8.DecodeLastRuneInString(tok[:len(tok)-b])
		b += size
	}
	return b
}

// AsciiLower lower-cases the ASCII letters of s and keeps every other
// byte, so that offsets into s hold in the result.
func AsciiLower(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fold lower-cases s and folds typographic apostrophes and hyphens.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '’', '‘', 'ʼ':
			r = '\''
		case '‑', '–', '—':
			r = '-'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Fold is the lower-casing Tokenize applies to Word.Lower.
func Fold(s string) string { return fold(s) }
