package entity

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/document"
)

// cluster is one entity in the making.
type cluster struct {
	typ      string
	link     *document.Link
	mentions []int
	roles    []document.Role
	gender   byte
	// name holds a person's longest name, lower-cased word by word
	// without honorifics, for matching shorter names against it.
	name []string
}

// hasCompatible reports whether the cluster holds a title that a
// description with title norm can refer to.
func (c *cluster) hasCompatible(norm string) bool {
	for _, ro := range c.roles {
		if titleCompatible(norm, ro.Title) {
			return true
		}
	}
	return false
}

// cluster groups names: linked mentions by their link, persons by their
// name words, other names by their words; then attaches the roles that
// title phrases give named persons.
func (r *run) cluster() {
	type clusterKey struct{ a, b string }
	byKey := make(map[clusterKey]int, len(r.ments))
	var persons []int
	for i := range r.ments {
		m := &r.ments[i]
		if m.typ == document.Person {
			persons = append(persons, i)
			continue
		}
		var key clusterKey
		if m.link != nil {
			key = clusterKey{m.link.Kind, m.link.Code}
		} else {
			key = clusterKey{m.typ, lower(r.surface(m.span))}
		}
		c, ok := byKey[key]
		if !ok {
			c = len(r.clusters)
			byKey[key] = c
			r.clusters = append(r.clusters, cluster{typ: m.typ, link: m.link})
		}
		r.addTo(c, i)
	}
	r.mergeAcronyms()
	r.mergeParenthesised()
	r.clusterPersons(persons)
	for ti := range r.titles {
		t := &r.titles[ti]
		if t.person < 0 || t.how == titleDescription {
			continue
		}
		c := r.ments[t.person].cluster
		if c < 0 {
			continue
		}
		cl := &r.clusters[c]
		cl.roles = append(cl.roles, r.role(t))
		if cl.gender == 0 {
			cl.gender = t.info.gender
		}
	}
	for i := range r.ments {
		if r.ments[i].typ == document.Person && r.ments[i].cluster >= 0 {
			r.ments[i].prominent = r.isSubject(i)
		}
	}
}

func (r *run) addTo(c, mi int) {
	r.ments[mi].cluster = c
	r.clusters[c].mentions = append(r.clusters[c].mentions, mi)
}

func (r *run) surface(s span) string {
	return r.doc.Text[r.doc.Tokens[s.from].Start:r.doc.Tokens[s.to-1].End]
}

// mergeAcronyms joins an unlinked organisation written as an acronym with
// the one whose initials it spells ("PTI", "Pakistan Tehreek-e-Insaf").
func (r *run) mergeAcronyms() {
	for a := range r.clusters {
		ca := &r.clusters[a]
		if ca.typ != document.Org || ca.link != nil || len(ca.mentions) == 0 {
			continue
		}
		acr := r.surface(r.ments[ca.mentions[0]].span)
		if !isAcronym(acr) {
			continue
		}
		for b := range r.clusters {
			cb := &r.clusters[b]
			if b == a || cb.typ != document.Org || cb.link != nil || len(cb.mentions) == 0 {
				continue
			}
			if initials(r.surface(r.ments[cb.mentions[0]].span)) == acr {
				for _, mi := range ca.mentions {
					r.ments[mi].cluster = b
				}
				cb.mentions = append(cb.mentions, ca.mentions...)
				ca.mentions = nil
				break
			}
		}
	}
}

// mergeParenthesised joins a name and the acronym it is given in
// brackets right after it, the way an article defines a short form:
// "U.S. Naval Forces Central Command (NAVCENT)", "Kurdistan Workers Party
// (PKK)". An acronym the model did not mark becomes a mention there.
func (r *run) mergeParenthesised() {
	n := len(r.ments)
	for i := 0; i < n; i++ {
		m := &r.ments[i]
		k := m.to // "(" after the name, or after its possessive
		if k < len(r.words) && isPossessive(r.words[k]) {
			k++
		}
		if m.typ == document.Person || m.nested || m.cluster < 0 || k+2 >= len(r.words) ||
			r.words[k] != "(" || r.words[k+2] != ")" || r.sentOf[k+2] != r.sentOf[m.from] {
			continue
		}
		acr := r.words[k+1]
		if !isAcronym(strings.ReplaceAll(acr, ".", "")) {
			continue
		}
		j := int(r.owner[k+1])
		if j < 0 {
			j = r.add(mention{span: span{k + 1, k + 2}, source: fromModel, typ: m.typ,
				kind: document.MentionName, entry: -1, link: m.link, cluster: -1})
			r.addTo(r.ments[i].cluster, j)
			continue
		}
		if o := &r.ments[j]; o.from == k+1 && o.to == k+2 && o.typ != document.Person && o.cluster >= 0 {
			r.joinClusters(r.ments[i].cluster, o.cluster)
		}
	}
}

// joinClusters moves the mentions of cluster b into a, keeping a's link if
// it has one.
func (r *run) joinClusters(a, b int) {
	if a == b {
		return
	}
	ca, cb := &r.clusters[a], &r.clusters[b]
	for _, mi := range cb.mentions {
		r.ments[mi].cluster = a
	}
	ca.mentions = append(ca.mentions, cb.mentions...)
	cb.mentions = nil
	if ca.link == nil {
		ca.link, ca.typ = cb.link, cb.typ
	}
}

func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// initials returns the capitals that start the words of s, hyphenated
// parts included: "Pakistan Tehreek-e-Insaf" -> "PTI".
func initials(s string) string {
	var b strings.Builder
	start := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '-' {
			start = true
			continue
		}
		if start && 'A' <= c && c <= 'Z' {
			b.WriteByte(c)
		}
		start = false
	}
	return b.String()
}

// nameWords returns a person mention's words, lower-cased, without
// honorifics and possessives.
func (r *run) nameWords(m *mention) []string {
	var out []string
	for i := m.from; i < m.to; i++ {
		w := lower(r.words[i])
		if _, ok := honorifics[w]; ok && i == m.from {
			continue
		}
		if isPossessive(w) || w == "," || w == "." {
			continue
		}
		out = append(out, nameKey(strings.TrimSuffix(w, ".")))
	}
	return out
}

// clusterPersons groups person names: longest first, each shorter name
// joins the person whose full name contains its words in order ("Ali
// Yasin", "Karim" and "Mr Karim" join "Ali Yasin Muhammad Karim"); among
// several, the nearest.
func (r *run) clusterPersons(persons []int) {
	words := make(map[int][]string, len(persons))
	for _, mi := range persons {
		words[mi] = r.nameWords(&r.ments[mi])
	}
	order := append([]int(nil), persons...)
	sort.SliceStable(order, func(i, j int) bool { return len(words[order[i]]) > len(words[order[j]]) })
	// byWord indexes person clusters by the words of their names, so that
	// a document listing thousands of names stays linear.
	byWord := map[string][]int{}
	for _, mi := range order {
		w := words[mi]
		if len(w) == 0 {
			continue
		}
		best, bestDist := -1, 1<<30
		for _, c := range byWord[w[0]] {
			cl := &r.clusters[c]
			if !subsequence(w, cl.name) {
				continue
			}
			if d := r.distance(cl, r.ments[mi].from); d < bestDist {
				best, bestDist = c, d
			}
		}
		if best < 0 {
			best = len(r.clusters)
			r.clusters = append(r.clusters, cluster{typ: document.Person, name: w})
			for i, x := range w {
				if !slices.Contains(w[:i], x) {
					byWord[x] = append(byWord[x], best)
				}
			}
		}
		r.addTo(best, mi)
		if first := lower(r.words[r.ments[mi].from]); r.clusters[best].gender == 0 {
			r.clusters[best].gender = honorifics[first]
		}
	}
}

// nameKey is the form of a lower-cased name word that shorter mentions
// match: without an Arabic article, since "al-Sudani" is also written
// "Sudani".
func nameKey(w string) string {
	for _, p := range [...]string{"al-", "el-", "ad-", "ash-", "as-", "ar-", "az-", "at-", "an-", "ud-", "ul-"} {
		if len(w) >= len(p)+3 && strings.HasPrefix(w, p) {
			return w[len(p):]
		}
	}
	return w
}

// subsequence reports whether the words of a appear in b in order.
func subsequence(a, b []string) bool {
	j := 0
	for _, w := range b {
		if j < len(a) && a[j] == w {
			j++
		}
	}
	return j == len(a)
}

// isSubject reports whether a person mention is prominent: a speaker
// ("said Ali Yasin", "Ali Yasin says", "as claimed by Ali Yasin") or the
// first person named in its sentence, not after a preposition.
func (r *run) isSubject(mi int) bool {
	m := &r.ments[mi]
	sent := r.doc.Sentences[m.sent]
	if m.to < sent.To && speechVerbs[lower(r.words[m.to])] {
		return true
	}
	if m.from > sent.From {
		prev := lower(r.words[m.from-1])
		if speechVerbs[prev] {
			return true
		}
		if (prev == "by" || prev == "to") && m.from-1 > sent.From {
			if p2 := lower(r.words[m.from-2]); speechVerbs[p2] || p2 == "according" {
				return true
			}
		}
		if locatives[prev] || prev == "of" || prev == "by" || prev == "with" || prev == "for" || prev == "about" {
			return false
		}
	}
	if m.sent < 0 {
		return false
	}
	for _, i := range r.bySent[m.sent] {
		o := &r.ments[i]
		if int(i) != mi && o.typ == document.Person && o.cluster >= 0 && o.from < m.from {
			return false
		}
	}
	return true
}

// resolvePronouns attaches he/she/his/her to the nearest preceding person
// mention that is a subject or speaker, of a compatible gender, within the
// three sentences before; failing that, to the nearest person mention in
// the same or previous sentence.
func (r *run) resolvePronouns() {
	var avail []int // person mentions before the current token, in order
	var persons []int
	for i := range r.ments {
		if r.ments[i].typ == document.Person && r.ments[i].cluster >= 0 {
			persons = append(persons, i)
		}
	}
	sort.Slice(persons, func(a, b int) bool { return r.ments[persons[a]].from < r.ments[persons[b]].from })
	next := 0
	for i, w := range r.words {
		for next < len(persons) && r.ments[persons[next]].from < i {
			avail = append(avail, persons[next])
			next++
		}
		if r.owner[i] >= 0 || len(w) > 7 {
			continue
		}
		g, ok := pronounGender[lower(w)]
		if !ok || r.sentOf[i] < 0 {
			continue
		}
		si := int(r.sentOf[i])
		// An object pronoun is not the subject of its own sentence: in
		// "The president thanked him", him is someone else.
		exclude := -1
		if lw := lower(w); lw == "him" || lw == "her" && i+1 < len(r.words) && !startsNoun(r.words[i+1]) {
			for k := len(avail) - 1; k >= 0; k-- {
				if m := &r.ments[avail[k]]; m.sent == si && m.prominent {
					exclude = m.cluster
				}
			}
		}
		c := r.antecedent(avail, si, g, exclude)
		if c < 0 {
			continue
		}
		mi := r.add(mention{span: span{i, i + 1}, source: fromPronoun, typ: document.Person,
			kind: document.MentionPronoun, entry: -1, cluster: c, gender: g})
		r.clusters[c].mentions = append(r.clusters[c].mentions, mi)
		if r.clusters[c].gender == 0 {
			r.clusters[c].gender = g
		}
		r.ments[mi].prominent = r.isSubject(mi)
		avail = append(avail, mi)
	}
}

func (r *run) antecedent(avail []int, si int, g byte, exclude int) int {
	compatible := func(mi int) bool {
		if r.ments[mi].cluster == exclude {
			return false
		}
		cg := r.clusters[r.ments[mi].cluster].gender
		return cg == 0 || cg == g
	}
	for k := len(avail) - 1; k >= 0; k-- {
		m := &r.ments[avail[k]]
		if m.sent < si-3 {
			break
		}
		if m.prominent && compatible(avail[k]) {
			return m.cluster
		}
	}
	for k := len(avail) - 1; k >= 0; k-- {
		m := &r.ments[avail[k]]
		if m.sent < si-1 {
			break
		}
		if compatible(avail[k]) {
			return m.cluster
		}
	}
	return -1
}

// startsNoun reports whether w can follow a possessive "her" ("her team"):
// a lower-case word that is not a preposition, conjunction or adverb
// ("told her that", "met her in").
func startsNoun(w string) bool {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	switch w {
	case "that", "to", "in", "on", "at", "for", "with", "about", "and", "or", "but", "as", "from",
		"by", "after", "before", "if", "when", "again", "back", "up", "down", "out", "off", "so", "too":
		return false
	}
	return true
}

// entities turns clusters into the document's entities, numbered in order
// of first mention.
func (r *run) entities() []document.Entity {
	type built struct {
		e               document.Entity
		first, firstEnd int
	}
	var out []built
	for c := range r.clusters {
		cl := &r.clusters[c]
		if len(cl.mentions) == 0 {
			continue
		}
		ms := make([]int, len(cl.mentions))
		copy(ms, cl.mentions)
		sort.Slice(ms, func(a, b int) bool {
			x, y := &r.ments[ms[a]], &r.ments[ms[b]]
			if x.from != y.from {
				return x.from < y.from
			}
			return x.to > y.to
		})
		e := document.Entity{Type: cl.typ, Link: cl.link}
		if cl.link != nil && cl.link.Kind == document.LinkCountry {
			e.Type = document.GPE
		}
		e.Name = r.entityName(cl, ms)
		seen := []string{e.Name}
		last := span{-1, -1}
		for _, mi := range ms {
			m := &r.ments[mi]
			if m.span == last {
				continue
			}
			last = m.span
			kind := m.kind
			s := r.surface(m.span)
			if kind == document.MentionName && r.bareName(cl, m) != e.Name && cl.typ != document.GPE {
				kind = document.MentionAlias
			}
			e.Mentions = append(e.Mentions, document.Mention{
				Start: r.doc.Tokens[m.from].Start, End: r.doc.Tokens[m.to-1].End, Kind: kind,
			})
			switch kind {
			case document.MentionName, document.MentionAlias, document.MentionDemonym:
				if !slices.Contains(seen, s) {
					seen = append(seen, s)
					e.Aliases = append(e.Aliases, s)
				}
			}
		}
		e.Roles = dedupeRoles(cl.roles)
		out = append(out, built{e: e, first: r.ments[ms[0]].from, firstEnd: r.ments[ms[0]].to})
	}
	// In order of first mention; of two entities first mentioned at the
	// same word, the one whose mention is longer ("Iraqi Envoy" before the
	// "Iraqi" inside it).
	sort.SliceStable(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.first != y.first {
			return x.first < y.first
		}
		return x.firstEnd > y.firstEnd
	})
	ents := make([]document.Entity, len(out))
	for i := range out {
		ents[i] = out[i].e
		ents[i].ID = document.EntityID("E" + strconv.Itoa(i+1))
	}
	return ents
}

// bareName returns a name mention's words, for a person without a leading
// honorific ("Mr Karim" -> "Karim").
func (r *run) bareName(cl *cluster, m *mention) string {
	s := m.span
	if cl.typ == document.Person && s.to-s.from > 1 {
		if _, ok := honorifics[lower(r.words[s.from])]; ok {
			s.from++
		}
	}
	return r.surface(s)
}

// entityName is the longest name among the mentions; a person's without
// its honorific; a country known only by demonyms takes its own name.
func (r *run) entityName(cl *cluster, ms []int) string {
	best, bestWords := "", 0
	for _, mi := range ms {
		m := &r.ments[mi]
		if m.kind != document.MentionName {
			continue
		}
		s := span{m.from, m.to}
		if cl.typ == document.Person {
			if _, ok := honorifics[lower(r.words[s.from])]; ok && s.to-s.from > 1 {
				s.from++
			}
		}
		// More words win; then a name not in capitals ("Ankara" over a
		// dateline's "ANKARA"); then the longer.
		n := s.to - s.from
		sf := r.surface(s)
		if n > bestWords || (n == bestWords && (shouted(best) && !shouted(sf) ||
			shouted(best) == shouted(sf) && len(sf) > len(best))) {
			best, bestWords = sf, n
		}
	}
	// A linked organisation written with a descriptor ("Islamic State
	// group") is named as the gazetteer names it, when the text writes
	// that name.
	if cl.typ == document.Org && cl.link != nil && cl.link.Kind == document.LinkOrg &&
		best != cl.link.Name && strings.Contains(best, cl.link.Name) {
		return cl.link.Name
	}
	// A country or organisation written only as an acronym ("U.S.")
	// takes the gazetteer's name.
	if cl.link != nil && (cl.link.Kind == document.LinkCountry || cl.link.Kind == document.LinkOrg) &&
		best != "" && !hasLower(best) {
		return cl.link.Name
	}
	if best == "" && cl.link != nil {
		return cl.link.Name
	}
	if best == "" && len(ms) > 0 {
		best = r.surface(r.ments[ms[0]].span)
	}
	return best
}

func hasLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			return true
		}
	}
	return false
}

// shouted reports a name written in capitals of more than one letter
// ("ANKARA"), unlike an acronym-sized one.
func shouted(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			letters++
		}
	}
	return letters > 4
}

func dedupeRoles(roles []document.Role) []document.Role {
	if len(roles) == 0 {
		return nil
	}
	out := append([]document.Role(nil), roles...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	k := 0
	for i, ro := range out {
		if i > 0 && ro == out[k-1] {
			continue
		}
		out[k] = ro
		k++
	}
	return out[:k]
}
