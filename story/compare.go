package story

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/document"
)

// Comparison is what the versions of one story agree on, where they
// differ, what only some of them say, which came first and which copy
// which.
type Comparison struct {
	Story    string    `json:"story"`
	Title    string    `json:"title"`
	Versions []Version `json:"versions"`
	// FirstPublished is the earliest publication date among the
	// versions, "" when none is dated; First lists the labels of the
	// versions published that day.
	FirstPublished string          `json:"first_published"`
	First          []string        `json:"first"`
	Agreements     []Point         `json:"agreements"`
	Contradictions []Contradiction `json:"contradictions"`
	Omissions      []Omission      `json:"omissions"`
	Copies         []Copy          `json:"copies"`
}

// Version is one article of the story, labelled A, B, C... in order of
// publication.
type Version struct {
	Label     string `json:"label"`
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

// Evidence points at the words of one version behind a finding.
type Evidence struct {
	Label   string `json:"label"`
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	// Text is the words at [Start, End); Context is the sentence around
	// them.
	Text    string `json:"text"`
	Context string `json:"context,omitempty"`
}

// Kinds of points, contradictions and omissions.
const (
	KindFact      = "fact"      // a fact from the claim stage
	KindRole      = "role"      // a role a person holds, and for whom
	KindEvent     = "event"     // an event's time or place
	KindNumber    = "number"    // a number or ordinal in matching context
	KindDate      = "date"      // a date in matching context
	KindName      = "name"      // a name in matching context
	KindQuote     = "quote"     // a quotation
	KindStatement = "statement" // a sentence
)

// Point is something several versions state alike.
type Point struct {
	Kind     string     `json:"kind"`
	About    string     `json:"about"`
	Value    string     `json:"value"`
	Evidence []Evidence `json:"evidence"`
}

// Contradiction is one point on which versions state different values.
type Contradiction struct {
	Kind  string `json:"kind"`
	About string `json:"about"`
	Sides []Side `json:"sides"`
}

// Side is one value of a contradiction and the versions that state it.
type Side struct {
	Value    string     `json:"value"`
	Evidence []Evidence `json:"evidence"`
}

// Omission is something only some versions say.
type Omission struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
	// In holds the evidence in the versions that say it; Missing the
	// labels of those that do not.
	In      []Evidence `json:"in"`
	Missing []string   `json:"missing"`
}

// Copy says that a later version shares much of its text with an earlier
// one.
type Copy struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Shared is the share of To's 4-word shingles also found in From.
	Shared float64 `json:"shared"`
	// Kind is "copy" (Shared >= 0.8) or "rewrite" (Shared >= 0.2).
	Kind string `json:"kind"`
}

// Thresholds of the comparison; see docs/quality-stories.md.
const (
	copyShare    = 0.8
	rewriteShare = 0.2
	// sentenceMatch is the content-word Jaccard similarity from which two
	// sentences say the same thing.
	sentenceMatch = 0.3
	// slotContext is how many content words on each side of a number or
	// name make up its context, and minContext how many of them two
	// slots must share to be about the same thing.
	slotContext = 3
	minContext  = 2
	// maxOmissions bounds the list: the longest statements come first.
	maxOmissions = 40
)

// version is one document prepared for comparison.
type version struct {
	Version
	doc   *document.Document
	toks  []tok
	sents []sent
	slots []slot
	shing map[uint64]bool
}

type sent struct {
	start, end int // byte span
	from, to   int // tokens
	words      map[string]bool
	headline   bool
}

type slot struct {
	kind       string
	value      string // normalised
	start, end int    // byte span
	sent       int
	ctx        map[string]bool
	link       string // link kind of the entity under it, when known
	title      string // for a role, the title of office
	unit       string // for a number, the word right after it ("people")
	ord        bool   // an ordinal
	weekday    bool   // a bare day of the week
	bound      int    // for a number: +1 "at least", -1 "up to", 0 exact
}

// Compare compares the versions of one story. docs should be in order of
// publication, earliest first (as store.Store.Story returns them); the
// labels follow that order.
func Compare(storyID string, docs []*document.Document) *Comparison {
	c := &Comparison{Story: storyID}
	vs := make([]*version, len(docs))
	for i, d := range docs {
		vs[i] = prepare(d, label(i))
		c.Versions = append(c.Versions, vs[i].Version)
	}
	if len(docs) > 0 {
		c.Title = docs[0].Meta.Title
	}
	for _, v := range vs {
		if p := v.Published; p != "" && (c.FirstPublished == "" || p < c.FirstPublished) {
			c.FirstPublished = p
		}
	}
	for _, v := range vs {
		if c.FirstPublished != "" && v.Published == c.FirstPublished {
			c.First = append(c.First, v.Label)
		}
	}
	covered := c.compareFacts(vs)
	c.compareSlots(vs, covered)
	c.compareQuotes(vs)
	c.compareSentences(vs)
	c.compareCopies(vs)
	return c
}

// label returns A, B, ..., Z, AA, AB, ...
func label(i int) string {
	s := ""
	for i >= 0 {
		s = string(rune('A'+i%26)) + s
		i = i/26 - 1
	}
	return s
}

func prepare(d *document.Document, lab string) *version {
	v := &version{
		Version: Version{Label: lab, ID: d.ID, Title: d.Meta.Title, Outlet: d.Meta.Outlet, URL: d.Meta.URL, Published: d.Meta.Published},
		doc:     d,
		toks:    scan(d.Text, nil),
	}
	// Sentences: the text stage's when present, else where scan saw them
	// start.
	if len(d.Sentences) > 0 {
		k := 0
		for _, s := range d.Sentences {
			for k < len(v.toks) && int(v.toks[k].start) < s.Start {
				k++
			}
			from := k
			for k < len(v.toks) && int(v.toks[k].end) <= s.End {
				k++
			}
			v.sents = append(v.sents, sent{start: s.Start, end: s.End, from: from, to: k})
		}
	} else {
		for k := 0; k < len(v.toks); {
			from := k
			k++
			for k < len(v.toks) && !v.toks[k].first {
				k++
			}
			end := int(v.toks[k-1].end)
			// Take in the closing punctuation and quote marks.
			for end < len(d.Text) && strings.IndexByte(".!?\"'”’)", d.Text[end]) >= 0 {
				end++
			}
			for end < len(d.Text) && d.Text[end] >= 0x80 && strings.HasPrefix(d.Text[end:], "”") {
				end += len("”")
			}
			v.sents = append(v.sents, sent{start: int(v.toks[from].start), end: end, from: from, to: k})
		}
	}
	for i := range v.sents {
		s := &v.sents[i]
		s.words = map[string]bool{}
		for _, t := range v.toks[s.from:s.to] {
			if t.num || !stop[t.norm] {
				s.words[stem(t.norm)] = true
			}
		}
		if d.Headline != nil && s.start < d.Headline.End {
			s.headline = true
		}
	}
	v.findSlots()
	v.shing = shingles(v.toks)
	return v
}

// findSlots finds the numbers, dates and names of v, each with the content
// words around it.
func (v *version) findSlots() {
	names := map[string]bool{}
	for _, t := range v.toks {
		if t.cap && !t.first {
			names[t.norm] = true
		}
	}
	isName := func(t *tok) bool {
		return t.cap && (!t.first || names[t.norm]) && (!stop[t.norm] || t.acro) && !t.num
	}
	text := v.doc.Text
	hasRoles := false
	for i := range v.doc.Entities {
		if len(v.doc.Entities[i].Roles) > 0 {
			hasRoles = true
		}
	}
	for si := range v.sents {
		s := &v.sents[si]
		if s.headline {
			continue // headlines abbreviate; the body states the facts
		}
		ts := v.toks[s.from:s.to]
		for i := 0; i < len(ts); i++ {
			t := &ts[i]
			var sl slot
			j := i + 1
			switch {
			case t.num:
				// "one of the few countries" counts nothing.
				if j < len(ts) && ts[j].norm == "of" && strings.EqualFold(text[t.start:t.end], "one") {
					continue
				}
				sl = slot{kind: KindNumber, value: t.norm}
				if _, ok := months[prevWord(ts, i)]; ok {
					sl.kind = KindDate
					sl.value = prevWord(ts, i) + " " + t.norm
				} else if j < len(ts) {
					if _, ok := months[ts[j].norm]; ok {
						sl.kind = KindDate
						sl.value = t.norm + " " + ts[j].norm
						j++
					}
				}
			case weekdays[t.norm]:
				sl = slot{kind: KindDate, value: t.norm, weekday: true}
			case isName(t):
				if _, ok := months[t.norm]; ok {
					continue
				}
				for j < len(ts) && isName(&ts[j]) && (text[ts[j-1].end:ts[j].start] == " " || text[ts[j-1].end:ts[j].start] == "-") {
					j++
				}
				var parts []string
				for _, u := range ts[i:j] {
					parts = append(parts, u.norm)
				}
				sl = slot{kind: KindName, value: strings.Join(parts, " ")}
			default:
				continue
			}
			sl.start, sl.end, sl.sent = int(t.start), int(ts[j-1].end), si
			if sl.kind == KindNumber {
				sl.ord = t.ord
				// The unit is the word joined to the number by a space
				// or hyphen: "12 people", "48-hour".
				if j < len(ts) && !ts[j].num && (!stop[ts[j].norm] || timeUnit[ts[j].norm]) {
					if gap := text[ts[j-1].end:ts[j].start]; gap == " " || gap == "-" {
						sl.unit = stem(ts[j].norm)
						if u, ok := unitAlias[ts[j].norm]; ok {
							sl.unit = u
						}
					}
				}
				if i >= 1 {
					sl.bound = boundWords[ts[i-1].norm]
					if i >= 2 {
						if b, ok := boundWords[ts[i-2].norm+" "+ts[i-1].norm]; ok {
							sl.bound = b
						}
					}
				}
			}
			sl.ctx = map[string]bool{}
			n := 0
			for k := i - 1; k >= 0 && n < slotContext; k-- {
				if w := ts[k].norm; !stop[w] && !ts[k].num {
					sl.ctx[stem(w)] = true
					n++
				}
			}
			n = 0
			for k := j; k < len(ts) && n < slotContext; k++ {
				if w := ts[k].norm; !stop[w] && !ts[k].num {
					sl.ctx[stem(w)] = true
					n++
				}
			}
			sl.link = v.linkAt(sl.start, sl.end)
			if sl.link != "" && sl.kind == KindName {
				sl.value = sl.link
			}
			v.slots = append(v.slots, sl)
			i = j - 1
		}
		if !hasRoles {
			v.findRoles(si, isName)
		}
	}
}

// titles are the words of office whose holder's country or organisation
// versions of a story may disagree on.
var titles = map[string]bool{
	"ambassador": true, "envoy": true, "minister": true, "president": true, "consul": true,
	"governor": true, "mayor": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"commander": true, "chief": true, "secretary": true, "chairman": true, "premier": true,
	"king": true, "queen": true, "senator": true, "general": true, "representative": true,
}

// findRoles finds, in sentence si, a title of office with the country or
// body it is held for: "Iraq's ambassador", "Iraqi ambassador",
// "Ambassador of Iran". The entity stage finds roles properly; this is the
// fallback for documents without them.
func (v *version) findRoles(si int, isName func(*tok) bool) {
	s := &v.sents[si]
	ts := v.toks[s.from:s.to]
	text := v.doc.Text
	for k := range ts {
		if !titles[ts[k].norm] {
			continue
		}
		var from, to int = -1, -1
		switch {
		case k >= 2 && ts[k-1].norm == "s" && isName(&ts[k-2]) && !titles[ts[k-2].norm] &&
			(text[ts[k-2].end:ts[k-1].start] == "'" || text[ts[k-2].end:ts[k-1].start] == "’"):
			from, to = k-2, k-1
			for from > 0 && isName(&ts[from-1]) && text[ts[from-1].end:ts[from].start] == " " {
				from--
			}
		case k >= 1 && isName(&ts[k-1]) && !titles[ts[k-1].norm] && text[ts[k-1].end:ts[k].start] == " ":
			from, to = k-1, k
			for from > 0 && isName(&ts[from-1]) && !titles[ts[from-1].norm] && text[ts[from-1].end:ts[from].start] == " " {
				from--
			}
		case k+2 < len(ts) && ts[k+1].norm == "of" && isName(&ts[k+2]):
			from, to = k+2, k+3
			for to < len(ts) && isName(&ts[to]) && text[ts[to-1].end:ts[to].start] == " " {
				to++
			}
		}
		if from < 0 {
			continue
		}
		var parts []string
		for _, u := range ts[from:to] {
			parts = append(parts, u.norm)
		}
		start, end := int(min(ts[from].start, ts[k].start)), int(max(ts[to-1].end, ts[k].end))
		v.slots = append(v.slots, slot{
			kind: KindRole, value: strings.Join(parts, " "), start: start, end: end, sent: si,
			ctx: map[string]bool{ts[k].norm: true, "\x00role": true}, title: ts[k].norm,
		})
	}
}

// timeUnit holds the units of time that the stop list drops from grouping
// but that tell what a number counts.
var timeUnit = map[string]bool{
	"year": true, "years": true, "month": true, "months": true, "week": true,
	"weeks": true, "day": true, "days": true, "time": true, "times": true,
}

func prevWord(ts []tok, i int) string {
	if i == 0 {
		return ""
	}
	return ts[i-1].norm
}

// linkAt returns "kind:code" of the linked entity mentioned at [start,end),
// or "".
func (v *version) linkAt(start, end int) string {
	sp := document.Span{Start: start, End: end}
	for i := range v.doc.Entities {
		e := &v.doc.Entities[i]
		if e.Link == nil || e.Link.Code == "" {
			continue
		}
		for _, m := range e.Mentions {
			if m.Span().Overlaps(sp) {
				return e.Link.Kind + ":" + e.Link.Code
			}
		}
	}
	return ""
}

func (v *version) evidence(start, end int) Evidence {
	e := Evidence{Label: v.Label, Article: v.ID, Start: start, End: end, Text: v.doc.Slice(document.Span{Start: start, End: end})}
	for _, s := range v.sents {
		if s.start <= start && end <= s.end {
			e.Context = strings.TrimSpace(v.doc.Text[s.start:s.end])
			break
		}
	}
	return e
}

// finding collects the values versions state about one point.
type finding struct {
	kind, about string
	values      map[string][]Evidence
	order       []string
}

func (f *finding) add(value string, e Evidence) {
	if f.values == nil {
		f.values = map[string][]Evidence{}
	}
	if _, ok := f.values[value]; !ok {
		f.order = append(f.order, value)
	}
	for _, x := range f.values[value] {
		if x.Label == e.Label {
			return // one piece of evidence per version and value
		}
	}
	f.values[value] = append(f.values[value], e)
}

func (f *finding) versions() int {
	seen := map[string]bool{}
	for _, es := range f.values {
		for _, e := range es {
			seen[e.Label] = true
		}
	}
	return len(seen)
}

func (c *Comparison) emit(f *finding) {
	if f.versions() < 2 {
		return
	}
	if len(f.order) == 1 {
		if f.kind == KindName {
			return // every version naming the same people says little
		}
		c.Agreements = append(c.Agreements, Point{Kind: f.kind, About: f.about, Value: f.order[0], Evidence: f.values[f.order[0]]})
		return
	}
	if (f.kind == KindFact || f.kind == KindEvent) && allConsistent(f.order) {
		return // bounds and precisions that can all be true together
	}
	ct := Contradiction{Kind: f.kind, About: f.about}
	for _, v := range f.order {
		ct.Sides = append(ct.Sides, Side{Value: v, Evidence: f.values[v]})
	}
	// The side most versions take first.
	slices.SortStableFunc(ct.Sides, func(a, b Side) int { return len(b.Evidence) - len(a.Evidence) })
	c.Contradictions = append(c.Contradictions, ct)
}

// genericAttribute lists the fact attributes that need a scope to say
// what they are about.
var genericAttribute = map[string]bool{
	"count": true, "percentage": true, "amount": true, "number": true, "quantity": true, "share": true,
}

// allConsistent reports whether the values a fact or event time takes in
// the versions can all be true together: bounds that overlap (">=86" and
// "131"), and dates at different precisions ("2023-11" and "2023").
func allConsistent(values []string) bool {
	for i := range values {
		for j := i + 1; j < len(values); j++ {
			if !consistentValues(values[i], values[j]) {
				return false
			}
		}
	}
	return true
}

func consistentValues(a, b string) bool {
	if strings.HasPrefix(a, b) || strings.HasPrefix(b, a) {
		return true // "2023-11" refines "2023"
	}
	ba, xa, ua, okA := parseBounded(a)
	bb, xb, ub, okB := parseBounded(b)
	if !okA || !okB || ua != ub {
		return false
	}
	sa := slot{kind: KindNumber, value: strconv.FormatFloat(xa, 'f', -1, 64), bound: ba}
	sb := slot{kind: KindNumber, value: strconv.FormatFloat(xb, 'f', -1, 64), bound: bb}
	return sa.value == sb.value || consistentBounds(&sa, &sb)
}

// parseBounded reads a fact value as the claim stage writes it: an
// optional bound (">=", ">", "<=", "<"; "~" is approximate, read as
// exact), a number, and a unit.
func parseBounded(v string) (bound int, x float64, unit string, ok bool) {
	num, unit, _ := strings.Cut(strings.TrimSpace(v), " ")
	switch {
	case strings.HasPrefix(num, ">="), strings.HasPrefix(num, ">"):
		bound = 1
	case strings.HasPrefix(num, "<="), strings.HasPrefix(num, "<"):
		bound = -1
	}
	num = strings.TrimLeft(num, "<>=~")
	x, err := strconv.ParseFloat(num, 64)
	return bound, x, unit, err == nil
}

type spanKey struct {
	label      string
	start, end int
}

// compareFacts compares what the analysis stages found: facts about
// entities, roles of people, and the time and place of events. It returns
// the spans it used, so that the text comparison does not report them
// again.
func (c *Comparison) compareFacts(vs []*version) map[spanKey]bool {
	covered := map[spanKey]bool{}
	facts := map[string]*finding{}
	var order []string
	get := func(key, kind, about string) *finding {
		f, ok := facts[key]
		if !ok {
			f = &finding{kind: kind, about: about}
			facts[key] = f
			order = append(order, key)
		}
		return f
	}
	for _, v := range vs {
		d := v.doc
		for _, fa := range d.Facts {
			// A generic attribute ("count", "percentage") says what is
			// counted only through its scope: without one, two such
			// facts may be about anything, and the text comparison,
			// which looks at the words around each number, is the better
			// judge. The unit is part of the key: "6 workers" and "2
			// survivors" count different things.
			if genericAttribute[fa.Attribute] && fa.Scope == "" {
				continue
			}
			ek, en := entityKey(d, fa.Entity)
			about := strings.TrimSpace(fa.Attribute + " " + fa.Scope)
			if en != "" {
				about = en + ": " + about
			}
			unit := strings.ToLower(fa.Unit)
			val := fa.Value
			if unit != "" {
				val += " " + fa.Unit
			}
			get("F|"+ek+"|"+fa.Attribute+"|"+fa.Scope+"|"+stem(unit), KindFact, about).add(val, v.evidence(fa.Start, fa.End))
			covered[spanKey{v.Label, fa.Start, fa.End}] = true
		}
		for i := range d.Entities {
			e := &d.Entities[i]
			if e.Type != document.Person {
				continue
			}
			ek, en := entityKey(d, e.ID)
			for _, r := range e.Roles {
				if r.Of == "" {
					continue
				}
				get("R|"+ek+"|"+r.Title, KindRole, en+": "+r.Title+" of").add(r.Of, v.evidence(r.Start, r.End))
				covered[spanKey{v.Label, r.Start, r.End}] = true
			}
		}
		for _, cl := range d.Claims {
			ev := cl.Event
			if ev == nil || ev.Action == "" {
				continue
			}
			actor, target := argName(d, ev.Actor), argName(d, ev.Target)
			key := "E|" + strings.ToLower(actor) + "|" + stem(strings.ToLower(ev.Action)) + "|" + strings.ToLower(target)
			about := strings.TrimSpace(actor + " " + ev.Action + " " + target)
			if ev.Time != nil && ev.Time.Value != "" {
				get(key+"|time", KindEvent, about+": when").add(ev.Time.Value, v.evidence(ev.Time.Start, ev.Time.End))
			}
			if ev.Place != nil {
				p := ev.Place.Code
				if p == "" {
					p = ev.Place.Text
				}
				if p != "" {
					get(key+"|place", KindEvent, about+": where").add(p, v.evidence(ev.Place.Start, ev.Place.End))
				}
			}
		}
	}
	for _, k := range order {
		c.emit(facts[k])
	}
	return covered
}

// entityKey identifies an entity across documents: its link when it has
// one, else its lower-cased name's last word (people are named in full
// once, then by surname). It also returns a display name.
func entityKey(d *document.Document, id document.EntityID) (key, name string) {
	e := d.Entity(id)
	if e == nil {
		return string(id), string(id)
	}
	if e.Link != nil && e.Link.Code != "" {
		return e.Link.Kind + ":" + e.Link.Code, e.Name
	}
	w := strings.Fields(strings.ToLower(e.Name))
	if len(w) == 0 {
		return string(id), e.Name
	}
	return e.Type + ":" + w[len(w)-1], e.Name
}

func argName(d *document.Document, a *document.Arg) string {
	switch {
	case a == nil:
		return ""
	case a.Code != "":
		return a.Code
	case a.Entity != "":
		if _, n := entityKey(d, a.Entity); n != "" {
			return n
		}
	}
	return a.Text
}

// slotRef is one slot of one version.
type slotRef struct{ v, s int }

// compareSlots pairs numbers, dates and names across versions by the words
// around them, then reports the values each pairing agrees or disagrees
// on. A pair counts only when each slot is the other's best match in its
// version, and a difference counts only when neither sentence states the
// other's value anywhere (so "Iraq and Iran" against "Iran and Iraq" is
// no contradiction).
func (c *Comparison) compareSlots(vs []*version, covered map[spanKey]bool) {
	parent := map[slotRef]slotRef{}
	var find func(x slotRef) slotRef
	find = func(x slotRef) slotRef {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	union := func(a, b slotRef) {
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[rb] = ra
		}
		if _, ok := parent[ra]; !ok {
			parent[ra] = ra
		}
	}
	// Pairings, strongest first, join slots into points; a point never
	// takes two slots of one version, so that one weak pairing cannot
	// chain two different points together.
	type edge struct {
		a, b slotRef
		n    int
	}
	var edges []edge
	for i := range vs {
		for j := i + 1; j < len(vs); j++ {
			bi, ni := bestSlots(vs[i], vs[j])
			bj, _ := bestSlots(vs[j], vs[i])
			for a, b := range bi {
				if b < 0 || bj[b] != a {
					continue
				}
				sa, sb := &vs[i].slots[a], &vs[j].slots[b]
				if !sameValue(sa, sb) && (sentHas(vs[j], sb.sent, sa) || sentHas(vs[i], sa.sent, sb) || consistentBounds(sa, sb)) {
					continue
				}
				edges = append(edges, edge{slotRef{i, a}, slotRef{j, b}, ni[a]})
			}
		}
	}
	slices.SortStableFunc(edges, func(x, y edge) int { return y.n - x.n })
	members := map[slotRef]uint64{} // by root: the versions in its point
	versionsOf := func(r slotRef) uint64 {
		if m, ok := members[r]; ok {
			return m
		}
		return 1 << (uint(r.v) % 64)
	}
	for _, e := range edges {
		ra, rb := find(e.a), find(e.b)
		if ra == rb {
			continue
		}
		ma, mb := versionsOf(ra), versionsOf(rb)
		if ma&mb != 0 {
			continue
		}
		union(e.a, e.b)
		members[find(e.a)] = ma | mb
	}
	groups := map[slotRef][]slotRef{}
	var roots []slotRef
	for x := range parent {
		r := find(x)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], x)
	}
	slices.SortFunc(roots, func(a, b slotRef) int { return cmp.Or(cmp.Compare(a.v, b.v), cmp.Compare(a.s, b.s)) })
	for _, r := range roots {
		g := groups[r]
		slices.SortFunc(g, func(a, b slotRef) int { return cmp.Or(cmp.Compare(a.v, b.v), cmp.Compare(a.s, b.s)) })
		allCovered := true
		for _, x := range g {
			sl := &vs[x.v].slots[x.s]
			if !coveredSpan(covered, vs[x.v].Label, sl.start, sl.end) {
				allCovered = false
			}
		}
		if allCovered {
			continue
		}
		first := &vs[g[0].v].slots[g[0].s]
		f := &finding{kind: first.kind, about: about(vs[g[0].v], first)}
		if first.kind == KindRole {
			f.about = first.title + " of"
		}
		for _, x := range g {
			v := vs[x.v]
			sl := &v.slots[x.s]
			val := sl.value
			// Spell a name the way the first version that used a
			// form of it did: "Iraqi" and "Iraq" are one value.
			for _, o := range f.order {
				if sl.kind != KindNumber && sl.kind != KindDate && sameName(o, val) {
					val = o
					break
				}
			}
			f.add(val, v.evidence(sl.start, sl.end))
		}
		// Names that merely differ in spelling out ("Ali Yasin" and
		// "Ali Yasin Muhammad Karim") are not a contradiction.
		if (f.kind == KindName || f.kind == KindRole) && len(f.order) > 1 && nested(f.order) {
			continue
		}
		c.emit(f)
	}
}

// coveredSpan reports whether [start,end) of the labelled version overlaps
// a span the analysis stages' comparison already reported.
func coveredSpan(covered map[spanKey]bool, label string, start, end int) bool {
	for k := range covered {
		if k.label == label && k.start < end && start < k.end {
			return true
		}
	}
	return false
}

// nested reports whether every pair of name values shares a word, as
// shorter and longer forms of one name do.
func nested(values []string) bool {
	for i := range values {
		for j := i + 1; j < len(values); j++ {
			a, b := strings.Fields(values[i]), strings.Fields(values[j])
			shared := false
			for _, x := range a {
				for _, y := range b {
					if sameName(x, y) {
						shared = true
					}
				}
			}
			if !shared {
				return false
			}
		}
	}
	return true
}

// sameValue reports whether two slots state the same value.
func sameValue(a, b *slot) bool {
	if a.kind == KindName || a.kind == KindRole {
		return sameName(a.value, b.value)
	}
	return a.value == b.value
}

// sameName reports whether two lower-cased names are forms of one name:
// equal, or one a prefix of the other of at least four letters, as a
// country and its demonym usually are ("iraq" and "iraqi", "iran" and
// "iranian", "germany" and "german"), while "iraq" and "iran" are not.
// The gazetteers of the entity stage do this properly; this is the
// fallback for text-only documents.
func sameName(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) >= 4 && strings.HasPrefix(b, a) {
		return true
	}
	// "ukraine"/"ukrainian", "italy"/"italian": a shared stem of five
	// letters or more.
	n := 0
	for n < len(a) && a[n] == b[n] {
		n++
	}
	return n >= 5 && n >= len(a)-1
}

// bestSlots returns, for each slot of a, the index of its best match in b
// (or -1): the same kind, at least minContext context words in common, in
// sentences that share some content beyond the slot.
func bestSlots(a, b *version) (best []int, strength []int) {
	out := make([]int, len(a.slots))
	str := make([]int, len(a.slots))
	for i := range a.slots {
		sa := &a.slots[i]
		best, bestN := -1, 0
		for j := range b.slots {
			sb := &b.slots[j]
			if sa.kind != sb.kind {
				continue
			}
			if sa.link != "" && sb.link != "" && linkKind(sa.link) != linkKind(sb.link) {
				continue
			}
			n := 0
			for w := range sa.ctx {
				if sb.ctx[w] {
					n++
				}
			}
			need := minContext
			switch {
			case sa.kind == KindNumber:
				// "43 aftershocks" and "150 people" count different
				// things, and an ordinal is no count.
				if sa.ord != sb.ord || sa.unit != "" && sb.unit != "" && sa.unit != sb.unit {
					continue
				}
				if sa.unit != "" && sa.unit == sb.unit {
					n += 2
				}
			case sa.kind == KindName:
				// Names stand in many contexts: ask for more, and for
				// sentences that say much the same.
				need = minContext + 1
				if jaccard(a.sents[sa.sent].words, b.sents[sb.sent].words) < 0.2 {
					continue
				}
			case sa.weekday || sb.weekday:
				// "on Tuesday" depends on when the article was written.
				if a.Published != b.Published {
					continue
				}
				need = minContext + 1
			}
			if n < need {
				continue
			}
			if sa.value == sb.value {
				n++ // prefer the same value among equal contexts
			}
			if n > bestN {
				best, bestN = j, n
			}
		}
		out[i], str[i] = best, bestN
	}
	return out, str
}

// consistentBounds reports whether two different numbers can both be
// true because of the words bounding them: "above 44" and "44.6", or "up
// to 175" and "160". Two bounds in the same direction ("at least 86",
// "at least 79") are counts that differ, and are reported.
func consistentBounds(a, b *slot) bool {
	if a.kind != KindNumber || a.bound == b.bound {
		return false
	}
	x, errA := strconv.ParseFloat(strings.TrimPrefix(a.value, "#"), 64)
	y, errB := strconv.ParseFloat(strings.TrimPrefix(b.value, "#"), 64)
	if errA != nil || errB != nil {
		return false
	}
	// Make a the bounded one, and the lower bound when both are bounded.
	if a.bound == 0 || a.bound < 0 && b.bound > 0 {
		a, b, x, y = b, a, y, x
	}
	switch {
	case a.bound > 0 && b.bound < 0: // at least x, at most y
		return x <= y
	case a.bound > 0: // at least x; exactly y
		return y >= x
	case a.bound < 0: // at most x; exactly y
		return y <= x
	}
	return false
}

// boundWords are the words before a number that make it a bound: +1 a
// lower bound, -1 an upper one. Two-word forms are keyed by both words.
var boundWords = map[string]int{
	"above": 1, "over": 1, "exceeding": 1, "least": 1, "more than": 1, "upwards of": 1,
	"below": -1, "under": -1, "nearly": -1, "almost": -1, "up to": -1, "less than": -1, "fewer than": -1,
}

// unitAlias folds abbreviations into the stem of the word they shorten.
var unitAlias = map[string]string{
	"km": "kilometr", "kms": "kilometr", "kph": "kilometr", "m": "metr", "kg": "kilogram",
	"pct": "percent", "%": "percent", "bn": "billion", "mn": "million", "mln": "million",
}

func linkKind(l string) string { k, _, _ := strings.Cut(l, ":"); return k }

// sentHas reports whether sentence si of v holds a slot with other's value.
func sentHas(v *version, si int, other *slot) bool {
	for i := range v.slots {
		if s := &v.slots[i]; s.sent == si && s.kind == other.kind && s.value == other.value {
			return true
		}
	}
	return false
}

// about describes a slot's point: the words around it, with the slot
// itself shown as "…".
func about(v *version, sl *slot) string {
	s := v.sents[sl.sent]
	var before, after []string
	for k := s.from; k < s.to; k++ {
		t := v.toks[k]
		w := v.doc.Text[t.start:t.end]
		switch {
		case int(t.end) <= sl.start:
			before = append(before, w)
		case int(t.start) >= sl.end:
			after = append(after, w)
		}
	}
	if len(before) > 4 {
		before = before[len(before)-4:]
	}
	if len(after) > 4 {
		after = after[:4]
	}
	return strings.TrimSpace(strings.Join(before, " ") + " … " + strings.Join(after, " "))
}

// quoteSpan is one quotation of one version.
type quoteSpan struct {
	start, end int
	words      map[string]bool
	norm       string
}

// quotes returns the quotations of v: the attribution stage's when there
// are any, else the text between double quotation marks.
func (v *version) quotes() []quoteSpan {
	var out []quoteSpan
	addSpan := func(s, e int) {
		if e <= s || !(document.Span{Start: s, End: e}).Valid(len(v.doc.Text)) {
			return
		}
		q := quoteSpan{start: s, end: e, words: map[string]bool{}}
		var norm []string
		for _, t := range scan(v.doc.Text[s:e], nil) {
			norm = append(norm, t.norm)
			if !stop[t.norm] {
				q.words[stem(t.norm)] = true
			}
		}
		q.norm = strings.Join(norm, " ")
		if len(norm) >= 3 {
			out = append(out, q)
		}
	}
	if len(v.doc.Quotes) > 0 {
		for _, q := range v.doc.Quotes {
			if q.Direct {
				addSpan(q.Content.Start, q.Content.End)
			}
		}
		return out
	}
	text := v.doc.Text
	for i := 0; i < len(text); {
		open, n := openQuote(text[i:])
		if n == 0 {
			i++
			continue
		}
		closeMark := `"`
		if open == "“" {
			closeMark = "”"
		}
		j := strings.Index(text[i+n:], closeMark)
		if j < 0 || j > 1000 {
			i += n
			continue
		}
		addSpan(i+n, i+n+j)
		i += n + j + len(closeMark)
	}
	return out
}

func openQuote(s string) (string, int) {
	switch {
	case strings.HasPrefix(s, `"`):
		return `"`, 1
	case strings.HasPrefix(s, "“"):
		return "“", len("“")
	}
	return "", 0
}

// compareQuotes aligns quotations by their words: the same quotation in
// several versions is an agreement, and one worded differently (more than
// half its words shared, yet not the same) a contradiction of kind quote.
func (c *Comparison) compareQuotes(vs []*version) {
	type qref struct{ v, q int }
	qs := make([][]quoteSpan, len(vs))
	for i, v := range vs {
		qs[i] = v.quotes()
	}
	used := map[qref]bool{}
	for i := range vs {
		for a := range qs[i] {
			if used[qref{i, a}] {
				continue
			}
			qa := qs[i][a]
			f := &finding{kind: KindQuote, about: "quotation"}
			f.add(vs[i].doc.Text[qa.start:qa.end], vs[i].evidence(qa.start, qa.end))
			exact := true
			for j := i + 1; j < len(vs); j++ {
				for b := range qs[j] {
					qb := qs[j][b]
					if used[qref{j, b}] || jaccard(qa.words, qb.words) < 0.5 {
						continue
					}
					used[qref{j, b}] = true
					val := vs[i].doc.Text[qa.start:qa.end]
					if qb.norm != qa.norm {
						val = vs[j].doc.Text[qb.start:qb.end]
						exact = false
					}
					f.add(val, vs[j].evidence(qb.start, qb.end))
					break
				}
			}
			_ = exact
			c.emit(f)
		}
	}
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// compareSentences groups sentences that say the same thing across
// versions; those that not every version has are omissions.
func (c *Comparison) compareSentences(vs []*version) {
	if len(vs) < 2 {
		return
	}
	type sref struct{ v, s int }
	used := map[sref]bool{}
	for i, v := range vs {
		for si := range v.sents {
			s := &v.sents[si]
			if s.headline || used[sref{i, si}] || len(s.words) < 4 {
				continue
			}
			om := Omission{Kind: KindStatement, Text: strings.TrimSpace(v.doc.Text[s.start:s.end])}
			om.In = append(om.In, v.evidence(s.start, s.end))
			for j, w := range vs {
				if j == i {
					continue
				}
				best, bestJ := -1, sentenceMatch
				for sj := range w.sents {
					if w.sents[sj].headline {
						continue
					}
					if x := jaccard(s.words, w.sents[sj].words); x >= bestJ {
						best, bestJ = sj, x
					}
				}
				if best < 0 {
					om.Missing = append(om.Missing, w.Label)
					continue
				}
				if j > i {
					used[sref{j, best}] = true
				}
				om.In = append(om.In, w.evidence(w.sents[best].start, w.sents[best].end))
			}
			if len(om.Missing) > 0 {
				c.Omissions = append(c.Omissions, om)
			}
		}
	}
	// Statements most versions miss come first, then longer ones.
	slices.SortStableFunc(c.Omissions, func(a, b Omission) int {
		return cmp.Or(cmp.Compare(len(a.In), len(b.In)), cmp.Compare(len(b.Text), len(a.Text)))
	})
	if len(c.Omissions) > maxOmissions {
		c.Omissions = c.Omissions[:maxOmissions]
	}
}

// shingles returns the hashes of the 4-word shingles of toks.
func shingles(toks []tok) map[uint64]bool {
	m := map[uint64]bool{}
	for i := 0; i+shingleLen <= len(toks); i++ {
		var h uint64 = 1469598103934665603
		for _, t := range toks[i : i+shingleLen] {
			h = mix64(h ^ hash64(t.norm))
		}
		m[h] = true
	}
	return m
}

// compareCopies finds, for each later version, the earlier versions it
// shares much text with.
func (c *Comparison) compareCopies(vs []*version) {
	for j := range vs {
		for i := range j {
			a, b := vs[i], vs[j]
			if len(b.shing) == 0 {
				continue
			}
			n := 0
			for h := range b.shing {
				if a.shing[h] {
					n++
				}
			}
			share := float64(n) / float64(len(b.shing))
			if share < rewriteShare {
				continue
			}
			kind := "rewrite"
			if share >= copyShare {
				kind = "copy"
			}
			c.Copies = append(c.Copies, Copy{From: a.Label, To: b.Label, Shared: roundTo(share, 3), Kind: kind})
		}
	}
}

func roundTo(x float64, digits int) float64 {
	p := 1.0
	for range digits {
		p *= 10
	}
	return float64(int(x*p+0.5)) / p
}

// String summarises c in one line, for logs.
func (c *Comparison) String() string {
	return fmt.Sprintf("story %s: %d versions, %d agreements, %d contradictions, %d omissions, %d copies",
		c.Story, len(c.Versions), len(c.Agreements), len(c.Contradictions), len(c.Omissions), len(c.Copies))
}
