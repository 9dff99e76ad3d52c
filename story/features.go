package story

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/document"
)

// SigSize is the number of MinHash values in a signature.
const SigSize = 64

// NoDay marks an article whose publication date is unknown.
const NoDay = math.MinInt32

// maxTerms bounds the distinct terms kept per article, so that a very long
// article costs no more than a long one.
const maxTerms = 256

// shingleLen is the number of words in a shingle: four words are rarely
// shared by chance, yet a rewrite that changes one word in five still
// keeps some of its shingles.
const shingleLen = 4

// Term kinds, kept in the low three bits of a term's hash so that a term
// is one uint32.
const (
	kindWord   = 0 // a content word, stemmed
	kindName   = 1 // a capitalised word: a name or part of one
	kindNumber = 2 // a number, normalised
	kindLink   = 3 // an entity linked to a gazetteer entry
	kindEvent  = 4 // an event or fact key from the claim stage
	kindMask   = 7
)

// Term is one feature of an article and how often it occurs.
type Term struct {
	// Hash identifies the term; its low three bits are the kind.
	Hash uint32
	TF   uint16
}

func (t Term) kind() uint32 { return t.Hash & kindMask }

// Features is the compact summary of an article that grouping needs: its
// date, a MinHash signature of its word shingles, and its terms.
type Features struct {
	// Day is the publication date in days since 1970-01-01, or NoDay.
	Day int32
	// Sig is a one-permutation MinHash signature of the article's
	// 4-word shingles; the share of equal values estimates the Jaccard
	// similarity of two articles' shingle sets.
	Sig [SigSize]uint32
	// Terms are the distinct terms sorted by Hash.
	Terms []Term
}

// Extractor computes Features. It reuses its buffers between calls, so one
// Extractor must not be used by two goroutines at once; the zero value is
// ready to use.
type Extractor struct {
	toks   []tok
	counts *table
	hashes []uint64
	names  *table
	terms  []uint64
}

// Extract summarises doc. It uses the entities, events and facts the
// analysis stages found when there are any, and works from the text alone
// (capitalised names, numbers, content words) when there are none.
func (x *Extractor) Extract(doc *document.Document) Features {
	f := Features{Day: ParseDay(doc.Meta.Published)}
	if x.counts == nil {
		x.counts = newTable(1024)
		x.names = newTable(256)
	}
	x.counts.clear()
	x.names.clear()
	x.toks = scan(doc.Text, x.toks[:0])
	toks := x.toks

	// A sentence's first word is a name only when the article also
	// capitalises it elsewhere.
	for i := range toks {
		if t := &toks[i]; t.cap && !t.first {
			x.names.set(fold(t.h), 1)
		}
	}
	headEnd := int32(-1)
	if doc.Headline != nil {
		headEnd = int32(doc.Headline.End)
	}
	for i := range toks {
		t := &toks[i]
		n := uint16(1)
		if t.end <= headEnd {
			n = 3 // the headline names the event
		}
		x.addTok(t, n)
	}
	if doc.Headline == nil && doc.Meta.Title != "" && !strings.HasPrefix(doc.Text, doc.Meta.Title) {
		for _, t := range scan(doc.Meta.Title, nil) {
			x.addTok(&t, 3)
		}
	}
	x.addAnalysis(doc)

	// Terms packed as uint64s sort fast without a comparison function:
	// by count (inverted, most frequent first) to cut to maxTerms, then by
	// hash.
	x.terms = x.terms[:0]
	x.counts.each(func(h, c uint32) {
		x.terms = append(x.terms, uint64(math.MaxUint16-min(c, math.MaxUint16))<<32|uint64(h))
	})
	if len(x.terms) > maxTerms {
		slices.Sort(x.terms)
		x.terms = x.terms[:maxTerms]
	}
	for i, v := range x.terms {
		x.terms[i] = uint64(uint32(v))<<16 | uint64(math.MaxUint16-uint16(v>>32))
	}
	slices.Sort(x.terms)
	f.Terms = make([]Term, len(x.terms))
	for i, v := range x.terms {
		f.Terms[i] = Term{Hash: uint32(v >> 16), TF: uint16(v)}
	}

	x.hashes = x.hashes[:0]
	for i := range toks {
		x.hashes = append(x.hashes, toks[i].h)
	}
	f.Sig = minhash(x.hashes)
	return f
}

func cmpU32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (x *Extractor) add(kind uint32, s string, n uint16) {
	x.addHash(termHash(kind, hash64(s)), n)
}

func (x *Extractor) addHash(h uint32, n uint16) {
	x.counts.add(h, uint32(n))
}

func (x *Extractor) addTok(t *tok, n uint16) {
	switch {
	case t.num:
		x.addHash(termHash(kindNumber, t.h), n)
	case t.cap && (!t.first || x.names.get(fold(t.h)) != 0) && (!isStop(t.h) || isAcronym(t)):
		x.addHash(termHash(kindName, t.h), n)
	case len(t.norm) >= 3 && !isStop(t.h):
		h := t.h
		if s := stem(t.norm); len(s) != len(t.norm) {
			h = hash64(s)
		}
		x.addHash(termHash(kindWord, h), n)
	}
}

// isAcronym reports whether t was written in capitals ("IS", "US"): then it
// is a name even when its lower-case form is a function word.
func isAcronym(t *tok) bool { return t.acro }

// addAnalysis adds what the analysis stages found: linked entities,
// entity names, events and facts.
func (x *Extractor) addAnalysis(doc *document.Document) {
	keys := make(map[document.EntityID]string, len(doc.Entities))
	for i := range doc.Entities {
		e := &doc.Entities[i]
		n := uint16(max(1, min(len(e.Mentions), 5)))
		if e.Link != nil && e.Link.Code != "" {
			k := e.Link.Kind + ":" + e.Link.Code
			x.add(kindLink, k, n)
			keys[e.ID] = k
		} else {
			keys[e.ID] = strings.ToLower(e.Name)
		}
		if e.Link == nil {
			for _, t := range scan(e.Name, nil) {
				if !t.num && !stop[t.norm] {
					x.add(kindName, t.norm, 1)
				}
			}
		}
	}
	argKey := func(a *document.Arg) string {
		switch {
		case a == nil:
			return ""
		case a.Code != "":
			return a.Code
		case a.Entity != "" && keys[a.Entity] != "":
			return keys[a.Entity]
		}
		w := strings.Fields(strings.ToLower(a.Text))
		if len(w) == 0 {
			return ""
		}
		return w[len(w)-1]
	}
	for i := range doc.Claims {
		ev := doc.Claims[i].Event
		if ev == nil || ev.Action == "" {
			continue
		}
		// Who did something to whom, not the verb: versions word the
		// action differently ("retook", "recaptured"), and the verb is
		// among the content words anyway. A key that rarely matches
		// across versions would only dilute the content similarity.
		actor, target := argKey(ev.Actor), argKey(ev.Target)
		if actor == "" && target == "" {
			continue
		}
		x.add(kindEvent, "E:"+ev.CAMEO+"|"+actor+"|"+target, 1)
	}
	for i := range doc.Facts {
		fa := &doc.Facts[i]
		x.add(kindEvent, "F:"+fa.Attribute+"|"+keys[fa.Entity]+"|"+fa.Scope, 1)
	}
}

// termHash makes a term from the 64-bit FNV-1a hash of its text, with the
// kind in the low three bits. FNV-1a is stable across processes and
// versions, which a persisted index needs (hash/maphash is seeded per
// process).
func termHash(kind uint32, h uint64) uint32 {
	t := uint32(mix64(h^uint64(kind)*0x9e3779b97f4a7c15))&^kindMask | kind
	if t == 0 {
		t = 1 << 31 // 0 marks an empty slot in the tables
	}
	return t
}

func hash64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// minhash computes a one-permutation MinHash signature (Li, Owen and
// Zhang 2012) of the shingles of the word hashes w: each shingle's hash
// picks a bin and the bin keeps its smallest value; empty bins borrow from
// the next non-empty one, rotated (Shrivastava and Li 2014). One hash per
// shingle instead of SigSize makes it about SigSize times cheaper than
// classic MinHash at the same accuracy for articles of a few hundred words.
func minhash(w []uint64) [SigSize]uint32 {
	var sig [SigSize]uint32
	const empty = math.MaxUint32
	for i := range sig {
		sig[i] = empty
	}
	n := len(w) - shingleLen + 1
	if n < 1 {
		// Too short for a shingle: the whole text is one.
		n = 0
		var h uint64
		for _, x := range w {
			h = bits.RotateLeft64(h, 13) ^ x
		}
		if len(w) > 0 {
			s := mix64(h)
			sig[s%SigSize] = uint32(s >> 32)
		}
	}
	for i := range n {
		h := w[i] ^ bits.RotateLeft64(w[i+1], 17) ^ bits.RotateLeft64(w[i+2], 31) ^ bits.RotateLeft64(w[i+3], 47)
		s := mix64(h)
		b := s % SigSize
		if v := uint32(s >> 32); v < sig[b] {
			sig[b] = v
		}
	}
	orig := sig
	for i := range sig {
		if orig[i] != empty {
			continue
		}
		for d := 1; d < SigSize; d++ {
			if v := orig[(i+d)%SigSize]; v != empty {
				sig[i] = uint32(mix64(uint64(v)<<8 | uint64(d)))
				break
			}
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of two articles' shingle
// sets from their signatures. Two empty signatures are not similar.
func Similarity(a, b *[SigSize]uint32) float64 {
	eq := 0
	for i := range a {
		if a[i] == b[i] && a[i] != math.MaxUint32 {
			eq++
		}
	}
	return float64(eq) / SigSize
}

// ParseDay turns a YYYY-MM-DD date (or a longer ISO 8601 timestamp) into
// days since 1970-01-01, or NoDay.
func ParseDay(s string) int32 {
	if len(s) < 10 {
		return NoDay
	}
	t, err := time.Parse(time.DateOnly, s[:10])
	if err != nil {
		return NoDay
	}
	return int32(t.Unix() / 86400)
}

// Features encoding, version 2 (version 1 hashed terms differently):
//
//	byte     version (2)
//	varint   day (zig-zag; NoDay for unknown)
//	64×u32   signature, little-endian
//	uvarint  number of terms
//	per term: u32 hash little-endian, uvarint tf
const encodingVersion = 2

// Encode appends the binary form of f to b.
func (f *Features) Encode(b []byte) []byte {
	b = append(b, encodingVersion)
	b = binary.AppendVarint(b, int64(f.Day))
	for _, v := range f.Sig {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(f.Terms)))
	for _, t := range f.Terms {
		b = binary.LittleEndian.AppendUint32(b, t.Hash)
		b = binary.AppendUvarint(b, uint64(t.TF))
	}
	return b
}

var errCorrupt = errors.New("corrupt story features")

// DecodeFeatures parses what Encode wrote.
func DecodeFeatures(b []byte) (Features, error) {
	var f Features
	if len(b) == 0 || b[0] != encodingVersion {
		return f, fmt.Errorf("%w: unknown version", errCorrupt)
	}
	b = b[1:]
	day, n := binary.Varint(b)
	if n <= 0 || day < math.MinInt32 || day > math.MaxInt32 {
		return f, fmt.Errorf("%w: bad day", errCorrupt)
	}
	f.Day = int32(day)
	b = b[n:]
	if len(b) < 4*SigSize {
		return f, fmt.Errorf("%w: short signature", errCorrupt)
	}
	for i := range f.Sig {
		f.Sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	b = b[4*SigSize:]
	nt, n := binary.Uvarint(b)
	if n <= 0 || nt > maxTerms || nt > uint64(len(b)) {
		return f, fmt.Errorf("%w: bad term count", errCorrupt)
	}
	b = b[n:]
	f.Terms = make([]Term, 0, nt)
	for range nt {
		if len(b) < 5 {
			return f, fmt.Errorf("%w: short term", errCorrupt)
		}
		h := binary.LittleEndian.Uint32(b)
		tf, n := binary.Uvarint(b[4:])
		if n <= 0 || tf > math.MaxUint16 {
			return f, fmt.Errorf("%w: bad term count", errCorrupt)
		}
		if len(f.Terms) > 0 && f.Terms[len(f.Terms)-1].Hash >= h {
			return f, fmt.Errorf("%w: terms out of order", errCorrupt)
		}
		f.Terms = append(f.Terms, Term{Hash: h, TF: uint16(tf)})
		b = b[4+n:]
	}
	if len(b) != 0 {
		return f, fmt.Errorf("%w: trailing bytes", errCorrupt)
	}
	return f, nil
}
