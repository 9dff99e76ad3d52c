package worthy

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck/claim/internal/lex"
)

// weightsFile is the trained model: see PROVENANCE.md.
//
//go:embed weights.tsv.gz
var weightsFile []byte

// Model scores sentences. It is safe for concurrent use.
type Model struct {
	weights map[uint64]float32
}

// Default returns the embedded model, loading it on first use.
var Default = sync.OnceValues(func() (*Model, error) {
	return Read(bytes.NewReader(weightsFile))
})

// Threshold is the score at and above which a sentence counts as
// check-worthy. The model is trained with balanced class weights, so 0.5
// is its natural cut.
const Threshold = 0.5

type scorer struct {
	w   map[uint64]float32
	sum float64
}

func (s *scorer) emit(kind, a, b string) {
	s.sum += float64(s.w[featureHash(kind, a, b)])
}

// Score returns the probability in [0,1] that the sentence, tokenised by
// lex.Tokenize, is a check-worthy factual claim.
func (m *Model) Score(words []lex.Word) float64 {
	s := scorer{w: m.weights}
	features(words, &s)
	return sigmoid(s.sum)
}

// ScoreText tokenises s and scores it.
func (m *Model) ScoreText(s string) float64 {
	return m.Score(lex.Tokenize(s, 0))
}

func sigmoid(x float64) float64 {
	if x < -40 {
		return 0
	}
	return 1 / (1 + math.Exp(-x))
}

// Read loads a gzipped weights file: comment lines starting with '#',
// then one "kind TAB part TAB part TAB weight" line per feature.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read check-worthiness weights: %w", err)
	}
	defer zr.Close()
	m := &Model{weights: make(map[uint64]float32, 1<<15)}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("read check-worthiness weights: line %d: want 4 fields, have %d", line, len(f))
		}
		w, err := strconv.ParseFloat(f[3], 32)
		if err != nil {
			return nil, fmt.Errorf("read check-worthiness weights: line %d: %w", line, err)
		}
		m.weights[featureHash(f[0], f[1], f[2])] = float32(w)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read check-worthiness weights: %w", err)
	}
	if len(m.weights) == 0 {
		return nil, fmt.Errorf("read check-worthiness weights: no weights")
	}
	return m, nil
}

// Feature is one named weight of a trained model.
type Feature struct {
	Kind, A, B string
	Weight     float64
}

// Write writes features as a gzipped weights file, with header lines
// first. Features are sorted so that retraining gives a stable diff.
func Write(w io.Writer, header []string, feats []Feature) error {
	sort.Slice(feats, func(i, j int) bool {
		a, b := feats[i], feats[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.A != b.A {
			return a.A < b.A
		}
		return a.B < b.B
	})
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, h := range header {
		fmt.Fprintf(bw, "# %s\n", h)
	}
	for _, f := range feats {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\n", f.Kind, f.A, f.B, strconv.FormatFloat(f.Weight, 'g', 5, 32))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
