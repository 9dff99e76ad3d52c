package attrib

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
)

// mentionRef is one entity mention or role, for the index.
type mentionRef struct {
	start, end int
	ent        int // index into doc.Entities
	kind       string
	role       bool // a role's evidence, not a mention
}

// mentionIndex holds a document's mentions and roles sorted by start, so
// that finding those near a span costs a binary search and a short scan,
// whatever the number of entities.
type mentionIndex struct {
	doc    *document.Document
	refs   []mentionRef
	maxLen int
}

func newMentionIndex(doc *document.Document) *mentionIndex {
	ix := &mentionIndex{doc: doc}
	for i, e := range doc.Entities {
		for _, m := range e.Mentions {
			ix.refs = append(ix.refs, mentionRef{m.Start, m.End, i, m.Kind, false})
		}
		for _, r := range e.Roles {
			ix.refs = append(ix.refs, mentionRef{r.Start, r.End, i, "", true})
		}
	}
	sort.Slice(ix.refs, func(a, b int) bool { return ix.refs[a].start < ix.refs[b].start })
	for _, r := range ix.refs {
		ix.maxLen = max(ix.maxLen, r.end-r.start)
	}
	return ix
}

// each calls f with every ref whose start lies in [from, to).
func (ix *mentionIndex) each(from, to int, f func(r mentionRef)) {
	i := sort.Search(len(ix.refs), func(k int) bool { return ix.refs[k].start >= from })
	for ; i < len(ix.refs) && ix.refs[i].start < to; i++ {
		f(ix.refs[i])
	}
}

// overlapping calls f with every ref overlapping s.
func (ix *mentionIndex) overlapping(s document.Span, f func(r mentionRef)) {
	ix.each(s.Start-ix.maxLen, s.End, func(r mentionRef) {
		if r.start < s.End && s.Start < r.end {
			f(r)
		}
	})
}

func (ix *mentionIndex) speaks(r mentionRef) bool {
	t := ix.doc.Entities[r.ent].Type
	return t == document.Person || t == document.Org
}

// resolve sets q.Speaker and q.Attribution from q.Source and the entity
// layer.
func resolve(doc *document.Document, ix *mentionIndex, q *document.Quote) {
	q.Attribution = document.AttributionUnresolved
	if q.Source == nil {
		return
	}
	// The words before a clause name the speaker ("a spokesperson when
	// contacted by Reuters", "Jo Apte, a professor at the University of
	// Texas"); when they name no one, a person or role further on may
	// ("another witness in the probe, former adviser Fiona Hill").
	head := sourceHead(doc.Text, *q.Source)
	id := ix.speaker(head)
	if id == "" && head != *q.Source {
		if id = ix.mentionEntity(*q.Source, true); id == "" {
			id = ix.roleEntity(*q.Source)
		}
	}
	if id != "" {
		q.Speaker, q.Attribution = id, document.AttributionNamed
		return
	}
	if anonymous(doc.Slice(head)) || anonymousAfter(doc.Text, head.End) {
		q.Attribution = document.AttributionAnonymous
	}
}

// speaker returns the entity that source words name, or "".
func (ix *mentionIndex) speaker(src document.Span) document.EntityID {
	doc := ix.doc
	if id := ix.mentionEntity(src, true); id != "" {
		return id
	}
	// A role the entity layer tied to a person ("Ambassador of Iran"),
	// or an apposition to a name ("Ali Yasin, the ambassador, said").
	if id := ix.roleEntity(src); id != "" {
		return id
	}
	if id := ix.entityBefore(src.Start); id != "" && strings.HasSuffix(strings.TrimSpace(doc.Text[max(0, src.Start-3):src.Start]), ",") {
		return id
	}
	// A place or group may speak too ("Pakistan said"), when nothing
	// better names the source.
	if id := ix.mentionEntity(src, false); id != "" {
		return id
	}
	words := strings.ToLower(doc.Slice(src))
	// "who"/"which" as the source stand for the noun phrase before them:
	// "Ali Yasin, who was speaking in Islamabad, said ...".
	if words == "who" || words == "which" || words == "that" {
		if id := ix.entityBefore(src.Start); id != "" {
			return id
		}
	}
	// "The company said", "the German automaker says": the organisation
	// the text named last, close before. ("It said" is left alone: on
	// 100 news pages half the its so resolved were wrong.)
	if orgDescription(words) {
		return ix.orgBefore(src.Start, 3)
	}
	return ""
}

// orgNouns head the definite descriptions that stand for an organisation
// named before ("the company", "the German automaker", "the group").
var orgNouns = map[string]bool{
	"company": true, "firm": true, "automaker": true, "carmaker": true, "airline": true,
	"bank": true, "lender": true, "insurer": true, "retailer": true, "startup": true,
	"manufacturer": true, "group": true, "agency": true, "organisation": true,
	"organization": true, "party": true, "militia": true, "network": true,
	"broadcaster": true, "publisher": true, "charity": true, "club": true, "team": true,
	"ministry": true, "department": true, "regulator": true, "university": true,
}

// orgDescription reports source words (lower case) of the form "the
// [modifiers] NOUN" with NOUN in orgNouns.
func orgDescription(words string) bool {
	fs := strings.Fields(words)
	return len(fs) >= 2 && len(fs) <= 4 && fs[0] == "the" && orgNouns[fs[len(fs)-1]]
}

// orgBefore returns the organisation named (by name or alias) last before
// byte offset at, in at's sentence or the back sentences before it; the
// last one opening a sentence, its likely subject, when there is one
// ("Volkswagen is showing the ID. Space concept. The German automaker
// says ..." is about Volkswagen, not the car).
func (ix *mentionIndex) orgBefore(at, back int) document.EntityID {
	ss := ix.doc.Sentences
	si := sort.Search(len(ss), func(i int) bool { return ss[i].End > at })
	from := 0
	if k := si - back; k >= 0 && k < len(ss) {
		from = ss[k].Start
	}
	var last, subject document.EntityID
	ix.each(from, at, func(r mentionRef) {
		e := &ix.doc.Entities[r.ent]
		if r.role || r.end > at || e.Type != document.Org {
			return
		}
		if r.kind != document.MentionName && r.kind != document.MentionAlias && r.kind != "" {
			return
		}
		last = e.ID // refs come in order of start: the last wins
		if ix.opensSentence(r.start) {
			subject = e.ID
		}
	})
	if subject != "" {
		return subject
	}
	return last
}

// opensSentence reports whether byte offset at starts a sentence, or
// follows only "The" there.
func (ix *mentionIndex) opensSentence(at int) bool {
	ss := ix.doc.Sentences
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > at })
	if i == len(ss) {
		return false
	}
	lead := strings.TrimSpace(ix.doc.Text[ss[i].Start:at])
	return lead == "" || lead == "The" || lead == "the"
}

// clauseOpeners end the words that name a speaker: what follows them is
// about the speaking ("a spokesperson when contacted by Reuters", "Claure
// in an email to staff").
var clauseOpeners = map[string]bool{
	"when": true, "while": true, "after": true, "before": true, "because": true,
	"during": true, "in": true, "at": true, "on": true, "speaking": true,
	"who": true, "whom": true, "whose": true, "which": true,
}

// sourceHead returns s up to the first clause opener after its first word.
func sourceHead(text string, s document.Span) document.Span {
	for i := s.Start; i < s.End; {
		j := i
		for j < s.End && text[j] != ' ' && text[j] != '\n' {
			j++
		}
		if w := strings.ToLower(strings.Trim(text[i:j], ",")); i > s.Start && clauseOpeners[w] {
			end := strings.TrimRight(text[s.Start:i], " \n,")
			return document.Span{Start: s.Start, End: s.Start + len(end)}
		}
		i = j + 1
	}
	return s
}

// mentionEntity returns the entity with a mention overlapping s, the
// largest overlap first, names before pronouns and descriptions. With
// speakersOnly it considers people and organisations alone.
func (ix *mentionIndex) mentionEntity(s document.Span, speakersOnly bool) document.EntityID {
	var best document.EntityID
	bestScore := 0
	ix.overlapping(s, func(r mentionRef) {
		if r.role || speakersOnly && !ix.speaks(r) {
			return
		}
		ov := min(r.end, s.End) - max(r.start, s.Start)
		score := ov * 4
		switch r.kind {
		case document.MentionName, document.MentionAlias, "":
			score += 3
		case document.MentionDescription:
			score += 2
		case document.MentionPronoun:
			score++
		case document.MentionDemonym:
			// "Pakistani officials said": the demonym names a country,
			// not the speaker.
			return
		}
		// A person or organisation speaks; a place rarely does. A person
		// named in the source is the speaker, whatever organisation is
		// named beside ("Jo Apte, a professor at the University of
		// Texas", "Reuters' Jo Apte"); a pronoun is not ("the group
		// that owns her music").
		if ix.speaks(r) {
			score += 2
		}
		if ix.doc.Entities[r.ent].Type == document.Person && r.kind != document.MentionPronoun {
			score += 1 << 20
		}
		if score > bestScore {
			best, bestScore = ix.doc.Entities[r.ent].ID, score
		}
	})
	return best
}

// entityBefore returns the entity of the last person or organisation
// mention that ends just before at (separated by a comma at most).
func (ix *mentionIndex) entityBefore(at int) document.EntityID {
	var best document.EntityID
	bestEnd := -1
	const gapMax = 4 // ", " and stray spaces
	ix.each(at-gapMax-ix.maxLen, at, func(r mentionRef) {
		if r.role || !ix.speaks(r) || r.end > at || r.end < at-gapMax || r.end <= bestEnd {
			return
		}
		gap := strings.TrimSpace(ix.doc.Text[r.end:at])
		if gap == "" || gap == "," {
			best, bestEnd = ix.doc.Entities[r.ent].ID, r.end
		}
	})
	return best
}

// anonymousHeads are the nouns that leave a speaker unnamed when no name
// comes with them: "a senior official", "sources", "officials say".
var anonymousHeads = map[string]bool{
	"official": true, "officials": true, "source": true, "sources": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "aide": true,
	"aides": true, "insider": true, "insiders": true, "diplomat": true, "diplomats": true,
	"people": true, "person": true, "analysts": true, "analyst": true, "observers": true,
	"critics": true, "experts": true, "residents": true, "witnesses": true, "witness": true,
	"officer": true, "officers": true, "someone": true, "somebody": true, "reports": true,
	"sources,": true, "staffers": true, "staffer": true, "adviser": true, "advisers": true,
	"advisor": true, "advisors": true, "members": true, "member": true, "lawmakers": true,
	"others": true, "some": true, "many": true, "several": true,
}

// anonymous reports whether the source words name nobody: a bare role
// ("a senior official", "White House officials", "sources close to the
// talks"), not a name with a role in apposition ("Hauwa Yusuf, a member
// of the assembly").
func anonymous(source string) bool {
	if name, _, ok := strings.Cut(source, ","); ok {
		caps := 0
		for _, w := range strings.Fields(name) {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && !determiners[strings.ToLower(w)] {
				caps++
			}
		}
		if caps >= 2 {
			return false
		}
	}
	fs := strings.FieldsFunc(source, func(r rune) bool {
		return r == ' ' || r == ',' || r == '\n'
	})
	// A role noun among the first few words.
	for i, w := range fs {
		if i > 5 {
			break
		}
		lw := strings.ToLower(w)
		if anonymousHeads[lw] {
			return true
		}
		if lw == "who" || lw == "which" {
			break
		}
	}
	return false
}

// determiners may open an anonymous source with a capital ("A senior
// official", "The spokesman") without being part of a name.
var determiners = map[string]bool{"a": true, "an": true, "the": true, "some": true, "two": true, "three": true, "several": true, "many": true}

// anonymousAfter reports whether the words after a source ask for it to
// stay unnamed: "a spokesman, who asked not to be named, said".
func anonymousAfter(text string, at int) bool {
	end := min(len(text), at+120)
	tail := strings.ToLower(text[at:end])
	for _, p := range []string{"not to be named", "not to be identified", "anonymity", "on condition of anonymity", "speaking anonymously", "declined to be named", "not authorized to speak", "not authorised to speak"} {
		if i := strings.Index(tail, p); i >= 0 && i < 80 {
			return true
		}
	}
	return false
}

// entityBetween returns the person or organisation entity mentioned last
// in [from, to), outside the quote's content.
func (ix *mentionIndex) entityBetween(from, to int, parts []document.Span, content document.Span) document.EntityID {
	var best document.EntityID
	bestEnd := -1
	ix.each(from, to, func(r mentionRef) {
		ms := document.Span{Start: r.start, End: r.end}
		if r.role || !ix.speaks(r) || ms.End > to || ms.End <= bestEnd {
			return
		}
		inside := false
		if len(parts) == 0 {
			inside = content.Overlaps(ms)
		}
		for _, p := range parts {
			inside = inside || p.Overlaps(ms)
		}
		if !inside {
			best, bestEnd = ix.doc.Entities[r.ent].ID, ms.End
		}
	})
	return best
}

// roleEntity returns the person whose role, as the entity layer found
// it in the text, overlaps s.
func (ix *mentionIndex) roleEntity(s document.Span) document.EntityID {
	var best document.EntityID
	ix.overlapping(s, func(r mentionRef) {
		if r.role && best == "" {
			best = ix.doc.Entities[r.ent].ID
		}
	})
	return best
}
