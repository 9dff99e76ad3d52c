package check

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/crosscheck/crosscheck/document"
)

// breakingLabels open a story to mark it as breaking news.
var breakingLabels = []string{"breaking news", "breaking", "just in", "developing", "urgent"}

// breaking flags a "Breaking" label, and raises it to a warning when the
// article's own times show the events are not new.
func breaking(doc *document.Document) []document.Flag {
	var label document.Span
	for _, s := range doc.Sentences[:min(2, len(doc.Sentences))] {
		text := strings.ToLower(doc.Slice(s.Span()))
		for _, l := range breakingLabels {
			if strings.HasPrefix(text, l) && len(text) > len(l) && strings.ContainsRune(":-–—|!", rune(text[len(l)])) {
				label = document.Span{Start: s.Start, End: s.Start + len(l) + 1}
				break
			}
		}
		if label.End > 0 {
			break
		}
	}
	if label.End == 0 {
		return nil
	}
	if old, ok := oldEvent(doc); ok {
		return []document.Flag{{
			Severity: document.Warning,
			Message:  fmt.Sprintf("The story is labelled breaking news, but the events it reports date from %s.", doc.Slice(old)),
			Evidence: []document.Span{label, old},
		}}
	}
	return []document.Flag{{
		Severity: document.Info,
		Message:  "The story is labelled breaking news.",
		Evidence: []document.Span{label},
	}}
}

// staleWords mark a relative time as days or more in the past.
var staleWords = []string{"last week", "last month", "last year", "years ago", "months ago", "weeks ago"}

// oldEvent finds a time expression showing the reported events are at
// least two days older than the article.
func oldEvent(doc *document.Document) (document.Span, bool) {
	pub, pubErr := time.Parse(time.DateOnly, doc.Meta.Published)
	for _, t := range doc.Times {
		s := document.Span{Start: t.Start, End: t.End}
		if pubErr == nil && isDate(t.Value) {
			if d, err := time.Parse(time.DateOnly, t.Value[:10]); err == nil && pub.Sub(d) >= 48*time.Hour {
				return s, true
			}
		}
		text := strings.ToLower(doc.Slice(s))
		for _, w := range staleWords {
			if strings.Contains(text, w) {
				return s, true
			}
		}
	}
	return document.Span{}, false
}

// shouting flags runs of capitals and exclamation marks in the article's
// own voice; acronyms inside entity mentions (UN, NATO) are not shouting.
func shouting(doc *document.Document) []document.Flag {
	var caps, bangs []document.Span
	run := []document.Span{}
	flush := func() {
		if len(run) >= 3 {
			caps = append(caps, document.Span{Start: run[0].Start, End: run[len(run)-1].End})
		}
		run = run[:0]
	}
	for _, t := range doc.Tokens {
		s := t.Span()
		w := doc.Slice(s)
		if inQuote(doc, s) {
			flush()
			continue
		}
		if w == "!" {
			bangs = append(bangs, s)
		}
		if isShout(w) && !inMention(doc, s) {
			run = append(run, s)
		} else {
			flush()
		}
	}
	flush()
	var flags []document.Flag
	if len(caps) > 0 {
		flags = append(flags, document.Flag{
			Severity: document.Info,
			Message:  fmt.Sprintf("The article shouts: %s in capitals.", plural(len(caps), "run of words", "runs of words")),
			Evidence: caps,
		})
	}
	if len(bangs) > 0 {
		sev := document.Info
		if len(bangs) >= 3 {
			sev = document.Warning
		}
		flags = append(flags, document.Flag{
			Severity: sev,
			Message:  fmt.Sprintf("The article uses %s in its own voice.", plural(len(bangs), "exclamation mark", "exclamation marks")),
			Evidence: bangs,
		})
	}
	return flags
}

func isShout(w string) bool {
	letters := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		letters++
	}
	return letters >= 2
}

func inMention(doc *document.Document, s document.Span) bool {
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if m.Span().Overlaps(s) {
				return true
			}
		}
	}
	return false
}

// leftovers are phrases of page furniture that readers do not expect in
// an article's text, for residue the extraction stage could not separate
// from a paragraph.
var leftovers = []string{
	"please enter your", "click here", "sign up for our", "subscribe to our", "follow us on",
	"share this article", "share this story", "leave a reply", "leave a comment", "accept cookies",
	"this site uses cookies", "you must be logged in", "read more:", "related articles",
}

// residue reports the page residue the extraction stage removed, and
// flags furniture still standing in the text.
func residue(doc *document.Document) []document.Flag {
	var flags []document.Flag
	if n := len(doc.Removed); n > 0 {
		kinds := map[string]int{}
		for _, r := range doc.Removed {
			kinds[r.Kind]++
		}
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(kinds)) {
			parts = append(parts, fmt.Sprintf("%s ×%d", k, kinds[k]))
		}
		flags = append(flags, document.Flag{
			Severity: document.Info,
			Message:  fmt.Sprintf("The page carried %d pieces of residue that are not article text (%s); they were removed and are listed under removed.", n, strings.Join(parts, ", ")),
			Evidence: []document.Span{},
		})
	}
	for _, s := range doc.Sentences {
		text := strings.ToLower(doc.Slice(s.Span()))
		for _, l := range leftovers {
			if strings.Contains(text, l) && !inQuote(doc, s.Span()) {
				flags = append(flags, document.Flag{
					Severity: document.Warning,
					Message:  "Page residue is still in the text: " + strings.TrimSpace(doc.Slice(s.Span())),
					Evidence: []document.Span{s.Span()},
				})
				break
			}
		}
	}
	return flags
}
