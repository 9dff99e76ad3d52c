package server

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
)

// Comparison is what the story view shows: the versions in the order they
// appeared, where they contradict each other, what only some of them say,
// and which rewrite which.
type Comparison struct {
	Versions       []Version       `json:"versions"`
	Contradictions []Contradiction `json:"contradictions"`
	Omissions      []Omission      `json:"omissions"`
	Rewrites       []Rewrite       `json:"rewrites"`
}

// Version is one article of a story.
type Version struct {
	store.ArticleInfo
	// First marks the version published first (the earliest dated one,
	// or the first added when none is dated).
	First bool `json:"first"`
}

// Contradiction is one thing the versions state differently: a fact's
// value or the country of a role.
type Contradiction struct {
	// ID names the contradiction in the story view ("c0").
	ID string `json:"id"`
	// Subject is the entity the statements are about.
	Subject string `json:"subject"`
	// Attribute is what is stated: a fact attribute ("rank-by-size") or
	// "role: ambassador".
	Attribute string `json:"attribute"`
	Sides     []Side `json:"sides"`
}

// Side is one version's statement in a contradiction.
type Side struct {
	Article string `json:"article"`
	Value   string `json:"value"`
	// Text is the words that state it, at Start:End in the article.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Omission is a claim or quote that some versions carry and others leave
// out.
type Omission struct {
	ID   string `json:"id"`
	Kind string `json:"kind"` // "claim" or "quote"
	// In lists the versions that say it, with their words, earliest
	// version first.
	In []Passage `json:"in"`
	// Missing lists the versions that do not say it.
	Missing []string `json:"missing"`
}

// Passage is a piece of one version's text.
type Passage struct {
	Article string `json:"article"`
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Rewrite says that a later version reuses an earlier one's text.
type Rewrite struct {
	Article string `json:"article"`
	Of      string `json:"of"`
	// Shared is the share of Article's word sequences found in Of.
	Shared float64 `json:"shared"`
	// Copy marks a near-verbatim copy.
	Copy bool `json:"copy"`
}

// Comparer compares the articles of one story.
type Comparer func(arts []*store.Article) *Comparison

// Thresholds of CompareVersions.
const (
	// rewriteShare is the share of a version's 5-word sequences found in
	// an earlier one from which it counts as a rewrite of it; copyShare
	// makes it a copy.
	rewriteShare = 0.25
	copyShare    = 0.8
	// coverShare is the share of a claim's content words that one
	// sentence of another version must hold for the claim to count as
	// reported there too.
	coverShare = 0.6
	// minCheckworthy keeps omissions to claims worth checking.
	minCheckworthy = 0.5
	maxOmissions   = 30
)

// CompareVersions is the server's own comparison of a story's versions,
// built on what each analysis found: facts and roles (contradictions),
// claims and quotes (omissions) and shared word sequences (rewrites).
//
// INTEGRATION POINT (issue 6): package story is to offer the corpus-wide
// comparison (aligned quotes, claims, events and facts). When it lands,
// the serve command passes an adapter over it as Config.Compare; this
// function stays as the fallback and as the reference the story view is
// tested against.
func CompareVersions(arts []*store.Article) *Comparison {
	arts = slices.Clone(arts)
	slices.SortStableFunc(arts, func(a, b *store.Article) int {
		pa, pb := a.Doc.Meta.Published, b.Doc.Meta.Published
		if (pa == "") != (pb == "") {
			if pa == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(strings.Compare(pa, pb), a.Added.Compare(b.Added))
	})
	c := &Comparison{
		Versions:       make([]Version, len(arts)),
		Contradictions: []Contradiction{},
		Omissions:      []Omission{},
		Rewrites:       []Rewrite{},
	}
	for i, a := range arts {
		c.Versions[i] = Version{ArticleInfo: a.Info(), First: i == 0}
	}
	if len(arts) < 2 {
		return c
	}
	subjects := linkSubjects(arts)
	c.Contradictions = append(c.Contradictions, factConflicts(arts, subjects)...)
	c.Contradictions = append(c.Contradictions, roleConflicts(arts, subjects)...)
	for i := range c.Contradictions {
		c.Contradictions[i].ID = fmt.Sprintf("c%d", i)
	}
	c.Omissions = omissions(arts)
	c.Rewrites = rewrites(arts)
	return c
}

// entityRef names one entity of one article.
type entityRef struct {
	article int
	id      document.EntityID
}

// subjects maps every entity of every article to a subject shared across
// articles: entities linked to the same gazetteer entry, or sharing a name
// or alias, are one subject.
type subjects struct {
	of   map[entityRef]int
	name []string
}

func linkSubjects(arts []*store.Article) *subjects {
	var refs []entityRef
	var names []string
	parent := []int{}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byKey := map[string]int{}
	for ai, a := range arts {
		for _, e := range a.Doc.Entities {
			n := len(refs)
			refs = append(refs, entityRef{ai, e.ID})
			names = append(names, e.Name)
			parent = append(parent, n)
			keys := []string{"N:" + e.Type + ":" + strings.ToLower(e.Name)}
			for _, al := range e.Aliases {
				keys = append(keys, "N:"+e.Type+":"+strings.ToLower(al))
			}
			if e.Link != nil && e.Link.Code != "" {
				keys = append(keys, "L:"+e.Link.Kind+":"+e.Link.Code)
			}
			for _, k := range keys {
				if o, ok := byKey[k]; ok {
					parent[find(n)] = find(o)
				} else {
					byKey[k] = n
				}
			}
		}
	}
	s := &subjects{of: make(map[entityRef]int, len(refs))}
	root := map[int]int{}
	for i, r := range refs {
		rt := find(i)
		id, ok := root[rt]
		if !ok {
			id = len(s.name)
			root[rt] = id
			s.name = append(s.name, names[rt])
		}
		s.of[r] = id
	}
	return s
}

// conflict collects, per version, the values stated for one key.
type conflict struct {
	subject, attribute string
	sides              []Side
}

func (k *conflict) values() int {
	seen := map[string]bool{}
	for _, s := range k.sides {
		seen[s.Value] = true
	}
	return len(seen)
}

// factConflicts finds facts with the same subject, attribute, unit and
// scope whose values differ between versions.
func factConflicts(arts []*store.Article, subj *subjects) []Contradiction {
	keys := map[string]*conflict{}
	var order []string
	for ai, a := range arts {
		seen := map[string]bool{}
		for _, f := range a.Doc.Facts {
			sid, ok := subj.of[entityRef{ai, f.Entity}]
			if !ok || f.Value == "" {
				continue
			}
			key := fmt.Sprintf("%d|%s|%s|%s", sid, f.Attribute, f.Unit, f.Scope)
			if seen[key] {
				continue // the article's own inconsistencies are package check's
			}
			seen[key] = true
			k := keys[key]
			if k == nil {
				attr := f.Attribute
				if f.Unit != "" {
					attr += " (" + f.Unit + ")"
				}
				k = &conflict{subject: subj.name[sid], attribute: attr}
				keys[key] = k
				order = append(order, key)
			}
			k.sides = append(k.sides, Side{Article: a.Doc.ID, Value: f.Value, Text: a.Doc.Slice(f.Span()), Start: f.Start, End: f.End})
		}
	}
	return conflicts(keys, order)
}

// roleConflicts finds a person given the same title for different
// countries or organisations by different versions.
func roleConflicts(arts []*store.Article, subj *subjects) []Contradiction {
	keys := map[string]*conflict{}
	var order []string
	for ai, a := range arts {
		seen := map[string]bool{}
		for _, e := range a.Doc.Entities {
			sid := subj.of[entityRef{ai, e.ID}]
			for _, r := range e.Roles {
				if r.Of == "" {
					continue
				}
				key := fmt.Sprintf("%d|%s", sid, r.Title)
				if seen[key] {
					continue
				}
				seen[key] = true
				k := keys[key]
				if k == nil {
					k = &conflict{subject: subj.name[sid], attribute: "role: " + r.Title}
					keys[key] = k
					order = append(order, key)
				}
				k.sides = append(k.sides, Side{Article: a.Doc.ID, Value: r.Title + " of " + r.Of, Text: a.Doc.Slice(r.Span()), Start: r.Start, End: r.End})
			}
		}
	}
	return conflicts(keys, order)
}

func conflicts(keys map[string]*conflict, order []string) []Contradiction {
	var out []Contradiction
	for _, key := range order {
		k := keys[key]
		if len(k.sides) < 2 || k.values() < 2 {
			continue
		}
		out = append(out, Contradiction{Subject: k.subject, Attribute: k.attribute, Sides: k.sides})
	}
	return out
}

// omissions finds check-worthy claims and direct quotes of one version
// that some other versions do not report. A statement several versions
// make but others leave out is one omission, listing every version that
// makes it.
func omissions(arts []*store.Article) []Omission {
	sentences := make([][]map[string]bool, len(arts))
	for i, a := range arts {
		for _, s := range a.Doc.Sentences {
			sentences[i] = append(sentences[i], wordSet(a.Doc.Slice(s.Span())))
		}
		if len(a.Doc.Sentences) == 0 {
			sentences[i] = append(sentences[i], wordSet(a.Doc.Text))
		}
	}
	type cand struct {
		Omission
		words  map[string]bool
		weight float64
	}
	var cands []*cand
	add := func(ai int, kind string, span document.Span, weight float64) {
		a := arts[ai]
		words := wordSet(a.Doc.Slice(span))
		if len(words) < 3 {
			return
		}
		var missing []string
		for bi, b := range arts {
			if bi != ai && b.Doc.ID != a.Doc.ID && !covered(words, sentences[bi]) {
				missing = append(missing, b.Doc.ID)
			}
		}
		if len(missing) == 0 {
			return
		}
		p := Passage{Article: a.Doc.ID, Text: a.Doc.Slice(span), Start: span.Start, End: span.End}
		for _, c := range cands {
			// The same statement, already found in an earlier version.
			if c.Kind == kind && slices.Equal(c.Missing, missing) && covered(words, []map[string]bool{c.words}) &&
				covered(c.words, []map[string]bool{words}) && !slices.ContainsFunc(c.In, func(q Passage) bool { return q.Article == a.Doc.ID }) {
				c.In = append(c.In, p)
				return
			}
		}
		cands = append(cands, &cand{Omission: Omission{Kind: kind, In: []Passage{p}, Missing: missing}, words: words, weight: weight})
	}
	for ai, a := range arts {
		for _, cl := range a.Doc.Claims {
			if cl.Checkworthy >= minCheckworthy {
				add(ai, "claim", cl.Span(), cl.Checkworthy)
			}
		}
		for _, q := range a.Doc.Quotes {
			if q.Direct {
				add(ai, "quote", q.Content, 0.75)
			}
		}
	}
	// Most check-worthy first; the rest keep the versions' order.
	slices.SortStableFunc(cands, func(a, b *cand) int { return cmp.Compare(b.weight, a.weight) })
	out := []Omission{}
	for _, c := range cands[:min(len(cands), maxOmissions)] {
		c.ID = fmt.Sprintf("o%d", len(out))
		out = append(out, c.Omission)
	}
	return out
}

// covered reports whether one of sentences holds coverShare of words.
func covered(words map[string]bool, sentences []map[string]bool) bool {
	for _, s := range sentences {
		n := 0
		for w := range words {
			if s[w] {
				n++
			}
		}
		if float64(n) >= coverShare*float64(len(words)) {
			return true
		}
	}
	return false
}

// wordSet returns the content words of s: lower-cased, at least three
// letters, without the commonest function words, and with a plural or
// past-tense ending cut so that "trains" meets "trained".
func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 3 && !isNumber(w) || stopWords[w] {
			continue
		}
		out[stemWord(w)] = true
	}
	return out
}

func isNumber(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

func stemWord(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "that": true, "with": true, "was": true, "were": true,
	"has": true, "had": true, "have": true, "said": true, "says": true, "from": true, "this": true,
	"its": true, "his": true, "her": true, "their": true, "they": true, "are": true, "but": true,
	"not": true, "which": true, "who": true, "will": true, "would": true, "been": true, "also": true,
	"after": true, "before": true, "into": true, "than": true, "one": true, "she": true, "him": true,
}

// shingleSize is the length of the word sequences compared for rewrites.
const shingleSize = 5

// rewrites finds, for every version after the first, the earlier version
// it shares most word sequences with, when it shares enough.
func rewrites(arts []*store.Article) []Rewrite {
	sh := make([]map[uint64]bool, len(arts))
	for i, a := range arts {
		sh[i] = shingles(a.Doc.Text)
	}
	out := []Rewrite{}
	for bi := 1; bi < len(arts); bi++ {
		if len(sh[bi]) == 0 {
			continue
		}
		best, bestShare := -1, 0.0
		for ai := range bi {
			n := 0
			for h := range sh[bi] {
				if sh[ai][h] {
					n++
				}
			}
			if share := float64(n) / float64(len(sh[bi])); share > bestShare {
				best, bestShare = ai, share
			}
		}
		if best >= 0 && bestShare >= rewriteShare {
			out = append(out, Rewrite{Article: arts[bi].Doc.ID, Of: arts[best].Doc.ID,
				Shared: float64(int(bestShare*1000+0.5)) / 1000, Copy: bestShare >= copyShare})
		}
	}
	return out
}

func shingles(text string) map[uint64]bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := map[uint64]bool{}
	for i := 0; i+shingleSize <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+shingleSize] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		out[h.Sum64()] = true
	}
	return out
}
