// Package inject builds test sets for the check rules by planting known
// errors in clean, analysed articles: a role's country swapped in a
// restated sentence, one of two mentions of a number changed, a city moved
// to another country, a quote repeated under another speaker's name.
//
// An injector reads what the analysis of the clean article found (roles,
// facts, quotes, entities), changes the text at one place, and says which
// flag kind must catch the change and where the changed words stand, so
// that a caught error is one whose flag points at them.
package inject

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/crosscheck/crosscheck/document"
)

// Case is one planted error.
type Case struct {
	// Kind names the injector that planted it.
	Kind string
	// Want is the flag kind that must catch it.
	Want string
	// Text is the article with the error planted.
	Text string
	// At locates the changed words in Text.
	At document.Span
	// Change says what was changed, for reports.
	Change string
}

// Injector plants one kind of error in an analysed clean article. Plant
// returns false when the article offers no place for it. pick varies the
// choices (which other country, which number) between articles.
type Injector struct {
	Kind  string
	Want  string
	Doc   string
	Plant func(doc *document.Document, pick int) (Case, bool)
}

// Apply plants the injector's error in doc, filling in the case's Kind
// and Want.
func (in Injector) Apply(doc *document.Document, pick int) (Case, bool) {
	c, ok := in.Plant(doc, pick)
	c.Kind, c.Want = in.Kind, in.Want
	return c, ok
}

// Injectors lists every kind of planted error.
var Injectors = []Injector{
	{"role-country", "role-conflict", "restate a sentence giving a person's role, with the country swapped", roleCountry},
	{"number", "quantity-conflict", "restate a sentence stating a figure about an entity, with the figure changed", number},
	{"rank", "rank-conflict", "restate a sentence ranking something (second largest), with the rank changed", rank},
	{"city-country", "place-conflict", "put a city the article names in another country (\"Mosul, in Peru,\")", cityCountry},
	{"quote-speaker", "quote-conflict", "repeat a direct quote later under another person's name", quoteSpeaker},
}

// country is one substitute country: its code, name and adjective.
type country struct{ code, name, adjective string }

// substitutes are the countries planted errors move things to. Far-flung
// ones keep a swap from landing on a country the article already names.
var substitutes = []country{
	{"PER", "Peru", "Peruvian"}, {"NOR", "Norway", "Norwegian"}, {"KEN", "Kenya", "Kenyan"},
	{"VNM", "Vietnam", "Vietnamese"}, {"CHL", "Chile", "Chilean"}, {"FIN", "Finland", "Finnish"},
	{"GHA", "Ghana", "Ghanaian"}, {"NZL", "New Zealand", "New Zealand"}, {"URY", "Uruguay", "Uruguayan"},
	{"MNG", "Mongolia", "Mongolian"},
}

// substitute picks a country the article does not mention.
func substitute(doc *document.Document, pick int) country {
	for i := range substitutes {
		c := substitutes[(pick+i)%len(substitutes)]
		if !strings.Contains(doc.Text, c.name) && !strings.Contains(doc.Text, c.adjective) {
			return c
		}
	}
	return substitutes[pick%len(substitutes)]
}

// restate copies the sentence holding change, replaces change with repl
// in the copy, and adds the copy as a paragraph of its own after the
// paragraph holding the original: a rewrite that garbles one detail.
func restate(doc *document.Document, change document.Span, repl string) (string, document.Span, bool) {
	si := sentenceIndex(doc, change.Start)
	if si < 0 {
		return "", document.Span{}, false
	}
	s := doc.Sentences[si].Span()
	if !s.Contains(change) {
		return "", document.Span{}, false
	}
	copyText := doc.Text[s.Start:change.Start] + repl + doc.Text[change.End:s.End]
	end := len(doc.Text)
	for _, p := range doc.Paragraphs {
		if p.Contains(s) {
			end = p.End
			break
		}
	}
	text := doc.Text[:end] + "\n\n" + copyText + doc.Text[end:]
	at := end + 2 + (change.Start - s.Start)
	return text, document.Span{Start: at, End: at + len(repl)}, true
}

func sentenceIndex(doc *document.Document, off int) int {
	for i, s := range doc.Sentences {
		if s.Start <= off && off < s.End {
			return i
		}
	}
	return -1
}

// roleCountry swaps the country word in a restated role: "the Iraqi
// ambassador" becomes "the Peruvian ambassador" in a copy of its sentence.
func roleCountry(doc *document.Document, pick int) (Case, bool) {
	for _, e := range doc.Entities {
		if e.Type != document.Person {
			continue
		}
		for _, r := range e.Roles {
			word, form, ok := countryWord(doc, r.Of, r.Span())
			if !ok {
				continue
			}
			sub := substitute(doc, pick)
			repl := sub.name
			if form == document.MentionDemonym || isAbbreviation(doc.Slice(word)) {
				repl = sub.adjective // "US Secretary" reads as "Peruvian Secretary"
			}
			text, at, ok := restate(doc, word, repl)
			if !ok {
				continue
			}
			return Case{Text: text, At: at,
				Change: fmt.Sprintf("%s: %q restated as %q", e.Name, doc.Slice(r.Span()), text[at.Start:at.End])}, true
		}
	}
	return Case{}, false
}

// countryWord finds, inside span, a mention of the country with the given
// code, and whether it is a name or an adjective.
func countryWord(doc *document.Document, code string, span document.Span) (document.Span, string, bool) {
	for _, e := range doc.Entities {
		if e.Link == nil || e.Link.Kind != document.LinkCountry || e.Link.Code != code {
			continue
		}
		for _, m := range e.Mentions {
			if span.Contains(m.Span()) {
				form := m.Kind
				if form != document.MentionDemonym && isAdjective(doc.Slice(m.Span())) {
					form = document.MentionDemonym
				}
				return m.Span(), form, true
			}
		}
	}
	return document.Span{}, "", false
}

// isAbbreviation reports whether a country word is written as capitals
// ("US", "U.K."), which stand before a title as adjectives do.
func isAbbreviation(w string) bool {
	return strings.IndexFunc(w, unicode.IsLower) < 0
}

// isAdjective tells "Iraqi" and "Pakistani" from "Iraq" and "Pakistan".
func isAdjective(w string) bool {
	for _, suffix := range []string{"i", "ian", "ese", "ish", "an", "ch"} {
		if strings.HasSuffix(w, suffix) && len(w) > len(suffix)+2 {
			return true
		}
	}
	return false
}

// number changes the figure of a fact about an entity in a restated
// sentence: "killed 12 people" becomes "killed 19 people".
func number(doc *document.Document, pick int) (Case, bool) {
	for _, f := range doc.Facts {
		if f.Entity == "" || strings.HasPrefix(f.Attribute, "rank") {
			continue
		}
		n, ok := figure(doc, f)
		if !ok {
			continue
		}
		old := doc.Slice(n)
		repl, ok := otherNumber(old, pick)
		if !ok {
			continue
		}
		text, at, ok := restate(doc, n, repl)
		if !ok {
			continue
		}
		return Case{Text: text, At: at,
			Change: fmt.Sprintf("%s %s: %q restated with %q", f.EntityName, f.Attribute, old, repl)}, true
	}
	return Case{}, false
}

// numberWords are the spelled-out figures a restatement may change.
var numberWords = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}

// figure finds the number that states fact f: digits or a spelled-out
// number ("nine-month") inside its words, skipping numbers that belong to
// a name ("S&P 500") and years the fact is not about.
func figure(doc *document.Document, f document.Fact) (document.Span, bool) {
	span := f.Span()
	s := doc.Slice(span)
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' && (i == 0 || !isAlnum(s[i-1])) {
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ',' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
				j++
			}
			n := document.Span{Start: span.Start + i, End: span.Start + j}
			if j < len(s) && s[j] == '.' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
				i = j + 1 // a decimal: changing part of it is no clean restatement
				for i < len(s) && s[i] >= '0' && s[i] <= '9' {
					i++
				}
				continue
			}
			if inName(doc, n) || isYear(s[i:j]) && !strings.Contains(f.Value, s[i:j]) {
				i = j
				continue
			}
			return n, true
		}
	}
	lower := strings.ToLower(s)
	for _, w := range numberWords {
		for i := 0; ; {
			k := strings.Index(lower[i:], w)
			if k < 0 {
				break
			}
			k += i
			end := k + len(w)
			if (k == 0 || !isAlnum(lower[k-1])) && (end == len(lower) || !isAlnum(lower[end])) {
				return document.Span{Start: span.Start + k, End: span.Start + end}, true
			}
			i = end
		}
	}
	return document.Span{}, false
}

// inName reports whether s lies inside an entity mention.
func inName(doc *document.Document, s document.Span) bool {
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if m.Span().Overlaps(s) {
				return true
			}
		}
	}
	return false
}

func isYear(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && len(s) == 4 && n >= 1800 && n <= 2100
}

func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// otherNumber returns a different figure written the same way as old.
func otherNumber(old string, pick int) (string, bool) {
	if n, err := strconv.Atoi(strings.ReplaceAll(old, ",", "")); err == nil {
		m := n + 3 + pick%5
		if n > 20 {
			m = n + n/3 + 1
		}
		if strings.Contains(old, ",") {
			return withCommas(m), true
		}
		return strconv.Itoa(m), true
	}
	lower := strings.ToLower(old)
	for i, w := range numberWords {
		if w == lower {
			repl := numberWords[(i+2+pick%3)%len(numberWords)]
			if unicode.IsUpper(rune(old[0])) {
				repl = strings.ToUpper(repl[:1]) + repl[1:]
			}
			return repl, true
		}
	}
	return "", false
}

// withCommas writes n with thousands separators: 333,334.
func withCommas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ordinals are the rank words a restatement may change.
var ordinals = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}

// rank changes the ordinal of a ranking fact in a restated sentence:
// "second largest city" becomes "third largest city".
func rank(doc *document.Document, pick int) (Case, bool) {
	for _, f := range doc.Facts {
		if f.Entity == "" || !strings.HasPrefix(f.Attribute, "rank") {
			continue
		}
		lower := strings.ToLower(doc.Slice(f.Span()))
		for i, w := range ordinals {
			k := strings.Index(lower, w)
			if k < 0 {
				continue
			}
			word := document.Span{Start: f.Start + k, End: f.Start + k + len(w)}
			repl := ordinals[(i+1+pick%2)%len(ordinals)]
			if unicode.IsUpper(rune(doc.Text[word.Start])) {
				repl = strings.ToUpper(repl[:1]) + repl[1:]
			}
			text, at, ok := restate(doc, word, repl)
			if !ok {
				break
			}
			return Case{Text: text, At: at,
				Change: fmt.Sprintf("%s: %q restated with %q", f.EntityName, w, repl)}, true
		}
	}
	return Case{}, false
}

// cityCountry puts a city the article names in another country, right
// where the article names it: "Mosul" becomes "Mosul, in Peru,".
func cityCountry(doc *document.Document, pick int) (Case, bool) {
	for _, e := range doc.Entities {
		if e.Link == nil || e.Link.Kind != document.LinkCity || e.Link.Country == "" {
			continue
		}
		for _, m := range e.Mentions {
			if m.Kind != document.MentionName && m.Kind != "" {
				continue
			}
			if m.End >= len(doc.Text) || doc.Text[m.End] != ' ' {
				continue // "Mosul," or "Mosul." already binds to what follows
			}
			if doc.Headline != nil && m.Start < doc.Headline.End {
				continue
			}
			sub := substitute(doc, pick)
			ins := ", in " + sub.name + ","
			text := doc.Text[:m.End] + ins + doc.Text[m.End:]
			return Case{Text: text, At: document.Span{Start: m.Start, End: m.End + len(ins)},
				Change: fmt.Sprintf("%s (in %s) put in %s", e.Name, e.Link.Country, sub.name)}, true
		}
	}
	return Case{}, false
}

// quoteSpeaker repeats a direct quote of at least five words, as a
// paragraph of its own, attributed to another person the article names.
func quoteSpeaker(doc *document.Document, _ int) (Case, bool) {
	for _, q := range doc.Quotes {
		if !q.Direct || q.Speaker == "" || len(strings.Fields(doc.Slice(q.Content))) < 5 {
			continue
		}
		var other string
		for _, e := range doc.Entities {
			if e.Type == document.Person && e.ID != q.Speaker && len(strings.Fields(e.Name)) >= 2 {
				other = e.Name
				break
			}
		}
		if other == "" {
			continue
		}
		// Content spans may or may not include their quote marks.
		content := strings.Trim(doc.Slice(q.Content), "\"'“”‘’«».,;: ")
		end := len(doc.Text)
		for _, p := range doc.Paragraphs {
			if p.Contains(q.Content) || p.Contains(q.Cue) {
				end = max(p.End, q.Content.End)
				break
			}
		}
		para := "\u201c" + content + ",\u201d " + other + " said."
		text := doc.Text[:end] + "\n\n" + para + doc.Text[end:]
		at := document.Span{Start: end + 2 + len("\u201c"), End: end + 2 + len("\u201c") + len(content)}
		return Case{Text: text, At: at, Change: fmt.Sprintf("quote repeated as %s's", other)}, true
	}
	return Case{}, false
}
