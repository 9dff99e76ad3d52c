package story

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestScore(t *testing.T) {
	// Truth: {a b c} {d}; predicted: {a b} {c d}.
	truth := map[string]string{"a": "1", "b": "1", "c": "1", "d": "2"}
	pred := map[string]string{"a": "x", "b": "x", "c": "y", "d": "y"}
	s, err := Score(truth, pred)
	if err != nil {
		t.Fatal(err)
	}
	// Pairs: true ab ac bc; predicted ab cd: tp 1, fp 1, fn 2.
	// B-cubed precision: a 1, b 1, c 1/2, d 1/2 → 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 → 2/3.
	want := Scores{PairP: 0.5, PairR: 1.0 / 3, BCubedP: 0.75, BCubedR: 2.0 / 3}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"pairwise precision", s.PairP, want.PairP}, {"pairwise recall", s.PairR, want.PairR},
		{"B-cubed precision", s.BCubedP, want.BCubedP}, {"B-cubed recall", s.BCubedR, want.BCubedR},
	} {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s = %v; want %v", c.name, c.got, c.want)
		}
	}
	if _, err := Score(truth, map[string]string{"a": "x"}); err == nil {
		t.Error("Score with missing predictions succeeded")
	}
	if s, _ := Score(truth, truth); s.PairF1 != 1 || s.BCubedF1 != 1 {
		t.Errorf("perfect prediction scores %+v", s)
	}
}

func TestScoreContradictions(t *testing.T) {
	labels := []LabelledContradiction{{Story: "s", Values: []string{"#2", "#3"}}, {Story: "s", Values: []string{"iraq|IRQ", "iran|IRN"}}}
	side := func(v string) Side { return Side{Value: v} }
	got := ScoreContradictions(labels, map[string][]Contradiction{
		"s": {{Sides: []Side{side("#3"), side("#2")}}, {Sides: []Side{side("12"), side("14")}}},
		"t": {{Sides: []Side{side("IRQ"), side("IRN")}}}, // right values, wrong story
	})
	if got.Reported != 3 || got.Right != 1 || got.Found != 1 || got.Labelled != 2 {
		t.Errorf("ScoreContradictions = %+v", got)
	}
	got = ScoreContradictions(labels, map[string][]Contradiction{"s": {{Sides: []Side{side("IRQ"), side("irn")}}}})
	if got.Found != 1 || got.Precision != 1 || got.Recall != 0.5 {
		t.Errorf("alternatives: %+v", got)
	}
}

func TestLoadTruthErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644)
	for name, js := range map[string]string{
		"missing article":   `{"stories":[{"id":"s","articles":["a.txt","b.txt"]}]}`,
		"listed twice":      `{"stories":[{"id":"s","articles":["a.txt"]}],"decoys":["a.txt"]}`,
		"no id":             `{"stories":[{"articles":["a.txt"]}]}`,
		"empty":             `{}`,
		"bad json":          `{"stories":`,
		"unknown story":     `{"stories":[{"id":"s","articles":["a.txt"]}],"contradictions":[{"story":"t","values":["1","2"]}]}`,
		"absolute path":     `{"decoys":["/etc/passwd"]}`,
		"one-sided contra.": `{"stories":[{"id":"s","articles":["a.txt"]}],"contradictions":[{"story":"s","values":["1"]}]}`,
	} {
		p := filepath.Join(dir, "truth.json")
		os.WriteFile(p, []byte(js), 0o644)
		if _, err := LoadTruth(p); err == nil {
			t.Errorf("%s: LoadTruth succeeded", name)
		}
	}
}
