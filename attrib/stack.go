package attrib

// Templates of the second pass, over the first pass's tags.
const (
	sTag = iota + 100
	sTagPrev
	sTagNext
	sTagM2
	sTagP2
	sTagW0
	sCueLeft
	sCueRight
	sCueLeftSent
	sCueRightSent
	sSourceSent
	sContentSent
	sTagQuote
	sTagsAround
	sCueChunk
	sAfterCue
	sBeforeCue
	sCueContent
)

// roleOfTag maps a tag to its role (0 for O).
func roleOfTag(t int) uint64 { return uint64((t + 1) / 2) }

// stackFeatures appends to feats the second pass's features: the first
// pass's tags around each token, and where its cues, sources and
// contents lie relative to the token.
//
// With feats nil, the features come in slices of sc, overwritten by the
// next call.
//
// The words' hashes and cue classes come from sc.info, which the first
// pass's unitFeatures filled for the same unit; with sc nil (training)
// they are computed here.
func (m *Model) stackFeatures(sc *scratch, text string, u unit, tags []int, feats [][]uint64) [][]uint64 {
	n := len(tags)
	if sc == nil {
		sc = &scratch{}
		m.fillInfo(sc, text, u.toks)
	}
	info := sc.info[:n]
	tagAt := func(i int) uint64 {
		if i < 0 || i >= n {
			return 15
		}
		return uint64(tags[i])
	}
	// Sentence of each token, as an index within the unit.
	sent := grown(&sc.sent, n)
	for i := range sent {
		sent[i] = u.sent[i].index
	}
	// Nearest first-pass cue start on each side, and per-sentence flags.
	nSent := 0
	if n > 0 {
		nSent = sent[n-1] + 1
	}
	hasSource := grown(&sc.hasSource, nSent)
	hasContent := grown(&sc.hasCont, nSent)
	clear(hasSource)
	clear(hasContent)
	for i, t := range tags {
		switch roleOfTag(t) {
		case 1:
			hasSource[sent[i]] = 1
		case 3:
			hasContent[sent[i]] = 1
		}
	}
	cueL := grown(&sc.sCueL, n)
	last := -1
	for i := 0; i < n; i++ {
		cueL[i] = last
		if tags[i] == tagBCue {
			last = i
		}
	}
	cueR := grown(&sc.sCueR, n)
	last = -1
	for i := n - 1; i >= 0; i-- {
		cueR[i] = last
		if tags[i] == tagBCue {
			last = i
		}
	}
	lemmaHash := func(i int) uint64 { return info[i].hLemma }
	// The first pass's cue chunks: for each token in one, the chunk's
	// bounds and its head (the token whose lemma is likeliest a cue),
	// so that the second pass can judge a chunk as a whole: its head,
	// its length, the words at its edges, and whether content adjoins
	// it.
	cueFrom := grown(&sc.cFrom, n)
	cueTo := grown(&sc.cTo, n)
	cueHead := grown(&sc.cHead, n)
	for i := range n {
		cueFrom[i], cueTo[i] = -1, -1
	}
	for i := 0; i < n; {
		if tags[i] != tagBCue {
			i++
			continue
		}
		j := i + 1
		for j < n && tags[j] == tagICue {
			j++
		}
		head, best := i, -1
		for k := i; k < j; k++ {
			c := int(info[k].cueClass)
			if c == 8 {
				c = 3
			}
			if c > best {
				head, best = k, c
			}
		}
		for k := i; k < j; k++ {
			cueFrom[k], cueTo[k], cueHead[k] = i, j, head
		}
		i = j
	}
	isContent := func(i int) bool { return i >= 0 && i < n && roleOfTag(tags[i]) == 3 }
	// One backing array when feats come empty (see unitFeatures).
	const stackCap = 16
	var flat []uint64
	if feats == nil {
		feats = grown(&sc.sfeats, n)
		flat = grown(&sc.sflat, n*stackCap)
		for i := range feats {
			feats[i] = flat[i*stackCap : i*stackCap : (i+1)*stackCap]
		}
	}
	for i := 0; i < n; i++ {
		hw := info[i].hLower
		f := feats[i]
		f = append(f,
			feat(sTag, tagAt(i)),
			feat(sTagPrev, tagAt(i-1), tagAt(i)),
			feat(sTagNext, tagAt(i), tagAt(i+1)),
			feat(sTagM2, tagAt(i-2), tagAt(i-1)),
			feat(sTagP2, tagAt(i+1), tagAt(i+2)),
			feat(sTagW0, tagAt(i), hw),
			feat(sTagQuote, tagAt(i), uint64(u.quote[i])),
			feat(sSourceSent, hasSource[sent[i]], hasContent[sent[i]], tagAt(i)),
			feat(sTagsAround, roleOfTag(tags[max(i-3, 0)]), roleOfTag(tags[min(i+3, n-1)]), tagAt(i)),
		)
		if c := cueL[i]; c >= 0 {
			d := distBucket(i - c)
			same := boolHash(sent[c] == sent[i])
			f = append(f, feat(sCueLeft, d, same, uint64(u.quote[i])), feat(sCueLeftSent, lemmaHash(c), same, d))
		}
		if c := cueR[i]; c >= 0 {
			d := distBucket(c - i)
			same := boolHash(sent[c] == sent[i])
			f = append(f, feat(sCueRight, d, same, uint64(u.quote[i])), feat(sCueRightSent, lemmaHash(c), same, d))
		}
		if a := cueFrom[i]; a >= 0 {
			b := cueTo[i]
			pos := uint64(0)
			if i == a {
				pos |= 1
			}
			if i == b-1 {
				pos |= 2
			}
			adj := boolHash(isContent(a-1) || isContent(a-2)) + 4*boolHash(isContent(b) || isContent(b+1))
			f = append(f,
				feat(sCueChunk, lemmaHash(cueHead[i]), uint64(min(b-a, 4)), pos),
				feat(sCueContent, adj, uint64(min(b-a, 4)), pos),
			)
		}
		if i > 0 && cueFrom[i-1] >= 0 && cueFrom[i] < 0 {
			f = append(f, feat(sAfterCue, lemmaHash(cueHead[i-1]), hw))
		}
		if i+1 < n && cueFrom[i+1] >= 0 && cueFrom[i] < 0 {
			f = append(f, feat(sBeforeCue, hw, lemmaHash(cueHead[i+1])))
		}
		if cueL[i] < 0 && cueR[i] < 0 {
			f = append(f, feat(sContentSent, 0, tagAt(i)))
		}
		feats[i] = f
	}
	return feats
}
