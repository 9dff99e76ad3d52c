package ner

import (
	"math"
	"strings"
	"testing"
)

func TestScorer(t *testing.T) {
	type sent struct{ gold, pred string }
	tests := []struct {
		name       string
		sents      []sent
		tp, fp, fn int
		f1         float64
		perType    map[string]Counts
	}{
		{
			name:  "perfect",
			sents: []sent{{"B-PER I-PER O B-LOC", "B-PER I-PER O B-LOC"}},
			tp:    2, f1: 1,
			perType: map[string]Counts{"PER": {TP: 1}, "LOC": {TP: 1}},
		},
		{
			name:  "wrong type is a false positive and a false negative",
			sents: []sent{{"B-ORG O", "B-LOC O"}},
			fp:    1, fn: 1, f1: 0,
			perType: map[string]Counts{"ORG": {FN: 1}, "LOC": {FP: 1}},
		},
		{
			name:  "partial span does not count",
			sents: []sent{{"B-PER I-PER I-PER", "B-PER I-PER O"}},
			fp:    1, fn: 1,
		},
		{
			name: "two sentences",
			sents: []sent{
				{"B-PER I-PER O B-LOC", "B-PER I-PER O O"},
				{"O B-ORG I-ORG O B-MISC", "O B-ORG I-ORG O B-MISC"},
				{"O O", "B-LOC O"},
			},
			tp: 3, fp: 1, fn: 1, f1: 0.75,
		},
		{
			name:  "IOB1 gold against IOB2 prediction",
			sents: []sent{{"I-PER I-PER O I-LOC", "B-PER I-PER O B-LOC"}},
			tp:    2, f1: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Scorer
			for _, x := range tt.sents {
				if err := s.Add(strings.Fields(x.gold), strings.Fields(x.pred)); err != nil {
					t.Fatal(err)
				}
			}
			if s.All.TP != tt.tp || s.All.FP != tt.fp || s.All.FN != tt.fn {
				t.Errorf("counts = %+v, want TP %d FP %d FN %d", s.All, tt.tp, tt.fp, tt.fn)
			}
			if math.Abs(s.All.F1()-tt.f1) > 1e-9 {
				t.Errorf("F1 = %v, want %v", s.All.F1(), tt.f1)
			}
			for typ, want := range tt.perType {
				if got := s.PerType[typ]; got == nil || *got != want {
					t.Errorf("%s counts = %+v, want %+v", typ, got, want)
				}
			}
		})
	}
}

func TestScorerLengthMismatch(t *testing.T) {
	var s Scorer
	if err := s.Add([]string{"O"}, []string{"O", "O"}); err == nil {
		t.Error("want an error for sentences of different lengths")
	}
}

func TestCountsZero(t *testing.T) {
	var c Counts
	if c.Precision() != 0 || c.Recall() != 0 || c.F1() != 0 {
		t.Errorf("empty counts give %v %v %v, want zeros", c.Precision(), c.Recall(), c.F1())
	}
	c = Counts{TP: 1, FP: 1, FN: 2}
	if p, r := c.Precision(), c.Recall(); p != 0.5 || math.Abs(r-1.0/3) > 1e-12 {
		t.Errorf("P %v R %v", p, r)
	}
}
