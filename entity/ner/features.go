package ner

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates. The number is part of every feature hash, so
// renumbering them invalidates a trained model: append, never reorder.
const (
	tBias = iota
	tWord
	tLowerM2
	tLowerM1
	tLower0
	tLowerP1
	tLowerP2
	tShapeM2
	tShapeM1
	tShape0
	tShapeP1
	tShapeP2
	tLongShape
	tPrefix // + 0..3
	_
	_
	_
	tSuffix // + 0..3
	_
	_
	_
	tBigramL
	tBigramR
	tShapeL
	tShapeR
	tShapeLR
	tCaps
	tClusterM1 // + 0..3 prefix lengths
	_
	_
	_
	tCluster0
	_
	_
	_
	tClusterP1
	_
	_
	_
	tGaz     // category and BILU position
	tGazCaps // category, position and capitalisation
	tGazM1   // category present on the previous token
	tGazP1   // category present on the next token
	tDocCase // how the same word is cased elsewhere in the document
	tAltWord // the document's usual cased form of a word in an unreliable position
	tAltCluster
	tWordCaps  // word conjoined with the sentence's case regime
	tP1Own     // pass two: own pass-one label
	tP1Around  // pass two: pass-one labels around
	tDocType   // pass two: types the same word got elsewhere in the document
	tDocMajor  // pass two: the most frequent of those
	tDocFirst  // pass two: the type of its first mention in the document
	tDocOwnMix // pass two: own pass-one type and the document types
	tDocEnt    // pass two: inside a name pass one found elsewhere in the document (type, position)
	tDocEntOwn // the same, conjoined with the own pass-one type
	numTemplates
)

// Capitalisation classes of a token.
const (
	capNone  = iota // no letters
	capLower        // all letters lower case
	capTitle        // first letter upper case, the rest lower case
	capUpper        // all letters upper case, more than one letter
	capMixed        // anything else with an upper-case letter ("McDonald", "iPhone")
)

// Per-document case evidence about a token, in token.docCase.
const (
	docLowerSeen  = 1 << iota // the word occurs in lower case elsewhere
	docCapSeen                // it occurs capitalised in a reliable position elsewhere
	docUnreliable             // this token's own case says little (sentence start, all-caps line)
)

// clusterPrefixes are the bit-string prefix lengths of a word's Brown
// cluster used as features, the lengths Ratinov and Roth used.
var clusterPrefixes = [...]int{4, 6, 10, 20}

// token is everything feature extraction needs about one token, worked out
// once per document.
type token struct {
	word, lower string
	hWord       uint64
	hLower      uint64
	hShape      uint64
	hLong       uint64
	caps        uint8
	docCase     uint8
	cluster     [len(clusterPrefixes)]uint64 // 0 when the word has no cluster
	altWord     uint64                       // the usual cased form's hash, or 0
	altCluster  uint64
	gaz         [4]uint32 // gazetteer categories matching with the token at B, I, L, U
}

// sentence is one prepared sentence.
type sentence struct {
	toks     []token
	allCaps  bool
	features [][]uint64 // per token, filled for the pass being decoded
}

// docState is one prepared document.
type docState struct {
	sents []sentence
}

// boundary tokens stand before and after every sentence.
var (
	hStart = hashString("<S>")
	hEnd   = hashString("</S>")
)

// capsClass classifies the capitalisation of w.
func capsClass(w string) uint8 {
	upper, lower, letters := 0, 0, 0
	firstUpper := false
	for i, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
			if letters == 1 && i >= 0 {
				firstUpper = true
			}
		} else if unicode.IsLower(r) {
			lower++
		}
	}
	switch {
	case letters == 0:
		return capNone
	case upper == 0:
		return capLower
	case upper == letters && letters > 1:
		return capUpper
	case firstUpper && upper == 1:
		return capTitle
	default:
		return capMixed
	}
}

// shapeHashes returns the hashes of the short shape of w (runs of the same
// character class collapsed: "Xx", "X.X.", "d,d") and of its long shape
// (every character mapped, capped at 16 runes), without building either.
func shapeHashes(w string) (short, long uint64) {
	short, long = fnvOffset, fnvOffset
	var prev rune = -1
	n := 0
	for _, r := range w {
		c := shapeClass(r)
		if n < 16 {
			long = hashRune(long, c)
		}
		n++
		if c != prev {
			short = hashRune(short, c)
			prev = c
		}
	}
	return short, long
}

func shapeClass(r rune) rune {
	switch {
	case 'a' <= r && r <= 'z':
		return 'x'
	case 'A' <= r && r <= 'Z':
		return 'X'
	case '0' <= r && r <= '9':
		return 'd'
	case r < utf8.RuneSelf:
		return r
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLetter(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	}
	return r
}

// hashRune continues an FNV-1a hash with the UTF-8 bytes of r, so that
// hashing runes one by one equals hashString of the string they make.
func hashRune(h uint64, r rune) uint64 {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, b := range buf[:n] {
		h ^= uint64(b)
		h *= fnvPrime
	}
	return h
}

// shapes returns the shapes themselves, for tests and debugging.
func shapes(w string) (short, long string) {
	var sb, lb strings.Builder
	var prev rune = -1
	n := 0
	for _, r := range w {
		c := shapeClass(r)
		if n < 16 {
			lb.WriteRune(c)
		}
		n++
		if c != prev {
			sb.WriteRune(c)
			prev = c
		}
	}
	return sb.String(), lb.String()
}

// sentenceAllCaps reports whether a sentence is set in capitals, like the
// headlines and sports tables of CoNLL-2003: then capitalisation says
// nothing about names.
func sentenceAllCaps(words []string) bool {
	upper, lower := 0, 0
	for _, w := range words {
		switch capsClass(w) {
		case capUpper:
			upper++
		case capLower, capTitle, capMixed:
			if utf8.RuneCountInString(w) > 1 {
				lower++
			}
		}
	}
	return upper >= 2 && lower*5 <= upper
}

// caseStats is how one lower-cased word is written across a document.
type caseStats struct {
	lower, capped int
	form          string // its first capitalised form in a reliable position
}

// prepare works out the token information of one document.
func (m *Model) prepare(doc [][]string) *docState {
	return m.prepareIn(doc, &prepBuffers{})
}

// prepBuffers holds prepare's working memory, reused from document to
// document when tagging (the pooled scratch owns one).
type prepBuffers struct {
	ds    docState
	toks  []token
	stats map[string]int32
	st    []caseStats
}

// prepareIn is prepare building in b; the result lives in b, so it is
// good until b is used again.
func (m *Model) prepareIn(doc [][]string, b *prepBuffers) *docState {
	ds := &b.ds
	if cap(ds.sents) < len(doc) {
		ds.sents = make([]sentence, len(doc))
	}
	ds.sents = ds.sents[:len(doc)]
	clear(ds.sents)
	n := 0
	for _, words := range doc {
		n += len(words)
	}
	if cap(b.toks) < n {
		b.toks = make([]token, n) // one allocation for the whole document
	}
	toks := b.toks[:n]
	clear(toks)
	if b.stats == nil {
		b.stats = make(map[string]int32, n/2)
	}
	stats := b.stats
	clear(stats)
	st := b.st[:0]
	defer func() { b.st = st[:0] }()
	for si, words := range doc {
		s := &ds.sents[si]
		s.allCaps = sentenceAllCaps(words)
		s.toks, toks = toks[:len(words):len(words)], toks[len(words):]
		for i, w := range words {
			t := &s.toks[i]
			t.word = w
			t.lower = strings.ToLower(w)
			t.hWord = hashString(w)
			t.hLower = hashString(t.lower)
			t.hShape, t.hLong = shapeHashes(w)
			t.caps = capsClass(w)
			m.clusterOf(w, t.lower, &t.cluster)
			unreliable := s.allCaps || i == 0 || (i > 0 && isOpener(words[i-1]))
			if unreliable && t.caps != capNone && t.caps != capLower {
				t.docCase |= docUnreliable
			}
			k, ok := stats[t.lower]
			if !ok {
				k = int32(len(st))
				stats[t.lower] = k
				st = append(st, caseStats{})
			}
			c := &st[k]
			switch {
			case t.caps == capLower:
				c.lower++
			case t.caps != capNone && t.docCase&docUnreliable == 0:
				c.capped++
				if c.form == "" {
					c.form = w
				}
			}
		}
		m.gaz.match(s.toks)
	}
	for si := range ds.sents {
		for i := range ds.sents[si].toks {
			t := &ds.sents[si].toks[i]
			if t.caps == capNone {
				continue
			}
			c := &st[stats[t.lower]]
			if c.lower > 0 && t.caps != capLower {
				t.docCase |= docLowerSeen
			}
			if c.capped > 0 {
				t.docCase |= docCapSeen
			}
			if t.docCase&docUnreliable != 0 && c.form != "" {
				t.altWord = hashString(c.form)
				var cl [len(clusterPrefixes)]uint64
				m.clusterOf(c.form, t.lower, &cl)
				t.altCluster = cl[1]
			}
		}
	}
	return ds
}

// isOpener reports whether a token leaves the next word's capitalisation
// uninformative, like a sentence start does: quotes, colons, dashes,
// opening brackets.
func isOpener(w string) bool {
	switch w {
	case "\"", "``", "''", "'", ":", "-", "--", "(", "[", "“", "‘", "—", "–":
		return true
	}
	return false
}

// pass2 holds what the second pass knows from the first: the pass-one
// labels of every sentence, and per word what types it got in the
// document.
type pass2 struct {
	labels [][]uint8
	words  map[string]*wordTypes
	// ents marks, per sentence and token, the names pass one found
	// elsewhere in the document that cover the token here: bit 4*type+pos
	// (BILU). "Ali Yasin" tagged a person five times lends its weight to
	// "Ali Yasin Muhammad Karim" where pass one split the name.
	ents [][]uint32
}

// wordTypes counts the entity types a lower-cased word was given across a
// document in pass one, and remembers the first.
type wordTypes struct {
	count [numTypes + 1]int // index 0 is O, then 1+type
	first int               // 0 for O, else 1+type; of the first capitalised occurrence
	seen  bool
}

// newPass2 aggregates pass-one labels over a document.
func newPass2(ds *docState, labels [][]uint8) *pass2 {
	p := &pass2{labels: labels, words: map[string]*wordTypes{}}
	for si, s := range ds.sents {
		for i, t := range s.toks {
			if t.caps == capNone || t.caps == capLower {
				continue
			}
			wt := p.words[t.lower]
			if wt == nil {
				wt = &wordTypes{}
				p.words[t.lower] = wt
			}
			k := labelType(int(labels[si][i])) + 1
			wt.count[k]++
			if !wt.seen {
				wt.first, wt.seen = k, true
			}
		}
	}
	p.matchNames(ds)
	return p
}

// matchNames finds, in every sentence, the token sequences that pass one
// labelled as a name somewhere in the document, not counting the
// occurrence itself.
func (p *pass2) matchNames(ds *docState) {
	type name struct {
		count [numTypes]int
	}
	names := map[uint64]*name{}
	maxLen := 0
	for si, s := range ds.sents {
		for _, sp := range spansFromLabels(p.labels[si]) {
			if sp.End-sp.Start > 8 {
				continue
			}
			h := uint64(fnvOffset)
			for _, t := range s.toks[sp.Start:sp.End] {
				h = hashMore(h, t.lower)
			}
			n := names[h]
			if n == nil {
				n = &name{}
				names[h] = n
			}
			n.count[typeIndex(sp.Type)]++
			maxLen = max(maxLen, sp.End-sp.Start)
		}
	}
	if len(names) == 0 {
		return // no names: p.ents stays nil, and no token gets the feature
	}
	p.ents = make([][]uint32, len(ds.sents))
	for si, s := range ds.sents {
		marks := make([]uint32, len(s.toks))
		p.ents[si] = marks
		labels := p.labels[si]
		for i := range s.toks {
			if s.toks[i].caps == capNone || s.toks[i].caps == capLower {
				continue // names start with a capital
			}
			h := uint64(fnvOffset)
			for n := 1; n <= maxLen && i+n <= len(s.toks); n++ {
				h = hashMore(h, s.toks[i+n-1].lower)
				nm := names[h]
				if nm == nil {
					continue
				}
				for t := 0; t < numTypes; t++ {
					c := nm.count[t]
					if sameSpan(labels, i, i+n, t) {
						c-- // this occurrence itself
					}
					if c <= 0 {
						continue
					}
					if n == 1 {
						marks[i] |= 1 << (4*t + posU)
						continue
					}
					marks[i] |= 1 << (4*t + posB)
					for j := i + 1; j < i+n-1; j++ {
						marks[j] |= 1 << (4*t + posI)
					}
					marks[i+n-1] |= 1 << (4*t + posL)
				}
			}
		}
	}
}

// sameSpan reports whether labels hold exactly one entity of type t over
// tokens [i, j).
func sameSpan(labels []uint8, i, j, t int) bool {
	if j-i == 1 {
		return int(labels[i]) == label(t, posU)
	}
	if int(labels[i]) != label(t, posB) || int(labels[j-1]) != label(t, posL) {
		return false
	}
	for k := i + 1; k < j-1; k++ {
		if int(labels[k]) != label(t, posI) {
			return false
		}
	}
	return true
}

// extract appends the features of token i of sentence si to dst. p2 is nil
// in pass one. Pass two's features are pass one's followed by its own.
func (m *Model) extract(ds *docState, si, i int, p2 *pass2, dst []uint64) []uint64 {
	dst = m.extractBase(ds, si, i, dst)
	if p2 == nil {
		return dst
	}
	return extractPass2(ds, si, i, p2, dst)
}

// extractBase appends the features both passes use.
func (m *Model) extractBase(ds *docState, si, i int, dst []uint64) []uint64 {
	s := &ds.sents[si]
	toks := s.toks
	t := &toks[i]
	lowerAt := func(j int) uint64 {
		switch {
		case j < 0:
			return hStart
		case j >= len(toks):
			return hEnd
		}
		return toks[j].hLower
	}
	shapeAt := func(j int) uint64 {
		switch {
		case j < 0:
			return hStart
		case j >= len(toks):
			return hEnd
		}
		return toks[j].hShape
	}
	dst = append(dst,
		feat(tBias, 0),
		feat(tWord, t.hWord),
		feat(tLowerM2, lowerAt(i-2)),
		feat(tLowerM1, lowerAt(i-1)),
		feat(tLower0, t.hLower),
		feat(tLowerP1, lowerAt(i+1)),
		feat(tLowerP2, lowerAt(i+2)),
		feat(tShapeM2, shapeAt(i-2)),
		feat(tShapeM1, shapeAt(i-1)),
		feat(tShape0, t.hShape),
		feat(tShapeP1, shapeAt(i+1)),
		feat(tShapeP2, shapeAt(i+2)),
		feat(tLongShape, t.hLong),
		feat(tBigramL, pair(lowerAt(i-1), t.hLower)),
		feat(tBigramR, pair(t.hLower, lowerAt(i+1))),
		feat(tShapeL, pair(shapeAt(i-1), t.hShape)),
		feat(tShapeR, pair(t.hShape, shapeAt(i+1))),
		feat(tShapeLR, pair(pair(shapeAt(i-1), t.hShape), shapeAt(i+1))),
	)
	caps := int(t.caps)
	if i == 0 {
		caps += 8
	}
	if s.allCaps {
		caps += 16
	}
	dst = append(dst, feat(tCaps, small(caps)))
	if s.allCaps || i == 0 {
		dst = append(dst, feat(tWordCaps, pair(t.hLower, small(caps))))
	}
	// Affixes by bytes, not runes: a cut rune still hashes consistently.
	lw := t.lower
	for k := 1; k <= 4 && k <= len(lw); k++ {
		dst = append(dst, feat(tPrefix+k-1, hashString(lw[:k])), feat(tSuffix+k-1, hashString(lw[len(lw)-k:])))
	}
	// Word clusters of the token and its neighbours.
	for k := range clusterPrefixes {
		if t.cluster[k] != 0 {
			dst = append(dst, feat(tCluster0+k, t.cluster[k]))
		}
		if i > 0 && toks[i-1].cluster[k] != 0 {
			dst = append(dst, feat(tClusterM1+k, toks[i-1].cluster[k]))
		}
		if i+1 < len(toks) && toks[i+1].cluster[k] != 0 {
			dst = append(dst, feat(tClusterP1+k, toks[i+1].cluster[k]))
		}
	}
	// Gazetteers.
	for pos, mask := range t.gaz {
		for mask != 0 {
			c := bits.TrailingZeros32(mask)
			mask &^= 1 << c
			v := small(c*4 + pos)
			dst = append(dst, feat(tGaz, v), feat(tGazCaps, pair(v, small(int(t.caps)))))
		}
	}
	if i > 0 {
		dst = appendGazPresence(dst, tGazM1, &toks[i-1])
	}
	if i+1 < len(toks) {
		dst = appendGazPresence(dst, tGazP1, &toks[i+1])
	}
	// Document-level case evidence.
	if t.caps != capNone {
		dst = append(dst, feat(tDocCase, small(int(t.docCase)*8+int(t.caps))))
	}
	if t.altWord != 0 {
		dst = append(dst, feat(tAltWord, t.altWord))
		if t.altCluster != 0 {
			dst = append(dst, feat(tAltCluster, t.altCluster))
		}
	}
	return dst
}

// extractPass2 appends pass two's own features: what pass one said here
// and elsewhere in the document.
func extractPass2(ds *docState, si, i int, p2 *pass2, dst []uint64) []uint64 {
	t := &ds.sents[si].toks[i]
	labels := p2.labels[si]
	own := int(labels[i])
	labelAt := func(j int) int {
		switch {
		case j < 0:
			return numLabels
		case j >= len(labels):
			return numLabels + 1
		}
		return int(labels[j])
	}
	dst = append(dst,
		feat(tP1Own, small(own)),
		feat(tP1Around, pair(small(labelAt(i-1)), small(labelAt(i+1)))),
	)
	if wt := p2.words[t.lower]; wt != nil {
		ownType := labelType(own) + 1
		best, bestN := 0, 0
		for k, n := range wt.count {
			c := n
			if k == ownType && t.caps != capNone && t.caps != capLower {
				c-- // leave this occurrence out
			}
			if c <= 0 {
				continue
			}
			dst = append(dst, feat(tDocType, small(k)), feat(tDocOwnMix, pair(small(k), small(ownType))))
			if c > bestN {
				best, bestN = k, c
			}
		}
		if bestN > 0 {
			dst = append(dst, feat(tDocMajor, small(best)))
		}
		if wt.seen {
			dst = append(dst, feat(tDocFirst, small(wt.first)))
		}
	}
	if p2.ents != nil {
		marks := p2.ents[si][i]
		for marks != 0 {
			b := bits.TrailingZeros32(marks)
			marks &^= 1 << b
			dst = append(dst, feat(tDocEnt, small(b)), feat(tDocEntOwn, pair(small(b), small(own))))
		}
	}
	return dst
}

func appendGazPresence(dst []uint64, tmpl int, t *token) []uint64 {
	mask := t.gaz[0] | t.gaz[1] | t.gaz[2] | t.gaz[3]
	for mask != 0 {
		c := bits.TrailingZeros32(mask)
		mask &^= 1 << c
		dst = append(dst, feat(tmpl, small(c)))
	}
	return dst
}
