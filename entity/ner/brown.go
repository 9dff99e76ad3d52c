package ner

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"sort"
	"time"
)

// Brown clustering (Brown et al. 1992) in the windowed form of Liang
// (2005), written here because no Go implementation exists and the
// C++ original is a separate build: words are taken in order of frequency;
// the C most frequent start as clusters; each further word enters as a
// cluster of its own and the pair of clusters whose merge loses the least
// mutual information between adjacent clusters is merged; finally the C
// clusters are merged down to one, and each cluster's path in that tree is
// its bit string. Every merge updates the pairwise losses incrementally, so
// a merge costs O(C²).

// BrownOptions control clustering.
type BrownOptions struct {
	Clusters int // C, the number of clusters (default 256)
	MinCount int // words seen fewer times are left out (default 3)
	Logger   *slog.Logger
}

// BrownClusters clusters the words of sentences and returns each clustered
// word's bit string.
func BrownClusters(ctx context.Context, sentences [][]string, opt BrownOptions) (map[string]string, error) {
	if opt.Clusters <= 1 {
		opt.Clusters = 256
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 3
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	// Vocabulary by frequency.
	counts := map[string]int{}
	for _, s := range sentences {
		for _, w := range s {
			counts[w]++
		}
	}
	var vocab []string
	for w, c := range counts {
		if c >= opt.MinCount {
			vocab = append(vocab, w)
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		if counts[vocab[i]] != counts[vocab[j]] {
			return counts[vocab[i]] > counts[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	if len(vocab) < 2 {
		return nil, fmt.Errorf("brown clusters: %d words occur %d times or more, need at least 2", len(vocab), opt.MinCount)
	}
	id := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		id[w] = int32(i)
	}
	// Bigrams between kept words, as adjacency lists.
	type edge struct {
		to int32
		n  float64
	}
	right := make([]map[int32]float64, len(vocab))
	left := make([]map[int32]float64, len(vocab))
	total := 0.0
	for _, s := range sentences {
		for i := 0; i+1 < len(s); i++ {
			a, ok1 := id[s[i]]
			b, ok2 := id[s[i+1]]
			if !ok1 || !ok2 {
				continue
			}
			if right[a] == nil {
				right[a] = map[int32]float64{}
			}
			if left[b] == nil {
				left[b] = map[int32]float64{}
			}
			right[a][b]++
			left[b][a]++
			total++
		}
	}
	if total == 0 {
		return nil, fmt.Errorf("brown clusters: no bigrams")
	}
	toEdges := func(m map[int32]float64) []edge {
		e := make([]edge, 0, len(m))
		for k, v := range m {
			e = append(e, edge{k, v / total})
		}
		return e
	}
	rightE := make([][]edge, len(vocab))
	leftE := make([][]edge, len(vocab))
	pl := make([]float64, len(vocab)) // word as the left element of a bigram
	pr := make([]float64, len(vocab))
	for w := range vocab {
		rightE[w] = toEdges(right[w])
		leftE[w] = toEdges(left[w])
		for _, e := range rightE[w] {
			pl[w] += e.n
		}
		for _, e := range leftE[w] {
			pr[w] += e.n
		}
		right[w], left[w] = nil, nil
	}

	C := min(opt.Clusters, len(vocab))
	S := C + 1 // slots: C clusters and one newcomer
	b := &brown{
		S: S, p2: make([]float64, S*S), q2: make([]float64, S*S), L: make([]float64, S*S),
		pl: make([]float64, S), pr: make([]float64, S), active: make([]bool, S),
	}
	slotOf := make([]int32, len(vocab)) // word → slot, -1 before it enters
	for i := range slotOf {
		slotOf[i] = -1
	}
	members := make([][]int32, S)
	// enter puts word w into free slot s, with its bigram mass towards the
	// active clusters.
	enter := func(w int32, s int) {
		slotOf[w] = int32(s)
		members[s] = []int32{w}
		b.active[s] = true
		b.pl[s], b.pr[s] = pl[w], pr[w]
		for u := 0; u < S; u++ {
			b.p2[s*S+u], b.p2[u*S+s] = 0, 0
		}
		for _, e := range rightE[w] {
			if u := slotOf[e.to]; u >= 0 {
				b.p2[s*S+int(u)] += e.n
			}
		}
		for _, e := range leftE[w] {
			if u := slotOf[e.to]; u >= 0 && int(u) != s {
				b.p2[int(u)*S+s] += e.n
			}
		}
	}
	began := time.Now()
	for w := 0; w < C; w++ {
		enter(int32(w), w)
	}
	for s := 0; s < S; s++ {
		for u := 0; u < S; u++ {
			b.q2[s*S+u] = b.q(s, u)
		}
	}
	for s := 0; s < S; s++ {
		for t := s + 1; t < S; t++ {
			if b.active[s] && b.active[t] {
				b.L[s*S+t] = b.fullLoss(s, t)
			}
		}
	}
	free := C
	for w := C; w < len(vocab); w++ {
		if w%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("brown clusters: %w", err)
			}
			opt.Logger.Info("brown clusters", "words", w, "of", len(vocab), "took", time.Since(began).Round(time.Second))
		}
		enter(int32(w), free)
		b.added(free)
		s, t := b.best()
		b.merge(s, t)
		members[s] = append(members[s], members[t]...)
		for _, m := range members[t] {
			slotOf[m] = int32(s)
		}
		members[t] = nil
		free = t
	}
	// Merge the C clusters down to one, recording the tree.
	type node struct{ left, right int }
	nodes := make([]node, 0, 2*C)
	nodeOf := make([]int, S)
	for s := 0; s < S; s++ {
		nodeOf[s] = -1
		if b.active[s] {
			nodes = append(nodes, node{-1, -1})
			nodeOf[s] = len(nodes) - 1
		}
	}
	leafSlot := map[int]int{}
	for s := 0; s < S; s++ {
		if nodeOf[s] >= 0 {
			leafSlot[nodeOf[s]] = s
		}
	}
	for n := b.count(); n > 1; n-- {
		s, t := b.best()
		b.merge(s, t)
		nodes = append(nodes, node{nodeOf[s], nodeOf[t]})
		nodeOf[s] = len(nodes) - 1
		nodeOf[t] = -1
	}
	root := len(nodes) - 1
	paths := map[int]string{} // leaf node → bit string
	var walk func(n int, path string)
	walk = func(n int, path string) {
		if nodes[n].left < 0 {
			if path == "" {
				path = "0"
			}
			paths[n] = path
			return
		}
		walk(nodes[n].left, path+"0")
		walk(nodes[n].right, path+"1")
	}
	walk(root, "")
	slotPath := map[int]string{}
	for n, p := range paths {
		slotPath[leafSlot[n]] = p
	}
	out := make(map[string]string, len(vocab))
	for w, s := range slotOf {
		if s >= 0 {
			out[vocab[w]] = slotPath[int(s)]
		}
	}
	opt.Logger.Info("brown clusters done", "words", len(vocab), "clusters", C, "took", time.Since(began).Round(time.Second))
	return out, nil
}

// brown holds the cluster statistics over S slots: joint bigram
// probabilities p2 (row: left cluster), marginals pl and pr, each pair's
// mutual-information term q2, and L[s*S+t] (s < t), the loss of merging s
// and t.
type brown struct {
	S      int
	p2, q2 []float64
	L      []float64
	pl, pr []float64
	active []bool
}

func plogp(p, l, r float64) float64 {
	if p <= 0 {
		return 0
	}
	return p * math.Log(p/(l*r))
}

func (b *brown) q(s, u int) float64 {
	if !b.active[s] || !b.active[u] {
		return 0
	}
	return plogp(b.p2[s*b.S+u], b.pl[s], b.pr[u])
}

// contrib is what the terms with cluster u lose when s and t merge.
func (b *brown) contrib(s, t, u int) float64 {
	S := b.S
	before := b.q2[s*S+u] + b.q2[t*S+u] + b.q2[u*S+s] + b.q2[u*S+t]
	after := plogp(b.p2[s*S+u]+b.p2[t*S+u], b.pl[s]+b.pl[t], b.pr[u]) +
		plogp(b.p2[u*S+s]+b.p2[u*S+t], b.pl[u], b.pr[s]+b.pr[t])
	return before - after
}

// fullLoss computes the loss of merging s and t from scratch.
func (b *brown) fullLoss(s, t int) float64 {
	S := b.S
	loss := 0.0
	for u := 0; u < S; u++ {
		if u != s && u != t && b.active[u] {
			loss += b.contrib(s, t, u)
		}
	}
	before := b.q2[s*S+s] + b.q2[t*S+t] + b.q2[s*S+t] + b.q2[t*S+s]
	pm := b.p2[s*S+s] + b.p2[t*S+t] + b.p2[s*S+t] + b.p2[t*S+s]
	after := plogp(pm, b.pl[s]+b.pl[t], b.pr[s]+b.pr[t])
	return loss + before - after
}

func (b *brown) pairLoss(s, t int) *float64 {
	if s > t {
		s, t = t, s
	}
	return &b.L[s*b.S+t]
}

// added updates the statistics after a word entered slot n.
func (b *brown) added(n int) {
	S := b.S
	for u := 0; u < S; u++ {
		b.q2[n*S+u] = b.q(n, u)
		b.q2[u*S+n] = b.q(u, n)
	}
	for s := 0; s < S; s++ {
		if !b.active[s] || s == n {
			continue
		}
		for t := s + 1; t < S; t++ {
			if b.active[t] && t != n {
				*b.pairLoss(s, t) += b.contrib(s, t, n)
			}
		}
	}
	for s := 0; s < S; s++ {
		if b.active[s] && s != n {
			*b.pairLoss(s, n) = b.fullLoss(s, n)
		}
	}
}

// best returns the active pair with the smallest merge loss.
func (b *brown) best() (int, int) {
	S := b.S
	bs, bt, bl := -1, -1, math.Inf(1)
	for s := 0; s < S; s++ {
		if !b.active[s] {
			continue
		}
		for t := s + 1; t < S; t++ {
			if b.active[t] && b.L[s*S+t] < bl {
				bs, bt, bl = s, t, b.L[s*S+t]
			}
		}
	}
	return bs, bt
}

func (b *brown) count() int {
	n := 0
	for _, a := range b.active {
		if a {
			n++
		}
	}
	return n
}

// merge merges cluster t into cluster s and updates every loss.
func (b *brown) merge(s, t int) {
	S := b.S
	// Take out the old terms of s and t from every other pair's loss.
	for u := 0; u < S; u++ {
		if !b.active[u] || u == s || u == t {
			continue
		}
		for v := u + 1; v < S; v++ {
			if b.active[v] && v != s && v != t {
				b.L[u*S+v] -= b.contrib(u, v, s) + b.contrib(u, v, t)
			}
		}
	}
	// Merge the statistics.
	for u := 0; u < S; u++ {
		b.p2[s*S+u] += b.p2[t*S+u]
		b.p2[t*S+u] = 0
	}
	for u := 0; u < S; u++ {
		b.p2[u*S+s] += b.p2[u*S+t]
		b.p2[u*S+t] = 0
	}
	b.pl[s] += b.pl[t]
	b.pr[s] += b.pr[t]
	b.pl[t], b.pr[t] = 0, 0
	b.active[t] = false
	for u := 0; u < S; u++ {
		b.q2[t*S+u], b.q2[u*S+t] = 0, 0
	}
	for u := 0; u < S; u++ {
		b.q2[s*S+u] = b.q(s, u)
		b.q2[u*S+s] = b.q(u, s)
	}
	// Put back the new terms of the merged cluster.
	for u := 0; u < S; u++ {
		if !b.active[u] || u == s {
			continue
		}
		for v := u + 1; v < S; v++ {
			if b.active[v] && v != s {
				b.L[u*S+v] += b.contrib(u, v, s)
			}
		}
	}
	for u := 0; u < S; u++ {
		if b.active[u] && u != s {
			*b.pairLoss(u, s) = b.fullLoss(u, s)
		}
		if u != s {
			*b.pairLoss(u, t) = 0
		}
	}
}
