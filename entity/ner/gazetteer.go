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
	if g.names == nil {
		g.names = map[uint64]uint64{}
	}
	bit := uint64(1) << c
	if len(tokens) == 1 && utf8.RuneCountInString(tokens[0]) <= 3 {
		bit <<= 32
	}
	g.names[phraseHash(lower)] |= bit
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
			bits, ok := g.names[h]
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
