package claim

import (
	"strings"

	"github.com/crosscheck/crosscheck/claim/cameo"
	"github.com/crosscheck/crosscheck/claim/internal/lex"
	"github.com/crosscheck/crosscheck/document"
)

// Word classes the event finder reads the clause with. There is no
// part-of-speech tagger in crosscheck, so verbs are told from nouns by
// their neighbours: "the attack" is a noun, "rebels attack" a verb.
var (
	determiners = set("the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
		"our", "my", "your", "'s", "no", "any", "some", "every", "each", "of", "such", "whose")
	beForms   = set("is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "'m")
	auxiliary = set("has", "have", "had", "do", "does", "did", "will", "would", "shall", "should",
		"can", "could", "may", "might", "must", "'ll", "'d", "'ve", "to", "got", "get", "gets")
	negations = set("not", "n't", "never", "no")
	adverbs   = set("also", "still", "already", "just", "now", "then", "again", "later", "soon", "even",
		"only", "jointly", "reportedly", "allegedly", "secretly", "recently", "previously", "once",
		"first", "further", "repeatedly", "partly", "largely", "mostly", "generally", "finally", "eventually",
		"successfully", "formally", "officially", "publicly", "quietly", "openly", "directly", "actively")
	// boundaries end the search for a verb's arguments.
	boundaries = set(";", ":", "that", "which", "who", "whom", "while", "whereas", "but", "because",
		"although", "though", "if", "unless", "when", "where", "and", "or", "\"", "“", "”", "‘", "’", "'")
	prepositions = set("of", "in", "from", "at", "on", "with", "against", "to", "for", "by", "into",
		"near", "about", "over", "under", "between", "among", "across", "through", "toward", "towards",
		"within", "after", "before", "during", "including", "like", "than", "as", "off",
		"since", "until", "despite", "below", "above", "beyond", "behind", "beside", "around", "along", "amid",
		"per", "via", "except", "unlike", "without", "across", "outside", "inside", "throughout", "near")
	// reporting and thinking verbs introduce what others say or think;
	// the attribution layer handles them, and CAMEO would code nearly
	// every news sentence "make statement".
	reporting = set("say", "tell", "add", "claim", "mention", "reveal", "discover", "note", "state",
		"believe", "think", "know", "report", "explain", "argue", "suggest", "acknowledge", "admit",
		"hope", "expect", "describe", "answer", "quote", "insist", "stress", "emphasize", "emphasise",
		"indicate", "recall", "announce", "disclose", "confirm", "declare", "assert", "maintain",
		"write", "tweet", "speak", "seem", "appear", "remain", "become", "represent", "play", "begin",
		"want", "seek", "try", "continue", "need", "use", "make", "come", "go", "leave")
	placePreps = set("in", "at", "near", "inside", "outside", "across", "throughout", "off")
	// targetPreps may stand between a verb and its target: "met with",
	// "fired at", "supplied arms to". "For" and "from" do not: fighting
	// for a group is not fighting it.
	targetPreps = set("with", "against", "to", "at", "on", "into", "toward", "towards", "upon", "of")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// found is one event found in a sentence, with where it lies.
type found struct {
	event    document.Event
	verb     int // index of the verb's first word
	lo, hi   int // the clause, as word indices
	negated  bool
	passive  bool
	hasActor bool
}

// findEvents codes the events of one sentence.
func findEvents(doc *document.Document, s *sentence, lexicon *cameo.Lexicon) []found {
	var out []found
	var reports []report
	for i := 0; i < len(s.words); i++ {
		if _, in := s.mentionAt(i); in {
			continue
		}
		if lemma, ok := lookupMarked(s, i, markReport, reportForms); ok {
			// Reporting and wanting verbs are told by their forms, not by
			// the CAMEO table, which lacks some of them.
			v := cameo.Verb{Lemma: lemma, Len: 1}
			if isVerbUse(s, i, v) || strings.HasSuffix(s.lower[i], "ed") || s.lower[i] == "said" || s.lower[i] == "told" {
				if r, ok := newReport(doc, s, i, v); ok {
					reports = append(reports, r)
				}
			}
			continue
		}
		v, ok := lexicon.Lookup(s.lower, i)
		if !ok || !isVerbUse(s, i, v) {
			continue
		}
		// Reporting verbs are told by the list, not by the attribution
		// layer's cues: its cues include main verbs that are events
		// ("accused", "warned", "fired").
		if reporting[v.Lemma] {
			if r, ok := newReport(doc, s, i, v); ok {
				reports = append(reports, r)
			}
			i += v.Len - 1
			continue
		}
		f, ok := buildEvent(doc, s, lexicon, i, v)
		i += v.Len - 1
		if ok {
			out = append(out, f)
		}
	}
	out = dropInfinitives(s, out)
	return nest(doc, s, reports, out)
}

// reportForms maps the forms of reporting and wanting verbs to their
// lemmas.
var reportForms = func() map[string]string {
	m := map[string]string{"said": "say", "says": "say", "say": "say", "saying": "say", "told": "tell",
		"tells": "tell", "tell": "tell", "telling": "tell"}
	for _, v := range []string{"claim", "allege", "state", "insist", "report", "add", "announce", "mention",
		"reveal", "declare", "assert", "want", "wish"} {
		m[v] = v
		if strings.HasSuffix(v, "e") {
			m[v+"s"], m[v+"d"], m[v[:len(v)-1]+"ing"] = v, v, v
		} else if strings.HasSuffix(v, "sh") {
			m[v+"es"], m[v+"ed"], m[v+"ing"] = v, v, v
		} else {
			m[v+"s"], m[v+"ed"], m[v+"ing"] = v, v, v
		}
	}
	return m
}()

// dropInfinitives removes an event whose verb is an infinitive ("to
// help") in the clause of an earlier coded event: PETRARCH codes the
// governing verb ("asked Obama to help Iran" appeals, "agreed to lift
// sanctions" yields), whose patterns already see the infinitive's words.
func dropInfinitives(s *sentence, events []found) []found {
	out := events[:0]
	for k, f := range events {
		j := skipBack(s, f.verb-1)
		if j >= 0 && s.lower[j] == "to" {
			governed := false
			for _, g := range events[:k] {
				if g.event.CAMEO != "" && g.verb < f.verb && f.verb < g.hi+4 {
					governed = true
					break
				}
			}
			if governed {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// report is a reporting or wanting verb and its speaker, whose
// complement may hold an event.
type report struct {
	at, n   int
	lemma   string
	speaker mention
}

func newReport(doc *document.Document, s *sentence, i int, v cameo.Verb) (report, bool) {
	class := ""
	switch v.Lemma {
	case "say", "claim", "allege", "tell", "state", "insist", "report", "add", "announce", "mention", "reveal", "declare", "assert":
		class = "say"
	case "want", "wish":
		class = "want"
	default:
		return report{}, false
	}
	lo, _ := clause(s, i, v.Len)
	sp, ok := subjectOf(s, i, lo)
	if !ok {
		return report{}, false
	}
	return report{at: i, n: v.Len, lemma: class, speaker: sp}, true
}

// pronounSubject reports whether the word before the event's verb group
// is a personal pronoun.
func pronounSubject(s *sentence, f found) bool {
	j := f.verb - 1
	for j >= 0 && (auxiliary[s.lower[j]] || beForms[s.lower[j]] || adverbs[s.lower[j]] || negations[s.lower[j]]) {
		j--
	}
	if j < 0 {
		return false
	}
	switch s.lower[j] {
	case "they", "we", "he", "she", "it", "i":
		return true
	}
	return false
}

// nest applies PETRARCH2's transformation rules for attacks reported or
// wanted by someone (the "~" lines of its dictionary):
//
//	a says a attacked b      -> a b 015 (claims responsibility)
//	a says b attacked (...)  -> a b 112 (accuses)
//	a wants to attack b      -> a b 138 (threatens)
//	a wants b to attack ...  -> a b 021 (appeals)
//
// The reported attack stays among the events, with its CAMEO code
// cleared: it is claimed, not observed.
func nest(doc *document.Document, s *sentence, reports []report, events []found) []found {
	if len(reports) == 0 {
		return events
	}
	var added []found
	for k := range events {
		f := &events[k]
		root := f.event.CAMEO
		if root != "18" && root != "19" && root != "20" {
			continue
		}
		var r *report
		for j := range reports {
			if reports[j].at < f.verb {
				r = &reports[j]
			}
		}
		// The attack must sit in the report's complement: its clause
		// starts at the reporting verb or just after it ("said that").
		if r == nil || f.lo > r.at+r.n+1 {
			continue
		}
		speaker := argFromMention(doc, s, r.speaker)
		ev := document.Event{
			Actor:      speaker,
			Action:     s.text(doc, r.at, r.at+r.n),
			ActionSpan: document.Span{Start: s.words[r.at].Start, End: s.words[r.at+r.n-1].End},
			Time:       f.event.Time,
		}
		// An unnamed attacker is the speaker when a pronoun stands for it
		// ("the US claimed that they had attacked").
		sameActor := f.event.Actor != nil && f.event.Actor.Entity == speaker.Entity ||
			f.event.Actor == nil && pronounSubject(s, *f)
		switch {
		case r.lemma == "say" && sameActor && f.event.Target != nil:
			ev.Target, ev.CAMEO = f.event.Target, "01"
		case r.lemma == "say" && !sameActor:
			ev.Target, ev.CAMEO = f.event.Actor, "11"
		case r.lemma == "want" && sameActor && f.event.Target != nil:
			ev.Target, ev.CAMEO = f.event.Target, "13"
		case r.lemma == "want" && !sameActor:
			ev.Target, ev.CAMEO = f.event.Actor, "02"
		default:
			continue
		}
		f.event.CAMEO = ""
		added = append(added, found{event: ev, verb: r.at, lo: r.at, hi: f.hi, hasActor: true})
	}
	return append(events, added...)
}

// isVerbUse decides whether the form at i is used as a verb.
func isVerbUse(s *sentence, i int, v cameo.Verb) bool {
	w := s.lower[i]
	prev := ""
	if i > 0 {
		prev = s.lower[i-1]
	}
	if determiners[prev] || prev == "'s" {
		return false
	}
	if i > 0 {
		if s.words[i-1].IsNum {
			return false // "two exiled dissidents"
		}
	}
	// "Iraqi forces": a demonym modifies a noun.
	if m, ok := s.mentionAt(i - 1); ok && m.kind == document.MentionDemonym {
		return false
	}
	if i+1 < len(s.lower) && s.lower[i+1] == "of" && v.Len == 1 && !strings.HasSuffix(w, "ed") {
		return false // "support of", "the capture of"
	}
	// An adjective before the word makes it a noun: "military aid".
	if strings.HasSuffix(prev, "al") || strings.HasSuffix(prev, "ic") || strings.HasSuffix(prev, "ary") {
		if !adverbs[prev] && !strings.HasSuffix(w, "ed") {
			return false
		}
	}
	switch {
	case strings.HasSuffix(w, "ing"):
		// Only progressive forms: "rebels are attacking". Gerunds and
		// participles ("taking part") are too often nominal.
		return precededBy(s, i, beForms)
	case w == v.Lemma || (strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")):
		// Base and -s forms double as nouns ("aid", "attacks"): they
		// count after a subject, a modal or "to". An -s form never
		// follows "to" or a modal ("reply to questions").
		if w == v.Lemma && (precededBy(s, i, auxiliary) || precededBy(s, i, negations)) {
			return true
		}
		j := skipBack(s, i-1)
		if j < 0 {
			return false
		}
		if m, ok := s.mentionAt(j); ok {
			// A bare base form after a singular name breaks agreement
			// ("Iraq fight against IS" is a headline's noun phrase):
			// names of countries, groups and people are singular.
			if w == v.Lemma && m.kind != document.MentionDemonym && m.kind != document.MentionPronoun && j == i-1 {
				return false
			}
			return true
		}
		switch s.lower[j] {
		case "he", "she", "it", "they", "we", "i", "you", "who", "which", "that":
			return true
		}
		// A plural noun modified by a name: "Syrian forces clash",
		// "US troops attack".
		if w == v.Lemma && j >= 1 && isPluralNoun(s.words[j]) {
			if _, ok := s.mentionAt(j - 1); ok {
				return true
			}
		}
		return false
	}
	return true
}

func isPluralNoun(w lex.Word) bool {
	l := w.Lower
	return len(l) > 3 && strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss") && !w.IsCapitalised() &&
		!strings.HasSuffix(l, "'s") && !w.IsNum
}

// skipBack moves left from j over adverbs and negations.
func skipBack(s *sentence, j int) int {
	for j >= 0 && (adverbs[s.lower[j]] || negations[s.lower[j]] || isLyAdverb(s.lower[j])) {
		j--
	}
	return j
}

// notAdverbs end in -ly but are verbs, nouns or names.
var notAdverbs = set("supply", "apply", "reply", "rely", "ally", "italy", "july", "family", "assembly",
	"multiply", "comply", "imply", "rally", "fly", "bully", "anomaly", "monopoly", "resupply", "reapply")

func isLyAdverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !notAdverbs[w]
}

// precededBy reports whether a word of the class stands just before i,
// adverbs and negations aside.
func precededBy(s *sentence, i int, class map[string]bool) bool {
	j := skipBack(s, i-1)
	return j >= 0 && class[s.lower[j]]
}

// isPassive reports "was freed", "had been trained".
func isPassive(s *sentence, i int, v cameo.Verb) bool {
	w := s.lower[i]
	if w == v.Lemma && !strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ed") {
		return false
	}
	j := skipBack(s, i-1)
	return j >= 0 && beForms[s.lower[j]] && s.lower[j] != "'s"
}

// clause returns the words around the verb at i that hold its
// arguments: left to the previous boundary, right to the next.
func clause(s *sentence, i, n int) (lo, hi int) {
	lo = i
	for lo > 0 && lo > i-20 && !boundaries[s.lower[lo-1]] {
		lo--
	}
	hi = i + n
	for hi < len(s.words) && hi < i+n+16 && !boundaries[s.lower[hi]] && s.lower[hi] != "." {
		hi++
	}
	return lo, hi
}

// buildEvent fills in the arguments and the code of the verb at i.
func buildEvent(doc *document.Document, s *sentence, lexicon *cameo.Lexicon, i int, v cameo.Verb) (found, bool) {
	lo, hi := clause(s, i, v.Len)
	f := found{verb: i, lo: lo, hi: hi}
	f.passive = isPassive(s, i, v)
	f.negated = negatedAt(s, lo, i)
	used := map[int]bool{} // mentions already given a role, by first word

	subj, subjOK := subjectOf(s, i, lo)
	if subjOK {
		used[subj.first] = true
	}
	var actor, target *document.Arg
	var placeFromSubject *document.Arg
	if f.passive {
		if agent, ok := afterPrep(s, i+v.Len, hi, "by", used); ok {
			actor = argFromMention(doc, s, agent)
			used[agent.first] = true
		}
		if subjOK {
			target = argFromMention(doc, s, subj)
		}
	} else {
		if subjOK {
			actor = argFromMention(doc, s, subj)
		}
		if obj, ok := objectOf(s, i+v.Len, hi, used); ok {
			target = argFromMention(doc, s, obj)
			used[obj.first] = true
		}
	}
	f.hasActor = actor != nil

	// Words the verb's patterns are matched against: after the verb,
	// and, for a passive, its subject too ("pilots were trained" matches
	// "train pilots").
	after := s.lower[i+v.Len : hi]
	if f.passive {
		after = append(append([]string(nil), s.lower[lo:i]...), after...)
	}
	code, _ := lexicon.Code(v, s.lower[lo:i], after)

	// Hand-written refinements for shapes the dictionary codes only
	// through a parse (see doc comment of refine).
	code, target, placeFromSubject = refine(doc, s, v, i, hi, f.passive, code, target, used)

	ev := document.Event{
		Actor:      actor,
		Action:     strings.TrimSpace(s.text(doc, i, i+v.Len)),
		ActionSpan: document.Span{Start: s.words[i].Start, End: s.words[i+v.Len-1].End},
		Target:     target,
	}
	if f.negated {
		ev.Action = "not " + ev.Action
	}
	if placeFromSubject != nil {
		ev.Place = placeFromSubject
	} else if p, ok := placeOf(s, i+v.Len, hi, used); ok {
		ev.Place = argFromMention(doc, s, p)
	}
	ev.Time = timeOf(doc, s, lo, i)

	if ev.Actor == nil && ev.Target == nil {
		return f, false
	}
	// An actor doing something uncoded to no one ("the ministry did not
	// reply") says too little to be an event.
	if code == "" && ev.Target == nil && ev.Place == nil {
		return f, false
	}
	// PETRARCH codes an event when at least one side is a known actor,
	// the other possibly unknown ("---"); so does crosscheck.
	if code != "" && (hasEntity(ev.Actor) || hasEntity(ev.Target)) {
		if f.negated {
			code = negate(code)
		}
		ev.CAMEO = cameo.Root(code)
	}
	f.event = ev
	return f, true
}

func hasEntity(a *document.Arg) bool { return a != nil && a.Entity != "" }

// negate maps a negated cooperative code to CAMEO's reject (12), as
// PETRARCH does: "would not provide support" rejects a request for aid.
func negate(code string) string {
	switch cameo.Root(code) {
	case "03", "04", "05", "06", "07", "08":
		return "12"
	}
	return code
}

// negatedAt reports a negation inside the verb group before i ("did not
// reply", "has never been"), not one further back in the clause.
func negatedAt(s *sentence, lo, i int) bool {
	for j := i - 1; j >= lo; j-- {
		w := s.lower[j]
		switch {
		case negations[w] && w != "no":
			return true
		case auxiliary[w] || beForms[w] || adverbs[w] || isLyAdverb(w):
		default:
			return false
		}
	}
	return false
}

// subjectOf finds the verb's subject: the nearest mention to its left in
// the clause that is not the object of a preposition. A relative pronoun
// ("the city which was occupied") sends the search to its antecedent.
func subjectOf(s *sentence, i, lo int) (mention, bool) {
	j := i - 1
	for j >= 0 && (adverbs[s.lower[j]] || negations[s.lower[j]] || auxiliary[s.lower[j]] || beForms[s.lower[j]] ||
		isLyAdverb(s.lower[j])) {
		j--
	}
	if j >= 0 {
		switch s.lower[j] {
		case "which", "who", "that":
			return antecedent(s, j)
		}
	}
	for k := j; k >= lo; k-- {
		m, ok := s.mentionAt(k)
		if !ok {
			continue
		}
		if m.first > 0 && prepositions[s.lower[m.first-1]] {
			k = m.first
			continue
		}
		// A demonym inside a longer noun phrase ("the Iraqi ambassador")
		// stands for its country only when nothing closer names the
		// subject; it is kept.
		return m, true
	}
	return mention{}, false
}

// antecedent finds what the relative pronoun at r refers to: the noun
// phrase before it, or the name that phrase stands in apposition to
// ("Mosul, the Iraqi city which ...").
func antecedent(s *sentence, r int) (mention, bool) {
	k := r - 1
	var demonym *mention
	for k >= 0 && s.lower[k] != "," {
		if m, ok := s.mentionAt(k); ok {
			if m.kind != document.MentionDemonym {
				return m, true
			}
			if demonym == nil {
				demonym = &m
			}
			k = m.first - 1
			continue
		}
		if prepositions[s.lower[k]] && s.lower[k] != "of" {
			break
		}
		k--
	}
	if k >= 1 && s.lower[k] == "," {
		if m, ok := s.mentionAt(k - 1); ok {
			return m, true
		}
	}
	if demonym != nil {
		return *demonym, true
	}
	return mention{}, false
}

// objectOf finds the first mention after the verb that can be its
// object: directly, or after a preposition that marks a target.
func objectOf(s *sentence, from, hi int, used map[int]bool) (mention, bool) {
	for k := from; k < hi; k++ {
		m, ok := s.mentionAt(k)
		if !ok {
			continue
		}
		k = m.last - 1
		if used[m.first] {
			continue
		}
		// The word that governs the mention, past its determiners: "in
		// the Indian Ocean" is governed by "in".
		prev := ""
		for j := m.first - 1; j >= from; j-- {
			if !determiners[s.lower[j]] || s.lower[j] == "of" {
				prev = s.lower[j]
				break
			}
		}
		if prepositions[prev] && !targetPreps[prev] || prev == "of" && k-from > 3 {
			continue
		}
		return m, true
	}
	return mention{}, false
}

// afterPrep finds the first mention after the preposition prep.
func afterPrep(s *sentence, from, hi int, prep string, used map[int]bool) (mention, bool) {
	for k := from; k < hi-1; k++ {
		if s.lower[k] != prep {
			continue
		}
		for j := k + 1; j < hi && j <= k+4; j++ {
			if m, ok := s.mentionAt(j); ok && !used[m.first] {
				return m, true
			}
		}
	}
	return mention{}, false
}

// placeOf finds a place after "in", "at" or "near".
func placeOf(s *sentence, from, hi int, used map[int]bool) (mention, bool) {
	for k := from; k < hi; k++ {
		if !placePreps[s.lower[k]] {
			continue
		}
		for j := k + 1; j < hi && j <= k+3; j++ {
			if m, ok := s.mentionAt(j); ok && !used[m.first] && isPlace(m.ent) {
				return m, true
			}
		}
	}
	return mention{}, false
}

func isPlace(e *document.Entity) bool {
	return e.Type == document.GPE || e.Type == document.Location
}

// timeOf picks the time expression of the clause, or failing that of the
// sentence before the verb's clause ends.
func timeOf(doc *document.Document, s *sentence, lo, i int) *document.Arg {
	var best *document.Arg
	for _, t := range s.times {
		if t.Kind == document.TimeDuration || t.Kind == document.TimeSet {
			continue
		}
		a := &document.Arg{Text: doc.Text[t.Start:t.End], Value: t.Value, Start: t.Start, End: t.End}
		if t.First >= lo {
			return a
		}
		best = a
	}
	return best
}

// argFromMention turns a mention into an event argument. A demonym
// takes the noun it modifies along ("Iraqi security forces").
func argFromMention(doc *document.Document, s *sentence, m mention) *document.Arg {
	last := m.last
	if m.kind == document.MentionDemonym {
		for last < len(s.words) && last < m.last+3 {
			w := s.words[last]
			if w.IsPunct() || w.IsCapitalised() || prepositions[w.Lower] || boundaries[w.Lower] || beForms[w.Lower] || auxiliary[w.Lower] {
				break
			}
			last++
			if strings.HasSuffix(w.Lower, "s") || nounHeads[w.Lower] {
				break
			}
		}
	}
	a := &document.Arg{
		Text:   s.text(doc, m.first, last),
		Entity: m.ent.ID,
		Code:   countryCode(m.ent),
		Start:  s.words[m.first].Start,
		End:    s.words[last-1].End,
	}
	return a
}

var nounHeads = set("army", "military", "government", "police", "navy", "air", "force", "official",
	"minister", "president", "ambassador", "envoy", "leader", "media", "people", "pilot", "soldier", "city")

// countryCode returns the ISO 3166-1 alpha-3 code an entity stands for:
// a country, a place in a country, a national body or force, or a
// person whose roles all hold for one country.
func countryCode(e *document.Entity) string {
	if e.Link != nil {
		if isISO3(e.Link.Country) {
			return e.Link.Country
		}
		if (e.Link.Kind == document.LinkCountry || e.Link.Kind == document.LinkForces) && isISO3(e.Link.Code) {
			return e.Link.Code
		}
	}
	if e.Type == document.Person {
		code := ""
		for _, r := range e.Roles {
			if !isISO3(r.Of) {
				continue
			}
			if code != "" && code != r.Of {
				return "" // conflicting roles: no single country
			}
			code = r.Of
		}
		return code
	}
	return ""
}

func isISO3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
