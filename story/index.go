package story

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strings"
)

// Options tune grouping. The zero value of a field means its default.
type Options struct {
	// Window is how many days apart two articles may be published and
	// still report the same event (default 3). Undated articles match
	// any date.
	Window int
	// NearDup is the estimated shingle Jaccard similarity from which two
	// articles are near-duplicates and always grouped (default 0.5).
	NearDup float64
	// MinScore is the similarity from which two articles report the same
	// event: the mean of their TF-IDF cosine over all terms and over
	// content terms alone (default 0.27). Names make the first high for
	// any two articles on the same people; the second asks that they also
	// share what happened.
	MinScore float64
	// MinContent is a floor on the content cosine (words, numbers,
	// events and facts, not names) that same-event articles must also
	// reach (default 0.1), so that a flood of shared names alone never
	// groups articles about the same people or places but another event.
	MinContent float64
	// NoMerge keeps stories apart even when a new article reports the
	// same event as articles of two of them. By default such an article
	// merges them: it is the version that bridges two groups of versions
	// that arrived before it.
	NoMerge bool
}

func (o Options) withDefaults() Options {
	if o.Window <= 0 {
		o.Window = 3
	}
	if o.NearDup <= 0 {
		o.NearDup = 0.5
	}
	if o.MinScore <= 0 {
		o.MinScore = 0.27
	}
	if o.MinContent <= 0 {
		o.MinContent = 0.1
	}
	return o
}

const (
	// keep is the number of terms, highest TF-IDF first, an article keeps
	// in memory for scoring.
	keep = 64
	// probe is the number of those that are indexed and used to find
	// candidates.
	probe = 16
	// bands × rows = SigSize: with 16 bands of 4 rows, two articles
	// become LSH candidates with probability 1-(1-J^4)^16: 0.64 at
	// Jaccard 0.5, 0.99 at 0.75.
	bands = 16
	rows  = SigSize / bands
	// maxChain bounds the walk along one LSH bucket or posting list, so
	// that a very common band or term costs a constant.
	maxChain = 64
	// maxCandidates is how many candidates, most shared terms first, are
	// scored in full.
	maxCandidates = 16
	// idfPrior is a pseudo-count of documents added to the corpus size in
	// IDF, so that a small corpus does not give wildly varying weights.
	idfPrior = 20
)

// kindWeight scales a term's TF-IDF weight by its kind: names and linked
// entities say most about which story an article tells; numbers less, as
// many are incidental. Event and fact keys weigh as much as a word: on the
// labelled set, weighing them more let the versions' differently analysed
// events drown the words they share.
var kindWeight = [8]float64{
	kindWord:   1.0,
	kindName:   1.4,
	kindNumber: 0.7,
	kindLink:   1.4,
	kindEvent:  1.0,
}

func isContent(kind uint32) bool {
	return kind == kindWord || kind == kindNumber || kind == kindEvent
}

// Index groups articles into stories incrementally: Add puts a new article
// into the story of its best match, or starts a story. Its memory is a few
// hundred bytes per article and its cost per Add does not grow with the
// corpus (see docs/benchmarks-stories.md). An Index is not safe for
// concurrent use.
type Index struct {
	opts Options

	day   []int32
	story []uint32
	sig   []uint16 // low 16 bits of each signature value, SigSize per article
	next  []uint32 // per article and band: the previous article+1 in the bucket
	terms []uint32 // keep per article, sorted, zero-padded
	tf    []uint8  // alongside terms
	// norms holds each article's vector norms (all, content) as last
	// computed, and normAt the corpus size then (0: never).
	norms  []float32
	normAt []uint32
	heads  [bands]*table
	posts  map[uint32][]uint32
	df     *table

	storyID   []string
	storyNum  map[string]uint32
	storySize []uint32
	// storyUp is a union-find forest over stories: a merged story points
	// to the story it was merged into.
	storyUp []uint32
	roots   int
	merged  []uint32 // scratch: stories the current Add merges

	// Scratch space reused by every Add.
	stamp []uint32 // per article: the query generation that last saw it
	hits  []uint16 // per article: shared probe terms in that query
	gen   uint32
	cands []uint32
	q     vec
	c     vec
	idx   []int
	probe []uint32
	// lnN is ln(corpus size + 1 + idfPrior) for the Add in progress.
	lnN float64
}

// lnTable holds ln(i) for small i: IDF and TF weights need a logarithm
// per term and candidate, and math.Log was the index's largest cost.
var lnTable = func() []float64 {
	t := make([]float64, 1<<16)
	for i := 1; i < len(t); i++ {
		t[i] = math.Log(float64(i))
	}
	return t
}()

func ln(i uint32) float64 {
	if int(i) < len(lnTable) {
		return lnTable[i]
	}
	return math.Log(float64(i))
}

// vec is a sparse TF-IDF vector sorted by term.
type vec struct {
	terms []uint32
	w     []float64
	// idf holds each term's IDF (times its kind's weight), so that a
	// candidate's weights for the terms it shares with the query need
	// no lookup.
	idf []float64
	tf  []uint16
	// norm and cnorm are the Euclidean norms over all and content terms.
	norm, cnorm float64
}

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	ix := &Index{
		opts:     opts.withDefaults(),
		posts:    make(map[uint32][]uint32),
		df:       newTable(1 << 12),
		storyNum: make(map[string]uint32),
	}
	for b := range ix.heads {
		ix.heads[b] = newTable(1 << 10)
	}
	return ix
}

// Len returns the number of articles in the index.
func (ix *Index) Len() int { return len(ix.day) }

// Stories returns the number of stories in the index.
func (ix *Index) Stories() int { return ix.roots }

// Match says which story an article joined and why.
type Match struct {
	// Story is the story's id.
	Story string `json:"story"`
	// New is true when the article started the story.
	New bool `json:"new"`
	// Reason is "near-duplicate", "same-event" or "new".
	Reason string `json:"reason"`
	// Score is the similarity to the closest earlier article: the
	// estimated Jaccard similarity for a near-duplicate, the TF-IDF
	// cosine otherwise; Content is the cosine over content terms.
	Score   float64 `json:"score"`
	Content float64 `json:"content"`
	// Merged names the stories this article bridged into Story: their
	// articles now belong to Story.
	Merged []string `json:"merged,omitempty"`
}

// StoryID returns the id of the story an article starts: "s" and the
// first 12 hex digits of its content hash.
func StoryID(articleID string) string {
	if h, ok := strings.CutPrefix(articleID, "sha256:"); ok && len(h) >= 12 {
		return "s" + h[:12]
	}
	sum := sha256.Sum256([]byte(articleID))
	return "s" + hex.EncodeToString(sum[:6])
}

// Add finds the story of the article with the given id and features,
// records the article in the index and returns the match. When the
// article reports the same event as articles of several stories, they are
// merged into the one it matches best, and Match.Merged names the others:
// their articles now belong to Match.Story.
func (ix *Index) Add(id string, f *Features) Match {
	ix.count(f)
	ix.weigh(&ix.q, f.Terms)
	m, best := ix.match(f)
	var s uint32
	if best >= 0 {
		s = ix.find(ix.story[best])
		m.Story = ix.storyID[s]
		for _, o := range ix.merged {
			if o = ix.find(o); o != s {
				ix.storyUp[o] = s
				ix.storySize[s] += ix.storySize[o]
				ix.roots--
				m.Merged = append(m.Merged, ix.storyID[o])
			}
		}
	} else {
		m = Match{Story: StoryID(id), New: true, Reason: "new", Score: m.Score, Content: m.Content}
		s = ix.newStory(m.Story)
	}
	ix.insert(f, s)
	return m
}

// Load records an article already grouped into story, as when rebuilding
// the index from a store.
func (ix *Index) Load(story string, f *Features) {
	ix.count(f)
	ix.weigh(&ix.q, f.Terms)
	s, ok := ix.storyNum[story]
	if !ok {
		s = ix.newStory(story)
	}
	ix.insert(f, s)
}

func (ix *Index) newStory(id string) uint32 {
	s := uint32(len(ix.storyID))
	ix.storyID = append(ix.storyID, id)
	ix.storySize = append(ix.storySize, 0)
	ix.storyUp = append(ix.storyUp, s)
	ix.roots++
	ix.storyNum[id] = s
	return s
}

// find returns the story that story s was merged into, or s.
func (ix *Index) find(s uint32) uint32 {
	for ix.storyUp[s] != s {
		ix.storyUp[s] = ix.storyUp[ix.storyUp[s]] // path halving
		s = ix.storyUp[s]
	}
	return s
}

// Story returns the current story of the n-th article added or loaded
// (counting from 0): merges may have moved it since its Add.
func (ix *Index) Story(n int) string { return ix.storyID[ix.find(ix.story[n])] }

// count adds the article's terms to the document frequencies.
func (ix *Index) count(f *Features) {
	for _, t := range f.Terms {
		ix.df.inc(t.Hash)
	}
}

func (ix *Index) idf(t uint32) float64 {
	return ix.lnN - ln(ix.df.get(t)+1)
}

// weigh fills v with the TF-IDF weights of terms, keeping the keep
// heaviest, sorted by term.
func (ix *Index) weigh(v *vec, terms []Term) {
	ix.lnN = math.Log(float64(len(ix.day) + 1 + idfPrior))
	v.terms, v.w, v.idf, v.tf = v.terms[:0], v.w[:0], v.idf[:0], v.tf[:0]
	for _, t := range terms {
		idf := ix.idf(t.Hash) * kindWeight[t.kind()]
		v.terms = append(v.terms, t.Hash)
		v.w = append(v.w, (1+ln(uint32(t.TF)))*idf)
		v.idf = append(v.idf, idf)
		v.tf = append(v.tf, t.TF)
	}
	if len(v.terms) > keep {
		ix.idx = heaviest(ix.idx, v, keep)
		slices.Sort(ix.idx)
		for i, j := range ix.idx {
			v.terms[i], v.w[i], v.idf[i], v.tf[i] = v.terms[j], v.w[j], v.idf[j], v.tf[j]
		}
		v.terms, v.w, v.idf, v.tf = v.terms[:keep], v.w[:keep], v.idf[:keep], v.tf[:keep]
	}
	v.setNorms()
}

func (v *vec) setNorms() {
	var n, c float64
	for i, w := range v.w {
		n += w * w
		if isContent(v.terms[i] & kindMask) {
			c += w * w
		}
	}
	v.norm, v.cnorm = math.Sqrt(n), math.Sqrt(c)
}

// score returns the cosines of the query q with stored article a, over all
// terms and over content terms. The weights of the terms a shares with q
// use q's IDFs; a's norms are cached, and recomputed once the corpus has
// grown by a quarter since they were, so that in a large corpus scoring a
// candidate costs no map lookup at all, while in a small one, where IDFs
// still move, the norms stay current.
func (ix *Index) score(q *vec, a uint32) (all, content float64) {
	n := uint32(len(ix.day))
	if at := ix.normAt[a]; at == 0 || n > at+at/4+8 {
		ix.candidate(&ix.c, a)
		ix.c.setNorms()
		ix.norms[2*a], ix.norms[2*a+1] = float32(ix.c.norm), float32(ix.c.cnorm)
		ix.normAt[a] = max(n, 1)
	}
	na, ca := float64(ix.norms[2*a]), float64(ix.norms[2*a+1])
	ts := ix.terms[int(a)*keep : int(a+1)*keep]
	tf := ix.tf[int(a)*keep : int(a+1)*keep]
	var dot, cdot float64
	for i, j := 0, 0; i < len(q.terms) && j < len(ts) && tf[j] != 0; {
		switch {
		case q.terms[i] < ts[j]:
			i++
		case q.terms[i] > ts[j]:
			j++
		default:
			p := q.w[i] * (1 + ln(uint32(tf[j]))) * q.idf[i]
			dot += p
			if isContent(ts[j] & kindMask) {
				cdot += p
			}
			i++
			j++
		}
	}
	if q.norm > 0 && na > 0 {
		all = min(1, dot/(q.norm*na))
	}
	if q.cnorm > 0 && ca > 0 {
		content = min(1, cdot/(q.cnorm*ca))
	}
	return all, content
}

// heaviest returns (in idx's storage) the positions of the n heaviest
// terms of v, heaviest first; ties go to the earlier position. Weights are
// positive, so their float32 bits order like them: packing the inverted
// bits over the position lets a plain integer sort do the work, several
// times faster than sorting positions with a comparison function.
func heaviest(idx []int, v *vec, n int) []int {
	keys := make([]uint64, len(v.w))
	for i, w := range v.w {
		keys[i] = uint64(^math.Float32bits(float32(max(w, 0))))<<32 | uint64(i)
	}
	slices.Sort(keys)
	idx = idx[:0]
	for _, k := range keys[:min(n, len(keys))] {
		idx = append(idx, int(uint32(k)))
	}
	return idx
}

// candidate weighs stored article a into v.
func (ix *Index) candidate(v *vec, a uint32) {
	v.terms, v.w = v.terms[:0], v.w[:0]
	ts := ix.terms[int(a)*keep : int(a+1)*keep]
	tf := ix.tf[int(a)*keep : int(a+1)*keep]
	for i, t := range ts {
		if tf[i] == 0 {
			break
		}
		v.terms = append(v.terms, t)
		v.w = append(v.w, (1+ln(uint32(tf[i])))*ix.idf(t)*kindWeight[t&kindMask])
	}
}

// cosine returns the cosine of a and b over all terms and over content
// terms alone.
func cosine(a, b *vec) (all, content float64) {
	var dot, na, nb, cdot, cna, cnb float64
	for i, w := range a.w {
		na += w * w
		if isContent(a.terms[i] & kindMask) {
			cna += w * w
		}
	}
	for i, w := range b.w {
		nb += w * w
		if isContent(b.terms[i] & kindMask) {
			cnb += w * w
		}
	}
	for i, j := 0, 0; i < len(a.terms) && j < len(b.terms); {
		switch {
		case a.terms[i] < b.terms[j]:
			i++
		case a.terms[i] > b.terms[j]:
			j++
		default:
			p := a.w[i] * b.w[j]
			dot += p
			if isContent(a.terms[i] & kindMask) {
				cdot += p
			}
			i++
			j++
		}
	}
	if na > 0 && nb > 0 {
		all = dot / math.Sqrt(na*nb)
	}
	if cna > 0 && cnb > 0 {
		content = cdot / math.Sqrt(cna*cnb)
	}
	return all, content
}

func (ix *Index) inWindow(d int32, a uint32) bool {
	e := ix.day[a]
	if d == NoDay || e == NoDay {
		return true
	}
	diff := d - e
	if diff < 0 {
		diff = -diff
	}
	return int(diff) <= ix.opts.Window
}

func bandKey(sig *[SigSize]uint32, b int) uint32 {
	h := uint64(b) * 0x9e3779b97f4a7c15
	for _, v := range sig[b*rows : (b+1)*rows] {
		h = mix64(h ^ uint64(v))
	}
	return uint32(h) | 1 // never 0, so that 0 can mean "no article"
}

// match finds the best earlier article for f, whose vector is in ix.q, or
// returns -1 when none is close enough.
func (ix *Index) match(f *Features) (Match, int) {
	ix.gen++
	if ix.gen == 0 { // wrapped: old stamps could collide
		clear(ix.stamp)
		ix.gen = 1
	}
	ix.cands = ix.cands[:0]
	see := func(a uint32, n uint16) {
		if ix.stamp[a] != ix.gen {
			ix.stamp[a] = ix.gen
			ix.hits[a] = 0
			ix.cands = append(ix.cands, a)
		}
		ix.hits[a] += n
	}
	// Near-duplicate candidates from the LSH buckets.
	for b := range bands {
		p := ix.heads[b].get(bandKey(&f.Sig, b))
		for steps := 0; p != 0 && steps < maxChain; steps++ {
			a := p - 1
			if ix.inWindow(f.Day, a) {
				see(a, probe) // a shared band outranks any term count
			}
			p = ix.next[int(a)*bands+b]
		}
	}
	// Same-event candidates from the posting lists of the heaviest terms,
	// most recent first.
	maxDF := uint32(max(200, len(ix.day)/50))
	for _, t := range ix.probeTerms(&ix.q) {
		if ix.df.get(t) > maxDF {
			continue // as common as a function word: it finds everything
		}
		ps := ix.posts[t]
		for k, steps := len(ps)-1, 0; k >= 0 && steps < maxChain; k, steps = k-1, steps+1 {
			if a := ps[k]; ix.inWindow(f.Day, a) {
				see(a, 1)
			}
		}
	}
	// An article sharing one of the query's rarest terms and nothing else
	// is no candidate: it cannot reach MinScore, and scoring it costs.
	k := 0
	for _, a := range ix.cands {
		if ix.hits[a] >= 2 {
			ix.cands[k] = a
			k++
		}
	}
	ix.cands = ix.cands[:k]
	if len(ix.cands) > maxCandidates {
		slices.SortFunc(ix.cands, func(a, b uint32) int {
			if ix.hits[a] != ix.hits[b] {
				return int(ix.hits[b]) - int(ix.hits[a])
			}
			return cmpU32(b, a) // then the most recent
		})
		ix.cands = ix.cands[:maxCandidates]
	}
	var sig16 [SigSize]uint16
	for i, v := range f.Sig {
		sig16[i] = uint16(v)
	}
	best, bestM := -1, Match{}
	bestRank := 0.0
	var top Match
	ix.merged = ix.merged[:0]
	for _, a := range ix.cands {
		m := Match{}
		eq := 0
		for i, v := range ix.sig[int(a)*SigSize : int(a+1)*SigSize] {
			if v == sig16[i] {
				eq++
			}
		}
		j := float64(eq) / SigSize
		m.Score, m.Content = ix.score(&ix.q, a)
		rank := 0.0
		switch {
		case j >= ix.opts.NearDup:
			m.Reason, m.Score = "near-duplicate", j
			rank = 1 + j
		case (m.Score+m.Content)/2 >= ix.opts.MinScore && m.Content >= ix.opts.MinContent:
			m.Reason = "same-event"
			rank = (m.Score + m.Content) / 2
		}
		if m.Score > top.Score {
			top = m
		}
		if rank > 0 && !ix.opts.NoMerge {
			if st := ix.find(ix.story[a]); !slices.Contains(ix.merged, st) {
				ix.merged = append(ix.merged, st)
			}
		}
		if rank > bestRank {
			best, bestM, bestRank = int(a), m, rank
		}
	}
	if best < 0 {
		return top, -1
	}
	return bestM, best
}

// probeTerms returns the probe heaviest terms of v, in ix's scratch space.
func (ix *Index) probeTerms(v *vec) []uint32 {
	if len(v.terms) <= probe {
		return v.terms
	}
	ix.idx = heaviest(ix.idx, v, probe)
	ix.probe = ix.probe[:0]
	for _, i := range ix.idx {
		ix.probe = append(ix.probe, v.terms[i])
	}
	return ix.probe
}

// insert records an article whose vector is in ix.q into story s.
func (ix *Index) insert(f *Features, s uint32) {
	a := uint32(len(ix.day))
	ix.day = append(ix.day, f.Day)
	ix.story = append(ix.story, s)
	ix.storySize[s]++
	ix.stamp = append(ix.stamp, 0)
	ix.norms = append(ix.norms, float32(ix.q.norm), float32(ix.q.cnorm))
	ix.normAt = append(ix.normAt, max(a, 1))
	ix.hits = append(ix.hits, 0)
	for _, v := range f.Sig {
		ix.sig = append(ix.sig, uint16(v))
	}
	for b := range bands {
		k := bandKey(&f.Sig, b)
		ix.next = append(ix.next, ix.heads[b].set(k, a+1))
	}
	for i := range keep {
		if i < len(ix.q.terms) {
			ix.terms = append(ix.terms, ix.q.terms[i])
			ix.tf = append(ix.tf, uint8(min(255, ix.q.tf[i])))
		} else {
			ix.terms = append(ix.terms, 0)
			ix.tf = append(ix.tf, 0)
		}
	}
	for _, t := range ix.probeTerms(&ix.q) {
		ix.posts[t] = append(ix.posts[t], a)
	}
}
