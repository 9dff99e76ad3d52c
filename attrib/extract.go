package attrib

import (
	"sort"
	"strings"

	"github.com/crosscheck/crosscheck/document"
)

// chunk is one tagged span: a role over tokens [from, to) of the layout.
type chunk struct {
	role     Role
	from, to int // token indexes into layout.tokens
	para     int
	sent     int // sentence index (into layout.sentences) of the first token
	// margin, for a cue the tagger found, is how much its tags outscored
	// the best other tag, per token (0 for a cue a rule found).
	margin float32
}

// cueMargin returns the mean, over tokens [i, j), of the score of the
// token's tag less the best score of a tag outside the cue.
func cueMargin(emit []float32, tags []int, i, j int) float32 {
	var sum float32
	for k := i; k < j; k++ {
		e := emit[k*nTags : k*nTags+nTags]
		other := e[tagO]
		for t, v := range e {
			if t != tagBCue && t != tagICue {
				other = max(other, v)
			}
		}
		sum += e[tags[k]] - other
	}
	return sum / float32(j-i)
}

// relation is one attribution before speaker resolution.
type relation struct {
	cue     chunk
	source  *chunk
	content []chunk
	para    int
	// rule is set on relations the rules found, not the tagger.
	rule bool
}

// extract tags every paragraph and groups the tagged spans into
// relations.
func (m *Model) extract(text string, l layout) []relation {
	var chunks []chunk
	sc, _ := m.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer m.scratch.Put(sc)
	for pi, u := range l.units {
		base := u.base
		tags, emit := m.tag(sc, text, u)
		for k := range tags {
			e := emit[k*nTags : k*nTags+nTags]
			other := e[tagO]
			for t, v := range e {
				if t != tagBCue && t != tagICue {
					other = max(other, v)
				}
			}
			l.cueScore[base+k] = max(e[tagBCue], e[tagICue]) - other
		}
		for i := 0; i < len(tags); {
			t := tags[i]
			if t == tagO {
				i++
				continue
			}
			role := RoleContent
			switch t {
			case tagBSource, tagISource:
				role = RoleSource
			case tagBCue, tagICue:
				role = RoleCue
			}
			j := i + 1
			for j < len(tags) && isInside(tags[j], role) {
				j++
			}
			c := chunk{role: role, from: base + i, to: base + j, para: pi}
			if role == RoleCue {
				c.margin = cueMargin(emit, tags, i, j)
			}
			chunks = append(chunks, c)
			i = j
		}
	}
	setSentences(l, chunks)
	chunks = dropQuotedCues(text, l, chunks)
	return group(text, l, chunks)
}

// isInside reports whether tag t continues a span of role r.
func isInside(t int, r Role) bool {
	switch r {
	case RoleSource:
		return t == tagISource
	case RoleCue:
		return t == tagICue
	}
	return t == tagIContent
}

func setSentences(l layout, chunks []chunk) {
	si := 0
	for i := range chunks {
		for si < len(l.sentences) && l.sentences[si].To <= chunks[i].from {
			si++
		}
		chunks[i].sent = si
	}
}

// group ties sources and contents to cues. Each cue anchors a relation.
// A source joins the nearest cue of its sentence; a content joins the
// nearest cue of its paragraph, preferring its own sentence. A content
// with no cue in its paragraph continues the previous paragraph's last
// relation when that one's content ran to the paragraph's end (a quote
// spanning paragraphs); otherwise it is dropped, as is a cue without
// content.
func group(text string, l layout, chunks []chunk) []relation {
	var rels []relation
	cueIdx := map[int]int{} // chunk index -> relation index
	for i, c := range chunks {
		if c.role == RoleCue {
			cueIdx[i] = len(rels)
			rels = append(rels, relation{cue: c, para: c.para})
		}
	}
	// The cues of each unit, so that finding the nearest one costs the
	// unit's cues, not the document's.
	cuesOf := map[int][]int{}
	for i, c := range chunks {
		if c.role == RoleCue {
			cuesOf[c.para] = append(cuesOf[c.para], i)
		}
	}
	nearest := func(i int, sameSentence bool) int {
		c := chunks[i]
		best, bestD := -1, 1<<30
		for _, j := range cuesOf[c.para] {
			d := chunks[j]
			if sameSentence && d.sent != c.sent {
				continue
			}
			dist := d.from - c.to
			if dist < 0 {
				dist = c.from - d.to
			}
			if dist < bestD {
				best, bestD = j, dist
			}
		}
		return best
	}
	// The relation holding the last content chunk of each unit so far,
	// for quotes that continue into the next paragraph.
	lastIn := map[int]int{}
	lastEnd := map[int]int{}
	addContent := func(ri int, c chunk) {
		rels[ri].content = append(rels[ri].content, c)
		if c.to > lastEnd[c.para] {
			lastIn[c.para], lastEnd[c.para] = ri, c.to
		}
	}
	for i, c := range chunks {
		switch c.role {
		case RoleSource:
			j := nearest(i, true)
			if j < 0 {
				j = nearest(i, false)
			}
			if j < 0 {
				continue
			}
			r := &rels[cueIdx[j]]
			if r.source == nil {
				cc := c
				r.source = &cc
			}
		case RoleContent:
			j := nearest(i, true)
			if j < 0 && startsStatement(text, l, c) {
				// Another sentence's cue takes a content that is a
				// statement of its own (a quotation, or a whole sentence:
				// "A. B, he said"), not a fragment left in mid-sentence.
				j = nearest(i, false)
			}
			if j >= 0 {
				addContent(cueIdx[j], c)
				continue
			}
			// A continuation: attach to the relation whose content ran
			// to the end of the previous paragraph.
			if ri, ok := lastIn[c.para-1]; ok && firstTokenOfPara(l, c) {
				prev := rels[ri].content[len(rels[ri].content)-1]
				if prev.para == c.para-1 && lastTokenOfPara(l, prev) {
					addContent(ri, c)
				}
			}
		}
	}
	out := rels[:0]
	for _, r := range rels {
		if len(r.content) == 0 {
			c, ok := fallbackContent(text, l, r)
			if !ok {
				continue
			}
			r.content = []chunk{c}
		}
		sort.Slice(r.content, func(a, b int) bool { return r.content[a].from < r.content[b].from })
		r.content = dropTrailing(text, l, r)
		r.content = trimPunct(text, l, r.content)
		if len(r.content) == 0 {
			continue
		}
		cutSourceAtComma(text, l, &r)
		if r.source == nil {
			r.source = adjacentSource(text, l, r)
		}
		out = append(out, r)
	}
	return out
}

func lastTokenOfPara(l layout, c chunk) bool {
	if c.to >= len(l.tokens) {
		return true
	}
	u := l.units[c.para]
	end := u.base + len(u.toks)
	return c.to >= end || c.to+1 >= end
}

func firstTokenOfPara(l layout, c chunk) bool {
	return c.from == l.units[c.para].base
}

// spanOf returns the byte span of tokens [from, to).
func spanOf(l layout, from, to int) document.Span {
	return document.Span{Start: l.tokens[from].Start, End: l.tokens[to-1].End}
}

// isQuoteMark reports whether w is a quotation mark.
func isQuoteMark(w string) bool {
	switch w {
	case "\"", "“", "”", "‘", "’", "'", "«", "»", "``", "''":
		return true
	}
	return false
}

// direct reports whether a content is a direct quote: it starts with a
// quotation mark, or quotation marks enclose most of it.
func direct(text string, l layout, cs []chunk) bool {
	if len(cs) == 0 {
		return false
	}
	first := text[l.tokens[cs[0].from].Start:l.tokens[cs[0].from].End]
	if isQuoteMark(first) && first != "’" {
		return true
	}
	// "…," he said: content ends with a closing mark and opened one that
	// holds at least half of it (not "the use of “We.”").
	last := cs[len(cs)-1]
	lw := text[l.tokens[last.to-1].Start:l.tokens[last.to-1].End]
	if lw != "”" && lw != "\"" {
		return false
	}
	start, end := l.tokens[cs[0].from].Start, l.tokens[last.to-1].End
	open := strings.LastIndexAny(text[start:l.tokens[last.to-1].Start], "“\"")
	return open >= 0 && 2*(end-start-open) >= end-start
}

// fallbackContent finds the content of a cue the tagger gave none: the
// rest of the cue's sentence after the cue (and a source after it, as in
// "said Ali Yasin"), or else the sentence before the source and cue
// ("..., he said."). It reports false when neither leaves two tokens.
func fallbackContent(text string, l layout, r relation) (chunk, bool) {
	si := r.cue.sent
	if si >= len(l.sentences) {
		return chunk{}, false
	}
	s := l.sentences[si]
	word := func(i int) string { return text[l.tokens[i].Start:l.tokens[i].End] }
	end := s.To
	for end > s.From && (word(end-1) == "." || word(end-1) == "!" || word(end-1) == "?") {
		end--
	}
	after := r.cue.to
	if r.source != nil && r.source.from >= r.cue.to && r.source.from-r.cue.to <= 1 {
		after = r.source.to
	}
	for after < end && (word(after) == "," || word(after) == ":") {
		after++
	}
	if end-after >= 2 {
		return chunk{role: RoleContent, from: after, to: end, para: r.cue.para, sent: si}, true
	}
	before := r.cue.from
	if r.source != nil && r.source.to <= r.cue.from && r.cue.from-r.source.to <= 1 {
		before = r.source.from
	}
	for before > s.From && word(before-1) == "," {
		before--
	}
	if before-s.From >= 2 {
		return chunk{role: RoleContent, from: s.From, to: before, para: r.cue.para, sent: si}, true
	}
	return chunk{}, false
}

// dropTrailing removes from r.content the parts after the cue that do
// not open a quotation when the content before the cue is a direct quote
// ("“…,” she said of the election": "the election" is not part of what
// she said; "“…,” she said, “…”" keeps its second part).
func dropTrailing(text string, l layout, r relation) []chunk {
	word := func(i int) string { return text[l.tokens[i].Start:l.tokens[i].End] }
	quotedBefore := false
	for _, c := range r.content {
		if c.to <= r.cue.from && isQuoteMark(word(c.to-1)) {
			quotedBefore = true
		}
	}
	if !quotedBefore {
		return r.content
	}
	kept := r.content[:0]
	for _, c := range r.content {
		if c.from >= r.cue.to && !isQuoteMark(word(c.from)) {
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

// minQuoteForCue is the length, in tokens, from which a quotation is a
// quoted statement rather than a quoted phrase.
const minQuoteForCue = 8

// dropQuotedCues removes the cues (and sources) found inside a long
// quotation: the quotation is what someone said, and the tagger's cues
// inside it are mostly the speaker's own verbs ("“… I have serious
// concerns about the quality …,” he said": "have serious concerns
// about" is part of his words). The
// quotation's content chunks then join the cue outside it.
func dropQuotedCues(text string, l layout, chunks []chunk) []chunk {
	if len(chunks) == 0 {
		return chunks
	}
	inLong := make([]bool, len(l.tokens))
	for _, u := range l.units {
		k := u.base
		for i := 0; i < len(u.quote); i++ {
			if u.quote[i] != 2 {
				continue
			}
			j := i + 1
			for j < len(u.quote) && u.quote[j] == 1 {
				j++
			}
			if j-i-1 >= minQuoteForCue {
				for x := i + 1; x < j; x++ {
					inLong[k+x] = true
				}
			}
			i = j
		}
	}
	out := chunks[:0]
	for _, c := range chunks {
		if c.role != RoleContent && inLong[c.from] && inLong[c.to-1] {
			continue
		}
		out = append(out, c)
	}
	return out
}

// cutSourceAtComma ends a source that follows its cue at its first
// comma: "According to the ministry, 300 soldiers were wounded" has the
// source "the ministry", and what follows the comma is content.
func cutSourceAtComma(text string, l layout, r *relation) {
	s := r.source
	if s == nil || s.from != r.cue.to || len(r.content) == 0 || r.content[0].from != s.to {
		return
	}
	for i := s.from; i < s.to; i++ {
		if text[l.tokens[i].Start:l.tokens[i].End] != "," || i == s.from {
			continue
		}
		end := s.to
		s.to = i
		if i+1 < end {
			r.content[0].from = i + 1
		}
		return
	}
}

// adjacentSource finds the source the tagger left out when it stands
// right next to the cue: a name after it ("‘…’, said Ali Yasin") or a
// personal pronoun before it ("…, he said").
func adjacentSource(text string, l layout, r relation) *chunk {
	word := func(i int) string { return text[l.tokens[i].Start:l.tokens[i].End] }
	si := r.cue.sent
	if si >= len(l.sentences) {
		return nil
	}
	s := l.sentences[si]
	inContent := func(i int) bool {
		for _, c := range r.content {
			if c.from <= i && i < c.to {
				return true
			}
		}
		return false
	}
	// After: a run of capitalised words, ending the sentence or a clause.
	if e := r.cue.to; e < s.To && isNameish(word(e)) && !inContent(e) {
		for e < s.To && (isNameish(word(e)) || word(e) == "." && e > r.cue.to && abbreviations[lowerASCII(word(e-1))]) && !inContent(e) {
			e++
		}
		if e == s.To || word(e) == "," || word(e) == "." || word(e) == ";" {
			return &chunk{role: RoleSource, from: r.cue.to, to: e, para: r.cue.para, sent: si}
		}
	}
	// Before: a personal pronoun.
	if b := r.cue.from - 1; b >= s.From && isPronoun(word(b)) && !inContent(b) {
		return &chunk{role: RoleSource, from: b, to: b + 1, para: r.cue.para, sent: si}
	}
	return nil
}

// trimPunct takes commas, colons and semicolons off the edges of content
// chunks ("He mentioned, ‘…’": the comma is not his), and drops chunks
// left empty.
func trimPunct(text string, l layout, cs []chunk) []chunk {
	edge := func(i int) bool {
		switch text[l.tokens[i].Start:l.tokens[i].End] {
		case ",", ":", ";":
			return true
		}
		return false
	}
	out := cs[:0]
	for _, c := range cs {
		for c.from < c.to && edge(c.from) {
			c.from++
		}
		for c.to > c.from && edge(c.to-1) {
			c.to--
		}
		if c.to > c.from {
			out = append(out, c)
		}
	}
	return out
}

// startsStatement reports whether a content chunk opens with a quotation
// mark or at its sentence's start.
func startsStatement(text string, l layout, c chunk) bool {
	w := text[l.tokens[c.from].Start:l.tokens[c.from].End]
	return isQuoteMark(w) || c.sent < len(l.sentences) && l.sentences[c.sent].From == c.from
}
