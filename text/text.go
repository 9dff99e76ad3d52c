// Package text splits a Document's text into paragraphs, sentences and
// tokens, each with byte offsets into Document.Text.
//
// Paragraphs are separated by blank lines. Tokens follow the Penn Treebank
// and CoNLL conventions the entity model is trained on (see tokenizer).
// Sentences are built from tokens, so a token never straddles two
// sentences: a sentence ends at a full stop, question or exclamation mark
// or ellipsis (with the closing quotes and brackets that follow it), unless
// a lower-case word or a comma follows; after an abbreviation only when a
// typical sentence opener follows; and at a line break inside a paragraph,
// which is how headlines, datelines and list items end, unless the
// paragraph is prose wrapped by hand (see wrapStats).
//
// The segmenter is written here rather than taken from a library. The Go
// options were neurosnap/sentences (a Punkt port) and jdkato/prose, whose
// segmenter wraps it; prose is archived. Punkt gives sentences only, not
// the CoNLL-style tokens the entity model needs, so a tokenizer had to be
// written anyway; its English model is a JSON file decoded at start-up,
// and it has no notion of the line breaks that end headlines and datelines
// nor of the closing quote that follows a full stop (“…enemy.” he said).
// Building sentences from our own tokens keeps every offset exact and
// costs a single pass over the text.
package text

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
)

// Segment fills doc.Paragraphs, doc.Sentences and doc.Tokens from doc.Text,
// replacing what they held. Every span is a byte range into doc.Text;
// paragraphs and sentences start and end on tokens, and sentence i holds
// doc.Tokens[doc.Sentences[i].From:doc.Sentences[i].To]. Any text is
// accepted, including invalid UTF-8, which is kept in tokens byte for byte.
func Segment(doc *document.Document) {
	s := doc.Text
	// Capacities err on the high side for news text (which averages about
	// 5 bytes a token, 130 a sentence and 250 a paragraph), so that an
	// article costs three allocations and no regrowth.
	// The estimate stops at a million bytes of text: beyond that (never
	// an article, perhaps a hostile input) the slices grow as needed.
	n := min(len(s), 1<<20)
	t := tokenizer{s: s, toks: make([]document.Token, 0, n/4+4)}
	paras := make([]document.Span, 0, n/128+2)
	sents := make([]document.Sentence, 0, n/64+2)
	forParagraphs(s, func(a, b int, wrapped bool) {
		paras = append(paras, document.Span{Start: a, End: b})
		from := len(t.toks)
		t.span(a, b)
		sents = sentences(s, t.toks, from, len(t.toks), wrapped, sents)
	})
	doc.Paragraphs, doc.Sentences, doc.Tokens = paras, sents, t.toks
}

// forParagraphs calls f with the bounds of each paragraph of s: a run of
// non-blank lines, without its leading and trailing white space. wrapped
// says the paragraph looks hard-wrapped (see wrapStats).
func forParagraphs(s string, f func(a, b int, wrapped bool)) {
	start, end := -1, -1 // the open paragraph, if start >= 0
	var w wrapStats
	for ls := 0; ls < len(s); {
		le := len(s)
		next := le
		if k := strings.IndexByte(s[ls:], '\n'); k >= 0 {
			le, next = ls+k, ls+k+1
		}
		a := ls
		for a < le {
			sp, n := isSpaceAt(s, a)
			if !sp {
				break
			}
			a += n
		}
		if a == le { // blank line
			if start >= 0 {
				f(start, end, w.wrapped())
				start = -1
			}
		} else {
			b := le
			for b > a {
				r, n := decodeLast(s, b)
				if (r == 0xfffd && n == 1) || !isSpace(r) {
					break
				}
				b -= n
			}
			if start < 0 {
				start, w = a, wrapStats{}
			}
			end = b
			w.add(s[a:b])
		}
		ls = next
	}
	if start >= 0 {
		f(start, end, w.wrapped())
	}
}

// wrapStats tells hard-wrapped prose (plain text broken every 70 or so
// characters, as e-mail and wire copy are) from lines that end where their
// content ends (headline, dateline, list items, verse). In wrapped prose a
// line break is a space, not a sentence end.
type wrapStats struct {
	lines, min, max, last int
	bullet                bool // a line starts like a list item
	lower                 bool // a line after the first starts in lower case
}

func (w *wrapStats) add(line string) {
	if w.lines > 0 {
		// The last line of a paragraph may be short: only the lines
		// before it count.
		if w.lines == 1 || w.last < w.min {
			w.min = w.last
		}
		w.max = max(w.max, w.last)
	}
	w.lines++
	w.last = utf8.RuneCountInString(line)
	w.bullet = w.bullet || isBullet(line)
	w.lower = w.lower || w.lines > 1 && isLower(firstRune(line))
}

// wrapped reports whether the paragraph's lines look hard-wrapped: at
// least three, all but the last of similar length between 40 and 110
// characters, none a list item, and at least one going on in lower case (most
// words are; lines that each start a new item or step are capitalised).
func (w *wrapStats) wrapped() bool {
	return w.lines >= 3 && !w.bullet && w.lower && w.min >= 40 && w.max <= 110 && w.max-w.min <= 30
}

// isBullet reports whether line starts like a list item: "- ", "• ",
// "* ", "1. ", "2) ".
func isBullet(line string) bool {
	r, n := decode(line, 0)
	switch r {
	case '-', '–', '—', '•', '*', '·', '▪', '●', '◦', '‣':
		return true
	}
	if !isDigit(r) {
		return false
	}
	for n < len(line) && isDigit(rune(line[n])) {
		n++
	}
	return n < len(line) && (line[n] == '.' || line[n] == ')')
}

// Token roles for quote and bracket tokens.
const (
	roleNone = iota
	roleOpen
	roleClose
)

// sentenceSplitter holds the state of one paragraph's sentence pass.
type sentenceSplitter struct {
	s          string
	toks       []document.Token
	a, b       int  // the paragraph's tokens
	wrapped    bool // the paragraph is hard-wrapped: line breaks are spaces
	dbl, sgl   bool // a straight double or single quote is open
	last, role int  // the most recently classified token and its role
}

// sentences appends to dst the sentences of the paragraph made of
// toks[a:b]; wrapped says its line breaks are spaces.
func sentences(s string, toks []document.Token, a, b int, wrapped bool, dst []document.Sentence) []document.Sentence {
	p := sentenceSplitter{s: s, toks: toks, a: a, b: b, wrapped: wrapped, last: -1}
	start := a
	cut := func(end int) {
		// Marks alone (a stray "." or "•" opening a line) are not a
		// sentence: they join the one that follows.
		if end < b && !hasWord(s, toks[start].Start, toks[end-1].End) {
			return
		}
		dst = append(dst, document.Sentence{Start: toks[start].Start, End: toks[end-1].End, From: start, To: end})
		start = end
	}
	for i := a; i < b; i++ {
		p.roleOf(i)
		w := p.word(i)
		stop := isTerminal(w)
		kind := notAbbr
		if !stop && len(w) > 1 && w[len(w)-1] == '.' {
			kind = abbrKindOf(w)
		}
		if !stop && kind == notAbbr {
			// A line break ends a headline, dateline or list item, unless
			// a long line (40 characters or more) goes on in lower case
			// on the next: text wrapped by hand. Short lines are items
			// even in lower case ("baby carrier\ncamera").
			if i+1 < b && p.lineBreak(i+1) && !(startsLower(p.word(i+1)) && p.lineLen(i) >= 40) {
				cut(i + 1)
			}
			continue
		}
		// Take in further marks ("?!") and closing quotes and brackets.
		j := i + 1
		for j < b && !p.lineBreak(j) && (isTerminal(p.word(j)) || p.roleOf(j) == roleClose) {
			j++
		}
		if p.endsAt(w, kind, start, i, j) {
			cut(j)
		}
		i = j - 1
	}
	if start < b {
		cut(b)
	}
	return dst
}

// endsAt decides whether a sentence that began at token start ends before
// token j, after the mark or abbreviation w at token i.
func (p *sentenceSplitter) endsAt(w string, kind abbrKind, start, i, j int) bool {
	if j >= p.b {
		return true
	}
	next := p.word(j)
	if startsLower(next) {
		return false
	}
	nl := p.lineBreak(j)
	switch kind {
	case abbrTitle, abbrNumber:
		return nl
	case abbrOther:
		// A closing quote after the abbreviation ("in Washington
		// D.C.” Jones said") shows the sentence ended.
		return nl || j > i+1 || starters[next] || p.roleOf(j) == roleOpen && isQuote(firstRune(next))
	}
	switch next {
	case ",", ";", ":", "%":
		return false
	}
	// "1. Buy milk": a list number is not a sentence.
	if w == "." && i == start+1 && !nl && isNumber(p.word(start)) {
		return false
	}
	return true
}

// hasWord reports whether s[a:b] holds a letter or digit.
func hasWord(s string, a, b int) bool {
	for i := a; i < b; {
		r, n := decode(s, i)
		if isAlnum(r) || r == 0xfffd && n == 1 {
			return true
		}
		i += n
	}
	return false
}

// word returns the text of token i.
func (p *sentenceSplitter) word(i int) string {
	return p.s[p.toks[i].Start:p.toks[i].End]
}

// lineBreak reports whether a newline separates token i from the one
// before it, in a paragraph that is not hard-wrapped.
func (p *sentenceSplitter) lineBreak(i int) bool {
	if i <= p.a || p.wrapped {
		return false
	}
	switch gap := p.s[p.toks[i-1].End:p.toks[i].Start]; len(gap) {
	case 0:
		return false
	case 1:
		return gap[0] == '\n'
	default:
		return strings.IndexByte(gap, '\n') >= 0
	}
}

// lineLen returns the length in characters of the line that token i
// ends, from the paragraph's start or the last line break.
func (p *sentenceSplitter) lineLen(i int) int {
	from, end := p.toks[p.a].Start, p.toks[i].End
	if k := strings.LastIndexByte(p.s[from:end], '\n'); k >= 0 {
		from += k + 1
	}
	return utf8.RuneCountInString(p.s[from:end])
}

// roleOf classifies token i as an opening or closing quote or bracket.
// Tokens must be classified in order, since straight quotes are told apart
// by what is open: a straight quote glued to the word before it closes, one
// glued to the word after it opens, and otherwise it flips the state.
func (p *sentenceSplitter) roleOf(i int) int {
	if i == p.last {
		return p.role
	}
	p.last, p.role = i, roleNone
	w := p.word(i)
	if len(w) > 3 {
		return roleNone
	}
	switch w {
	case "“", "‘", "«", "‹", "„", "‚", "‛", "‟", "(", "[", "{", "`":
		p.role = roleOpen
	case "”", "’", "»", "›", ")", "]", "}":
		p.role = roleClose
	case `"`:
		p.role = p.straight(i, &p.dbl)
	case "'":
		p.role = p.straight(i, &p.sgl)
	}
	return p.role
}

func (p *sentenceSplitter) straight(i int, open *bool) int {
	t := p.toks[i]
	gluedPrev := i > p.a && p.toks[i-1].End == t.Start
	gluedNext := i+1 < p.b && p.toks[i+1].Start == t.End
	closing := *open
	if gluedPrev != gluedNext {
		closing = gluedPrev
	}
	*open = !closing
	if closing {
		return roleClose
	}
	return roleOpen
}

// isTerminal reports whether w is a mark that can end a sentence.
func isTerminal(w string) bool {
	switch w {
	case ".", "!", "?", "…", "‼", "⁇", "⁈", "⁉", "。", "！", "？", "؟", "۔", "।":
		return true
	}
	return len(w) > 1 && strings.Trim(w, ".") == ""
}

// abbrKindOf returns how the abbreviation token w (ending in its period)
// behaves at a possible sentence end.
func abbrKindOf(w string) abbrKind {
	switch k := abbreviations[w[:len(w)-1]]; k {
	case abbrTitle, abbrNumber:
		return abbrTitle
	}
	return abbrOther
}

func firstRune(w string) rune {
	r, _ := decode(w, 0)
	return r
}

// startsLower reports whether w starts in lower case, as a word that goes
// on a sentence does; "iPhone" and "eBay" do not count.
func startsLower(w string) bool {
	r, n := decode(w, 0)
	if !isLower(r) {
		return false
	}
	if n < len(w) {
		r2, _ := decode(w, n)
		return !isUpper(r2)
	}
	return true
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isDigit(rune(w[i])) {
			return false
		}
	}
	return len(w) > 0 && len(w) <= 3
}

// TokenTexts returns the text of each of sentence s's tokens, as
// substrings of doc.Text (no copies).
func TokenTexts(doc *document.Document, s document.Sentence) []string {
	if s.From < 0 || s.To > len(doc.Tokens) || s.From > s.To {
		return nil
	}
	out := make([]string, s.To-s.From)
	for i, t := range doc.Tokens[s.From:s.To] {
		out[i] = doc.Text[t.Start:t.End]
	}
	return out
}

// SentenceAt returns the index of the sentence that contains byte offset
// off, or -1 when off falls between sentences or outside the text.
func SentenceAt(doc *document.Document, off int) int {
	ss := doc.Sentences
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > off })
	if i < len(ss) && ss[i].Start <= off {
		return i
	}
	return -1
}

// TokenAt returns the index of the token that contains byte offset off,
// or -1 when off falls between tokens or outside the text.
func TokenAt(doc *document.Document, off int) int {
	ts := doc.Tokens
	i := sort.Search(len(ts), func(i int) bool { return ts[i].End > off })
	if i < len(ts) && ts[i].Start <= off {
		return i
	}
	return -1
}

// IsTitleCase reports a line written in Title Case ("So Many Ways to Play
// and Pay"): its words of four letters or more nearly all (80%) start with
// a capital, and there are at least three of them. In such a line capitals
// say nothing about which words are names.
func IsTitleCase(s string) bool {
	var long, upper int
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	for _, w := range words {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			upper++
		}
	}
	return long >= 3 && upper*10 >= long*8
}
