package worthy

import (
	"encoding/json"
	"fmt"
	"os"
)

// ReadClaimBuster reads one JSON file of the ClaimBuster 2-class data
// (train.json or test.json: a list of {sentence_id, label, text}).
func ReadClaimBuster(path string) ([]Example, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read claimbuster data: %w", err)
	}
	var rows []struct {
		ID    int    `json:"sentence_id"`
		Label int    `json:"label"`
		Text  string `json:"text"`
	}
	if err := json.Unmarshal(b, &rows); err != nil {
		return nil, fmt.Errorf("read claimbuster data %s: %w", path, err)
	}
	out := make([]Example, 0, len(rows))
	for i, r := range rows {
		if r.Label != 0 && r.Label != 1 {
			return nil, fmt.Errorf("read claimbuster data %s: row %d: label %d, want 0 or 1", path, i, r.Label)
		}
		out = append(out, Example{Text: r.Text, Label: r.Label == 1})
	}
	return out, nil
}

// Metrics are the scores of a model on labelled sentences, for the
// check-worthy class.
type Metrics struct {
	N, TP, FP, FN, TN        int
	Precision, Recall, F1    float64
	NegF1, MacroF1, Accuracy float64
}

// Evaluate scores m on examples at Threshold.
func Evaluate(m *Model, examples []Example) Metrics {
	var r Metrics
	for _, ex := range examples {
		p := m.ScoreText(ex.Text) >= Threshold
		switch {
		case p && ex.Label:
			r.TP++
		case p && !ex.Label:
			r.FP++
		case !p && ex.Label:
			r.FN++
		default:
			r.TN++
		}
	}
	r.N = len(examples)
	r.Precision, r.Recall, r.F1 = prf(float64(r.TP), float64(r.FP), float64(r.FN))
	_, _, r.NegF1 = prf(float64(r.TN), float64(r.FN), float64(r.FP))
	r.MacroF1 = (r.F1 + r.NegF1) / 2
	if r.N > 0 {
		r.Accuracy = float64(r.TP+r.TN) / float64(r.N)
	}
	return r
}

func prf(tp, fp, fn float64) (p, r, f float64) {
	if tp+fp > 0 {
		p = tp / (tp + fp)
	}
	if tp+fn > 0 {
		r = tp / (tp + fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
