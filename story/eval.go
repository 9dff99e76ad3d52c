package story

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Truth is a labelled grouping: the articles of each story, and decoys that
// belong to no story of the set (each is a story of its own). Articles are
// named by file name relative to the truth file's folder.
type Truth struct {
	Stories []struct {
		ID       string   `json:"id"`
		Articles []string `json:"articles"`
	} `json:"stories"`
	Decoys []string `json:"decoys"`
	// Contradictions, optional, lists the disagreements between the
	// versions of a story that a comparison should find: the values as
	// Compare reports them (numbers in digits without separators,
	// ordinals as "#2", names and roles' countries lower-cased);
	// alternatives are separated by "|" ("iraq|IRQ", for a role found in
	// the text or by the entity stage).
	Contradictions []LabelledContradiction `json:"contradictions,omitempty"`
}

// LabelledContradiction is one disagreement a story's versions hold.
type LabelledContradiction struct {
	Story  string   `json:"story"`
	Values []string `json:"values"`
}

// ContradictionScores measure a comparison against labelled
// contradictions: a reported contradiction is right when its sides hold
// every value of a labelled one, and a labelled one is found when some
// reported contradiction is right for it.
type ContradictionScores struct {
	Labelled  int     `json:"labelled"`
	Reported  int     `json:"reported"`
	Right     int     `json:"right"`
	Found     int     `json:"found"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// ScoreContradictions compares what Compare reported for each story (by
// the truth's story ids) with the labelled contradictions.
func ScoreContradictions(labels []LabelledContradiction, reported map[string][]Contradiction) ContradictionScores {
	var s ContradictionScores
	s.Labelled = len(labels)
	holds := func(c Contradiction, l LabelledContradiction) bool {
		for _, v := range l.Values {
			ok := false
			for _, side := range c.Sides {
				for _, alt := range strings.Split(v, "|") {
					if sameLabelValue(side.Value, alt) {
						ok = true
					}
				}
			}
			if !ok {
				return false
			}
		}
		return true
	}
	found := make([]bool, len(labels))
	for story, cs := range reported {
		for _, c := range cs {
			s.Reported++
			right := false
			for i, l := range labels {
				if l.Story == story && holds(c, l) {
					right, found[i] = true, true
				}
			}
			if right {
				s.Right++
			}
		}
	}
	for _, f := range found {
		if f {
			s.Found++
		}
	}
	s.Precision = ratio(s.Right, s.Reported)
	s.Recall = ratio(s.Found, s.Labelled)
	return s
}

// LoadTruth reads a truth.json and checks that it names every article once
// and that each exists beside it.
func LoadTruth(path string) (*Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read truth: %w", err)
	}
	var t Truth
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("read truth %s: %w", path, err)
	}
	seen := map[string]bool{}
	dir := filepath.Dir(path)
	check := func(name string) error {
		if name == "" || filepath.IsAbs(name) {
			return fmt.Errorf("read truth %s: bad article name %q", path, name)
		}
		if seen[name] {
			return fmt.Errorf("read truth %s: article %q listed twice", path, name)
		}
		seen[name] = true
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("read truth %s: %w", path, err)
		}
		return nil
	}
	for _, s := range t.Stories {
		if s.ID == "" {
			return nil, fmt.Errorf("read truth %s: a story has no id", path)
		}
		for _, a := range s.Articles {
			if err := check(a); err != nil {
				return nil, err
			}
		}
	}
	for _, a := range t.Decoys {
		if err := check(a); err != nil {
			return nil, err
		}
	}
	if len(seen) == 0 {
		return nil, fmt.Errorf("read truth %s: no articles", path)
	}
	ids := map[string]bool{}
	for _, s := range t.Stories {
		ids[s.ID] = true
	}
	for _, c := range t.Contradictions {
		if !ids[c.Story] || len(c.Values) < 2 {
			return nil, fmt.Errorf("read truth %s: contradiction %v names no story of the set or fewer than two values", path, c)
		}
	}
	return &t, nil
}

// Labels returns each article's true cluster: its story's id, or for a
// decoy a cluster of its own.
func (t *Truth) Labels() map[string]string {
	m := map[string]string{}
	for _, s := range t.Stories {
		for _, a := range s.Articles {
			m[a] = "story:" + s.ID
		}
	}
	for _, a := range t.Decoys {
		m[a] = "decoy:" + a
	}
	return m
}

// Scores are clustering quality measures.
type Scores struct {
	PairP    float64 `json:"pairwise_precision"`
	PairR    float64 `json:"pairwise_recall"`
	PairF1   float64 `json:"pairwise_f1"`
	BCubedP  float64 `json:"bcubed_precision"`
	BCubedR  float64 `json:"bcubed_recall"`
	BCubedF1 float64 `json:"bcubed_f1"`
}

// Score compares a predicted clustering with the true one. Both map items
// to cluster labels and must hold the same items. Pairwise scores count
// pairs of items put together; B-cubed scores (Bagga and Baldwin 1998)
// average, item by item, the share of its predicted cluster that truly
// belongs with it (precision) and the share of its true cluster that was
// predicted with it (recall).
func Score(truth, pred map[string]string) (Scores, error) {
	if len(truth) != len(pred) {
		return Scores{}, fmt.Errorf("score: %d true items, %d predicted", len(truth), len(pred))
	}
	if len(truth) == 0 {
		return Scores{}, errors.New("score: no items")
	}
	items := make([]string, 0, len(truth))
	for k := range truth {
		if _, ok := pred[k]; !ok {
			return Scores{}, fmt.Errorf("score: item %q has no prediction", k)
		}
		items = append(items, k)
	}
	var tp, fp, fn int
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			st := truth[items[i]] == truth[items[j]]
			sp := pred[items[i]] == pred[items[j]]
			switch {
			case st && sp:
				tp++
			case sp:
				fp++
			case st:
				fn++
			}
		}
	}
	var s Scores
	s.PairP = ratio(tp, tp+fp)
	s.PairR = ratio(tp, tp+fn)
	s.PairF1 = f1(s.PairP, s.PairR)
	for _, a := range items {
		var both, inPred, inTrue int
		for _, b := range items {
			sp, st := pred[a] == pred[b], truth[a] == truth[b]
			if sp {
				inPred++
			}
			if st {
				inTrue++
			}
			if sp && st {
				both++
			}
		}
		s.BCubedP += float64(both) / float64(inPred)
		s.BCubedR += float64(both) / float64(inTrue)
	}
	s.BCubedP /= float64(len(items))
	s.BCubedR /= float64(len(items))
	s.BCubedF1 = f1(s.BCubedP, s.BCubedR)
	return s, nil
}

// ratio is a/b, and 1 when there is nothing to count (no predicted pairs
// means no wrong ones).
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// sameLabelValue matches a reported value with a labelled one: equal
// ignoring case, or, for a number, the first number in the reported value
// (a fact's ">=14 people" or "PT48H hour", a slot's "#3").
func sameLabelValue(reported, label string) bool {
	if strings.EqualFold(reported, label) {
		return true
	}
	want, err := strconv.ParseFloat(strings.TrimPrefix(label, "#"), 64)
	if err != nil {
		return false
	}
	start := strings.IndexFunc(reported, func(r rune) bool { return r >= '0' && r <= '9' })
	if start < 0 {
		return false
	}
	end := start
	for end < len(reported) && (reported[end] >= '0' && reported[end] <= '9' || reported[end] == '.') {
		end++
	}
	got, err := strconv.ParseFloat(strings.TrimSuffix(reported[start:end], "."), 64)
	return err == nil && got == want
}
