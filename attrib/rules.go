package attrib

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// reportingVerbs are the lemmas (as lemma() makes them) of verbs that
// report speech or belief. The tagger learns its cues from data; this
// list only gives the verbs PolNeAR never showed a cue feature, and lets
// the rules recognise a cue next to a quotation.
var reportingVerbs = func() map[string]bool {
	words := []string{
		"say", "says", "said", "saying", "claim", "claims", "claimed", "claiming",
		"reveal", "reveals", "revealed", "mention", "mentions", "mentioned",
		"tell", "tells", "told", "telling", "add", "adds", "added", "adding",
		"insist", "insists", "insisted", "deny", "denies", "denied", "warn", "warns", "warned",
		"state", "states", "stated", "note", "notes", "noted", "explain", "explains", "explained",
		"announce", "announces", "announced", "argue", "argues", "argued", "confirm", "confirms", "confirmed",
		"admit", "admits", "admitted", "discover", "discovered", "assert", "asserted", "allege", "alleged",
		"report", "reported", "write", "wrote", "writes", "tweet", "tweeted", "declare", "declared",
		"stress", "stressed", "acknowledge", "acknowledged", "contend", "contended", "maintain", "maintained",
		"suggest", "suggested", "predict", "predicted", "recall", "recalled", "reply", "replied",
		"respond", "responded", "ask", "asked", "answer", "answered", "brief", "briefed", "remark", "remarked",
		"testify", "testified", "concede", "conceded", "observe", "observed", "emphasize", "emphasized",
		"emphasise", "emphasised", "according", "quoted", "quote", "told", "estimate", "estimated",
	}
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[lemma(w)] = true
	}
	return m
}()

// addQuoteRules adds what rules find surely and the tagger missed:
// direct quotes next to a reporting verb, "as claimed by X", and quotes
// running across paragraphs (an opening mark at a paragraph's start, no
// closing mark, and the next paragraph opening a quote again).
func addQuoteRules(text string, l layout, m *Model, rels []relation) []relation {
	covered := make([]bool, len(l.tokens))  // by any span
	cueOrSrc := make([]bool, len(l.tokens)) // by a cue or a source
	mark := func(c chunk, strong bool) {
		for i := c.from; i < c.to && i < len(covered); i++ {
			covered[i] = true
			cueOrSrc[i] = cueOrSrc[i] || strong
		}
	}
	for _, r := range rels {
		mark(r.cue, true)
		for _, c := range r.content {
			mark(c, false)
		}
		if r.source != nil {
			mark(*r.source, true)
		}
	}
	word := func(i int) string { return text[l.tokens[i].Start:l.tokens[i].End] }
	isCue := func(i int) bool {
		lm := lemma(lowerASCII(word(i)))
		return reportingVerbs[lm] || m.cues[lm] >= 4
	}
	// The relations with content in each unit.
	relsIn := map[int][]int{}
	for ri, r := range rels {
		for k, c := range r.content {
			if k == 0 || c.para != r.content[k-1].para {
				relsIn[c.para] = append(relsIn[c.para], ri)
			}
		}
	}
	var added []relation
	for pi, u := range l.units {
		base := u.base
		// Quoted stretches: an opening mark to its closing mark.
		for i := 0; i < len(u.quote); i++ {
			if u.quote[i] != 2 {
				continue
			}
			j := i + 1
			for j < len(u.quote) && u.quote[j] == 1 {
				j++
			}
			closed := j < len(u.quote) && u.quote[j] == 3
			end := j
			if closed {
				end = j + 1
			}
			from, to := base+i, base+end
			if to-from < 4 || anyCovered(covered, from, to) {
				i = j
				continue
			}
			si := sentenceOf(l, from)
			q := chunk{role: RoleContent, from: from, to: to, para: pi, sent: si}
			// After the close: ", said Ali Yasin" / ", he said".
			k := to
			if k < len(l.tokens) && word(k) == "," {
				k++
			}
			if r, ok := cueAfter(text, l, k, pi, isCue); ok && !covered[r.cue.from] {
				r.content = []chunk{q}
				added = append(added, r)
				i = j
				continue
			}
			// Before the open: "He mentioned, ‘…’" / "X said: “…”".
			k = from - 1
			for k >= 0 && (word(k) == "," || word(k) == ":") {
				k--
			}
			if k >= 0 && k >= from-3 && sentenceOf(l, k) == si && isCue(k) && !covered[k] {
				r := relation{cue: chunk{role: RoleCue, from: k, to: k + 1, para: pi, sent: si}, content: []chunk{q}, para: pi}
				if s, ok := subjectBefore(text, l, k); ok {
					r.source = &s
				}
				added = append(added, r)
			}
			i = j
		}
		// A speaker's name and a colon opening a paragraph or headline:
		// transcripts ("PENCE: Well, look, ...") and headlines ("Poll:
		// Voters abandon ..."). The colon is the cue.
		if r, ok := colonLead(text, l, u, pi, cueOrSrc); ok {
			added = append(added, r)
		}
		// "as claimed by X": the cue "claimed", the source X, the content
		// everything before "as" in the sentence.
		for i := 1; i+2 < len(u.toks); i++ {
			g := base + i
			if lowerASCII(word(g-1)) != "as" || lowerASCII(word(g+1)) != "by" || !isCue(g) || cueOrSrc[g] || cueOrSrc[g-1] {
				continue
			}
			si := sentenceOf(l, g)
			s := l.sentences[si]
			src := g + 2
			e := src
			for e < s.To && isNameish(word(e)) {
				e++
			}
			if e == src || g-1-s.From < 3 {
				continue
			}
			to := g - 1
			if word(to-1) == "," {
				to--
			}
			// A content the tagger ran on over "as claimed by X" ends
			// before it.
			for _, ri := range relsIn[pi] {
				for ci := range rels[ri].content {
					c := &rels[ri].content[ci]
					if c.from < g-1 && g-1 < c.to {
						c.to = to
					}
				}
			}
			r := relation{
				cue:     chunk{role: RoleCue, from: g - 1, to: g + 2, para: pi, sent: si},
				source:  &chunk{role: RoleSource, from: src, to: e, para: pi, sent: si},
				content: []chunk{{role: RoleContent, from: s.From, to: to, para: pi, sent: si}},
				para:    pi,
			}
			added = append(added, r)
		}
	}
	for i := range added {
		added[i].rule = true
	}
	// A rule's relation may hold another relation's cue in its content
	// ("..., he said the minister told them"): both stay, as PolNeAR
	// annotates nested attributions, and dropping the inner one cost dev
	// cue recall (docs/quality-attribution.md).
	rels = append(rels, added...)
	sort.SliceStable(rels, func(a, b int) bool { return rels[a].cue.from < rels[b].cue.from })
	rels = joinFollowingQuote(text, l, rels)
	return joinParagraphQuotes(text, l, rels)
}

func anyCovered(covered []bool, from, to int) bool {
	for i := from; i < to; i++ {
		if covered[i] {
			return true
		}
	}
	return false
}

// tokenIndex returns the index of the token starting at off.
func tokenIndex(l layout, off int) int {
	return sort.Search(len(l.tokens), func(i int) bool { return l.tokens[i].Start >= off })
}

// sentenceOf returns the index of the sentence holding token i.
func sentenceOf(l layout, i int) int {
	return sort.Search(len(l.sentences), func(k int) bool { return l.sentences[k].To > i })
}

func isNameish(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// cueAfter recognises "said Ali Yasin", "Ali Yasin said" or "he said"
// starting at token k, within paragraph pi.
func cueAfter(text string, l layout, k, pi int, isCue func(int) bool) (relation, bool) {
	word := func(i int) string { return text[l.tokens[i].Start:l.tokens[i].End] }
	if k >= len(l.tokens) {
		return relation{}, false
	}
	si := sentenceOf(l, k)
	s := l.sentences[min(si, len(l.sentences)-1)]
	// "…” ― Name": a dash and a name after a quotation sign it.
	if w := word(k); (w == "―" || w == "—") && k+1 < len(l.tokens) && isNameish(word(k+1)) {
		e := k + 1
		for e < len(l.tokens) && e-k <= 5 && isNameish(word(e)) && sentenceOf(l, e) == si {
			e++
		}
		return relation{
			cue:    chunk{role: RoleCue, from: k, to: k + 1, para: pi, sent: si},
			source: &chunk{role: RoleSource, from: k + 1, to: e, para: pi, sent: si},
			para:   pi,
		}, true
	}
	if isCue(k) {
		r := relation{cue: chunk{role: RoleCue, from: k, to: k + 1, para: pi, sent: si}, para: pi}
		e := k + 1
		for e < s.To && (isNameish(word(e)) || e > k+1 && isNameish(word(e-1)) && word(e) == ".") {
			e++
		}
		if e == k+1 && e < s.To && isPronoun(word(e)) {
			e++
		}
		if e > k+1 {
			r.source = &chunk{role: RoleSource, from: k + 1, to: e, para: pi, sent: si}
		}
		return r, true
	}
	// A subject of up to five words, then the cue.
	for c := k + 1; c < s.To && c <= k+5; c++ {
		if word(c) == "," || word(c) == "." {
			break
		}
		if isCue(c) {
			return relation{
				cue:    chunk{role: RoleCue, from: c, to: c + 1, para: pi, sent: si},
				source: &chunk{role: RoleSource, from: k, to: c, para: pi, sent: si},
				para:   pi,
			}, true
		}
	}
	return relation{}, false
}

// subjectBefore finds the subject before the cue at token k: a pronoun,
// or a run of words back to the start of the sentence or a comma.
func subjectBefore(text string, l layout, k int) (chunk, bool) {
	word := func(i int) string { return text[l.tokens[i].Start:l.tokens[i].End] }
	si := sentenceOf(l, k)
	s := l.sentences[si]
	b := k
	for b > s.From && k-b < 6 {
		w := word(b - 1)
		if w == "," || w == ":" || isQuoteMark(w) {
			break
		}
		b--
	}
	// Skip adverbs between subject and cue ("He also said").
	e := k
	for e > b && strings.HasSuffix(lowerASCII(word(e-1)), "ly") || e > b && lowerASCII(word(e-1)) == "also" {
		e--
	}
	if e == b {
		return chunk{}, false
	}
	return chunk{role: RoleSource, from: b, to: e, sent: si}, true
}

func isPronoun(w string) bool {
	switch lowerASCII(w) {
	case "he", "she", "they", "we", "i", "it":
		return true
	}
	return false
}

// joinParagraphQuotes joins a paragraph that opens a quote and leaves it
// open to the quote that the next paragraph opens: in news style a quote
// running over several paragraphs reopens at each and closes at its end
// only. The paragraph becomes the first part of the relation whose
// content starts the next paragraph.
func joinParagraphQuotes(text string, l layout, rels []relation) []relation {
	us := l.units
	if len(us) < 2 {
		return rels
	}
	starts := make([]int, len(us))
	for i, u := range us {
		starts[i] = u.base
	}
	used := make([]bool, len(us))
	startsAt := map[int]int{} // first content token -> relation
	for ri, r := range rels {
		for _, c := range r.content {
			used[c.para] = true
		}
		used[r.cue.para] = true
		if len(r.content) > 0 {
			startsAt[r.content[0].from] = ri
		}
	}
	for p := len(us) - 2; p >= 0; p-- {
		u := us[p]
		if used[p] || u.quote[0] != 2 || u.quote[len(u.quote)-1] == 3 || us[p+1].quote[0] != 2 {
			continue
		}
		// Find the relation whose content starts the next paragraph.
		if ri, ok := startsAt[starts[p+1]]; ok {
			r := &rels[ri]
			c := chunk{role: RoleContent, from: starts[p], to: starts[p] + len(u.toks), para: p, sent: sentenceOf(l, starts[p])}
			r.content = append([]chunk{c}, r.content...)
			used[p] = true
			startsAt[starts[p]] = ri
		}
	}
	return rels
}

// colonLead recognises a unit that opens with a speaker's name and a
// colon: an optional quotation mark, one to three capitalised words, ":",
// and at least three more tokens, which are the content.
func colonLead(text string, l layout, u unit, pi int, taken []bool) (relation, bool) {
	word := func(i int) string { return text[l.tokens[i].Start:l.tokens[i].End] }
	b := u.base
	end := u.base + len(u.toks)
	if b < end && isQuoteMark(word(b)) {
		b++
	}
	c := b
	for c < end && c-b < 3 && isNameish(word(c)) {
		c++
	}
	if c == b || c >= end || word(c) != ":" || end-(c+1) < 3 || headingWords[lowerASCII(word(b))] {
		return relation{}, false
	}
	for i := b; i <= c; i++ {
		if taken[i] {
			return relation{}, false
		}
	}
	e := end
	// A transcript turn is quoted whole: the closing mark, if it closes
	// the opening one, stays with the content.
	si := sentenceOf(l, b)
	return relation{
		cue:     chunk{role: RoleCue, from: c, to: c + 1, para: pi, sent: si},
		source:  &chunk{role: RoleSource, from: b, to: c, para: pi, sent: si},
		content: []chunk{{role: RoleContent, from: c + 1, to: e, para: pi, sent: si}},
		para:    pi,
	}, true
}

// headingWords open labels that end in a colon without naming a speaker
// ("The Latest:", "Correction:", "Watch:").
var headingWords = map[string]bool{
	"the": true, "a": true, "an": true, "correction": true, "update": true, "updated": true,
	"breaking": true, "exclusive": true, "watch": true, "read": true, "related": true,
	"video": true, "photos": true, "opinion": true, "analysis": true, "editor": true,
	"note": true, "latest": true, "live": true, "see": true, "also": true, "more": true,
	"source": true, "sources": true, "photo": true, "credit": true,
	// Header lines of plain-text articles and page furniture.
	"title": true, "outlet": true, "url": true, "date": true, "byline": true, "by": true,
	"published": true, "posted": true, "tags": true, "category": true, "filed": true,
	"headline": true, "summary": true, "caption": true, "topics": true,
}

// joinFollowingQuote extends a direct quote with the quotation that
// follows its cue's sentence in the same paragraph, when that quotation
// is a whole sentence or more that nothing else claims: in
// "“A,” she said. “B.”" B is hers too.
func joinFollowingQuote(text string, l layout, rels []relation) []relation {
	covered := make(map[int]bool)
	for _, r := range rels {
		for _, c := range r.content {
			covered[c.from] = true
		}
		covered[r.cue.from] = true
		if r.source != nil {
			covered[r.source.from] = true
		}
	}
	word := func(i int) string { return text[l.tokens[i].Start:l.tokens[i].End] }
	for ri := range rels {
		r := &rels[ri]
		last := r.content[len(r.content)-1]
		if last.to > r.cue.from || !isQuoteMark(word(last.from)) {
			continue // the content must be a quotation before the cue
		}
		si := r.cue.sent
		if si+1 >= len(l.sentences) {
			continue
		}
		next := l.sentences[si+1]
		u := l.units[r.cue.para]
		if next.From >= u.base+len(u.toks) || next.To > u.base+len(u.toks) {
			continue // not in the same paragraph
		}
		q := u.quote[next.From-u.base:]
		if len(q) == 0 || q[0] != 2 {
			continue
		}
		// The quotation runs from the sentence start to its closing mark.
		end := -1
		for k := 1; k < len(q) && next.From+k < u.base+len(u.toks); k++ {
			if q[k] == 3 {
				end = next.From + k + 1
				break
			}
			if covered[next.From+k] {
				break
			}
		}
		if end < 0 || end-next.From < 4 || covered[next.From] {
			continue
		}
		r.content = append(r.content, chunk{role: RoleContent, from: next.From, to: end, para: r.cue.para, sent: si + 1})
		covered[next.From] = true
	}
	return rels
}
