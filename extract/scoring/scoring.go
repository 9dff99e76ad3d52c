// Package scoring scores article-body extraction the way the Zyte (formerly
// ScrapingHub) article-extraction benchmark does, and loads that
// benchmark's pages and ground truth.
//
// The method, as the benchmark's README describes it: texts are split into
// runs of word characters (Python's \w+), every window of four consecutive
// tokens is a shingle, shingles are compared as multisets page by page,
// each page's TP, FP and FN are normalised to sum to one, and precision and
// recall are averaged over pages (macro) before F1 is taken of the two
// averages.
package scoring

import (
	"math"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokens splits s into runs of word characters: letters, marks, Unicode
// numbers and the underscore, as Python 3's re \w matches them. Case is
// kept.
func Tokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

// isWord reports whether r is matched by Python's \w in Unicode mode:
// str.isalnum() or "_". isalnum covers letters (L*), and characters with a
// numeric value (Nd, Nl, No); Python's \w does not include combining
// marks.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Shingles counts the windows of n consecutive tokens of s. A text with
// fewer than n tokens (but at least one) is one shingle of all of them.
func Shingles(s string, n int) map[string]int {
	toks := Tokens(s)
	out := make(map[string]int, len(toks))
	if len(toks) == 0 {
		return out
	}
	if len(toks) < n {
		out[strings.Join(toks, "\x00")]++
		return out
	}
	for i := 0; i+n <= len(toks); i++ {
		out[strings.Join(toks[i:i+n], "\x00")]++
	}
	return out
}

// Page is the score of one prediction against its truth.
type Page struct {
	// TP, FP and FN are normalised to sum to 1 (all 0 when both texts are
	// empty).
	TP, FP, FN float64
}

// Precision is TP/(TP+FP), and 1 when nothing was predicted or wrong.
func (p Page) Precision() float64 {
	if p.FP == 0 {
		return 1
	}
	return p.TP / (p.TP + p.FP)
}

// Recall is TP/(TP+FN), and 1 when nothing was missed.
func (p Page) Recall() float64 {
	if p.FN == 0 {
		return 1
	}
	return p.TP / (p.TP + p.FN)
}

// F1 is the harmonic mean of the page's precision and recall.
func (p Page) F1() float64 { return f1(p.Precision(), p.Recall()) }

// Predicted reports whether the prediction was non-empty.
func (p Page) Predicted() bool { return p.TP+p.FP > 0 }

// Score compares a predicted text with the truth, with 4-token shingles.
func Score(truth, predicted string) Page {
	t := Shingles(truth, 4)
	p := Shingles(predicted, 4)
	var tp, fp, fn float64
	for k, tc := range t {
		pc := p[k]
		tp += float64(min(tc, pc))
		fn += float64(max(0, tc-pc))
	}
	for k, pc := range p {
		fp += float64(max(0, pc-t[k]))
	}
	sum := tp + fp + fn
	if sum == 0 {
		return Page{}
	}
	return Page{TP: tp / sum, FP: fp / sum, FN: fn / sum}
}

// Summary is the corpus-level result.
type Summary struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Pages     int     `json:"pages"`
}

// Summarize averages page scores as the benchmark does: precision over
// pages with a non-empty prediction, recall over all pages (every truth is
// non-empty), and F1 of the two averages.
func Summarize(pages []Page) Summary {
	var p, r float64
	var np int
	for _, pg := range pages {
		if pg.Predicted() {
			p += pg.Precision()
			np++
		}
		r += pg.Recall()
	}
	s := Summary{Pages: len(pages)}
	if np > 0 {
		s.Precision = p / float64(np)
	}
	if len(pages) > 0 {
		s.Recall = r / float64(len(pages))
	}
	s.F1 = f1(s.Precision, s.Recall)
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// BootstrapF1 returns the standard deviation of the corpus F1 over n
// resamples of the pages with replacement, as the benchmark's "±" error
// bars are computed. The seed fixes the resamples, so that runs compare.
func BootstrapF1(pages []Page, n int, seed uint64) float64 {
	if len(pages) == 0 || n < 2 {
		return 0
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	sample := make([]Page, len(pages))
	f1s := make([]float64, n)
	var mean float64
	for i := range f1s {
		for j := range sample {
			sample[j] = pages[rng.IntN(len(pages))]
		}
		f1s[i] = Summarize(sample).F1
		mean += f1s[i]
	}
	mean /= float64(n)
	var ss float64
	for _, f := range f1s {
		ss += (f - mean) * (f - mean)
	}
	return math.Sqrt(ss / float64(n-1))
}
