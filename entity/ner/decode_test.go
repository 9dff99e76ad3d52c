package ner

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// wellFormed reports whether a BILOU sequence obeys every constraint.
func wellFormed(ls []uint8) bool {
	if len(ls) == 0 {
		return true
	}
	if !startOK(int(ls[0])) || !endOK(int(ls[len(ls)-1])) {
		return false
	}
	for i := 1; i < len(ls); i++ {
		if !allowed[ls[i-1]][ls[i]] {
			return false
		}
	}
	return true
}

func TestViterbiWellFormed(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	w := &weights{}
	sc := &scratch{}
	for trial := 0; trial < 500; trial++ {
		n := rng.IntN(12)
		scores := make([]float32, n*numLabels)
		for i := range scores {
			scores[i] = float32(rng.NormFloat64() * 3)
		}
		for a := range w.trans {
			for b := range w.trans[a] {
				w.trans[a][b] = float32(rng.NormFloat64())
			}
		}
		got := viterbi(w, scores, n, sc)
		if len(got) != n {
			t.Fatalf("got %d labels for %d tokens", len(got), n)
		}
		if !wellFormed(got) {
			t.Fatalf("ill-formed sequence %v", got)
		}
	}
}

func TestViterbiBestPath(t *testing.T) {
	// Emissions favour B-PER on token 0 and O on token 1, which cannot
	// follow B-PER: the best well-formed path is found instead.
	w := &weights{}
	n := 3
	scores := make([]float32, n*numLabels)
	per := typeIndex("PER")
	scores[0*numLabels+label(per, posB)] = 5
	scores[1*numLabels+labelO] = 2
	scores[1*numLabels+label(per, posL)] = 1.5
	scores[2*numLabels+labelO] = 1
	got := viterbi(w, scores, n, &scratch{})
	want := []uint8{uint8(label(per, posB)), uint8(label(per, posL)), labelO}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("viterbi = %v, want %v", got, want)
		}
	}
	// Transition penalties can overturn it.
	w.trans[label(per, posB)][label(per, posL)] = -10
	w.trans[label(per, posB)][label(per, posI)] = -10
	got = viterbi(w, scores, n, &scratch{})
	if got[0] == uint8(label(per, posB)) {
		t.Errorf("penalised B-PER L-PER still chosen: %v", got)
	}
	if !wellFormed(got) {
		t.Errorf("ill-formed: %v", got)
	}
}

// brute finds the best well-formed sequence by enumeration.
func brute(w *weights, scores []float32, n int) float32 {
	best := float32(-1e30)
	seq := make([]int, n)
	var rec func(i int, acc float32)
	rec = func(i int, acc float32) {
		if i == n {
			if endOK(seq[n-1]) {
				best = max(best, acc+w.end[seq[n-1]])
			}
			return
		}
		for l := 0; l < numLabels; l++ {
			var s float32
			if i == 0 {
				if !startOK(l) {
					continue
				}
				s = w.start[l]
			} else {
				if !allowed[seq[i-1]][l] {
					continue
				}
				s = w.trans[seq[i-1]][l]
			}
			seq[i] = l
			rec(i+1, acc+s+scores[i*numLabels+l])
		}
	}
	rec(0, 0)
	return best
}

func TestViterbiMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 30; trial++ {
		n := 1 + rng.IntN(3)
		w := &weights{}
		for a := range w.trans {
			for b := range w.trans[a] {
				w.trans[a][b] = float32(rng.NormFloat64())
			}
			w.start[a] = float32(rng.NormFloat64())
			w.end[a] = float32(rng.NormFloat64())
		}
		scores := make([]float32, n*numLabels)
		for i := range scores {
			scores[i] = float32(rng.NormFloat64() * 2)
		}
		got := viterbi(w, scores, n, &scratch{})
		var total float32 = w.start[got[0]] + w.end[got[n-1]]
		for i, l := range got {
			total += scores[i*numLabels+int(l)]
			if i > 0 {
				total += w.trans[got[i-1]][l]
			}
		}
		if want := brute(w, scores, n); total < want-1e-4 {
			t.Fatalf("trial %d: viterbi path scores %v, best is %v", trial, total, want)
		}
	}
}

// viterbiReference is the plain Viterbi loop over predecessors that
// viterbi unrolls; both must give the same labels, ties included.
func viterbiReference(w *weights, scores []float32, n int) []uint8 {
	out := make([]uint8, n)
	if n == 0 {
		return out
	}
	delta := make([]float32, n*numLabels)
	back := make([]uint8, n*numLabels)
	inf := float32(math.Inf(-1))
	for l := 0; l < numLabels; l++ {
		if startOK(l) {
			delta[l] = w.start[l] + scores[l]
		} else {
			delta[l] = inf
		}
	}
	for t := 1; t < n; t++ {
		prev := delta[(t-1)*numLabels : t*numLabels]
		cur := delta[t*numLabels : (t+1)*numLabels]
		bk := back[t*numLabels : (t+1)*numLabels]
		em := scores[t*numLabels : (t+1)*numLabels]
		for l := 0; l < numLabels; l++ {
			best, arg := inf, 0
			for _, p := range predecessors[l] {
				if v := prev[p] + w.trans[p][l]; v > best {
					best, arg = v, int(p)
				}
			}
			cur[l] = best + em[l]
			bk[l] = uint8(arg)
		}
	}
	last := delta[(n-1)*numLabels : n*numLabels]
	best, arg := inf, labelO
	for l := 0; l < numLabels; l++ {
		if !endOK(l) || last[l] == inf {
			continue
		}
		if v := last[l] + w.end[l]; v > best {
			best, arg = v, l
		}
	}
	out[n-1] = uint8(arg)
	for t := n - 1; t > 0; t-- {
		out[t-1] = back[t*numLabels+int(out[t])]
	}
	return out
}

func TestPredecessorShape(t *testing.T) {
	// viterbi relies on this shape of the constraints.
	for _, b := range openers {
		if !slices.Equal(predecessors[b], closers[:]) {
			t.Errorf("predecessors of %s = %v, want the closers %v", labelNames[b], predecessors[b], closers)
		}
	}
	for ty := 0; ty < numTypes; ty++ {
		want := []uint8{uint8(label(ty, posB)), uint8(label(ty, posI))}
		for _, pos := range []int{posI, posL} {
			if b := label(ty, pos); !slices.Equal(predecessors[b], want) {
				t.Errorf("predecessors of %s = %v, want %v", labelNames[b], predecessors[b], want)
			}
		}
	}
}

func TestViterbiMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	sc := &scratch{}
	for trial := 0; trial < 3000; trial++ {
		n := rng.IntN(20)
		w := &weights{}
		// Coarse values make ties common, so tie-breaking is tested too.
		coarse := trial%2 == 0
		val := func(s float64) float32 {
			v := rng.NormFloat64() * s
			if coarse {
				return float32(math.Round(v))
			}
			return float32(v)
		}
		for a := range w.trans {
			for b := range w.trans[a] {
				w.trans[a][b] = val(1)
			}
			w.start[a] = val(1)
			w.end[a] = val(1)
		}
		scores := make([]float32, n*numLabels)
		for i := range scores {
			scores[i] = val(3)
		}
		got := viterbi(w, scores, n, sc)
		want := viterbiReference(w, scores, n)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: viterbi %v, reference %v", trial, got, want)
		}
	}
}

// TestBestFromClosersMatchesGo holds bestFromClosers (assembly on amd64)
// to the Go loop, bit for bit, on scores with ties, -Inf and signed zeros.
func TestBestFromClosersMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pick := func() float32 {
		switch rng.IntN(6) {
		case 0:
			return float32(math.Inf(-1))
		case 1:
			return float32(math.Copysign(0, -1))
		case 2:
			return 0
		case 3:
			return float32(rng.IntN(3)) // ties
		}
		return float32(rng.NormFloat64() * 5)
	}
	for trial := 0; trial < 20000; trial++ {
		var from [len(closers)]float32
		var trans [len(closers)][12]float32
		for k := range from {
			from[k] = pick()
			for j := range trans[k] {
				trans[k][j] = pick()
				if trans[k][j] == float32(math.Inf(-1)) {
					trans[k][j] = 1 // transition scores are finite
				}
			}
		}
		var best, wantBest [12]float32
		var arg, wantArg [12]int32
		bestFromClosers(&from, &trans, &best, &arg)
		bestFromClosersGo(&from, &trans, &wantBest, &wantArg)
		for j := 0; j < len(openers); j++ {
			if math.Float32bits(best[j]) != math.Float32bits(wantBest[j]) || arg[j] != wantArg[j] {
				t.Fatalf("trial %d, opener %d: got %v (closer %d), want %v (closer %d); from %v", trial, j, best[j], arg[j], wantBest[j], wantArg[j], from)
			}
		}
	}
}
