package ner

import (
	"math"
	"sync"
)

// Model is a trained recogniser: feature weights for two passes, word
// clusters and gazetteers. It is read-only after loading and safe for
// concurrent use.
type Model struct {
	// clusters maps a word to its Brown cluster, as hashes of the cluster's
	// bit-string prefixes.
	clusters map[string][len(clusterPrefixes)]uint64
	// clusterPaths holds the bit strings themselves, for saving.
	clusterPaths map[string]string
	gaz          *gazetteer
	// passes[0] labels from local and document-case features; passes[1],
	// when present, labels again knowing what pass one said across the
	// whole document (Ratinov and Roth's two-stage prediction
	// aggregation).
	passes [2]*weights
	// info describes how the model was made; written into the model file.
	info string
	// fused merges the passes' tables for tagging, built once the passes
	// are final. When nil (a model being trained), Tag decodes from passes
	// alone, with the same result.
	fused *fused

	scratch sync.Pool // *scratch
}

// weights is one linear model over hashed features, plus label transition
// scores for Viterbi decoding.
type weights struct {
	index table     // feature key → row in rows
	rows  []float32 // numLabels weights per row
	trans [numLabels][numLabels]float32
	start [numLabels]float32
	end   [numLabels]float32
}

// key reduces a feature hash to the 32 bits a model keeps.
func key(f uint64) uint32 { return uint32(f >> 32) }

// scratch holds per-call buffers, pooled so that Tag allocates little.
type scratch struct {
	feats  []uint64
	scores []float32
	// scores2 holds pass two's emission scores for a whole document,
	// begun by pass one (fused tagging).
	scores2 []float32
	// ends holds where each token's features end in feats, and slots
	// their fused-table slots (batched lookups).
	ends  []int
	slots []fusedSlot
	offs  []uint32 // runs of whole rows, for fused.sumPass
	prep  prepBuffers
	sink  float32
	delta []float32
	back  []uint8
}

func (m *Model) getScratch() *scratch {
	if s, ok := m.scratch.Get().(*scratch); ok {
		return s
	}
	return &scratch{}
}

// clusterOf fills out with the cluster prefix hashes of a word, trying its
// own spelling and then its lower-case form; zeros when it has none.
func (m *Model) clusterOf(word, lower string, out *[len(clusterPrefixes)]uint64) {
	if c, ok := m.clusters[word]; ok {
		*out = c
		return
	}
	if c, ok := m.clusters[lower]; ok {
		*out = c
		return
	}
	*out = [len(clusterPrefixes)]uint64{}
}

// Tag labels the tokens of one document, given as the token texts of each
// of its sentences. It returns one BIO (IOB2) label per token: "O", or
// "B-"/"I-" and one of Types. Tokens should be split the way CoNLL-2003
// splits them: punctuation apart, "U.S." and "al-Qaeda" whole. Passing the
// whole document at once, not sentence by sentence, lets the model use how
// the same words are written and labelled elsewhere in it.
func (m *Model) Tag(doc [][]string) [][]string {
	labels := m.tagLabels(doc)
	out := make([][]string, len(labels))
	for si, ls := range labels {
		out[si] = make([]string, len(ls))
		for i, l := range ls {
			out[si][i] = bioNames[l]
		}
	}
	return out
}

// TagSpans is Tag returning entity spans per sentence instead of labels.
func (m *Model) TagSpans(doc [][]string) [][]Span {
	labels := m.tagLabels(doc)
	out := make([][]Span, len(labels))
	for si, ls := range labels {
		out[si] = spansFromLabels(ls)
	}
	return out
}

// spansFromLabels reads spans from a well-formed BILOU label sequence.
func spansFromLabels(ls []uint8) []Span {
	var spans []Span
	start := -1
	for i, l := range ls {
		if l == labelO {
			start = -1
			continue
		}
		switch labelPos(int(l)) {
		case posB:
			start = i
		case posU:
			spans = append(spans, Span{Start: i, End: i + 1, Type: Types[labelType(int(l))]})
			start = -1
		case posL:
			if start >= 0 {
				spans = append(spans, Span{Start: start, End: i + 1, Type: Types[labelType(int(l))]})
			}
			start = -1
		}
	}
	return spans
}

// tagLabels runs both passes and returns BILOU labels.
func (m *Model) tagLabels(doc [][]string) [][]uint8 {
	sc := m.getScratch()
	defer m.scratch.Put(sc)
	ds := m.prepareIn(doc, &sc.prep)
	if m.fused != nil {
		return m.tagFused(ds, sc)
	}
	labels := make([][]uint8, len(ds.sents))
	for si := range ds.sents {
		labels[si] = m.decode(m.passes[0], ds, si, nil, sc, nil)
	}
	if m.passes[1] == nil {
		return labels
	}
	p2 := newPass2(ds, labels)
	final := make([][]uint8, len(ds.sents))
	for si := range ds.sents {
		final[si] = m.decode(m.passes[1], ds, si, p2, sc, nil)
	}
	return final
}

// tagFused is tagLabels with the fused table: one probe per feature
// serves both passes. Pass one's feature list is the start of pass two's,
// so pass one also sums pass two's weights for those features, and pass
// two goes on from there with its own features, adding in the same order
// as emissions would.
func (m *Model) tagFused(ds *docState, sc *scratch) [][]uint8 {
	f := m.fused
	total := 0
	for _, s := range ds.sents {
		total += len(s.toks)
	}
	if cap(sc.scores2) < total*numLabels {
		sc.scores2 = make([]float32, total*numLabels)
	}
	scores2 := sc.scores2[:total*numLabels]
	clear(scores2)
	labels := make([][]uint8, len(ds.sents))
	off := 0
	for si := range ds.sents {
		n := len(ds.sents[si].toks)
		if cap(sc.scores) < n*numLabels {
			sc.scores = make([]float32, n*numLabels)
		}
		scores := sc.scores[:n*numLabels]
		clear(scores)
		sc.feats, sc.ends = sc.feats[:0], sc.ends[:0]
		for i := 0; i < n; i++ {
			sc.feats = m.extractBase(ds, si, i, sc.feats)
			sc.ends = append(sc.ends, len(sc.feats))
		}
		var sink float32
		sc.slots, sink = f.lookup(sc.feats, sc.slots[:0])
		sc.sink += sink
		start := 0
		for i, end := range sc.ends {
			row1 := (*[numLabels]float32)(scores[i*numLabels:])
			row2 := (*[numLabels]float32)(scores2[(off+i)*numLabels:])
			sc.offs = f.sumPass(row1, sc.slots[start:end], 0, sc.offs)
			sc.offs = f.sumPass(row2, sc.slots[start:end], 1, sc.offs)
			start = end
		}
		labels[si] = viterbi(m.passes[0], scores, n, sc)
		off += n
	}
	if m.passes[1] == nil {
		return labels
	}
	p2 := newPass2(ds, labels)
	final := make([][]uint8, len(ds.sents))
	off = 0
	for si := range ds.sents {
		n := len(ds.sents[si].toks)
		scores := scores2[off*numLabels : (off+n)*numLabels]
		for i := 0; i < n; i++ {
			sc.feats = extractPass2(ds, si, i, p2, sc.feats[:0])
			sc.slots = sc.slots[:0]
			for _, ft := range sc.feats {
				sc.slots = append(sc.slots, f.get(key(ft)))
			}
			sc.offs = f.sumPass((*[numLabels]float32)(scores[i*numLabels:]), sc.slots, 1, sc.offs)
		}
		final[si] = viterbi(m.passes[1], scores, n, sc)
		off += n
	}
	return final
}

// emissions fills sc.scores with the label scores of every token of
// sentence si under w.
func (m *Model) emissions(w *weights, ds *docState, si int, p2 *pass2, sc *scratch) []float32 {
	n := len(ds.sents[si].toks)
	if cap(sc.scores) < n*numLabels {
		sc.scores = make([]float32, n*numLabels)
	}
	scores := sc.scores[:n*numLabels]
	clear(scores)
	for i := 0; i < n; i++ {
		sc.feats = m.extract(ds, si, i, p2, sc.feats[:0])
		row := scores[i*numLabels : (i+1)*numLabels]
		for _, f := range sc.feats {
			r, ok := w.index.get(key(f))
			if !ok {
				continue
			}
			wr := w.rows[int(r)*numLabels : (int(r)+1)*numLabels]
			for l := range row {
				row[l] += wr[l]
			}
		}
	}
	return scores
}

// decode labels sentence si with the Viterbi algorithm under w. When
// scores is non-nil it is used as the emission scores instead of computing
// them (training adds its own).
func (m *Model) decode(w *weights, ds *docState, si int, p2 *pass2, sc *scratch, scores []float32) []uint8 {
	if scores == nil {
		scores = m.emissions(w, ds, si, p2, sc)
	}
	return viterbi(w, scores, len(ds.sents[si].toks), sc)
}

// bestFromClosersGo is bestFromClosers in Go: the loop over closers the
// assembly is tested against, and bestFromClosers itself elsewhere. It
// starts from -Inf and closer 0 and takes a candidate only when strictly
// better, as the loop over predecessors did.
func bestFromClosersGo(from *[len(closers)]float32, trans *[len(closers)][12]float32, best *[12]float32, arg *[12]int32) {
	inf := float32(math.Inf(-1))
	for j := range best {
		b, a := inf, int32(0)
		for k := range from {
			if v := from[k] + trans[k][j]; v > b {
				b, a = v, int32(k)
			}
		}
		best[j], arg[j] = b, a
	}
}

// viterbi finds the best well-formed BILOU sequence for n tokens given
// their emission scores (n × numLabels) and w's transition scores.
//
// It is written out for the shape of the BILOU constraints rather than
// looping over predecessors[l]: a label that starts a name or is O (O, B-,
// U-) may follow exactly the labels that close one (closers: O, L-, U-),
// and I- and L- of a type may follow only B- and I- of that type. Ties go
// to the lowest-numbered predecessor, as the loop over predecessors did;
// TestViterbiMatchesReference holds it to that loop's output.
func viterbi(w *weights, scores []float32, n int, sc *scratch) []uint8 {
	out := make([]uint8, n)
	if n == 0 {
		return out
	}
	if cap(sc.delta) < n*numLabels {
		sc.delta = make([]float32, n*numLabels)
		sc.back = make([]uint8, n*numLabels)
	}
	delta, back := sc.delta[:n*numLabels], sc.back[:n*numLabels]
	inf := float32(math.Inf(-1))
	for l := 0; l < numLabels; l++ {
		if startOK(l) {
			delta[l] = w.start[l] + scores[l]
		} else {
			delta[l] = inf
		}
	}
	// closeTrans[k][j] is the score of moving from closers[k] to
	// openers[j]; lanes past the ninth opener are padding.
	var closeTrans [len(closers)][12]float32
	for k, a := range closers {
		for j, b := range openers {
			closeTrans[k][j] = w.trans[a][b]
		}
	}
	for t := 1; t < n; t++ {
		prev := (*[numLabels]float32)(delta[(t-1)*numLabels:])
		cur := (*[numLabels]float32)(delta[t*numLabels:])
		bk := (*[numLabels]uint8)(back[t*numLabels:])
		em := (*[numLabels]float32)(scores[t*numLabels:])
		var from [len(closers)]float32
		for k, a := range closers {
			from[k] = prev[a]
		}
		var best [12]float32
		var arg [12]int32
		bestFromClosers(&from, &closeTrans, &best, &arg)
		for j, b := range openers {
			cur[b] = best[j] + em[b]
			bk[b] = closers[arg[j]]
		}
		for ty := 0; ty < numTypes; ty++ {
			lb, li, ll := 1+4*ty+posB, 1+4*ty+posI, 1+4*ty+posL
			for _, b := range [2]int{li, ll} {
				best, arg := inf, uint8(0)
				if v := prev[lb] + w.trans[lb][b]; v > best {
					best, arg = v, uint8(lb)
				}
				if v := prev[li] + w.trans[li][b]; v > best {
					best, arg = v, uint8(li)
				}
				cur[b] = best + em[b]
				bk[b] = arg
			}
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
