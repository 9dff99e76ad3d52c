package check

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/crosscheck/crosscheck/document"
)

// isCountryCode reports whether s looks like an ISO 3166-1 alpha-3 code.
func isCountryCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// countryName names a country code the way the article does, through its
// linked country entity, falling back to the code itself.
func countryName(doc *document.Document, code string) string {
	for _, e := range doc.Entities {
		if e.Link != nil && e.Link.Kind == document.LinkCountry && e.Link.Code == code {
			return e.Name
		}
	}
	return code
}

func entityName(doc *document.Document, id document.EntityID) string {
	if e := doc.Entity(id); e != nil {
		return e.Name
	}
	return string(id)
}

// quoteList quotes the words at each span: "Iraqi Envoy", "the Iraqi ambassador".
func quoteList(doc *document.Document, spans []document.Span) string {
	q := make([]string, len(spans))
	for i, s := range spans {
		q[i] = "“" + strings.Join(strings.Fields(doc.Slice(s)), " ") + "”"
	}
	return strings.Join(q, ", ")
}

// sentenceAt returns the sentence holding offset, or "" if none does.
func sentenceAt(doc *document.Document, offset int) string {
	i, ok := slices.BinarySearchFunc(doc.Sentences, offset, func(s document.Sentence, off int) int {
		switch {
		case s.End <= off:
			return -1
		case s.Start > off:
			return 1
		}
		return 0
	})
	if !ok {
		return ""
	}
	return doc.Slice(doc.Sentences[i].Span())
}

// containsWord reports whether phrase occurs in s at word boundaries.
func containsWord(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		if (start == 0 || !isWordByte(s[start-1])) && (end == len(s) || !isWordByte(s[end])) {
			return true
		}
		i = start + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// words splits s into lower-case words, ignoring punctuation.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

func ordinal(v string) string {
	n, err := strconv.Atoi(v)
	if err != nil {
		return v
	}
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// article puts "a" or "an" before a noun.
func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiouAEIOU", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func valueText(f document.Fact) string {
	if f.Unit != "" {
		return f.Value + " " + f.Unit
	}
	return f.Value
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

func bySpan(a, b document.Span) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
}

// inQuote reports whether s lies inside the content of a direct quote:
// the words are the speaker's, not the outlet's.
func inQuote(doc *document.Document, s document.Span) bool {
	for _, q := range doc.Quotes {
		if q.Direct && q.Content.Contains(s) {
			return true
		}
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
