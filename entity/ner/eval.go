package ner

import (
	"context"
	"fmt"
	"math"
	"time"
)

// Tagger labels the tokens of one document with BIO tags, sentence by
// sentence: Model.Tag, or any other recogniser under comparison.
type Tagger func(doc [][]string) [][]string

// EvalResult is the outcome of Evaluate.
type EvalResult struct {
	Scorer
	Documents, Sentences, Tokens int
	// Elapsed is the time spent inside the tagger only.
	Elapsed time.Duration
}

// TokensPerSecond is the tagger's throughput.
func (r *EvalResult) TokensPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Tokens) / r.Elapsed.Seconds()
}

// Evaluate tags every document with tag and scores it against the gold
// tags, conlleval-style (exact span and type).
func Evaluate(ctx context.Context, tag Tagger, docs []Document) (*EvalResult, error) {
	r := &EvalResult{}
	for di, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("evaluate: %w", err)
		}
		words := d.Words()
		began := time.Now()
		pred := tag(words)
		r.Elapsed += time.Since(began)
		if len(pred) != len(words) {
			return nil, fmt.Errorf("evaluate document %d (%s): tagger returned %d sentences for %d", di, d.ID, len(pred), len(words))
		}
		for i, s := range d.Sentences {
			if err := r.Add(s.Tags, pred[i]); err != nil {
				return nil, fmt.Errorf("evaluate document %d (%s) sentence %d: %w", di, d.ID, i, err)
			}
			r.Tokens += len(s.Words)
		}
		r.Sentences += len(d.Sentences)
		r.Documents++
	}
	return r, nil
}

// Metrics returns the result as the JSON object `crosscheck eval ner`
// prints: task, f1, precision, recall, per_type (f1, precision, recall, tp,
// fp, fn), counts and tokens_per_second.
func (r *EvalResult) Metrics() map[string]any {
	perType := map[string]any{}
	for _, t := range r.Types() {
		c := r.PerType[t]
		perType[t] = map[string]any{
			"f1": round4(c.F1()), "precision": round4(c.Precision()), "recall": round4(c.Recall()),
			"tp": c.TP, "fp": c.FP, "fn": c.FN,
		}
	}
	return map[string]any{
		"task":              "ner",
		"f1":                round4(r.All.F1()),
		"precision":         round4(r.All.Precision()),
		"recall":            round4(r.All.Recall()),
		"per_type":          perType,
		"documents":         r.Documents,
		"sentences":         r.Sentences,
		"tokens":            r.Tokens,
		"tokens_per_second": math.Round(r.TokensPerSecond()),
	}
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
