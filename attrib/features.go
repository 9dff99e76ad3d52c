package attrib

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
)

// Tags of the sequence tagger: BIO over the three roles of an attribution.
const (
	tagO = iota
	tagBSource
	tagISource
	tagBCue
	tagICue
	tagBContent
	tagIContent
	nTags
)

var tagNames = [nTags]string{"O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content"}

// allowed reports whether tag b may follow tag a (a = -1 at the start):
// an I- tag continues a span of its own role.
func allowed(a, b int) bool {
	switch b {
	case tagISource:
		return a == tagBSource || a == tagISource
	case tagICue:
		return a == tagBCue || a == tagICue
	case tagIContent:
		return a == tagBContent || a == tagIContent
	}
	return true
}

// Feature templates. Each feature is a 64-bit hash of its template and its
// values, so extracting one costs no allocation and the model needs no
// string table; the rare collision between two features is harmless
// noise to a perceptron.
const (
	fBias = iota + 1
	fW0
	fWm1
	fWp1
	fWm2 // unused since dropping the ±2 word window (dev F1 rose a little
	fWp2 // without it); these four stay so that the numbers of the
	fWm1W0
	fW0Wp1
	fWm2Wm1 // templates after them, and so the model's hashes, stay put
	fWp1Wp2
	fShape0
	fShapeM1P1
	fSuffix
	fLemma
	fCueClass0
	fCueClassM1
	fCueClassP1
	fQuote
	fQuoteMark
	fQuoteW0
	fSentPos
	fSentEnd
	fCueLeft
	fCueRight
	fCueLeftLemma
	fCueRightLemma
	fCueBoth
	fQuoteCueLeft
	fQuoteCueRight
	fCap
	fRoleClass
	fFirstWordLemma
	fParaPos
	fCueLeftW0
	fCueRightW0
	fPrevPunct
	fColonLeft
	fLemmaM1
	fLemmaP1
	fCueLeftQuoteOpen
	fCommaCue
	fCueLexLeft
	fCueLexRight
	fLemmaCueDist
	fLemmaNextClass
	fLemmaPrevClass
	fCueClassCtx
	fCueClassQuote
	fCtx3
	fCtxLeft2
	fCtxRight2
	fQuoteAround
	fWN
	fWNMask
	fWNCtx
	nTemplates
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func mix(h, x uint64) uint64 {
	h ^= x
	h *= fnvPrime
	h ^= h >> 29
	return h
}

// templateSeeds[t] is the hash feat starts from for template t.
var templateSeeds = func() (s [256]uint64) {
	for t := range s {
		s[t] = mix(fnvOffset, uint64(t))
	}
	return s
}()

func feat(t int, vals ...uint64) uint64 {
	h := templateSeeds[t&255]
	for _, v := range vals {
		h = mix(h, v)
	}
	if h == 0 {
		h = 1 // 0 marks an empty slot in the weight table
	}
	return h
}

// sentPos places a token in its sentence: its position, how many tokens
// follow it, and the sentence's index in the paragraph.
type sentPos struct{ pos, rem, index int }

// tokenInfo is what the features need to know about one token.
type tokenInfo struct {
	lower    string
	lemma    string
	hLower   uint64
	hLemma   uint64
	shape    uint64
	cueClass uint64 // 0 none; 1-4 learned cue likelihood; 8 built-in reporting verb
	quote    uint64 // 0 outside quotes, 1 inside, 2 opening mark, 3 closing mark
	cap      bool
	punct    bool
	role     uint64 // pronoun / determiner / "according" classes
	ctx      uint64 // ctxClass
	wn       wnInfo
}

// ctxClass puts a token in one of a dozen classes that say what may
// follow or precede a cue: a pronoun, a name, "that", a quotation mark, a
// comma, a colon, "to", a full stop, a determiner, another word.
func ctxClass(lower string, quote uint8, capital bool) uint64 {
	switch lower {
	case "he", "she", "they", "i", "we", "you", "it":
		return 1
	case "that":
		return 3
	case ",":
		return 6
	case ":":
		return 7
	case "to":
		return 8
	case ".", "!", "?":
		return 9
	case "the", "a", "an", "his", "her", "their", "its":
		return 10
	}
	switch {
	case quote == 2:
		return 4
	case quote == 3:
		return 5
	case capital:
		return 2
	}
	return 11
}

// fillInfo sets the word, lemma, their hashes, the cue class and the
// WordNet classes of each token in sc.info, and returns it.
func (m *Model) fillInfo(sc *scratch, text string, toks []document.Token) []tokenInfo {
	info := grown(&sc.info, len(toks))
	// The tokens' lower-cased forms are cut from one string built for
	// the unit: one allocation, not one for every capitalised word.
	buf := sc.lowerBuf[:0]
	ends := grown(&sc.lowerEnd, len(toks))
	for i, t := range toks {
		w := text[t.Start:t.End]
		if isASCII(w) {
			for k := 0; k < len(w); k++ {
				c := w[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
		} else {
			buf = append(buf, lowerASCII(w)...)
		}
		ends[i] = len(buf)
	}
	sc.lowerBuf = buf
	all := string(buf)
	var touch uint32
	for i := range toks {
		ti := &info[i]
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		ti.lower = all[start:ends[i]]
		ti.lemma = lemma(ti.lower)
		ti.hLemma = hashString(fnvOffset, ti.lemma)
		// Load the lexicon slots of all tokens before reading any:
		// their cache misses overlap (see joint.score).
		touch += m.lex.touch(ti.hLemma)
	}
	sc.touched = touch // keeps the loads above
	for i := range info {
		ti := &info[i]
		ti.hLower = hashString(fnvOffset, ti.lower)
		lx := m.lex.get(ti.hLemma)
		ti.cueClass = uint64(lx.cue)
		ti.wn = lx.wn
	}
	return info
}

// unitFeatures computes the feature hashes of one paragraph's tokens:
// out[i] holds the features of token i. sent[i] places token i in its
// sentence.
//
// The slices come from sc and are overwritten by the next call with the
// same sc; a nil sc allocates fresh ones (training keeps every unit's).
func (m *Model) unitFeatures(sc *scratch, text string, toks []document.Token, quoteState []uint8, sent []sentPos) [][]uint64 {
	if sc == nil {
		sc = &scratch{}
	}
	n := len(toks)
	info := m.fillInfo(sc, text, toks)
	for i, t := range toks {
		w := text[t.Start:t.End]
		ti := &info[i]
		ti.shape = shapeHash(w)
		ti.quote = uint64(quoteState[i])
		r, _ := utf8.DecodeRuneInString(w)
		ti.cap = unicode.IsUpper(r)
		ti.punct = isPunct(r)
		ti.role = roleClass(ti.lower)
		ti.ctx = ctxClass(ti.lower, quoteState[i], ti.cap)
	}
	// Nearest cue candidates on each side.
	cueL := grown(&sc.cueL, n)
	cueR := grown(&sc.cueR, n)
	last := -1
	for i := 0; i < n; i++ {
		cueL[i] = last
		if info[i].cueClass >= 3 {
			last = i
		}
	}
	last = -1
	for i := n - 1; i >= 0; i-- {
		cueR[i] = last
		if info[i].cueClass >= 3 {
			last = i
		}
	}
	// Nearest closing quotation mark to the left and opening mark to the
	// right, within the sentence: the frames "” X said" and "X said, “".
	qL := grown(&sc.qL, n)
	qR := grown(&sc.qR, n)
	last = -1
	for i := 0; i < n; i++ {
		if sent[i].pos == 0 {
			last = -1
		}
		qL[i] = last
		if quoteState[i] == 3 {
			last = i
		}
	}
	last = -1
	for i := n - 1; i >= 0; i-- {
		qR[i] = last
		if quoteState[i] == 2 {
			last = i
		}
		if sent[i].pos == 0 {
			last = -1
		}
	}
	// Any colon to the left ("He said: ...").
	colon := -1
	out := grown(&sc.feats, n)
	get := func(i int) *tokenInfo {
		if i < 0 || i >= n {
			return nil
		}
		return &info[i]
	}
	const none = 0x9e3779b97f4a7c15
	hl := func(i int) uint64 {
		if t := get(i); t != nil {
			return t.hLower
		}
		if i < 0 {
			return none
		}
		return none + 1
	}
	// One backing array for all tokens' features: no allocation per
	// token (a token has fewer than featCap features).
	const featCap = 60
	flat := grown(&sc.flat, n*featCap)
	for i := 0; i < n; i++ {
		f := flat[i*featCap : i*featCap : (i+1)*featCap]
		t := &info[i]
		f = append(f,
			feat(fBias),
			feat(fW0, t.hLower),
			feat(fWm1, hl(i-1)),
			feat(fWp1, hl(i+1)),
			feat(fWm1W0, hl(i-1), t.hLower),
			feat(fW0Wp1, t.hLower, hl(i+1)),
			feat(fShape0, t.shape),
			feat(fSuffix, hashString(fnvOffset, suffix(t.lower, 3))),
			feat(fLemma, t.hLemma),
			feat(fCueClass0, t.cueClass),
			feat(fQuote, t.quote),
			feat(fQuoteW0, t.quote, t.hLower),
			feat(fRoleClass, t.role, t.quote),
		)
		var sm1, sp1 uint64 = 99, 99
		if p := get(i - 1); p != nil {
			sm1 = p.shape
			f = append(f, feat(fCueClassM1, p.cueClass), feat(fLemmaM1, p.hLemma, t.hLemma))
			if p.punct {
				f = append(f, feat(fPrevPunct, p.hLower, t.cueClass))
			}
		}
		if p := get(i + 1); p != nil {
			sp1 = p.shape
			f = append(f, feat(fCueClassP1, p.cueClass), feat(fLemmaP1, t.hLemma, p.hLemma))
		}
		f = append(f, feat(fShapeM1P1, sm1, t.shape, sp1))
		{
			c := func(k int) uint64 {
				if p := get(k); p != nil {
					return p.ctx
				}
				return 0
			}
			f = append(f,
				feat(fCtx3, c(i-1), t.ctx, c(i+1)),
				feat(fCtxLeft2, c(i-2), c(i-1), t.cueClass),
				feat(fCtxRight2, t.cueClass, c(i+1), c(i+2)),
			)
			var dq1, dq2 uint64
			if qL[i] >= 0 {
				dq1 = distBucket(i - qL[i])
			}
			if qR[i] >= 0 {
				dq2 = distBucket(qR[i] - i)
			}
			if dq1 != 0 || dq2 != 0 {
				f = append(f, feat(fQuoteAround, dq1, dq2, t.quote, t.cueClass))
			}
		}
		if t.cueClass > 0 {
			var cp, cn uint64
			if p := get(i - 1); p != nil {
				cp = p.ctx
			}
			if p := get(i + 1); p != nil {
				cn = p.ctx
			}
			f = append(f,
				feat(fLemmaNextClass, t.hLemma, cn),
				feat(fLemmaPrevClass, t.hLemma, cp),
				feat(fCueClassCtx, t.cueClass, cp, cn),
				feat(fCueClassQuote, t.cueClass, t.quote),
			)
		}
		if t.wn != (wnInfo{}) {
			var cp, cn uint64
			if p := get(i - 1); p != nil {
				cp = p.ctx
			}
			if p := get(i + 1); p != nil {
				cn = p.ctx
			}
			f = append(f, feat(fWN, uint64(t.wn.verb), uint64(t.wn.noun)), feat(fWNMask, uint64(t.wn.mask), t.cueClass))
			if t.wn.mask != 0 {
				f = append(f, feat(fWNCtx, uint64(t.wn.mask), cp, cn))
			}
		}
		if t.cap {
			f = append(f, feat(fCap, boolHash(sent[i].pos == 0), t.quote))
		}
		// Position in the sentence.
		sp := sent[i]
		pos := uint64(min(sp.pos, 6))
		rem := uint64(min(sp.rem, 4))
		f = append(f, feat(fSentPos, pos, rem), feat(fParaPos, uint64(min(sp.index, 3)), pos))
		if sp.rem == 1 && info[i+1].punct {
			f = append(f, feat(fSentEnd, info[i+1].hLower, t.quote))
		}
		if sp.pos == 0 {
			f = append(f, feat(fFirstWordLemma, t.hLemma, uint64(min(sp.index, 1))))
		}
		// Distance to the nearest cue candidates.
		dl, dr := uint64(0), uint64(0)
		if c := cueL[i]; c >= 0 {
			dl = distBucket(i - c)
			f = append(f,
				feat(fCueLeft, dl, info[c].cueClass),
				feat(fCueLeftLemma, info[c].hLemma, dl),
				feat(fCueLeftW0, info[c].hLemma, t.hLower),
				feat(fQuoteCueLeft, t.quote, dl),
			)
			if c+1 < n && (info[c+1].quote == 2 || info[c+1].lower == ":" || info[c+1].lower == ",") {
				f = append(f, feat(fCueLeftQuoteOpen, info[c+1].hLower, dl, t.quote))
			}
		}
		if c := cueR[i]; c >= 0 {
			dr = distBucket(c - i)
			f = append(f,
				feat(fCueRight, dr, info[c].cueClass),
				feat(fCueRightLemma, info[c].hLemma, dr),
				feat(fCueRightW0, info[c].hLemma, t.hLower),
				feat(fQuoteCueRight, t.quote, dr),
			)
			if c > 0 && (info[c-1].lower == "," || info[c-1].quote == 3) {
				f = append(f, feat(fCommaCue, dr, t.quote))
			}
		}
		f = append(f, feat(fCueBoth, dl, dr, t.quote))
		if t.cueClass > 0 {
			f = append(f, feat(fLemmaCueDist, t.hLemma, dl, dr))
		}
		if colon >= 0 {
			f = append(f, feat(fColonLeft, distBucket(i-colon), t.quote))
		}
		if t.lower == ":" {
			colon = i
		}
		out[i] = f
	}
	return out
}

func boolHash(b bool) uint64 {
	if b {
		return 1
	}
	return 2
}

func distBucket(d int) uint64 {
	switch {
	case d <= 3:
		return uint64(d)
	case d <= 6:
		return 4
	case d <= 10:
		return 5
	case d <= 20:
		return 6
	}
	return 7
}

// lowerASCII lower-cases s, allocating only when s has an upper-case
// letter.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// lemma strips the commonest inflections, enough to make "says", "said",
// "saying" and "say" share their cue features ("said" is irregular and
// kept as it is; the learned features sort it out).
func lemma(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ed"):
		if strings.HasSuffix(w, "eed") {
			return w
		}
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		return w[:n-1]
	}
	return w
}

func suffix(w string, k int) string {
	if len(w) <= k {
		return w
	}
	return w[len(w)-k:]
}

// shapeHash summarises a token's form: case pattern, digits, and which
// punctuation mark it is.
func shapeHash(w string) uint64 {
	var upper, lower, digit, other bool
	first := true
	var firstUpper bool
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper = true
			if first {
				firstUpper = true
			}
		case unicode.IsLower(r):
			lower = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
		first = false
	}
	switch {
	case !upper && !lower && !digit:
		return hashString(17, w) // punctuation: the mark itself
	case digit:
		return 1
	case firstUpper && lower:
		return 2
	case upper && !lower:
		if utf8.RuneCountInString(w) == 1 {
			return 3
		}
		return 4
	case lower && !upper && !other:
		return 5
	}
	return 6
}

// roleClass groups words that tend to open a source: personal pronouns,
// determiners, and "according".
func roleClass(w string) uint64 {
	switch w {
	case "he", "she", "they", "i", "we", "you", "it":
		return 1
	case "his", "her", "their", "its", "our", "my":
		return 2
	case "the", "a", "an":
		return 3
	case "who", "which", "that":
		return 4
	case "according":
		return 5
	case "to":
		return 6
	case ",", ":":
		return 7
	case "officials", "sources", "spokesman", "spokeswoman", "spokesperson", "aides", "aide", "officers", "official":
		return 8
	}
	return 0
}

// quoteStates marks each token of a paragraph as outside quotes (0),
// inside (1), an opening mark (2) or a closing mark (3). Curly quotes say
// which way they face; straight ones alternate; a single ’ closes only
// when a single ‘ is open, so apostrophes stay apostrophes.
func quoteStates(text string, toks []document.Token, out []uint8) []uint8 {
	out = out[:0]
	openDouble, openSingle := false, false
	for i, t := range toks {
		w := text[t.Start:t.End]
		var s uint8
		switch w {
		case "“", "«":
			openDouble = true
			s = 2
		case "”", "»":
			switch {
			case openDouble:
				openDouble = false
				s = 3
			case i == 0:
				// A paragraph opening with a closing mark is a quotation
				// typed with the wrong mark (“ and ” confused by the
				// writer or a converter): nothing is open for it to
				// close.
				openDouble = true
				s = 2
			default:
				s = 3
			}
		case "\"", "``", "''":
			if openDouble {
				openDouble = false
				s = 3
			} else {
				openDouble = true
				s = 2
			}
		case "‘":
			openSingle = true
			s = 2
		case "'":
			if openSingle {
				openSingle = false
				s = 3
			} else if i+1 < len(toks) && toks[i+1].Start == t.End && (i == 0 || toks[i-1].End < t.Start) {
				openSingle = true
				s = 2
			}
		case "’":
			if openSingle {
				openSingle = false
				s = 3
			}
		default:
			if openDouble || openSingle {
				s = 1
			}
		}
		if s == 0 && (openDouble || openSingle) {
			s = 1
		}
		out = append(out, s)
	}
	return out
}

// scratch holds the buffers of one Quotes call, reused from paragraph to
// paragraph so that tagging an article allocates a few times, not a few
// times per token.
type scratch struct {
	info                []tokenInfo
	cueL, cueR, qL, qR  []int
	sent, sCueL, sCueR  []int
	cFrom, cTo, cHead   []int
	hasSource, hasCont  []uint64
	feats, sfeats       [][]uint64
	flat, sflat         []uint64
	emit1, emit2, extra []float32
	junk                []float32
	back                []int8
	tags                []int
	touched             uint32
	lowerBuf            []byte
	lowerEnd            []int
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// grown returns (*buf)[:n], reallocating *buf when it is too short. The
// contents are whatever the last use left.
func grown[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n, n+n/4)
	}
	*buf = (*buf)[:n]
	return *buf
}
