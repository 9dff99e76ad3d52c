package ner

import (
	"fmt"
	"sort"
)

// Counts holds entity-level true positives, false positives and false
// negatives.
type Counts struct {
	TP, FP, FN int
}

// Precision, Recall and F1 follow conlleval: 0 when undefined.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scorer accumulates conlleval-style scores: an entity counts as found only
// when both its token span and its type match the gold entity exactly.
// The zero value is ready to use.
type Scorer struct {
	All     Counts
	PerType map[string]*Counts
}

// Add scores the predicted tags of one sentence against the gold tags. Both
// are read with SpansFromTags, so either may be IOB1, IOB2 or BILOU.
func (s *Scorer) Add(gold, pred []string) error {
	if len(gold) != len(pred) {
		return fmt.Errorf("score sentence: %d gold tags but %d predicted", len(gold), len(pred))
	}
	s.AddSpans(SpansFromTags(gold), SpansFromTags(pred))
	return nil
}

// AddSpans scores predicted spans against gold spans of one sentence.
func (s *Scorer) AddSpans(gold, pred []Span) {
	if s.PerType == nil {
		s.PerType = map[string]*Counts{}
	}
	c := func(t string) *Counts {
		if s.PerType[t] == nil {
			s.PerType[t] = &Counts{}
		}
		return s.PerType[t]
	}
	g := make(map[Span]bool, len(gold))
	for _, sp := range gold {
		g[sp] = true
	}
	matched := make(map[Span]bool, len(pred))
	for _, sp := range pred {
		if g[sp] && !matched[sp] {
			matched[sp] = true
			s.All.TP++
			c(sp.Type).TP++
		} else {
			s.All.FP++
			c(sp.Type).FP++
		}
	}
	for _, sp := range gold {
		if !matched[sp] {
			s.All.FN++
			c(sp.Type).FN++
		}
	}
}

// Types returns the entity types seen so far, sorted.
func (s *Scorer) Types() []string {
	types := make([]string, 0, len(s.PerType))
	for t := range s.PerType {
		types = append(types, t)
	}
	sort.Strings(types)
	return types
}
