package story

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is one word or number of a text, found by scan. The grouping index
// and the comparison both work from these, so that they behave the same
// whether or not the analysis stages filled in tokens and entities.
type tok struct {
	start, end int32
	// norm is the lower-cased word; numbers and number words are
	// normalised to digits ("nine" and "9" are both "9"), ordinals to
	// "#2" ("second", "2nd").
	norm string
	cap  bool // starts with an upper-case letter
	// first is true for the first word of a sentence, whose capital says
	// nothing about it being a name.
	first bool
	num   bool // a number or number word
	ord   bool // an ordinal
	acro  bool // written in capitals, two letters or more ("IS", "UN")
	// h is hash64(norm), computed once for the grouping features.
	h uint64
}

// scan splits text into word tokens. Hyphens, apostrophes and punctuation
// separate words ("9-month" is "9" and "month"; "Iraq's" is "iraq" and
// "s"), which lets differently punctuated versions of a phrase compare
// equal. A sentence starts after . ! ? or a line break.
func scan(text string, out []tok) []tok {
	first := true
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if isASCIIWord(c) {
				j := i + 1
				for j < len(text) && text[j] < utf8.RuneSelf && isASCIIWord(text[j]) {
					j++
				}
				if j < len(text) && text[j] >= utf8.RuneSelf {
					j = wordEnd(text, j)
				}
				if isDigits(text[i:j]) {
					j = numberEnd(text, j)
				}
				out = append(out, makeTok(text, i, j, first))
				first = false
				i = j
				continue
			}
			switch c {
			case '.', '!', '?', '\n':
				// "3.5" and "U.S." keep going: a full stop between
				// letters or digits ends no sentence.
				if c == '.' && i+1 < len(text) && isASCIIWord(text[i+1]) {
					break
				}
				first = true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j := wordEnd(text, i)
			out = append(out, makeTok(text, i, j, first))
			first = false
			i = j
			continue
		}
		if r == '…' || r == '\u2029' {
			first = true
		}
		i += n
	}
	return out
}

// numberEnd extends a run of digits ending at j over thousands separators
// and a decimal part ("1,800", "11.25"), so that a number is one token.
func numberEnd(text string, j int) int {
	for j+1 < len(text) && (text[j] == ',' || text[j] == '.') && '0' <= text[j+1] && text[j+1] <= '9' {
		k := j + 1
		for k < len(text) && '0' <= text[k] && text[k] <= '9' {
			k++
		}
		if text[j] == ',' && k-j-1 != 3 {
			break // "3,4" is a list, not a thousand
		}
		j = k
	}
	return j
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// wordEnd returns the end of the word running from i.
func wordEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			return i
		}
		i += n
	}
	return i
}

func makeTok(text string, i, j int, first bool) tok {
	w := text[i:j]
	t := tok{start: int32(i), end: int32(j), first: first}
	r, _ := utf8.DecodeRuneInString(w)
	t.cap = unicode.IsUpper(r)
	if t.cap && len(w) >= 2 {
		t.acro = true
		for k := 0; k < len(w); k++ {
			if w[k] < 'A' || w[k] > 'Z' {
				t.acro = false
				break
			}
		}
	}
	t.norm = lower(w)
	switch c := t.norm[0]; {
	case '0' <= c && c <= '9':
		if isNumber(t.norm) {
			t.norm, t.num = normNumber(t.norm), true
		} else if n := ordinalDigits(t.norm); n != "" {
			t.norm, t.num, t.ord = n, true, true
		}
	case len(t.norm) >= 3 && len(t.norm) <= 9 && numberInitial[c]:
		// Only words that can be number words pay for the lookups.
		if d, ok := numberWord[t.norm]; ok {
			t.norm, t.num = d, true
		} else if d, ok := ordinalWord[t.norm]; ok {
			t.norm, t.num, t.ord = d, true, true
		}
	}
	t.h = hash64(t.norm)
	return t
}

// lower lower-cases w without allocating when it is already lower-case
// ASCII.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isNumber reports whether s is digits with optional thousands separators
// and decimal part, as numberEnd reads them.
func isNumber(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != ',' && c != '.' {
			return false
		}
	}
	return true
}

// normNumber drops thousands separators, leading zeros and a zero
// decimal part: "1,800" and "1800.0" are both "1800".
func normNumber(s string) string {
	s = strings.ReplaceAll(s, ",", "")
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	s = strings.TrimLeft(s, "0")
	if s == "" || s[0] == '.' {
		s = "0" + s
	}
	return s
}

// ordinalDigits turns "2nd", "23rd", "4th" into "#2", "#23", "#4".
func ordinalDigits(s string) string {
	if len(s) < 3 {
		return ""
	}
	suf := s[len(s)-2:]
	if suf != "st" && suf != "nd" && suf != "rd" && suf != "th" {
		return ""
	}
	if !isDigits(s[:len(s)-2]) {
		return ""
	}
	return "#" + strings.TrimLeft(s[:len(s)-2], "0")
}

var numberWord = map[string]string{
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
	"six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
	"eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
	"fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
	"nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
	"fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
	"ninety": "90", "hundred": "100", "thousand": "1000", "dozen": "12",
}

// numberInitial marks the letters number and ordinal words start with.
var numberInitial = func() [256]bool {
	var m [256]bool
	for w := range numberWord {
		m[w[0]] = true
	}
	for w := range ordinalWord {
		m[w[0]] = true
	}
	return m
}()

var ordinalWord = map[string]string{
	"first": "#1", "second": "#2", "third": "#3", "fourth": "#4", "fifth": "#5",
	"sixth": "#6", "seventh": "#7", "eighth": "#8", "ninth": "#9", "tenth": "#10",
}

// months maps month names and abbreviations to their number, to tell
// dates from other numbers.
var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true,
}

// stop holds function words and the verbs of reporting that every news
// article uses: they say nothing about which event an article reports.
var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all almost also although am among an and
any are as at be been before being below between both but by can could did do does doing done down
during each either else even ever every few for from further had has have having he her here hers
herself him himself his how however i if in into is it its itself just least less like made make
many may me might more most much must my myself neither no nor not now of off often on once only or
other others our ours ourselves out over own per perhaps quite rather s same several shall she
should since so some still such than that the their theirs them themselves then there these they
this those though through thus to too under until up upon us very via was we were what when where
whether which while who whom whose why will with within without would yet you your yours yourself
said says say saying told tell tells according added adds stated states reported reports report
asked week weeks day days year years month months time times today yesterday tomorrow monday
tuesday wednesday thursday friday saturday sunday mr mrs ms dr new news t ll ve re d m don
didn doesn isn wasn weren aren won can't it's also`) {
		m[w] = true
	}
	return m
}()

// stopHash holds the folded hash64 of every stop word, for the hot path of
// feature extraction, where a table probe is cheaper than a string map
// lookup.
var stopHash = func() *table {
	t := newTable(len(stop))
	for w := range stop {
		t.set(fold(hash64(w)), 1)
	}
	return t
}()

// fold turns a 64-bit hash into a 32-bit one.
func fold(h uint64) uint32 { return uint32(h ^ h>>32) }

func isStop(h uint64) bool { return stopHash.get(fold(h)) != 0 }

// stem folds the commonest English inflections together ("forces",
// "forced" and "forcing" all become "forc") so that versions of a story
// written in different tenses share terms. It is deliberately crude: the
// aim is agreement between texts, not a dictionary form, and a real
// stemmer's extra precision did not change grouping on the labelled set.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = w[:n-2]
	case n > 4 && strings.HasSuffix(w, "es") && (w[n-3] == 's' || w[n-3] == 'x' || w[n-3] == 'h'):
		w = w[:n-2]
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		w = w[:n-1]
	}
	if len(w) > 4 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}
