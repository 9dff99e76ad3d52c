package check

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// roleConflicts flags a person given one title (after synonyms are grouped
// by the entity stage: envoy = ambassador) for two different countries.
// Two different titles for two countries are left alone: careers move.
func roleConflicts(doc *document.Document) []document.Flag {
	var flags []document.Flag
	for _, e := range doc.Entities {
		if e.Type != document.Person || len(e.Roles) < 2 {
			continue
		}
		byTitle := map[string]map[string][]document.Span{}
		var titles []string
		for _, r := range e.Roles {
			if !isCountryCode(r.Of) {
				continue
			}
			if byTitle[r.Title] == nil {
				byTitle[r.Title] = map[string][]document.Span{}
				titles = append(titles, r.Title)
			}
			byTitle[r.Title][r.Of] = append(byTitle[r.Title][r.Of], r.Span())
		}
		for _, title := range titles {
			countries := byTitle[title]
			if len(countries) < 2 {
				continue
			}
			codes := sortedKeys(countries)
			var parts []string
			var evidence []document.Span
			for _, c := range codes {
				spans := countries[c]
				parts = append(parts, fmt.Sprintf("of %s (%s)", countryName(doc, c), quoteList(doc, spans)))
				evidence = append(evidence, spans...)
			}
			slices.SortFunc(evidence, bySpan)
			flags = append(flags, document.Flag{
				Severity: document.High,
				Message: fmt.Sprintf("%s is called %s %s: one person cannot hold both.",
					e.Name, article(title), strings.Join(parts, " and ")),
				Evidence: evidence,
			})
		}
	}
	return flags
}

// factKey groups facts that state the same attribute of the same thing.
type factKey struct {
	entity    document.EntityID
	attribute string
	unit      string
	scope     string
}

// groupFacts groups facts with an entity by factKey, keeping text order,
// for the attributes that keep returns true.
func groupFacts(doc *document.Document, keep func(attribute string) bool) ([]factKey, map[factKey][]document.Fact) {
	groups := map[factKey][]document.Fact{}
	var keys []factKey
	for _, f := range doc.Facts {
		if f.Entity == "" || !keep(f.Attribute) {
			continue
		}
		k := factKey{f.Entity, f.Attribute, f.Unit, f.Scope}
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], f)
	}
	return keys, groups
}

func isRank(attribute string) bool { return strings.HasPrefix(attribute, "rank") }

// rankConflicts flags an ordinal or superlative stated two ways: "the
// second largest city" and later "the third largest city".
func rankConflicts(doc *document.Document) []document.Flag {
	var flags []document.Flag
	keys, groups := groupFacts(doc, isRank)
	for _, k := range keys {
		if f, ok := conflict(groups[k], nil); ok {
			flags = append(flags, document.Flag{
				Severity: document.High,
				Message: fmt.Sprintf("%s is ranked %s and also %s (%s).", entityName(doc, k.entity),
					ordinal(f[0].Value), ordinal(f[1].Value), strings.TrimSpace(strings.ReplaceAll(k.attribute, "-", " "))),
				Evidence: []document.Span{f[0].Span(), f[1].Span()},
			})
		}
	}
	return flags
}

// updateCues are words that explain a changed figure as an update rather
// than a contradiction ("the toll rose to 21").
var updateCues = []string{"rose", "risen", "rising", "climbed", "increased", "grew", "jumped", "fell", "dropped",
	"revised", "updated", "now", "later", "since", "raised", "lowered", "up to", "down to", "reached"}

// genericAttributes name measures that many different things of one
// entity have (its prices, its shares, its counts of various nouns), so
// two of their values conflict only where the article says the same thing
// twice.
var genericAttributes = map[string]bool{"amount": true, "percentage": true, "count": true}

// quantityConflicts flags one quantity given two values, unless the
// sentence with the later value explains it as an update.
func quantityConflicts(doc *document.Document) []document.Flag {
	var flags []document.Flag
	keys, groups := groupFacts(doc, func(a string) bool { return !isRank(a) })
	for _, k := range keys {
		f, ok := conflict(groups[k], func(earlier, later document.Fact) bool {
			if genericAttributes[k.attribute] && !restates(doc, earlier, later) {
				return true
			}
			return explainsUpdate(doc, earlier, later)
		})
		if !ok {
			continue
		}
		what := strings.ReplaceAll(k.attribute, "-", " ")
		flags = append(flags, document.Flag{
			Severity: document.High,
			Message: fmt.Sprintf("The %s of %s is given as %s and as %s, with no update explained.",
				what, entityName(doc, k.entity), valueText(f[0]), valueText(f[1])),
			Evidence: []document.Span{f[0].Span(), f[1].Span()},
		})
	}
	return flags
}

// conflict returns the first two facts of a group whose values disagree,
// skipping pairs that excused says are not in conflict.
func conflict(facts []document.Fact, excused func(earlier, later document.Fact) bool) ([2]document.Fact, bool) {
	for i := 1; i < len(facts); i++ {
		for j := 0; j < i; j++ {
			if compatible(facts[i].Value, facts[j].Value) {
				continue
			}
			if excused != nil && excused(facts[j], facts[i]) {
				continue
			}
			return [2]document.Fact{facts[j], facts[i]}, true
		}
	}
	return [2]document.Fact{}, false
}

// compatible reports whether two fact values can both be true: equal,
// unknown, or approximate and inequality values ("~2,750", "more than
// 100") that the other satisfies.
func compatible(a, b string) bool {
	if a == b || a == "" || b == "" {
		return true
	}
	qa, na, okA := splitValue(a)
	qb, nb, okB := splitValue(b)
	if !okA || !okB {
		return false
	}
	return satisfies(qa, na, nb) && satisfies(qb, nb, na)
}

// satisfies reports whether x is consistent with "q n".
func satisfies(q string, n, x float64) bool {
	switch q {
	case "~":
		return math.Abs(x-n) <= 0.2*math.Abs(n)
	case ">":
		return x > n
	case ">=":
		return x >= n
	case "<":
		return x < n
	case "<=":
		return x <= n
	}
	return x == n
}

// splitValue reads a fact value such as "~USD 5000000", ">100" or "P9M"
// into its qualifier and the first number in it.
func splitValue(v string) (qualifier string, n float64, ok bool) {
	for _, q := range []string{"<=", ">=", "<~", ">~", "~", "<", ">"} {
		if strings.HasPrefix(v, q) {
			qualifier, v = q, v[len(q):]
			break
		}
	}
	switch qualifier {
	case "<~":
		qualifier = "<="
	case ">~":
		qualifier = ">="
	}
	i := strings.IndexFunc(v, unicode.IsDigit)
	if i < 0 {
		return "", 0, false
	}
	j := i
	for j < len(v) && (v[j] >= '0' && v[j] <= '9' || v[j] == '.') {
		j++
	}
	n, err := strconv.ParseFloat(v[i:j], 64)
	if err != nil {
		return "", 0, false
	}
	if strings.HasPrefix(v, "P") { // ISO 8601 duration: compare like with like
		qualifier += v[j:]
	}
	return qualifier, n, true
}

// restates reports whether two facts stand in two sentences that say the
// same thing in nearly the same words, apart from the figures: prices in a
// list of deals share many words too, so the bar is high.
func restates(doc *document.Document, a, b document.Fact) bool {
	if sentenceStart(doc, a.Start) == sentenceStart(doc, b.Start) {
		return false
	}
	wa, wb := contentWords(sentenceAt(doc, a.Start)), contentWords(sentenceAt(doc, b.Start))
	shared := 0
	for w := range wa {
		if wb[w] {
			shared++
		}
	}
	union := len(wa) + len(wb) - shared
	return union > 0 && float64(shared) >= 0.8*float64(union)
}

// sentenceStart returns the start of the sentence holding offset, or -1.
func sentenceStart(doc *document.Document, offset int) int {
	for _, s := range doc.Sentences {
		if s.Start <= offset && offset < s.End {
			return s.Start
		}
	}
	return -1
}

// contentWords returns the words of s that carry meaning: no figures and
// no short function words.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(s) {
		if len(w) > 3 && !hasDigit(w) {
			out[w] = true
		}
	}
	return out
}

// explainsUpdate reports whether the sentence of the later fact explains
// its figure as an update: it has an update cue that the earlier sentence
// lacks (a sentence restated word for word explains nothing).
func explainsUpdate(doc *document.Document, earlier, later document.Fact) bool {
	before := strings.ToLower(sentenceAt(doc, earlier.Start))
	after := strings.ToLower(sentenceAt(doc, later.Start))
	for _, cue := range updateCues {
		if containsWord(after, cue) && !containsWord(before, cue) {
			return true
		}
	}
	return false
}

// placeConflicts flags a place the text puts in two countries: a city
// called "the Syrian city of Mosul" in one sentence and "Mosul, in
// northern Iraq" in another, or facts scoped to two countries.
func placeConflicts(doc *document.Document) []document.Flag {
	var flags []document.Flag
	for _, e := range doc.Entities {
		if e.Link == nil || (e.Link.Kind != document.LinkCity && e.Link.Kind != document.LinkRegion) {
			continue
		}
		stated := map[string][]document.Span{}
		for _, m := range e.Mentions {
			if code, span, ok := statedCountry(doc, m.Span()); ok {
				stated[code] = append(stated[code], span)
			}
		}
		for _, f := range doc.Facts {
			if f.Entity != e.ID {
				continue
			}
			if code := scopeCountry(f.Scope); code != "" {
				stated[code] = append(stated[code], f.Span())
			}
		}
		switch {
		case len(stated) >= 2:
			codes := sortedKeys(stated)
			var parts []string
			var evidence []document.Span
			for _, c := range codes {
				parts = append(parts, fmt.Sprintf("%s (%s)", countryName(doc, c), quoteList(doc, stated[c])))
				evidence = append(evidence, stated[c]...)
			}
			slices.SortFunc(evidence, bySpan)
			flags = append(flags, document.Flag{
				Severity: document.High,
				Message:  fmt.Sprintf("%s is placed in %s.", e.Name, strings.Join(parts, " and in ")),
				Evidence: slices.CompactFunc(evidence, func(a, b document.Span) bool { return a == b }),
			})
		case len(stated) == 1 && e.Link.Country != "":
			for c, spans := range stated {
				if c == e.Link.Country {
					continue
				}
				flags = append(flags, document.Flag{
					Severity: document.Warning,
					Message: fmt.Sprintf("%s is placed in %s, but the gazetteer has %s in %s.",
						e.Name, countryName(doc, c), e.Name, countryName(doc, e.Link.Country)),
					Evidence: spans,
				})
			}
		}
	}
	return flags
}

// placeWords may stand between a place and the country the text puts it
// in: "Mosul, in northern Iraq", "the Iraqi city of Mosul".
var placeWords = map[string]bool{
	",": true, "in": true, "of": true, "the": true, "northern": true, "southern": true, "eastern": true,
	"western": true, "central": true, "north": true, "south": true, "east": true, "west": true,
	"city": true, "town": true, "village": true, "capital": true, "province": true, "region": true,
	"port": true, "-": true, "northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
}

// placeNouns name the kind of place in "the Iraqi city of Mosul".
var placeNouns = map[string]bool{
	"city": true, "town": true, "village": true, "capital": true, "province": true, "region": true, "port": true,
}

// statedCountry looks right after and right before a place mention for a
// country mention joined to it only by placeWords, and returns that
// country's code and the span from place to country.
func statedCountry(doc *document.Document, place document.Span) (string, document.Span, bool) {
	toks := doc.Tokens
	i, ok := slices.BinarySearchFunc(toks, place.Start, func(t document.Token, off int) int { return cmp.Compare(t.Start, off) })
	if !ok {
		return "", document.Span{}, false
	}
	j := i
	for j < len(toks) && toks[j].End <= place.End {
		j++
	}
	// After: "Mosul, in northern Iraq".
	for k, n := j, 0; k < len(toks) && n < 4; k, n = k+1, n+1 {
		if code, ok := countryAt(doc, toks[k].Span()); ok {
			if k == j {
				break // "Mosul Iraq" is not a statement of place
			}
			return code, document.Span{Start: place.Start, End: toks[k].End}, true
		}
		if !placeWords[strings.ToLower(doc.Slice(toks[k].Span()))] {
			break
		}
	}
	// Before: "the Iraqi city of Mosul"; a place noun must say so ("the
	// occupation by Russia of Crimea" places Crimea nowhere).
	noun := false
	for k, n := i-1, 0; k >= 0 && n < 4; k, n = k-1, n+1 {
		if code, ok := countryAt(doc, toks[k].Span()); ok {
			if k == i-1 || !noun {
				break
			}
			return code, document.Span{Start: toks[k].Start, End: place.End}, true
		}
		w := strings.ToLower(doc.Slice(toks[k].Span()))
		if !placeWords[w] {
			break
		}
		noun = noun || placeNouns[w]
	}
	return "", document.Span{}, false
}

// countryAt returns the country code of a country entity (named or by
// demonym) with a mention covering tok.
func countryAt(doc *document.Document, tok document.Span) (string, bool) {
	for _, e := range doc.Entities {
		if e.Link == nil || e.Link.Kind != document.LinkCountry {
			continue
		}
		for _, m := range e.Mentions {
			if m.Span().Contains(tok) {
				return e.Link.Code, true
			}
		}
	}
	return "", false
}

// scopeCountry reads the country out of a fact scope such as "city in IRQ".
func scopeCountry(scope string) string {
	f := strings.Fields(scope)
	if len(f) >= 2 && f[len(f)-2] == "in" && isCountryCode(f[len(f)-1]) {
		return f[len(f)-1]
	}
	return ""
}

// dateConflicts flags one event (same actor, action and target) given two
// different resolved dates.
func dateConflicts(doc *document.Document) []document.Flag {
	type key struct{ actor, action, target string }
	seen := map[key]*document.Arg{}
	var flags []document.Flag
	for _, c := range doc.Claims {
		ev := c.Event
		if ev == nil || ev.Time == nil || !isDate(ev.Time.Value) {
			continue
		}
		// Without a target, "Trump planned" is too vague to be one event
		// ("planned to impose tariffs Dec. 15", "an increase planned for
		// Oct. 15").
		if ev.Target == nil {
			continue
		}
		k := key{argKey(ev.Actor), strings.ToLower(ev.Action), argKey(ev.Target)}
		prev, ok := seen[k]
		if !ok {
			seen[k] = ev.Time
			continue
		}
		if prev.Value != ev.Time.Value {
			flags = append(flags, document.Flag{
				Severity: document.Warning,
				Message: fmt.Sprintf("The same event (%s %s) is dated %s and %s.",
					argText(ev.Actor), ev.Action, prev.Value, ev.Time.Value),
				Evidence: []document.Span{{Start: prev.Start, End: prev.End}, {Start: ev.Time.Start, End: ev.Time.End}},
			})
		}
	}
	return flags
}

func isDate(v string) bool {
	return len(v) == len("2006-01-02") && v[4] == '-' && v[7] == '-'
}

func argKey(a *document.Arg) string {
	if a == nil {
		return ""
	}
	return cmp.Or(string(a.Entity), a.Code, strings.ToLower(a.Text))
}

func argText(a *document.Arg) string {
	if a == nil {
		return "someone"
	}
	return a.Text
}

// quoteConflicts flags the same quoted words attributed to two different
// speakers. A quote repeated by the same speaker is fine.
func quoteConflicts(doc *document.Document) []document.Flag {
	var flags []document.Flag
	qs := doc.Quotes
	ws := make([][]string, len(qs)) // each quote's words, split once
	for i, q := range qs {
		if q.Speaker != "" {
			ws[i] = words(doc.Slice(q.Content))
		}
	}
	for i := range qs {
		for j := i + 1; j < len(qs); j++ {
			a, b := qs[i], qs[j]
			if a.Speaker == "" || b.Speaker == "" || a.Speaker == b.Speaker {
				continue
			}
			// Overlapping contents are one quote the attribution stage
			// tied to two candidates, not a quote the article repeats.
			if a.Content.Overlaps(b.Content) {
				continue
			}
			if len(ws[i]) < 5 || len(ws[j]) < 5 || !sameWords(ws[i], ws[j]) {
				continue
			}
			flags = append(flags, document.Flag{
				Severity: document.High,
				Message: fmt.Sprintf("The same words are attributed to %s and to %s.",
					entityName(doc, a.Speaker), entityName(doc, b.Speaker)),
				Evidence: []document.Span{a.Content, b.Content},
			})
		}
	}
	return flags
}

// sameWords reports whether one word sequence contains the other.
func sameWords(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for i := 0; i+len(a) <= len(b); i++ {
		if slices.Equal(a, b[i:i+len(a)]) {
			return true
		}
	}
	return false
}

// headlineUnsupported flags names and figures in the headline that the
// body never mentions.
func headlineUnsupported(doc *document.Document) []document.Flag {
	h := doc.Headline
	if h == nil {
		return nil
	}
	// In a Title Case headline capitals say nothing, and the recogniser
	// takes phrases for names ("So Many Ways to Play"): only names the
	// gazetteers know count there.
	titleCase := text.IsTitleCase(doc.Slice(*h))
	outlet := strings.ToLower(doc.Meta.Outlet)
	var flags []document.Flag
	for _, e := range doc.Entities {
		if titleCase && e.Link == nil {
			continue
		}
		// The outlet naming itself ("The Guardian view on ...").
		if outlet != "" && strings.Contains(outlet, strings.ToLower(e.Name)) {
			continue
		}
		var inHead []document.Span
		inBody := false
		for _, m := range e.Mentions {
			switch {
			case h.Contains(m.Span()):
				inHead = append(inHead, m.Span())
			case m.Start >= h.End:
				inBody = true
			}
		}
		if len(inHead) > 0 && !inBody && e.Type != document.NORP && !namedInBody(doc, e.Name, h.End) {
			flags = append(flags, document.Flag{
				Severity: document.Warning,
				Message:  fmt.Sprintf("The headline names %s, but the body never does.", e.Name),
				Evidence: inHead[:1],
			})
		}
	}
	body := doc.Text[h.End:]
	for _, t := range doc.Tokens {
		if t.End > h.End {
			break
		}
		w := doc.Slice(t.Span())
		if t.Start >= h.Start && isFigure(w) && !strings.Contains(body, w) {
			flags = append(flags, document.Flag{
				Severity: document.Warning,
				Message:  fmt.Sprintf("The headline gives the figure %s, which the body never states.", w),
				Evidence: []document.Span{t.Span()},
			})
		}
	}
	return flags
}

// namedInBody reports whether the body, after offset from, uses the last
// words of name, whatever their case: "the coast guard" names the
// headline's "Kenyan coast guard" even where no mention was linked.
func namedInBody(doc *document.Document, name string, from int) bool {
	w := strings.Fields(strings.ToLower(name))
	if len(w) == 0 {
		return false
	}
	tail := strings.Join(w[max(0, len(w)-2):], " ")
	if len(w) >= 3 || len(tail) >= 4 {
		return containsWord(strings.ToLower(doc.Text[from:]), tail)
	}
	return false
}

func hasDigit(s string) bool { return strings.ContainsFunc(s, unicode.IsDigit) }

// isFigure reports a headline token that states a quantity: digits with
// separators, a currency sign, a percent or a short scale ("40", "6.5",
// "$3bn", "30%"); not a model or spec ("13-Inch", "4-door", "A350"), a
// year ("2018") or a date ("11.18.19").
func isFigure(w string) bool {
	w = strings.TrimLeft(w, "$€£¥")
	for _, suf := range []string{"%", "bn", "m", "k"} {
		if v, ok := strings.CutSuffix(w, suf); ok && v != "" {
			w = v
			break
		}
	}
	if w == "" || !hasDigit(w) || strings.Count(w, ".") > 1 {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) && r != ',' && r != '.' {
			return false
		}
	}
	if n, err := strconv.Atoi(w); err == nil && len(w) == 4 && n >= 1900 && n <= 2100 {
		return false
	}
	return true
}
