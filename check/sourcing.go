package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/document"
)

// worthy is the check-worthiness from which a claim counts for sourcing.
const worthy = 0.5

// singleSource flags an article whose quotes and attributed claims all
// come from one named source.
func singleSource(doc *document.Document) []document.Flag {
	var (
		speakers  []document.EntityID
		evidence  []document.Span
		anonymous int
		n         int
	)
	add := func(id document.EntityID, s document.Span) {
		n++
		if !slices.Contains(speakers, id) {
			speakers = append(speakers, id)
		}
		if len(evidence) < 6 {
			evidence = append(evidence, s)
		}
	}
	for _, q := range doc.Quotes {
		switch {
		case q.Speaker != "":
			s := q.Cue
			if q.Source != nil {
				s = *q.Source
			}
			add(q.Speaker, s)
		case q.Attribution == document.AttributionAnonymous:
			anonymous++
		}
	}
	for _, c := range doc.Claims {
		if c.Source != "" && !slices.ContainsFunc(doc.Quotes, func(q document.Quote) bool { return q.Content.Overlaps(c.Span()) }) {
			add(c.Source, c.Span())
		}
	}
	if n < 2 || len(speakers) != 1 {
		return nil
	}
	msg := fmt.Sprintf("All %d quotes and attributed claims come from one source, %s; no one else is quoted.",
		n, entityName(doc, speakers[0]))
	if anonymous > 0 {
		msg = fmt.Sprintf("All %d named attributions come from one source, %s; the only others are unnamed.",
			n, entityName(doc, speakers[0]))
	}
	slices.SortFunc(evidence, bySpan)
	return []document.Flag{{Severity: document.Warning, Message: msg, Evidence: evidence}}
}

// unsourced flags an article whose check-worthy claims mostly stand in the
// outlet's own voice.
func unsourced(doc *document.Document) []document.Flag {
	var total int
	var bare []document.Span
	for _, c := range doc.Claims {
		if c.Checkworthy < worthy {
			continue
		}
		total++
		if c.Source == "" && !inQuote(doc, c.Span()) {
			bare = append(bare, c.Span())
		}
	}
	if total < 3 || len(bare) < 3 {
		return nil
	}
	share := float64(len(bare)) / float64(total)
	sev := ""
	switch {
	case share >= 0.8 && len(doc.Quotes) == 0:
		sev = document.Warning
	case share >= 0.5:
		sev = document.Info
	default:
		return nil
	}
	msg := fmt.Sprintf("%d of %d check-worthy claims are stated in the outlet's own voice, with no source.", len(bare), total)
	if len(doc.Quotes) == 0 {
		msg = fmt.Sprintf("No one is quoted: %d of %d check-worthy claims carry no source.", len(bare), total)
	}
	return []document.Flag{{Severity: sev, Message: msg, Evidence: bare[:min(len(bare), 5)]}}
}

// anonymousSources flags claims that rest on unnamed sources; many of them
// weigh more than one.
func anonymousSources(doc *document.Document) []document.Flag {
	var spans []document.Span
	named := 0
	for _, q := range doc.Quotes {
		switch {
		case q.Attribution == document.AttributionAnonymous:
			s := q.Cue
			if q.Source != nil {
				s = *q.Source
			}
			spans = append(spans, s)
		case q.Speaker != "":
			named++
		}
	}
	if len(spans) == 0 {
		return nil
	}
	sev := document.Info
	if len(spans) >= 2 && len(spans) >= named {
		sev = document.Warning
	}
	msg := "One claim rests on an unnamed source."
	if len(spans) > 1 {
		msg = fmt.Sprintf("%d claims rest on unnamed sources (against %d named).", len(spans), named)
	}
	return []document.Flag{{Severity: sev, Message: msg, Evidence: spans}}
}

// loaded lists words that judge what they report, and what each does.
var loaded = map[string]string{
	"claim":        "casts doubt on what the speaker says",
	"claims":       "casts doubt on what the speaker says",
	"claimed":      "casts doubt on what the speaker says",
	"admit":        "implies the speaker confessed to something",
	"admits":       "implies the speaker confessed to something",
	"admitted":     "implies the speaker confessed to something",
	"confessed":    "implies the speaker confessed to something",
	"conceded":     "implies the speaker gave way",
	"reveal":       "presents a statement as an established fact",
	"reveals":      "presents a statement as an established fact",
	"revealed":     "presents a statement as an established fact",
	"secretly":     "asserts a concealment the article would need to show",
	"covertly":     "asserts a concealment the article would need to show",
	"slammed":      "dramatises a disagreement",
	"slams":        "dramatises a disagreement",
	"blasted":      "dramatises a disagreement",
	"blasts":       "dramatises a disagreement",
	"bombshell":    "dramatises the news",
	"shocking":     "dramatises the news",
	"shockingly":   "dramatises the news",
	"explosive":    "dramatises the news",
	"stunning":     "dramatises the news",
	"jaw-dropping": "dramatises the news",
}

// loadedLanguage flags judging words in the article's own voice, more
// severely in the headline and the first sentence, which readers take as
// the article's summary.
func loadedLanguage(doc *document.Document) []document.Flag {
	lede := ledeEnd(doc)
	type hit struct {
		spans []document.Span
		top   bool
	}
	hits := map[string]*hit{}
	var order []string
	for _, t := range doc.Tokens {
		w := strings.ToLower(doc.Slice(t.Span()))
		if _, ok := loaded[w]; !ok || inQuote(doc, t.Span()) {
			continue
		}
		h := hits[w]
		if h == nil {
			h = &hit{}
			hits[w] = h
			order = append(order, w)
		}
		h.spans = append(h.spans, t.Span())
		h.top = h.top || t.End <= lede
	}
	var flags []document.Flag
	for _, w := range order {
		h := hits[w]
		sev, where := document.Info, ""
		if h.top {
			sev, where = document.Warning, " in the headline or first sentence"
		}
		flags = append(flags, document.Flag{
			Severity: sev,
			Message:  fmt.Sprintf("“%s”%s %s.", doc.Slice(h.spans[0]), where, loaded[w]),
			Evidence: h.spans,
		})
	}
	return flags
}

// ledeEnd returns the offset where the headline and the first body
// sentence end.
func ledeEnd(doc *document.Document) int {
	for _, s := range doc.Sentences {
		if doc.Headline != nil && s.End <= doc.Headline.End {
			continue
		}
		return s.End
	}
	return 0
}
