package entity

import (
	"strings"

	"github.com/crosscheck/crosscheck/document"
)

// How a title occurrence relates to a person.
const (
	titleUnattached  = iota
	titlePremodifier // "Iraqi envoy Ali Yasin"
	titleAppositive  // "Ali Yasin, Ambassador of Iran" / "Iraq's envoy, Ali Yasin,"
	titleCopula      // "Ali Yasin is Iraq's ambassador"
	titleDescription // "the Iraqi ambassador", "Iraqi Envoy claims"
)

// titleOcc is one title in the text with its affiliation.
type titleOcc struct {
	// span covers the words that state the role: affiliation, modifiers,
	// title and "of Y"; with a determiner for a description.
	span
	titleFrom, titleTo int
	info               titleInfo
	// of is the affiliation: an ISO alpha-3 code or an organisation's
	// name; "" when the text gives none.
	of string
	// affMention is the mention naming the affiliation, or -1.
	affMention int
	how        int
	// person is the mention of the person who holds the title, or -1.
	person int
}

// findTitles finds every title phrase and decides what it is attached to.
func (r *run) findTitles() {
	for si, s := range r.doc.Sentences {
		if s.From < 0 || s.To > len(r.words) {
			continue
		}
		for j := s.From; j < s.To; j++ {
			if o := r.owner[j]; o >= 0 && r.ments[o].typ != document.GPE {
				continue // inside a name ("Foreign Ministry" is a body's name)
			}
			n, info := lookupPhrase(r, j, si, maxTitleWords, titleFirst, getTitle)
			if n == 0 {
				continue
			}
			if end := j + n; end < s.To && r.owner[end] < 0 && isTitleTail(r.words[end]) {
				continue // "minister-level talks": a compound, not a person
			}
			t := titleOcc{span: span{j, j + n}, titleFrom: j, titleTo: j + n, info: info,
				affMention: -1, person: -1}
			// "Transport Minister" holds a post of its own, as the
			// foreign minister does.
			if k := t.titleFrom - 1; info.norm == "minister" && k >= s.From && r.owner[k] < 0 && portfolios[lower(r.words[k])] {
				t.info.norm = lower(r.words[k]) + " minister"
				t.from, t.titleFrom = k, k
			}
			// "deputy foreign minister" is not the foreign minister.
			if k := t.titleFrom - 1; k >= s.From && titleRanks[lower(r.words[k])] && !strings.HasPrefix(t.info.norm, lower(r.words[k])) {
				t.info.norm = lower(r.words[k]) + " " + t.info.norm
				t.from, t.titleFrom = k, k
			}
			r.affiliation(&t, si)
			r.attach(&t, si)
			if t.how != titleUnattached {
				r.titles = append(r.titles, t)
			}
			j = t.titleTo - 1
		}
	}
}

// isTitleTail reports a word that makes a title part of a compound
// modifier, where it names no one ("minister -level talks" when the
// tokenizer splits the hyphen).
func isTitleTail(w string) bool {
	return w == "-level" || w == "-led"
}

// affiliation extends t with the country or organisation it is held for:
// before the title ("Iraqi envoy", "Iraq's envoy", "UN envoy") or after it
// ("envoy of Iran", "spokesman for the UN").
func (r *run) affiliation(t *titleOcc, si int) {
	sent := r.doc.Sentences[si]
	j := t.titleFrom
	for j > sent.From && titleModifiers[lower(r.words[j-1])] {
		j--
	}
	t.from = j
	// Before: a country or organisation mention ending at j, possibly
	// with a possessive.
	k := j
	if k > sent.From && isPossessive(r.words[k-1]) {
		k--
	}
	if m := r.mentionEndingAt(k); m >= 0 && r.affiliationOf(m) != "" {
		t.of, t.affMention, t.from = r.affiliationOf(m), m, r.ments[m].from
	} else if t.of == "" {
		// After: "of"/"for" [the] Y. A place or body that gives no code
		// ("Minister for the Middle East") is still part of the title's
		// words.
		k := t.titleTo
		if k+1 < sent.To && (r.words[k] == "of" || r.words[k] == "for") {
			k++
			if k+1 < sent.To && lower(r.words[k]) == "the" {
				k++
			}
			if m := r.mentionStartingAt(k); m >= 0 {
				t.to = r.ments[m].to
				if aff := r.affiliationOf(m); aff != "" {
					t.of, t.affMention = aff, m
				}
			} else if capitalised(r.words[k]) && r.owner[k] < 0 {
				// A name no one marked ("Minister for Central Asia"): its
				// capitalised words, up to a person's name.
				for k < sent.To && r.owner[k] < 0 && (capitalised(r.words[k]) || r.words[k] == "and" || r.words[k] == "of") {
					k++
				}
				for k > t.titleTo && !capitalised(r.words[k-1]) {
					k--
				}
				t.to = k
			}
		}
	}
}

// mentionEndingAt returns the non-person mention that ends at token k, in
// the same sentence as token k, or -1.
func (r *run) mentionEndingAt(k int) int {
	if k <= 0 || k >= len(r.sentOf) {
		return -1
	}
	o := r.owner[k-1]
	if o < 0 {
		return -1
	}
	m := &r.ments[o]
	if m.to != k || m.typ == document.Person || r.sentOf[m.from] != r.sentOf[k] {
		return -1
	}
	return int(o)
}

func (r *run) mentionStartingAt(k int) int {
	if k < 0 || k >= len(r.owner) {
		return -1
	}
	if o := r.owner[k]; o >= 0 && r.ments[o].from == k && r.ments[o].typ != document.Person {
		return int(o)
	}
	return -1
}

// affiliationOf returns what a mention gives as a role's affiliation: the
// country code of a country or demonym, the country of a state body, the
// name of an organisation; "" for other mentions.
func (r *run) affiliationOf(m int) string {
	mm := &r.ments[m]
	if mm.link != nil {
		switch mm.link.Kind {
		case document.LinkCountry:
			return mm.link.Code
		case document.LinkForces:
			return mm.link.Country
		case document.LinkOrg:
			if mm.link.Country != "" && mm.source == fromForces {
				return mm.link.Country
			}
			return mm.link.Name
		}
		return ""
	}
	if mm.typ == document.Org {
		return r.doc.Text[r.doc.Tokens[mm.from].Start:r.doc.Tokens[mm.to-1].End]
	}
	return ""
}

// attach decides how the title relates to a person mention.
func (r *run) attach(t *titleOcc, si int) {
	sent := r.doc.Sentences[si]
	// "ambassador to the UN": the host is not the affiliation and stays
	// out of the evidence, but the name may follow it.
	after := r.skipHost(t.to, sent.To)
	// Pre-modifier: the title directly before a person's name.
	if p := r.personStartingAt(after); p >= 0 {
		t.how, t.person = titlePremodifier, p
		return
	}
	start := t.from
	for start > sent.From && titleModifiers[lower(r.words[start-1])] {
		start-- // "a former Iraqi envoy"
	}
	det := start > sent.From && determiners[lower(r.words[start-1])]
	indef := start > sent.From && (lower(r.words[start-1]) == "a" || lower(r.words[start-1]) == "an")
	k := start
	if det || indef {
		k--
	}
	// Appositive after a name: "Ali Yasin, Ambassador of Iran".
	if k-1 > sent.From && r.words[k-1] == "," {
		if p := r.personEndingAt(k - 1); p >= 0 {
			t.how, t.person = titleAppositive, p
			return
		}
	}
	// Copula: "Ali Yasin is Iraq's ambassador", "Bashar al-Assad, who would
	// later become the President of Syria".
	if k-1 > sent.From && copulas[lower(r.words[k-1])] {
		j := k - 1
		for n := 0; n < 5 && j > sent.From && copulaFill[lower(r.words[j-1])]; n++ {
			j--
		}
		if p := r.personEndingAt(j); p >= 0 {
			t.how, t.person = titleCopula, p
			return
		}
	}
	// Appositive before a name: "Iraq's ambassador, Ali Yasin, said".
	if after+1 < sent.To && r.words[after] == "," {
		if p := r.personStartingAt(after + 1); p >= 0 {
			if e := r.ments[p].to; e >= sent.To || r.words[e] == "," || isVerbish(r.words[e]) {
				t.how, t.person = titleAppositive, p
				return
			}
		}
	}
	if indef {
		return // "an Iraqi envoy" names no one in particular
	}
	// A definite description: "the Iraqi ambassador", "Iraq's envoy
	// said", or a capitalised title opening a headline ("Iraqi Envoy
	// claims").
	switch {
	case det:
		t.from = start - 1
		t.how = titleDescription
	case t.affMention >= 0 && t.from < t.titleFrom && isPossessive(r.words[t.titleFrom-1]):
		t.how = titleDescription
	case capitalised(r.words[t.titleFrom]) && r.opensClause(t.from, si):
		t.how = titleDescription
	}
}

// skipHost returns the token after "to [the] X" at k, where X is a
// country or organisation mention ("ambassador to the UN"), or k.
func (r *run) skipHost(k, end int) int {
	if k+1 >= end || r.words[k] != "to" {
		return k
	}
	j := k + 1
	if j+1 < end && lower(r.words[j]) == "the" {
		j++
	}
	if m := r.mentionStartingAt(j); m >= 0 && r.affiliationOf(m) != "" {
		return r.ments[m].to
	}
	return k
}

// opensClause reports whether token k starts a sentence or follows a
// colon or dash ("Breaking: Iraqi Envoy claims").
func (r *run) opensClause(k, si int) bool {
	sent := r.doc.Sentences[si]
	if k == sent.From {
		return true
	}
	switch r.words[k-1] {
	case ":", "-", "\u2013", "\u2014", "\u2018", "\u201c", "\"", "'":
		return true
	}
	return false
}

// isVerbish reports a lower-case word, the usual start of a predicate
// after an appositive ("..., Ali Yasin, said").
func isVerbish(w string) bool {
	return w != "" && 'a' <= w[0] && w[0] <= 'z'
}

func (r *run) personStartingAt(k int) int {
	if k < 0 || k >= len(r.owner) {
		return -1
	}
	if o := r.owner[k]; o >= 0 && r.ments[o].from == k && r.ments[o].typ == document.Person {
		return int(o)
	}
	return -1
}

func (r *run) personEndingAt(k int) int {
	if k <= 0 || k > len(r.owner) {
		return -1
	}
	if o := r.owner[k-1]; o >= 0 && r.ments[o].to == k && r.ments[o].typ == document.Person {
		return int(o)
	}
	return -1
}

// role returns the document role a title states.
func (r *run) role(t *titleOcc) document.Role {
	return document.Role{
		Title: t.info.norm,
		Of:    t.of,
		Start: r.doc.Tokens[t.from].Start,
		End:   r.doc.Tokens[t.to-1].End,
	}
}

// titleCompatible reports whether a description's title can refer to a
// holder of title held: the same normal form, or a generic title
// ("minister") for a specific one ("foreign minister").
func titleCompatible(desc, held string) bool {
	if desc == held {
		return true
	}
	switch desc {
	case "minister":
		// "the minister" is any minister but the head of government.
		return strings.HasSuffix(held, " minister") && !strings.HasSuffix(held, "prime minister")
	case "diplomat":
		return held == "ambassador" || held == "special envoy" || held == "deputy ambassador" ||
			held == "consul general" || held == "foreign minister"
	}
	return false
}

// resolveDescriptions attaches each definite description to the named
// person who holds its title, in document order, so that a description
// resolved early lends its affiliation to later ones.
func (r *run) resolveDescriptions() {
	for ti := range r.titles {
		t := &r.titles[ti]
		if t.how != titleDescription {
			continue
		}
		c := r.holder(t)
		if c < 0 {
			continue
		}
		cl := &r.clusters[c]
		// The description is a mention of the person; a role when it
		// states an affiliation or a title the person had no role for.
		mi := r.add(mention{span: t.span, source: fromDescription, typ: document.Person,
			kind: document.MentionDescription, entry: -1, cluster: c, nested: true,
			gender: t.info.gender})
		cl.mentions = append(cl.mentions, mi)
		r.ments[mi].prominent = r.isSubject(mi)
		if t.of != "" || !cl.hasCompatible(t.info.norm) {
			cl.roles = append(cl.roles, r.role(t))
		}
		if cl.gender == 0 {
			cl.gender = t.info.gender
		}
	}
}

// holder returns the person cluster a description refers to, or -1: the
// holder of the same title and affiliation if there is one, else the only
// holder of the title; among several, the nearest before the description
// (or after it, in a headline written before the name).
func (r *run) holder(t *titleOcc) int {
	best, bestDist, sameAff := -1, 1<<30, false
	ambiguous := false
	for c := range r.clusters {
		cl := &r.clusters[c]
		if cl.typ != document.Person {
			continue
		}
		match, aff := false, false
		for _, ro := range cl.roles {
			if titleCompatible(t.info.norm, ro.Title) {
				match = true
				if t.of != "" && ro.Of == t.of {
					aff = true
				}
			}
		}
		if !match {
			continue
		}
		d := r.distance(cl, t.from)
		// A holder named only later is taken for a description in the
		// headline or lede ("Iraqi Envoy claims ..." before the name), or
		// for one whose affiliation the holder already has.
		if d >= 1<<20 && !aff && r.sentOf[t.from] > 2 {
			continue
		}
		switch {
		case aff && !sameAff:
			best, bestDist, sameAff, ambiguous = c, d, true, false
		case aff == sameAff:
			if best >= 0 {
				ambiguous = true
			}
			if d < bestDist {
				best, bestDist = c, d
			}
		}
	}
	// Several holders, none with the description's affiliation: a
	// description with an affiliation of its own then names none of them
	// ("the Iraqi ambassador" is not the Iranian one).
	if ambiguous && !sameAff && t.of != "" {
		return -1
	}
	return best
}

// distance ranks how close a cluster's mentions are to token k: mentions
// before k by token distance, mentions after it behind all of those.
func (r *run) distance(cl *cluster, k int) int {
	best := 1 << 30
	for _, mi := range cl.mentions {
		m := &r.ments[mi]
		var d int
		if m.to <= k {
			d = k - m.to
		} else {
			d = 1<<20 + m.from - k
		}
		if d < best {
			best = d
		}
	}
	return best
}
