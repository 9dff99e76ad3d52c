package polnear

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
)

// PRF holds counts and the precision, recall and F1 they give.
type PRF struct {
	TP, Pred, Gold float64
}

// P is the precision.
func (c PRF) P() float64 { return ratio(c.TP, c.Pred) }

// R is the recall.
func (c PRF) R() float64 { return ratio(c.TP, c.Gold) }

// F1 is the harmonic mean of P and R.
func (c PRF) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func (c *PRF) add(o PRF) { c.TP += o.TP; c.Pred += o.Pred; c.Gold += o.Gold }

// Scores are the attribution metrics over a set of articles.
type Scores struct {
	// Exact span match per role: start and end equal after trimming white
	// space. A content matches when all its fragments do.
	Source, Cue, Content PRF
	// ContentFragment scores each content fragment as a span of its own
	// (closer to a per-sentence BIO scoring such as CofeNet's).
	ContentFragment PRF
	// Overlap counts tokens: a predicted token of a role is right when a
	// gold span of the same role covers it.
	SourceOverlap, CueOverlap, ContentOverlap PRF
	// Relation counts whole attributions: cue, content and source (or its
	// absence) all exact.
	Relation PRF
}

// Add scores one article: gold relations against predicted quotes, both
// in byte offsets into text.
func (s *Scores) Add(text string, gold []Relation, pred []document.Quote) {
	type content = string
	key := func(frags []document.Span) content {
		var b strings.Builder
		for _, f := range normFrags(text, frags) {
			b.WriteString(spanKey(f))
			b.WriteByte(';')
		}
		return b.String()
	}
	gs, gc, gq, gf := set[string]{}, set[string]{}, set[string]{}, set[string]{}
	grel := set[string]{}
	for _, r := range gold {
		if r.Source != nil {
			gs.add(spanKey(trim(text, *r.Source)))
		}
		gc.add(spanKey(trim(text, r.Cue)))
		gq.add(key(r.Content))
		for _, f := range normFrags(text, r.Content) {
			gf.add(spanKey(f))
		}
		grel.add(relKey(text, r.Source, r.Cue) + key(r.Content))
	}
	ps, pc, pq, pf := set[string]{}, set[string]{}, set[string]{}, set[string]{}
	prel := set[string]{}
	for _, q := range pred {
		frags := q.Parts
		if len(frags) == 0 {
			frags = []document.Span{q.Content}
		}
		if q.Source != nil {
			ps.add(spanKey(trim(text, *q.Source)))
		}
		pc.add(spanKey(trim(text, q.Cue)))
		pq.add(key(frags))
		for _, f := range normFrags(text, frags) {
			pf.add(spanKey(f))
		}
		prel.add(relKey(text, q.Source, q.Cue) + key(frags))
	}
	s.Source.add(match(gs, ps))
	s.Cue.add(match(gc, pc))
	s.Content.add(match(gq, pq))
	s.ContentFragment.add(match(gf, pf))
	s.Relation.add(match(grel, prel))

	// Token overlap.
	toks := wordTokens(text)
	roleOf := func(spans []document.Span) []bool {
		in := make([]bool, len(toks))
		for _, sp := range spans {
			for i, t := range toks {
				if t.Start < sp.End && sp.Start < t.End {
					in[i] = true
				}
			}
		}
		return in
	}
	var gsrc, gcue, gcon, psrc, pcue, pcon []document.Span
	for _, r := range gold {
		if r.Source != nil {
			gsrc = append(gsrc, *r.Source)
		}
		gcue = append(gcue, r.Cue)
		gcon = append(gcon, r.Content...)
	}
	for _, q := range pred {
		if q.Source != nil {
			psrc = append(psrc, *q.Source)
		}
		pcue = append(pcue, q.Cue)
		if len(q.Parts) > 0 {
			pcon = append(pcon, q.Parts...)
		} else {
			pcon = append(pcon, q.Content)
		}
	}
	s.SourceOverlap.add(overlap(roleOf(gsrc), roleOf(psrc)))
	s.CueOverlap.add(overlap(roleOf(gcue), roleOf(pcue)))
	s.ContentOverlap.add(overlap(roleOf(gcon), roleOf(pcon)))
}

func relKey(text string, src *document.Span, cue document.Span) string {
	k := "-"
	if src != nil {
		k = spanKey(trim(text, *src))
	}
	return k + "|" + spanKey(trim(text, cue)) + "|"
}

func overlap(gold, pred []bool) PRF {
	var c PRF
	for i := range gold {
		if gold[i] {
			c.Gold++
		}
		if pred[i] {
			c.Pred++
			if gold[i] {
				c.TP++
			}
		}
	}
	return c
}

type set[T comparable] map[T]struct{}

func (s set[T]) add(v T) { s[v] = struct{}{} }

func match(gold, pred set[string]) PRF {
	c := PRF{Gold: float64(len(gold)), Pred: float64(len(pred))}
	for k := range pred {
		if _, ok := gold[k]; ok {
			c.TP++
		}
	}
	return c
}

func spanKey(s document.Span) string {
	return itoa(s.Start) + "-" + itoa(s.End)
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// trim narrows s to exclude surrounding white space.
func trim(text string, s document.Span) document.Span {
	if !s.Valid(len(text)) {
		return s
	}
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

// normFrags trims fragments, sorts them, and joins fragments that only
// white space separates: annotators sometimes split a content at a line
// break or a space, and that is one span to a reader.
func normFrags(text string, frags []document.Span) []document.Span {
	out := make([]document.Span, 0, len(frags))
	for _, f := range frags {
		f = trim(text, f)
		if f.Len() > 0 {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b document.Span) int { return a.Start - b.Start })
	merged := out[:0]
	for _, f := range out {
		if n := len(merged); n > 0 && strings.TrimSpace(text[min(merged[n-1].End, f.Start):f.Start]) == "" {
			merged[n-1].End = max(merged[n-1].End, f.End)
			continue
		}
		merged = append(merged, f)
	}
	return merged
}

// wordTokens splits text into tokens for the overlap metric: runs of
// letters and digits, and each other non-space character alone. It is
// independent of crosscheck's tokenizer, so that the metric does not move
// when the tokenizer does.
func wordTokens(text string) []document.Span {
	var out []document.Span
	start := -1
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if start >= 0 && !word {
			out = append(out, document.Span{Start: start, End: i})
			start = -1
		}
		switch {
		case word && start < 0:
			start = i
		case !word && !unicode.IsSpace(r):
			out = append(out, document.Span{Start: i, End: i + utf8.RuneLen(r)})
		}
	}
	if start >= 0 {
		out = append(out, document.Span{Start: start, End: len(text)})
	}
	return out
}
