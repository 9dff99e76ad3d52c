package ner

import (
	"strings"
	"unicode/utf8"
)

// gazetteer holds lists of names by category (countries, cities,
// organisations, ...) as hashes of their lower-cased token sequences.
// Matching is case-blind; the model learns from the token's own
// capitalisation how far to trust a match (the city of "Police" in Poland
// should not make every police officer a place).
//
// Short acronyms are the exception: a one-token name of up to three
// letters ("IS", "UN", "PKK") matches only a token in capitals, or every
// "is" would be an armed group. Such entries set their category bit in the
// upper half of the mask.
type gazetteer struct {
	categories []string
	names      map[uint64]uint64 // phrase hash → category bits (upper half: capitals only)
	maxLen     int
	// filter has a bit set for every phrase hash in names (by filterBit),
	// so that most phrases that are not names are turned away without a
	// lookup in the map: matching tries up to maxLen phrases at every
	// token, nearly all of them no name, and the map is megabytes, a
	// cache miss each. A bit says "maybe", a clear bit "certainly not", so
	// matching finds exactly what the map alone would.
	filter []uint64
}

// filterBits is log2 of the filter's size in bits: 4 Mbit (512 KB) for
// about 170,000 names lets through about 4% of the phrases that are not
// names.
const filterBits = 22

// filterBit returns the filter bit of phrase hash h.
func filterBit(h uint64) uint64 { return (h * golden) >> (64 - filterBits) }

// put sets the category bits of phrase hash h, keeping the filter.
func (g *gazetteer) put(h, mask uint64) {
	if g.names == nil {
		g.names = map[uint64]uint64{}
	}
	if g.filter == nil {
		g.filter = make([]uint64, 1<<filterBits/64)
	}
	g.names[h] = mask
	b := filterBit(h)
	g.filter[b/64] |= 1 << (b % 64)
}

// lookup returns the category bits of phrase hash h.
func (g *gazetteer) lookup(h uint64) (uint64, bool) {
	if b := filterBit(h); g.filter[b/64]&(1<<(b%64)) == 0 {
		return 0, false
	}
	bits, ok := g.names[h]
	return bits, ok
}

// phraseHash hashes lower-cased tokens as one phrase.
func phraseHash(lower []string) uint64 {
	h := uint64(fnvOffset)
	for _, w := range lower {
		h = hashMore(h, w)
	}
	return h
}

// add enters a phrase (already tokenised) under category c.
func (g *gazetteer) add(tokens []string, c int) {
	if len(tokens) == 0 || c >= 32 {
		return
	}
	lower := make([]string, len(tokens))
	for i, t := range tokens {
		lower[i] = strings.ToLower(t)
	}
	bit := uint64(1) << c
	if len(tokens) == 1 && utf8.RuneCountInString(tokens[0]) <= 3 {
		bit <<= 32
	}
	h := phraseHash(lower)
	g.put(h, g.names[h]|bit)
	if len(tokens) > g.maxLen {
		g.maxLen = len(tokens)
	}
}

// match marks every token of a sentence with the categories of the names
// that cover it, by position in the name.
func (g *gazetteer) match(toks []token) {
	if g == nil || len(g.names) == 0 {
		return
	}
	for i := range toks {
		h := uint64(fnvOffset)
		for n := 1; n <= g.maxLen && i+n <= len(toks); n++ {
			last := &toks[i+n-1]
			if last.caps == capNone && n == 1 && len(last.word) == 1 {
				break // a lone punctuation mark is never a name
			}
			h = hashMore(h, last.lower)
			bits, ok := g.lookup(h)
			if !ok {
				continue
			}
			mask := uint32(bits)
			if n == 1 && last.caps == capUpper {
				mask |= uint32(bits >> 32)
			}
			if mask == 0 {
				continue
			}
			if n == 1 {
				toks[i].gaz[posU] |= mask
				continue
			}
			toks[i].gaz[posB] |= mask
			for j := i + 1; j < i+n-1; j++ {
				toks[j].gaz[posI] |= mask
			}
			toks[i+n-1].gaz[posL] |= mask
		}
	}
}
