package entity

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/entity/gazetteer"
	"github.com/crosscheck/crosscheck/text"
)

// NER types as the model writes them.
const (
	nerNone = iota
	nerPER
	nerORG
	nerLOC
	nerMISC
)

func nerType(label string) int {
	if len(label) < 3 {
		return nerNone
	}
	switch label[2:] {
	case "PER":
		return nerPER
	case "ORG":
		return nerORG
	case "LOC":
		return nerLOC
	case "MISC":
		return nerMISC
	}
	return nerNone
}

// span is a run of tokens [from, to), indexes into doc.Tokens.
type span struct{ from, to int }

// gmatch is a gazetteer match: hits[off:off+n] of run.hits.
type gmatch struct {
	span
	off, n int
}

// source says where a mention came from.
const (
	fromModel = iota
	fromGazetteer
	fromForces
	fromDescription
	fromPronoun
)

// mention is one reference to an entity, before clustering.
type mention struct {
	span
	sent   int
	source int
	ner    int    // the model's type, or nerNone
	typ    string // document type
	kind   string // document mention kind
	// hits are the gazetteer entries the words may name (from run.hits).
	hitOff, hitN int
	entry        int32 // chosen gazetteer entry, or -1
	form         gazetteer.Form
	link         *document.Link
	// nested marks a demonym or country name inside a description or a
	// forces phrase, which is a mention of its own inside a larger one.
	nested bool
	// cluster is the entity the mention belongs to, or -1.
	cluster int
	gender  byte
	// prominent marks a person mention that is a subject or a speaker: a
	// pronoun looks for the nearest one.
	prominent bool
}

// run holds the state of one Annotate call.
type run struct {
	a     *Annotator
	doc   *document.Document
	words []string // token texts, indexed like doc.Tokens
	sents [][]string
	// sentOf maps a token to its sentence.
	sentOf []int32
	tags   [][]string
	spans  []nerSpan
	hits   []gazetteer.Hit
	gms    []gmatch
	forces []forcesMatch
	ments  []mention
	// owner maps a token to the mention covering it, or -1 (nested
	// mentions do not own their tokens).
	owner    []int32
	titles   []titleOcc
	clusters []cluster
	// bySent lists the mentions of each sentence.
	bySent [][]int32
	// countries mentioned by name, for choosing between places of one name.
	countries map[string]bool
	keybuf    []byte
}

type nerSpan struct {
	span
	typ int
}

func newRun(a *Annotator, doc *document.Document) *run {
	r := &run{a: a, doc: doc}
	n := len(doc.Tokens)
	r.words = make([]string, n)
	for i, t := range doc.Tokens {
		if !(document.Span{Start: t.Start, End: t.End}).Valid(len(doc.Text)) {
			return nil
		}
		r.words[i] = doc.Text[t.Start:t.End]
	}
	r.sentOf = make([]int32, n)
	for i := range r.sentOf {
		r.sentOf[i] = -1
	}
	r.sents = make([][]string, 0, len(doc.Sentences))
	for si, s := range doc.Sentences {
		if s.From < 0 || s.To > n || s.From > s.To {
			r.sents = append(r.sents, nil)
			continue
		}
		r.sents = append(r.sents, r.words[s.From:s.To])
		for i := s.From; i < s.To; i++ {
			r.sentOf[i] = int32(si)
		}
	}
	r.owner = make([]int32, n)
	for i := range r.owner {
		r.owner[i] = -1
	}
	r.hits = make([]gazetteer.Hit, 0, 64)
	r.countries = map[string]bool{}
	return r
}

// recognise runs the model and decodes its labels into spans.
func (r *run) recognise() {
	r.tags = r.a.tagger.Tag(r.sents)
	for si, s := range r.doc.Sentences {
		if si >= len(r.tags) || len(r.tags[si]) != len(r.sents[si]) {
			continue // a tagger that disagrees about a sentence is ignored there
		}
		cur := nerSpan{typ: nerNone}
		flush := func() {
			if cur.typ != nerNone {
				r.spans = append(r.spans, cur)
			}
			cur.typ = nerNone
		}
		for j, label := range r.tags[si] {
			t := nerType(label)
			i := s.From + j
			switch {
			case t == nerNone:
				flush()
			case label[0] == 'I' && cur.typ == t:
				cur.to = i + 1
			default:
				flush()
				cur = nerSpan{span: span{i, i + 1}, typ: t}
			}
		}
		flush()
	}
	r.mergeSplitNames()
	r.extendNames()
	r.headlineNames()
}

// headlineNames keeps, in a Title Case headline, only the model's spans
// that the rest of the document bears out: capitals there mark every
// word, and the model takes phrases for names ("How Mary Steenburgen",
// "Stadia Gaming Platform Are Here"). A span keeps its longest run of
// words that the body also has as a span ("Mary Steenburgen"), or the
// whole of it when the gazetteers know it; otherwise it goes.
func (r *run) headlineNames() {
	h := r.doc.Headline
	if h == nil || !h.Valid(len(r.doc.Text)) || !text.IsTitleCase(r.doc.Slice(*h)) {
		return
	}
	start := sort.Search(len(r.doc.Tokens), func(i int) bool { return r.doc.Tokens[i].Start >= h.Start })
	end := sort.Search(len(r.doc.Tokens), func(i int) bool { return r.doc.Tokens[i].Start >= h.End })
	body := map[string]bool{}
	for _, s := range r.spans {
		if s.from >= end {
			body[strings.Join(r.words[s.from:s.to], " ")] = true
		}
	}
	out := r.spans[:0]
	for _, s := range r.spans {
		if s.from < start || s.from >= end || r.known(s.span) {
			out = append(out, s)
			continue
		}
		if run, ok := longestIn(r.words, s.span, body); ok {
			s.span = run
			out = append(out, s)
		}
	}
	r.spans = out
}

// longestIn returns the longest run of words within s whose text is in
// set.
func longestIn(words []string, s span, set map[string]bool) (span, bool) {
	for n := s.to - s.from; n > 0; n-- {
		for from := s.from; from+n <= s.to; from++ {
			if set[strings.Join(words[from:from+n], " ")] {
				return span{from, from + n}, true
			}
		}
	}
	return span{}, false
}

// extendNames takes into a person span the capitalised word the model left
// just before it in mid-sentence ("Grace/O Wanjiru Mwangi/PER"): a
// title-case word that is not a title, honorific, weekday, month or name
// the gazetteers know.
func (r *run) extendNames() {
	for k := range r.spans {
		s := &r.spans[k]
		if s.typ != nerPER || s.from == 0 {
			continue
		}
		i := s.from - 1
		si := r.sentOf[i]
		if si != r.sentOf[s.from] || i == r.doc.Sentences[si].From {
			continue
		}
		if k > 0 && r.spans[k-1].to > i {
			continue
		}
		w := r.words[i]
		if !titleCaseWord(w) || calendarWords[lower(w)] || titleFirst[lower(w)] || titleModifiers[lower(w)] {
			continue
		}
		if _, ok := honorifics[lower(w)]; ok {
			continue
		}
		if r.known(span{i, i + 1}) {
			continue
		}
		// Not the end of a longer capitalised run ("Middle East Tobias
		// Ellwood"), which is something else's name.
		if i-1 > r.doc.Sentences[si].From && capitalised(r.words[i-1]) {
			continue
		}
		s.from = i
	}
}

// titleCaseWord reports a word of letters with only its first in capitals.
func titleCaseWord(w string) bool {
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// mergeSplitNames joins a person name the model split in two: two adjacent
// person spans, or a person span and an adjacent capitalised word of
// another type that the gazetteers do not know as a place, demonym or
// organisation ("Ali/MISC Yasin Muhammad Karim/PER").
func (r *run) mergeSplitNames() {
	out := r.spans[:0]
	for _, s := range r.spans {
		if n := len(out); n > 0 {
			p := &out[n-1]
			// Two person names with nothing between them are one name
			// ("Ali Yasin/B-PER I-PER Muhammad Karim/B-PER I-PER"): English
			// prose separates two people with a comma or a word.
			if p.to == s.from && r.sentOf[p.from] == r.sentOf[s.from] && p.typ == nerPER && s.typ == nerPER {
				p.to = s.to
				continue
			}
			if p.to == s.from && r.sentOf[p.from] == r.sentOf[s.from] && (p.typ == nerPER) != (s.typ == nerPER) {
				other := s.span
				if s.typ == nerPER {
					other = p.span
				}
				if other.to-other.from == 1 && capitalised(r.words[other.from]) && !r.known(other) {
					p.to, p.typ = s.to, nerPER
					continue
				}
			}
		}
		out = append(out, s)
	}
	r.spans = out
}

// known reports whether the gazetteers know the words of s as a name.
func (r *run) known(s span) bool {
	var buf [8]gazetteer.Hit
	return len(r.a.gaz.Lookup(buf[:0], r.words[s.from:s.to]...)) > 0
}

// match finds gazetteer names and forces phrases.
func (r *run) match() {
	g := r.a.gaz
	for _, s := range r.doc.Sentences {
		if s.From < 0 || s.To > len(r.words) {
			continue
		}
		ws := r.words[s.From:s.To]
		for j := 0; j < len(ws); {
			if !matchable(ws[j]) {
				j++
				continue
			}
			off := len(r.hits)
			var n int
			r.hits, n = g.Match(r.hits, ws, j)
			if n == 0 {
				j++
				continue
			}
			r.gms = append(r.gms, gmatch{span: span{s.From + j, s.From + j + n}, off: off, n: len(r.hits) - off})
			j += n
		}
	}
	r.matchForces()
}

// matchable reports whether a gazetteer name may start at word w: names
// start with a capital, or with an Arabic article ("al-Qaeda").
func matchable(w string) bool {
	if w == "" {
		return false
	}
	c := w[0]
	if 'A' <= c && c <= 'Z' {
		return true
	}
	if c >= utf8.RuneSelf {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	return len(w) > 2 && (w[0] == 'a' && w[1] == 'l' || w[0] == 'e' && w[1] == 'l') && (len(w) == 2 || w[2] == '-')
}

func capitalised(w string) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// allCapsSentence reports whether sentence si is written in capitals (a
// shouted headline), where "IS" may be the verb.
func (r *run) allCapsSentence(si int) bool {
	upper, lowerN := 0, 0
	for _, w := range r.sents[si] {
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case 'A' <= c && c <= 'Z':
				upper++
			case 'a' <= c && c <= 'z':
				lowerN++
			}
		}
	}
	return upper > 2*lowerN
}

// hitsOf returns the hits of a match.
func (r *run) hitsOf(off, n int) []gazetteer.Hit { return r.hits[off : off+n] }

// countryHit returns the country a match names (as a name or demonym), if
// any.
func (r *run) countryHit(gm *gmatch) (gazetteer.Hit, bool) {
	for _, h := range r.hitsOf(gm.off, gm.n) {
		if r.a.gaz.Entry(h.Entry).Kind == gazetteer.Country && h.Flags&gazetteer.LinkOnly == 0 {
			return h, true
		}
	}
	return gazetteer.Hit{}, false
}

// forcesMatch is "Iraqi security forces", "Pakistan military", "Iran's
// government": a state's body named by its country and a head noun.
type forcesMatch struct {
	span
	country      int32 // gazetteer entry of the country
	kind         forcesKind
	countryMatch int // index into r.gms
}

func (r *run) matchForces() {
	for gi := range r.gms {
		gm := &r.gms[gi]
		h, ok := r.countryHit(gm)
		if !ok || h.Form == gazetteer.FormPeople {
			continue
		}
		si := r.sentOf[gm.from]
		j := gm.to
		if j < len(r.words) && r.sentOf[j] == si && isPossessive(r.words[j]) {
			j++
		}
		n, kind := r.lookupPhrase(j, int(si), maxForcesWords, forcesFirst, func(k string) (forcesKind, bool) {
			v, ok := forcesHeads[k]
			return v, ok
		})
		if n == 0 {
			continue
		}
		r.forces = append(r.forces, forcesMatch{
			span: span{gm.from, j + n}, country: h.Entry, kind: kind, countryMatch: gi,
		})
	}
}

func isPossessive(w string) bool { return w == "'s" || w == "\u2019s" || w == "'" || w == "\u2019" }

// forcesFirst and titleFirst hold the first words of the phrase tables, so
// that most tokens cost one map lookup.
var forcesFirst, titleFirst = firstWords(keysOf(forcesHeads)), firstWords(keysOf(titles))

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func firstWords(phrases []string) map[string]bool {
	m := map[string]bool{}
	for _, p := range phrases {
		w := p
		for i := 0; i < len(p); i++ {
			if p[i] == ' ' {
				w = p[:i]
				break
			}
		}
		m[w] = true
	}
	return m
}

// lookupPhrase finds the longest phrase of up to max words starting at
// token j of sentence si whose lower-cased form get knows. It returns the
// number of tokens and the value.
func lookupPhrase[V any](r *run, j, si, max int, first map[string]bool, get func(string) (V, bool)) (int, V) {
	var zero V
	if j >= len(r.words) || int(r.sentOf[j]) != si {
		return 0, zero
	}
	r.keybuf = appendLower(r.keybuf[:0], r.words[j])
	if !first[string(r.keybuf)] {
		return 0, zero
	}
	bestN, best := 0, zero
	for k := 0; k < max && j+k < len(r.words) && int(r.sentOf[j+k]) == si; k++ {
		if k > 0 {
			r.keybuf = append(r.keybuf, ' ')
			r.keybuf = appendLower(r.keybuf, r.words[j+k])
		}
		if v, ok := get(string(r.keybuf)); ok {
			bestN, best = k+1, v
		}
	}
	return bestN, best
}

// lookupPhrase as a method, for readability at call sites.
func (r *run) lookupPhrase(j, si, max int, first map[string]bool, get func(string) (forcesKind, bool)) (int, forcesKind) {
	return lookupPhrase(r, j, si, max, first, get)
}

// appendLower appends w lower-cased, with a trailing period dropped
// ("Gen." -> "gen") and typographic apostrophes folded.
func appendLower(dst []byte, w string) []byte {
	if len(w) > 1 && w[len(w)-1] == '.' {
		w = w[:len(w)-1]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			dst = append(dst, c+'a'-'A')
		case c == 0xE2 && i+2 < len(w) && w[i+1] == 0x80 && (w[i+2] == 0x99 || w[i+2] == 0x98):
			dst = append(dst, '\'')
			i += 2
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// buildMentions merges model spans, gazetteer matches and forces phrases
// into mentions.
func (r *run) buildMentions() {
	// Forces phrases first: "Iraqi security forces" is one mention
	// whatever the model made of its words.
	for _, f := range r.forces {
		if r.free(f.span) {
			r.addForces(f)
		}
	}
	// Known names the model found, and the names it found that the
	// gazetteers do not know.
	typeVotes := r.typeVotes()
	personWords := r.personNameWords()
	for _, s := range r.spans {
		s = r.trimArticle(s)
		if r.titleOnly(s.span) || r.notAName(s.span) {
			continue
		}
		s = r.trimSpan(s)
		if s.from >= s.to || !r.free(s.span) {
			continue
		}
		// The document's majority type for the same words wins over one
		// odd label ("Mosul" tagged a person once and a place thrice).
		s.typ = r.consistentType(s, typeVotes, personWords)
		m := mention{span: s.span, ner: s.typ, source: fromModel, entry: -1, cluster: -1}
		// A known name that extends the span ("Islamic State" + "group")
		// or equals it gives its hits; a known name inside a longer span
		// does not.
		if gm := r.covering(s.span); gm != nil && r.strong(gm) {
			m.span = gm.span
			if !r.free(m.span) {
				continue
			}
			m.hitOff, m.hitN = gm.off, gm.n
		} else {
			off := len(r.hits)
			r.hits = r.a.gaz.Lookup(r.hits, r.words[s.from:s.to]...)
			m.hitOff, m.hitN = off, len(r.hits)-off
		}
		r.add(m)
	}
	r.addSurnames()
	// Known names the model missed.
	strongEntries := map[int32]bool{}
	for gi := range r.gms {
		for _, h := range r.hitsOf(r.gms[gi].off, r.gms[gi].n) {
			if h.Flags&(gazetteer.CommonWord|gazetteer.LinkOnly) == 0 {
				strongEntries[h.Entry] = true
			}
		}
	}
	for gi := range r.gms {
		gm := &r.gms[gi]
		if !r.free(gm.span) {
			continue
		}
		off, n, ok := r.acceptGazetteerOnly(gm, strongEntries)
		if !ok {
			continue
		}
		r.add(mention{span: gm.span, source: fromGazetteer, hitOff: off, hitN: n, entry: -1, cluster: -1})
	}
}

// consistentType returns the type a model span should have given the rest
// of the document, after Ratinov and Roth (2009): the majority type of the
// same words elsewhere wins over one odd label ("Mosul" tagged a person
// once and a place thrice); on a tie, a place or organisation the
// gazetteers know keeps that type; and a word of a person's full name
// named elsewhere ("According to Mwangi") is that person.
func (r *run) consistentType(s nerSpan, votes map[string][5]int, personWords map[string]bool) int {
	key := r.doc.Text[r.doc.Tokens[s.from].Start:r.doc.Tokens[s.to-1].End]
	v := votes[key]
	best, tie := s.typ, false
	for t := nerPER; t <= nerMISC; t++ {
		switch {
		case t == best:
		case v[t] > v[best]:
			best, tie = t, false
		case v[t] == v[best]:
			tie = true
		}
	}
	gazType := r.gazetteerType(s.span)
	if tie && gazType != nerNone && v[gazType] == v[best] {
		best = gazType
	}
	// A lone demonym is no one's name ("Qatari officials").
	if best == nerPER && gazType == nerMISC && s.to-s.from == 1 {
		best = nerMISC
	}
	if best != nerPER && gazType == nerNone && s.to-s.from <= 2 {
		all := true
		for i := s.from; i < s.to; i++ {
			all = all && personWords[r.words[i]]
		}
		if all {
			best = nerPER
		}
	}
	return best
}

// gazetteerType returns the model type of what the gazetteers know the
// words of s as: LOC for a place, ORG for an organisation, MISC for a
// demonym; nerNone when unknown.
func (r *run) gazetteerType(s span) int {
	var buf [8]gazetteer.Hit
	for _, h := range r.a.gaz.Lookup(buf[:0], r.words[s.from:s.to]...) {
		if h.Flags&gazetteer.LinkOnly != 0 {
			continue
		}
		switch r.a.gaz.Entry(h.Entry).Kind {
		case gazetteer.Country:
			if h.Form != gazetteer.FormName {
				return nerMISC
			}
			return nerLOC
		case gazetteer.City, gazetteer.Region:
			return nerLOC
		case gazetteer.Org:
			return nerORG
		}
	}
	return nerNone
}

// personNameWords returns the words of the model's person names of two or
// more words.
func (r *run) personNameWords() map[string]bool {
	m := map[string]bool{}
	for _, s := range r.spans {
		if s.typ != nerPER || s.to-s.from < 2 {
			continue
		}
		for i := s.from; i < s.to; i++ {
			if capitalised(r.words[i]) {
				m[r.words[i]] = true
			}
		}
	}
	return m
}

// addSurnames marks the surname of a person named in full elsewhere in
// the document where the model missed it ("Sudani spoke", after "Mohammed
// Shia al-Sudani"): a capitalised word, not a known place or group, that is
// the last word of a person name of two or more words.
func (r *run) addSurnames() {
	surnames := map[string]bool{}
	for _, m := range r.ments {
		if m.typ == "" && m.ner == nerPER && m.to-m.from >= 2 {
			surnames[nameKey(lower(r.words[m.to-1]))] = true
		}
	}
	if len(surnames) == 0 {
		return
	}
	for i, w := range r.words {
		if r.owner[i] >= 0 || !capitalised(w) || r.sentOf[i] < 0 || !surnames[nameKey(lower(w))] {
			continue
		}
		if r.known(span{i, i + 1}) {
			continue
		}
		// Not part of a longer capitalised run the model chose to leave
		// out ("Sudani Street").
		if i+1 < len(r.words) && r.sentOf[i+1] == r.sentOf[i] && capitalised(r.words[i+1]) && r.owner[i+1] < 0 {
			continue
		}
		r.add(mention{span: span{i, i + 1}, source: fromModel, ner: nerPER, entry: -1, cluster: -1})
	}
}

// typeVotes counts the model's types for each surface form.
func (r *run) typeVotes() map[string][5]int {
	votes := make(map[string][5]int, len(r.spans))
	for _, s := range r.spans {
		key := r.doc.Text[r.doc.Tokens[s.from].Start:r.doc.Tokens[s.to-1].End]
		v := votes[key]
		v[s.typ]++
		votes[key] = v
	}
	return votes
}

// trimSpan cuts leading titles and trailing possessives off a model span:
// "Ambassador Ali Yasin" is a title and a name. A leading honorific stays
// ("Mr Karim"), and one just before the span is taken in.
// trimArticle cuts a leading article off a model span: names do not
// include it ("the Islamic State of Iraq and the Levant").
func (r *run) trimArticle(s nerSpan) nerSpan {
	for s.to-s.from > 1 && (determiners[lower(r.words[s.from])] || lower(r.words[s.from]) == "a" || lower(r.words[s.from]) == "an") {
		s.from++
	}
	return s
}

func (r *run) trimSpan(s nerSpan) nerSpan {
	si := int(r.sentOf[s.from])
	if s.typ == nerPER {
		// A person span holding a title followed by a name keeps the name:
		// "Ambassador Ali Yasin", "FCO Minister Tobias Ellwood".
		for i := s.from; i < s.to; i++ {
			n, _ := lookupPhrase(r, i, si, maxTitleWords, titleFirst, getTitle)
			if n > 0 && i+n < s.to && capitalised(r.words[i+n]) && r.words[i+n] != "Of" {
				s.from = i + n
				i += n - 1
			}
		}
		if s.from > 0 && int(r.sentOf[s.from-1]) == si && r.owner[s.from-1] < 0 {
			if _, ok := honorifics[lower(r.words[s.from-1])]; ok && capitalised(r.words[s.from-1]) {
				s.from--
			}
		}
	}
	for s.to > s.from && (isPossessive(r.words[s.to-1]) || r.words[s.to-1] == "," || r.words[s.to-1] == ".") {
		s.to--
	}
	return s
}

func getTitle(k string) (titleInfo, bool) {
	v, ok := titles[k]
	return v, ok
}

// titleOnly reports whether a model span is a title with at most a
// country before it ("Envoy", "Iraqi Envoy", "Foreign Minister"): a
// description, not a name.
func (r *run) titleOnly(s span) bool {
	si := int(r.sentOf[s.from])
	// Names do not end with a title: "Foreign Office Minister" is one,
	// whatever words come before.
	if s.to-s.from > 1 {
		for i := s.from + 1; i < s.to; i++ {
			if n, _ := lookupPhrase(r, i, si, maxTitleWords, titleFirst, getTitle); n > 0 && i+n == s.to {
				all := true
				for k := s.from; k < i; k++ {
					all = all && capitalised(r.words[k])
				}
				if all {
					return true
				}
			}
		}
	}
	j := s.from
	// A country or known organisation may come first: "Iraqi Envoy", "UN
	// Secretary-General".
	if gm := r.gmStarting(j); gm != nil && gm.to < s.to && r.strong(gm) {
		j = gm.to
		if j < s.to && isPossessive(r.words[j]) {
			j++
		}
	}
	for j < s.to && (titleModifiers[lower(r.words[j])] || titleRanks[lower(r.words[j])]) {
		j++
	}
	n, _ := lookupPhrase(r, j, si, maxTitleWords, titleFirst, getTitle)
	if n == 0 {
		return false
	}
	j += n
	if j == s.to {
		return true
	}
	// "Ambassador of Iran", "Minister for the Middle East": a title and
	// what it is held for, in capitals like a name.
	if w := r.words[j]; w != "of" && w != "for" {
		return false
	}
	j++
	if j < s.to && lower(r.words[j]) == "the" {
		j++
	}
	if gm := r.gmStarting(j); gm != nil && gm.to == s.to && r.strong(gm) {
		return true
	}
	for ; j < s.to; j++ {
		if w := r.words[j]; !capitalised(w) && w != "of" && w != "and" && w != "the" && w != "for" {
			return false
		}
	}
	return true
}

// notAName reports a model span that is a lone pronoun or function word
// ("He", "The"), which a model trained on capitalisation sometimes tags at
// the start of a sentence.
func (r *run) notAName(s span) bool {
	if s.to-s.from != 1 {
		return false
	}
	w := lower(r.words[s.from])
	_, pron := pronounGender[w]
	return pron || determiners[w] || acronymBefore[w] || w == "it" || w == "they" || w == "we" || w == "i"
}

// gmStarting returns the gazetteer match starting at token j, or nil.
func (r *run) gmStarting(j int) *gmatch {
	for i := range r.gms {
		if r.gms[i].from == j {
			return &r.gms[i]
		}
		if r.gms[i].from > j {
			break
		}
	}
	return nil
}

// covering returns the gazetteer match that covers s, equal or larger, or
// nil.
func (r *run) covering(s span) *gmatch {
	for i := range r.gms {
		gm := &r.gms[i]
		if gm.from > s.from {
			break
		}
		if gm.from <= s.from && s.to <= gm.to {
			return gm
		}
	}
	return nil
}

// strong reports whether a match has a hit that is not link-only.
func (r *run) strong(gm *gmatch) bool {
	for _, h := range r.hitsOf(gm.off, gm.n) {
		if h.Flags&gazetteer.LinkOnly == 0 {
			return true
		}
	}
	return false
}

// free reports whether no mention owns a token of s.
func (r *run) free(s span) bool {
	for i := s.from; i < s.to; i++ {
		if r.owner[i] >= 0 {
			return false
		}
	}
	return true
}

func (r *run) add(m mention) int {
	m.sent = int(r.sentOf[m.from])
	idx := len(r.ments)
	r.ments = append(r.ments, m)
	if r.bySent == nil {
		r.bySent = make([][]int32, len(r.doc.Sentences))
	}
	if m.sent >= 0 {
		r.bySent[m.sent] = append(r.bySent[m.sent], int32(idx))
	}
	if !m.nested {
		for i := m.from; i < m.to; i++ {
			r.owner[i] = int32(idx)
		}
	}
	return idx
}

func (r *run) addForces(f forcesMatch) {
	c := r.a.gaz.Entry(f.country)
	link := &document.Link{
		Kind:    f.kind.linkKind,
		Code:    c.ID + "-" + f.kind.code,
		Name:    f.kind.name + c.Name,
		Country: c.ID,
	}
	r.add(mention{span: f.span, source: fromForces, typ: document.Org, kind: document.MentionName,
		entry: -1, link: link, cluster: -1})
	// The country word inside is a mention of the country too.
	gm := &r.gms[f.countryMatch]
	r.add(mention{span: gm.span, source: fromGazetteer, hitOff: gm.off, hitN: gm.n, entry: -1,
		cluster: -1, nested: true})
}

// acceptGazetteerOnly decides whether a known name the model did not mark
// is a mention, and returns the hits that may apply.
func (r *run) acceptGazetteerOnly(gm *gmatch, strongEntries map[int32]bool) (off, n int, ok bool) {
	si := int(r.sentOf[gm.from])
	sent := r.doc.Sentences[si]
	off = len(r.hits)
	for _, h := range r.hitsOf(gm.off, gm.n) {
		if h.Flags&gazetteer.LinkOnly != 0 {
			continue
		}
		e := r.a.gaz.Entry(h.Entry)
		switch e.Kind {
		case gazetteer.Country:
		case gazetteer.Org:
			if h.Flags&gazetteer.CommonWord != 0 && !r.acronymFits(gm, si, h.Entry, strongEntries) {
				continue
			}
		case gazetteer.City, gazetteer.Region:
			// A place the model missed is taken after a locative
			// ("in Karachi"), or when it is a large city not at the start
			// of a sentence; never inside a longer capitalised name
			// ("U.S. Central Command").
			loc := gm.from > sent.From && locatives[lower(r.words[gm.from-1])]
			big := e.Kind == gazetteer.City && e.Population >= 1_000_000 && gm.from > sent.From
			if !loc && !big || r.insideCapitalised(gm.span, sent) {
				continue
			}
		}
		r.hits = append(r.hits, h)
	}
	n = len(r.hits) - off
	return off, n, n > 0
}

// insideCapitalised reports whether a match has a capitalised word right
// before or after it in its sentence (not the sentence's first word).
func (r *run) insideCapitalised(s span, sent document.Sentence) bool {
	if s.from-1 > sent.From && capitalised(r.words[s.from-1]) {
		return true
	}
	return s.to < sent.To && capitalised(r.words[s.to])
}

// acronymFits reports whether an acronym that is also an English word
// ("IS") names its organisation here: not in a sentence in capitals, and
// either the organisation is named by another alias in the document or
// the words around fit a name ("against IS", "IS fighters").
func (r *run) acronymFits(gm *gmatch, si int, entry int32, strongEntries map[int32]bool) bool {
	if r.allCapsSentence(si) {
		return false
	}
	if strongEntries[entry] {
		return true
	}
	sent := r.doc.Sentences[si]
	if gm.from > sent.From && acronymBefore[lower(r.words[gm.from-1])] {
		return true
	}
	if gm.to < sent.To && acronymAfter[lower(r.words[gm.to])] {
		return true
	}
	return false
}

// link chooses each mention's entry, type and link.
func (r *run) link() {
	// Countries first: the countries a document names help choose between
	// places of one name.
	for i := range r.ments {
		m := &r.ments[i]
		if m.link != nil {
			continue
		}
		if h, ok := r.pick(m, true); ok {
			r.setEntry(m, h)
		}
	}
	for i := range r.ments {
		m := &r.ments[i]
		if m.link != nil || m.entry >= 0 {
			continue
		}
		if h, ok := r.pick(m, false); ok {
			r.setEntry(m, h)
		}
	}
	for i := range r.ments {
		r.setType(&r.ments[i])
	}
}

// pick chooses the entry a mention names, given its model type. With
// countriesOnly it only picks countries.
func (r *run) pick(m *mention, countriesOnly bool) (gazetteer.Hit, bool) {
	g := r.a.gaz
	hits := r.hitsOf(m.hitOff, m.hitN)
	if len(hits) == 0 || m.ner == nerPER {
		return gazetteer.Hit{}, false
	}
	best, bestScore := -1, math.Inf(-1)
	for i, h := range hits {
		e := g.Entry(h.Entry)
		if countriesOnly && e.Kind != gazetteer.Country {
			continue
		}
		score := 0.0
		switch e.Kind {
		case gazetteer.Country:
			// A country's own name beats a city or group of that name.
			score = 100
			if h.Form != gazetteer.FormName && m.ner == nerLOC {
				score = 50
			}
		case gazetteer.City, gazetteer.Region:
			// The gazetteer overrules the model's type only with a name it
			// holds firmly.
			if m.ner == nerORG && h.Flags&gazetteer.LinkOnly != 0 {
				continue
			}
			pop := float64(e.Population)
			if e.Kind == gazetteer.Region {
				// Regions carry no population: rank them as a middling
				// city, so that "Washington" is the capital, not the state.
				pop = 300_000
			}
			score = math.Log10(pop + 10)
			if r.countries[e.Country] {
				score += 1.5
			}
			if r.qualifiedBy(m, e.Country) {
				score += 10
			}
		case gazetteer.Org:
			score = 20
			if m.ner == nerLOC {
				if h.Flags&gazetteer.LinkOnly != 0 {
					continue
				}
				score = 2 // below any place of the name
			}
		}
		if h.Flags&gazetteer.LinkOnly != 0 {
			score -= 5
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return gazetteer.Hit{}, false
	}
	return hits[best], true
}

// qualifiedBy reports whether a place mention is followed by ", X" where
// X names its country or a region of it ("Paris, Texas").
func (r *run) qualifiedBy(m *mention, country string) bool {
	j := m.to
	if j+1 >= len(r.words) || r.sentOf[j+1] != r.sentOf[m.from] || r.words[j] != "," {
		return false
	}
	gm := r.gmStarting(j + 1)
	if gm == nil {
		return false
	}
	for _, h := range r.hitsOf(gm.off, gm.n) {
		e := r.a.gaz.Entry(h.Entry)
		if e.ID == country || (e.Kind == gazetteer.Region && e.Country == country) {
			return true
		}
	}
	return false
}

func (r *run) setEntry(m *mention, h gazetteer.Hit) {
	e := r.a.gaz.Entry(h.Entry)
	m.entry, m.form = h.Entry, h.Form
	switch e.Kind {
	case gazetteer.Country:
		m.link = &document.Link{Kind: document.LinkCountry, Code: e.ID, Name: e.Name, Country: e.ID}
		if h.Form == gazetteer.FormName {
			r.countries[e.ID] = true
		}
	case gazetteer.City:
		m.link = &document.Link{Kind: document.LinkCity, Code: e.ID, Name: e.Name, Country: e.Country}
	case gazetteer.Region:
		m.link = &document.Link{Kind: document.LinkRegion, Code: e.ID, Name: e.Name, Country: e.Country}
	case gazetteer.Org:
		m.link = &document.Link{Kind: document.LinkOrg, Code: e.ID, Name: e.Name, Country: e.Country}
		// A state's body in the table ("Kremlin", RUS-GOV) links like
		// the same body named by a phrase ("Russian government").
		if k, ok := bodyKinds[bodySuffix(e.ID)]; ok && e.Country != "" {
			m.link = &document.Link{Kind: k.linkKind, Code: e.ID, Name: k.name + r.countryName(e.Country), Country: e.Country}
		}
	}
}

// bodySuffix returns "MIL" for "ISR-MIL", the kind of a state body's id,
// or "".
func bodySuffix(id string) string {
	if len(id) == 7 && id[3] == '-' {
		return id[4:]
	}
	return ""
}

// bodyKinds maps the suffix of a state body's id to its kind.
var bodyKinds = map[string]forcesKind{
	forcesMil.code: forcesMil, forcesCop.code: forcesCop, forcesSpy.code: forcesSpy,
	forcesGov.code: forcesGov, forcesLeg.code: forcesLeg, forcesDip.code: forcesDip,
}

// countryName returns the gazetteer name of a country code.
func (r *run) countryName(code string) string {
	if e, ok := r.a.gaz.ByID(code); ok {
		return e.Name
	}
	return code
}

// setType gives a mention its document type and mention kind.
func (r *run) setType(m *mention) {
	if m.typ != "" {
		return
	}
	m.kind = document.MentionName
	if m.entry >= 0 {
		e := r.a.gaz.Entry(m.entry)
		switch {
		case e.Kind == gazetteer.Org:
			m.typ = document.Org
		case e.Kind == gazetteer.Country && m.form != gazetteer.FormName:
			m.typ = document.GPE
			m.kind = document.MentionDemonym
		default:
			m.typ = document.GPE
		}
		return
	}
	switch m.ner {
	case nerPER:
		m.typ = document.Person
	case nerORG:
		m.typ = document.Org
	case nerLOC:
		m.typ = document.Location
	default:
		m.typ = document.Misc
		if norpWords[lower(r.words[m.to-1])] || norpWords[lower(r.words[m.from])] {
			m.typ = document.NORP
		}
	}
}
