package store

import (
	"errors"
	"strings"
	"unicode"
)

// Query is a parsed full-text query: every clause must match; a clause
// matches when any of its terms does.
type Query []Clause

// Clause is a set of alternatives joined by OR.
type Clause []Term

// Term is one word or a quoted phrase, optionally a prefix.
type Term struct {
	// Words are lower-case words made of letters and digits only, so
	// that a backend can quote them without escaping.
	Words  []string
	Prefix bool
}

// ErrEmptyQuery is returned for a query with no searchable words.
var ErrEmptyQuery = errors.New("empty search query: give at least one word")

// ParseQuery parses the user's search syntax (see Store.Search) into a
// Query that every backend translates into its own. Parsing here, once,
// means no backend ever passes user input to its query language: a stray
// quote or operator cannot cause a syntax error or an injection.
func ParseQuery(s string) (Query, error) {
	var q Query
	orNext := false
	flush := func(t Term) {
		if orNext && len(q) > 0 {
			q[len(q)-1] = append(q[len(q)-1], t)
		} else {
			q = append(q, Clause{t})
		}
		orNext = false
	}
	r := []rune(s)
	for i := 0; i < len(r); {
		c := r[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(r) && r[j] != '"' {
				j++
			}
			words := splitWords(string(r[i+1 : min(j, len(r))]))
			i = j + 1
			prefix := false
			if i < len(r) && r[i] == '*' {
				prefix = true
				i++
			}
			if len(words) > 0 {
				flush(Term{Words: words, Prefix: prefix})
			}
		case isWordRune(c):
			j := i
			for j < len(r) && isWordRune(r[j]) {
				j++
			}
			w := string(r[i:j])
			i = j
			prefix := false
			if i < len(r) && r[i] == '*' {
				prefix = true
				i++
			}
			if w == "OR" && !prefix {
				if len(q) > 0 {
					orNext = true
				}
				continue
			}
			flush(Term{Words: []string{strings.ToLower(w)}, Prefix: prefix})
		default:
			i++
		}
	}
	if len(q) == 0 {
		return nil, ErrEmptyQuery
	}
	return q, nil
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// splitWords returns the lower-cased runs of letters and digits in s.
func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) })
}

// String renders q back in the user syntax, normalised.
func (q Query) String() string {
	var b strings.Builder
	for i, c := range q {
		if i > 0 {
			b.WriteByte(' ')
		}
		for j, t := range c {
			if j > 0 {
				b.WriteString(" OR ")
			}
			if len(t.Words) > 1 {
				b.WriteString(`"` + strings.Join(t.Words, " ") + `"`)
			} else {
				b.WriteString(t.Words[0])
			}
			if t.Prefix {
				b.WriteByte('*')
			}
		}
	}
	return b.String()
}
