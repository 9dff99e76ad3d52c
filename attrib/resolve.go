package attrib

import (
	"strings"

	"github.com/crosscheck/crosscheck/document"
)

// resolve sets q.Speaker and q.Attribution from q.Source and the entity
// layer.
func resolve(doc *document.Document, l layout, q *document.Quote) {
	q.Attribution = document.AttributionUnresolved
	if q.Source == nil {
		return
	}
	src := *q.Source
	words := strings.ToLower(doc.Slice(src))
	if id := mentionEntity(doc, src, true); id != "" {
		q.Speaker, q.Attribution = id, document.AttributionNamed
		return
	}
	// A role the entity layer tied to a person ("Ambassador of Iran"),
	// or an apposition to a name ("Ali Yasin, the ambassador, said").
	if id := roleEntity(doc, src); id != "" {
		q.Speaker, q.Attribution = id, document.AttributionNamed
		return
	}
	if id := entityBefore(doc, l, src.Start); id != "" && strings.HasSuffix(strings.TrimSpace(doc.Text[max(0, src.Start-3):src.Start]), ",") {
		q.Speaker, q.Attribution = id, document.AttributionNamed
		return
	}
	// A place or group may speak too ("Pakistan said"), when nothing
	// better names the source.
	if id := mentionEntity(doc, src, false); id != "" {
		q.Speaker, q.Attribution = id, document.AttributionNamed
		return
	}
	// "who"/"which" as the source stand for the noun phrase before them:
	// "Ali Yasin, who was speaking in Islamabad, said ...".
	if words == "who" || words == "which" || words == "that" {
		if id := entityBefore(doc, l, src.Start); id != "" {
			q.Speaker, q.Attribution = id, document.AttributionNamed
			return
		}
	}
	if anonymous(words) || anonymousAfter(doc.Text, src.End) {
		q.Attribution = document.AttributionAnonymous
	}
}

// mentionEntity returns the entity with a mention overlapping s, the
// largest overlap first, names before pronouns and descriptions. With
// speakersOnly it considers people and organisations alone.
func mentionEntity(doc *document.Document, s document.Span, speakersOnly bool) document.EntityID {
	var best document.EntityID
	bestScore := 0
	for _, e := range doc.Entities {
		if speakersOnly && e.Type != document.Person && e.Type != document.Org {
			continue
		}
		for _, mn := range e.Mentions {
			ms := mn.Span()
			if !ms.Overlaps(s) {
				continue
			}
			ov := min(ms.End, s.End) - max(ms.Start, s.Start)
			score := ov * 4
			switch mn.Kind {
			case document.MentionName, document.MentionAlias, "":
				score += 3
			case document.MentionDescription:
				score += 2
			case document.MentionPronoun:
				score++
			case document.MentionDemonym:
				// "Pakistani officials said": the demonym names a
				// country, not the speaker.
				continue
			}
			// A person or organisation speaks; a place rarely does.
			if e.Type == document.Person || e.Type == document.Org {
				score += 2
			}
			if score > bestScore {
				best, bestScore = e.ID, score
			}
		}
	}
	return best
}

// entityBefore returns the entity of the last person or organisation
// mention that ends just before at (separated by a comma at most).
func entityBefore(doc *document.Document, l layout, at int) document.EntityID {
	var best document.EntityID
	bestEnd := -1
	for _, e := range doc.Entities {
		if e.Type != document.Person && e.Type != document.Org {
			continue
		}
		for _, mn := range e.Mentions {
			if mn.End > at || mn.End <= bestEnd {
				continue
			}
			gap := strings.TrimSpace(doc.Text[mn.End:at])
			if gap == "" || gap == "," {
				best, bestEnd = e.ID, mn.End
			}
		}
	}
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
// ("a senior official", "sources close to the talks", "officials").
func anonymous(words string) bool {
	fs := strings.FieldsFunc(words, func(r rune) bool {
		return r == ' ' || r == ',' || r == '\n'
	})
	if len(fs) == 0 {
		return false
	}
	// Proper names carry capitals; words is lower-cased, so look for a
	// role noun among the first few words with only determiners and
	// adjectives before it.
	for i, w := range fs {
		if i > 5 {
			break
		}
		if anonymousHeads[w] {
			return true
		}
		if w == "who" || w == "which" {
			break
		}
	}
	return false
}

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
func entityBetween(doc *document.Document, from, to int, parts []document.Span, content document.Span) document.EntityID {
	var best document.EntityID
	bestEnd := -1
	for _, e := range doc.Entities {
		if e.Type != document.Person && e.Type != document.Org {
			continue
		}
		for _, mn := range e.Mentions {
			ms := mn.Span()
			if ms.Start < from || ms.End > to || ms.End <= bestEnd {
				continue
			}
			inside := false
			if len(parts) == 0 {
				inside = content.Overlaps(ms)
			}
			for _, p := range parts {
				inside = inside || p.Overlaps(ms)
			}
			if !inside {
				best, bestEnd = e.ID, ms.End
			}
		}
	}
	return best
}

// roleEntity returns the person whose role, as the entity layer found
// it in the text, overlaps s.
func roleEntity(doc *document.Document, s document.Span) document.EntityID {
	for _, e := range doc.Entities {
		for _, r := range e.Roles {
			if r.Span().Overlaps(s) {
				return e.ID
			}
		}
	}
	return ""
}
