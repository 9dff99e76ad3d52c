package text

import (
	"unicode"
	"unicode/utf8"
)

// decode returns the rune at s[i] and its size. Invalid UTF-8 comes back as
// utf8.RuneError of size 1, which the tokenizer treats as a word character:
// every byte still lands in some token, so offsets stay exact on bad input.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// decodeLast returns the rune ending at s[:i] and its size.
func decodeLast(s string, i int) (rune, int) {
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// isSpace reports whether r separates tokens. Besides Unicode white space it
// counts control characters and the invisible zero-width characters that
// pages often leave behind, so they never become tokens of their own.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r <= ' ' || r == 0x7f
	}
	switch r {
	case 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, // zero-width spaces and joiners
		0x200e, 0x200f, 0x061c, // direction marks, common around names in mixed scripts
		0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069: // direction embeddings and isolates
		return true
	}
	return unicode.IsSpace(r)
}

// isSpaceAt reports whether the rune at s[i] is a space, and its size.
func isSpaceAt(s string, i int) (bool, int) {
	r, n := decode(s, i)
	if r == utf8.RuneError && n == 1 {
		return false, 1
	}
	return isSpace(r), n
}

func asciiUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

func asciiLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r)
}

func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return isDigit(r) || 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

// isOpener reports whether r, at the start of a chunk, is an opening bracket
// or quote to be split off as a token of its own.
func isOpener(r rune) bool {
	switch r {
	case '(', '[', '{', '<', '"', '\'', '`', '‘', '‚', '‛', '“', '„', '‟', '«', '‹', '¿', '¡':
		return true
	}
	return false
}

// isQuote reports whether r is any quote mark, straight or curly.
func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '`', '‘', '’', '‚', '‛', '“', '”', '„', '‟', '«', '»', '‹', '›':
		return true
	}
	return false
}

// isCurrency reports whether r is a sign that PTB splits from the number
// it precedes ("$1.2" -> "$" "1.2", "#1" -> "#" "1").
func isCurrency(r rune) bool {
	switch r {
	case '#', '$', '£', '€', '¥', '₹', '₽', '₩', '₺', '₪':
		return true
	}
	return false
}
