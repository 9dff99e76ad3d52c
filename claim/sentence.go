package claim

import (
	"sort"
	"strings"
	"unicode"

	"github.com/crosscheck/crosscheck/claim/internal/lex"
	"github.com/crosscheck/crosscheck/claim/timex"
	"github.com/crosscheck/crosscheck/document"
)

// sentence is one sentence prepared for the claim stages.
type sentence struct {
	span     document.Span
	words    []lex.Word
	lower    []string
	mentions []mention // entity mentions, in word order
	times    []timex.Expr
	// marks holds, per word, which of the word tables in wordMarks have
	// it: one map lookup per word instead of one per table.
	marks []uint8
}

// Word tables looked up at every word of every sentence, one bit each.
const (
	markReport      = 1 << iota // reportForms
	markSuperlative             // superlatives
	markCurrency                // currencies
	markKilling                 // killing
	markRecord                  // recordCues
	markComparison              // comparisonCues
	markCause                   // causeCues
)

// wordMarks maps every word of those tables to its bits.
var wordMarks = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range reportForms {
		m[w] |= markReport
	}
	for w := range superlatives {
		m[w] |= markSuperlative
	}
	for w := range currencies {
		m[w] |= markCurrency
	}
	for w := range killing {
		m[w] |= markKilling
	}
	for bit, cues := range map[uint8]map[string]bool{markRecord: recordCues, markComparison: comparisonCues, markCause: causeCues} {
		for w := range cues {
			m[w] |= bit
		}
	}
	return m
}()

// marked reports whether word i may be in the tables of bits mark: false
// means it is in none of them, so looking it up there would fail.
func (s *sentence) marked(i int, mark uint8) bool {
	return s.marks == nil || s.marks[i]&mark != 0
}

// lookupMarked is m[s.lower[i]], where mark is m's bit: the word's marks
// answer first, and only a word they do not rule out is looked up.
func lookupMarked[V any](s *sentence, i int, mark uint8, m map[string]V) (V, bool) {
	if !s.marked(i, mark) {
		var zero V
		return zero, false
	}
	v, ok := m[s.lower[i]]
	return v, ok
}

// mention is an entity mention mapped onto a sentence's words.
type mention struct {
	first, last int // words[first:last]
	ent         *document.Entity
	kind        string
}

// prepare tokenises each sentence and maps entity mentions and time
// expressions onto its words.
// The sentences' words, lower-case forms and marks are cut from b's
// buffers, one of each for the document.
func prepare(doc *document.Document, spans []document.Span, anchor timex.Anchor, b *buffers) []sentence {
	// All mentions sorted by start, so that each sentence finds its own
	// with a binary search instead of scanning every entity.
	type flat struct {
		m   document.Mention
		ent *document.Entity
	}
	var all []flat
	for i := range doc.Entities {
		e := &doc.Entities[i]
		for _, m := range e.Mentions {
			if m.Span().Valid(len(doc.Text)) && m.Start < m.End {
				all = append(all, flat{m, e})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].m.Start < all[j].m.Start })

	out := make([]sentence, 0, len(spans))
	// Every sentence's words in one buffer, sized for the whole text so
	// that it seldom grows (when it does, the sentences cut before keep
	// the old array, which stays theirs alone).
	lowered := lex.AsciiLower(doc.Text)
	if n := len(doc.Text)/4 + len(spans) + 16; cap(b.words) < n {
		b.words = make([]lex.Word, 0, n)
	}
	words := b.words[:0]
	for _, sp := range spans {
		from := len(words)
		words = lex.AppendTokens(words, doc.Text[sp.Start:sp.End], lowered[sp.Start:sp.End], sp.Start)
		out = append(out, sentence{span: sp, words: words[from:len(words):len(words)]})
	}
	b.words = words
	lower := grown(&b.lower, len(words))
	marks := grown(&b.marks, len(words))
	for si := range out {
		s := &out[si]
		n := len(s.words)
		s.lower, lower = lower[:n:n], lower[n:]
		s.marks, marks = marks[:n:n], marks[n:]
		for i, w := range s.words {
			s.lower[i] = w.Lower
			s.marks[i] = wordMarks[w.Lower]
		}
		sp := s.span
		k := sort.Search(len(all), func(i int) bool { return all[i].m.Start >= sp.Start })
		for ; k < len(all) && all[k].m.Start < sp.End; k++ {
			first, last := wordRange(s.words, all[k].m.Span())
			if first < last {
				s.mentions = append(s.mentions, mention{first: first, last: last, ent: all[k].ent, kind: all[k].m.Kind})
			}
		}
		s.mentions = dropNested(s.mentions)
		s.times = timex.Find(s.words, anchor)
	}
	return out
}

// grown returns (*buf)[:n], reallocating *buf when it is too short.
// The contents are whatever the last use left.
func grown[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n, n+n/4)
	}
	*buf = (*buf)[:n]
	return *buf
}

// wordRange returns the words a byte span covers.
func wordRange(words []lex.Word, sp document.Span) (int, int) {
	first := sort.Search(len(words), func(i int) bool { return words[i].End > sp.Start })
	last := first
	for last < len(words) && words[last].Start < sp.End {
		last++
	}
	return first, last
}

// dropNested keeps the longest of overlapping mentions ("Islamic State
// group" over "Islamic State").
func dropNested(ms []mention) []mention {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].first != ms[j].first {
			return ms[i].first < ms[j].first
		}
		return ms[i].last > ms[j].last
	})
	out := ms[:0]
	end := -1
	for _, m := range ms {
		if m.first < end {
			continue
		}
		out = append(out, m)
		end = m.last
	}
	return out
}

// mentionAt returns the mention covering word i.
func (s *sentence) mentionAt(i int) (mention, bool) {
	for _, m := range s.mentions {
		if m.first <= i && i < m.last {
			return m, true
		}
		if m.first > i {
			break
		}
	}
	return mention{}, false
}

// text returns the sentence's words[first:last] as written.
func (s *sentence) text(doc *document.Document, first, last int) string {
	if first >= last {
		return ""
	}
	return doc.Text[s.words[first].Start:s.words[last-1].End]
}

// fallbackSentences splits text at sentence-final punctuation followed
// by white space and a capital, and at blank lines. It serves only when
// the text layer has not run: tests, and documents built by hand.
func fallbackSentences(text string) []document.Span {
	var out []document.Span
	start := 0
	flush := func(end int) {
		seg := text[start:end]
		l := len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
		r := len(strings.TrimRightFunc(seg, unicode.IsSpace))
		if l < r {
			out = append(out, document.Span{Start: start + l, End: start + r})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			if i+1 < len(text) && text[i+1] == '\n' {
				flush(i)
			}
		case '.', '!', '?':
			j := i + 1
			for j < len(text) && (text[j] == '"' || text[j] == '\'' || text[j] == ')') {
				j++
			}
			if j < len(text) && (text[j] == ' ' || text[j] == '\n') {
				k := j
				for k < len(text) && (text[k] == ' ' || text[k] == '\n') {
					k++
				}
				if k < len(text) && (unicode.IsUpper(rune(text[k])) || text[k] == '"' || text[k] >= 0x80) {
					flush(j)
				}
			}
		}
	}
	flush(len(text))
	return out
}
