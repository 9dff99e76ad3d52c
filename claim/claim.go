// Package claim finds the check-worthy claims of an article, the events
// and facts they assert, and the time expressions they use.
//
// It reads what earlier stages filled in: sentences (text), entities
// with their links and mentions (entity), and quotes (attrib). Each
// sentence is scored for check-worthiness (package worthy), its events
// are coded with CAMEO roots (package cameo) and its time expressions
// are normalised against the publication date (package timex).
//
// A claim is a sentence, or the clause of an event. Its Source is the
// speaker when it lies inside a quote's content; otherwise the outlet
// states it in its own voice and Source is empty.
package claim

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck/claim/cameo"
	"github.com/crosscheck/crosscheck/claim/internal/lex"
	"github.com/crosscheck/crosscheck/claim/timex"
	"github.com/crosscheck/crosscheck/claim/worthy"
	"github.com/crosscheck/crosscheck/document"
)

// Annotate fills doc.Claims, doc.Facts and doc.Times.
func Annotate(doc *document.Document) {
	annotateWith(doc, &buffers{})
}

// Annotator annotates documents as Annotate does, reusing its working
// memory (the words of every sentence) from one document to the next:
// about 60 KB an article that Annotate allocates afresh. It is safe for
// concurrent use.
type Annotator struct {
	pool sync.Pool // *buffers
}

// NewAnnotator returns an Annotator.
func NewAnnotator() *Annotator { return &Annotator{} }

// Annotate fills doc.Claims, doc.Facts and doc.Times.
func (a *Annotator) Annotate(doc *document.Document) {
	b, _ := a.pool.Get().(*buffers)
	if b == nil {
		b = &buffers{}
	}
	annotateWith(doc, b)
	a.pool.Put(b)
}

// buffers holds the per-word working memory of one annotation; nothing
// in it outlives the call.
type buffers struct {
	words []lex.Word
	lower []string
	marks []uint8
}

func annotateWith(doc *document.Document, b *buffers) {
	lexicon, err1 := cameo.Default()
	model, err2 := worthy.Default()
	if err1 != nil || err2 != nil {
		// The tables are embedded and tested; failing to parse them is a
		// build defect, reported rather than panicking mid-pipeline.
		slog.Error("claim: embedded tables unreadable", "cameo", err1, "worthy", err2)
		doc.Notes = append(doc.Notes, "claims were not analysed: embedded tables unreadable")
		return
	}
	annotate(doc, lexicon, model, b)
}

func annotate(doc *document.Document, lexicon *cameo.Lexicon, model *worthy.Model, b *buffers) {
	doc.Claims, doc.Facts, doc.Times = doc.Claims[:0], doc.Facts[:0], doc.Times[:0]
	spans := make([]document.Span, 0, len(doc.Sentences))
	for _, s := range doc.Sentences {
		if s.Span().Valid(len(doc.Text)) && s.Start < s.End {
			spans = append(spans, s.Span())
		}
	}
	if len(spans) == 0 && len(doc.Sentences) == 0 && strings.TrimSpace(doc.Text) != "" {
		spans = fallbackSentences(doc.Text)
	}
	anchor := timex.ParseAnchor(doc.Meta.Published)
	sents := prepare(doc, spans, anchor, b)

	for si := range sents {
		s := &sents[si]
		for _, t := range s.times {
			doc.Times = append(doc.Times, t.TimeExpr)
		}
		if len(s.words) == 0 {
			continue
		}
		events := findEvents(doc, s, lexicon)
		facts := findFacts(doc, s, events)
		doc.Facts = append(doc.Facts, facts...)

		score := model.Score(s.words)
		kind := kindOf(s, len(facts) > 0)
		if len(events) == 0 {
			if score < worthy.Threshold && len(facts) == 0 {
				continue
			}
			sp := s.span
			c := document.Claim{Start: sp.Start, End: sp.End, Kind: kind, Checkworthy: round3(score)}
			c.Source = sourceOf(doc, sp)
			doc.Claims = append(doc.Claims, c)
			continue
		}
		for _, f := range events {
			sp := clauseSpan(s, f)
			// Inside a quote, the claim is the quoted words only.
			if q := quoteAt(doc, f.event.ActionSpan); q != nil {
				sp = intersect(sp, q.Content)
			}
			ev := f.event
			c := document.Claim{
				Start: sp.Start, End: sp.End, Kind: "event",
				Checkworthy: round3(score), Event: &ev,
			}
			c.Source = sourceOf(doc, ev.ActionSpan)
			doc.Claims = append(doc.Claims, c)
		}
	}
	for i := range doc.Claims {
		doc.Claims[i].ID = fmt.Sprintf("C%d", i+1)
	}
}

// clauseSpan is the span from the earliest argument to the end of the
// verb's clause, within the sentence.
func clauseSpan(s *sentence, f found) document.Span {
	lo, hi := f.lo, f.hi
	if hi > len(s.words) {
		hi = len(s.words)
	}
	start, end := s.words[lo].Start, s.words[hi-1].End
	for _, a := range []*document.Arg{f.event.Actor, f.event.Target, f.event.Place, f.event.Time} {
		if a == nil {
			continue
		}
		if a.Start < start && a.Start >= s.span.Start {
			start = a.Start
		}
		if a.End > end && a.End <= s.span.End {
			end = a.End
		}
	}
	return document.Span{Start: start, End: end}
}

func intersect(a, b document.Span) document.Span {
	if !a.Overlaps(b) {
		return a
	}
	return document.Span{Start: max(a.Start, b.Start), End: min(a.End, b.End)}
}

// quoteAt returns the quote whose content holds sp.
func quoteAt(doc *document.Document, sp document.Span) *document.Quote {
	for i := range doc.Quotes {
		q := &doc.Quotes[i]
		if len(q.Parts) > 0 {
			for _, p := range q.Parts {
				if p.Contains(sp) {
					return q
				}
			}
			continue
		}
		if q.Content.Contains(sp) {
			return q
		}
	}
	return nil
}

// sourceOf is the speaker of the quote holding sp (its middle, for a
// sentence that spans a quote), or empty for the outlet's own voice.
func sourceOf(doc *document.Document, sp document.Span) document.EntityID {
	if q := quoteAt(doc, sp); q != nil {
		return q.Speaker
	}
	// A sentence mostly inside a quote's content is the speaker's.
	for _, q := range doc.Quotes {
		if !q.Content.Overlaps(sp) {
			continue
		}
		in := min(q.Content.End, sp.End) - max(q.Content.Start, sp.Start)
		if in*2 > sp.Len() {
			return q.Speaker
		}
	}
	return ""
}

// Claim kinds by cue words, checked in this order.
var (
	recordCues     = set("record", "unprecedented", "first-ever", "all-time", "never")
	comparisonCues = set("more", "less", "fewer", "than", "most", "least", "largest", "biggest", "smallest",
		"highest", "lowest", "worst", "best", "greater", "larger", "bigger", "smaller", "higher", "lower",
		"double", "twice", "half", "compared", "second-largest", "third-largest")
	causeCues = set("because", "caused", "causes", "cause", "due", "led", "leads", "result", "resulted",
		"blamed", "blame", "triggered", "sparked", "responsible", "thanks", "owing", "therefore", "consequently")
)

func kindOf(s *sentence, hasFact bool) string {
	// The words' marks say which cue lists they are on.
	var marks uint8
	for i, w := range s.lower {
		if s.marks != nil {
			marks |= s.marks[i]
		} else {
			marks |= wordMarks[w]
		}
	}
	switch {
	case marks&markRecord != 0:
		return "record"
	case marks&markComparison != 0:
		return "comparison"
	case marks&markCause != 0:
		return "cause"
	case hasFact:
		return "quantity"
	}
	for _, w := range s.words {
		if w.IsNumber() {
			return "quantity"
		}
	}
	return "statement"
}

func round3(x float64) float64 {
	return float64(int(x*1000+0.5)) / 1000
}
