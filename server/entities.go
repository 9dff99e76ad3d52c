package server

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
)

// EntitySummary is one entity across the articles looked at.
type EntitySummary struct {
	Name     string         `json:"name"`
	Type     string         `json:"type"`
	Link     *document.Link `json:"link,omitempty"`
	Articles int            `json:"articles"`
	Mentions int            `json:"mentions"`
	Outlets  []string       `json:"outlets"`
}

// EntityDetail is everything the corpus says about one entity.
type EntityDetail struct {
	EntitySummary
	// Names are the names and aliases the articles use, most used first.
	Names []string `json:"names"`
	// Roles are the titles the articles give the entity, by outlet.
	Roles []OutletRoles `json:"roles"`
	// Varies says the outlets disagree on a role: one title held for
	// different countries or organisations.
	Varies      bool         `json:"varies"`
	Appearances []Appearance `json:"appearances"`
	// Truncated says more articles matched than were read.
	Truncated bool `json:"truncated"`
}

// OutletRoles are the roles one outlet gives an entity.
type OutletRoles struct {
	Outlet string      `json:"outlet"`
	Roles  []RoleCount `json:"roles"`
}

// RoleCount is one role and how many articles of an outlet state it.
type RoleCount struct {
	Title string `json:"title"`
	Of    string `json:"of"`
	Count int    `json:"count"`
	// Conflict marks a title other outlets give for another Of.
	Conflict bool `json:"conflict"`
}

// Appearance is one article's mentions of an entity.
type Appearance struct {
	Article  store.ArticleInfo `json:"article"`
	Name     string            `json:"name"`
	Mentions []MentionContext  `json:"mentions"`
}

// MentionContext is one mention with the words around it.
type MentionContext struct {
	Before string `json:"before"`
	Text   string `json:"text"`
	After  string `json:"after"`
	Kind   string `json:"kind,omitempty"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Limits of the entity pages.
const (
	defaultEntityScan = 200
	maxEntityScan     = 1000
	contextBytes      = 90
)

// matchesName reports whether e goes by name (compared case-insensitively).
func matchesName(e *document.Entity, name string) bool {
	if strings.EqualFold(e.Name, name) {
		return true
	}
	for _, a := range e.Aliases {
		if strings.EqualFold(a, name) {
			return true
		}
	}
	return e.Link != nil && (strings.EqualFold(e.Link.Name, name) || strings.EqualFold(e.Link.Code, name))
}

// entityKey groups an entity across articles: by its gazetteer link when
// it has one, otherwise by type and name.
func entityKey(e *document.Entity) string {
	if e.Link != nil && e.Link.Code != "" {
		return "L:" + e.Link.Kind + ":" + e.Link.Code
	}
	return "N:" + e.Type + ":" + strings.ToLower(e.Name)
}

// candidates returns up to limit articles to look for entities in: the
// full-text matches of q, or the most recent articles when q is empty.
func (s *Server) candidates(ctx context.Context, q string, limit int) ([]*store.Article, bool, error) {
	var ids []string
	switch {
	case strings.TrimSpace(q) != "":
		// A phrase query finds the name as written; ParseQuery drops
		// the punctuation a name may hold.
		hits, err := s.store.Search(ctx, `"`+strings.ReplaceAll(q, `"`, " ")+`"`, limit+1)
		if errors.Is(err, store.ErrEmptyQuery) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, err
		}
		for _, h := range hits {
			ids = append(ids, h.ID)
		}
	default:
		l, ok := s.store.(recentLister)
		if !ok {
			return nil, false, errorf(http.StatusBadRequest, CodeBadRequest, "this store cannot list articles: give a name to look for (q)")
		}
		infos, err := l.Recent(ctx, limit+1, 0)
		if err != nil {
			return nil, false, err
		}
		for _, a := range infos {
			ids = append(ids, a.ID)
		}
	}
	truncated := len(ids) > limit
	ids = ids[:min(len(ids), limit)]
	arts := make([]*store.Article, 0, len(ids))
	for _, id := range ids {
		a, err := s.store.Get(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue // removed since the search
		}
		if err != nil {
			return nil, false, err
		}
		arts = append(arts, a)
	}
	return arts, truncated, nil
}

// entities lists the entities of the articles that mention q (all recent
// articles when q is empty) whose names contain q, most widely reported
// first.
func (s *Server) entities(ctx context.Context, q string, scan, limit int) ([]EntitySummary, bool, error) {
	arts, truncated, err := s.candidates(ctx, q, scan)
	if err != nil {
		return nil, false, err
	}
	type agg struct {
		EntitySummary
		names   map[string]int
		outlets map[string]bool
	}
	byKey := map[string]*agg{}
	var keys []string
	lq := strings.ToLower(strings.TrimSpace(q))
	for _, a := range arts {
		for i := range a.Doc.Entities {
			e := &a.Doc.Entities[i]
			if lq != "" && !strings.Contains(strings.ToLower(e.Name), lq) && !slices.ContainsFunc(e.Aliases, func(al string) bool {
				return strings.Contains(strings.ToLower(al), lq)
			}) {
				continue
			}
			k := entityKey(e)
			g := byKey[k]
			if g == nil {
				g = &agg{EntitySummary: EntitySummary{Type: e.Type, Link: e.Link}, names: map[string]int{}, outlets: map[string]bool{}}
				byKey[k] = g
				keys = append(keys, k)
			}
			g.Articles++
			g.Mentions += len(e.Mentions)
			g.names[e.Name]++
			if o := a.Doc.Meta.Outlet; o != "" {
				g.outlets[o] = true
			}
		}
	}
	out := make([]EntitySummary, 0, len(keys))
	for _, k := range keys {
		g := byKey[k]
		g.Name = mostUsed(g.names)[0]
		g.Outlets = sortedKeys(g.outlets)
		out = append(out, g.EntitySummary)
	}
	slices.SortStableFunc(out, func(a, b EntitySummary) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(b.Mentions, a.Mentions), strings.Compare(a.Name, b.Name))
	})
	return out[:min(len(out), limit)], truncated, nil
}

// entity gathers every mention of the entity called name across the
// articles that contain the name, with its roles by outlet.
func (s *Server) entity(ctx context.Context, name string, scan int) (*EntityDetail, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 200 {
		return nil, errorf(http.StatusBadRequest, CodeBadRequest, "give an entity name of 1 to 200 bytes")
	}
	arts, truncated, err := s.candidates(ctx, name, scan)
	if err != nil {
		return nil, err
	}
	d := &EntityDetail{Truncated: truncated, Appearances: []Appearance{}, Roles: []OutletRoles{}}
	names := map[string]int{}
	outlets := map[string]bool{}
	roles := map[string]map[[2]string]int{} // outlet → (title, of) → articles
	for _, a := range arts {
		for i := range a.Doc.Entities {
			e := &a.Doc.Entities[i]
			if !matchesName(e, name) {
				continue
			}
			if d.Type == "" {
				d.Type, d.Link = e.Type, e.Link
			}
			d.Articles++
			d.Mentions += len(e.Mentions)
			names[e.Name]++
			for _, al := range e.Aliases {
				names[al]++
			}
			outlet := cmp.Or(a.Doc.Meta.Outlet, "(unknown outlet)")
			outlets[outlet] = true
			for _, r := range e.Roles {
				if roles[outlet] == nil {
					roles[outlet] = map[[2]string]int{}
				}
				roles[outlet][[2]string{r.Title, r.Of}]++
			}
			ap := Appearance{Article: a.Info(), Name: e.Name}
			for _, m := range e.Mentions {
				ap.Mentions = append(ap.Mentions, mentionContext(a.Doc, m))
			}
			d.Appearances = append(d.Appearances, ap)
		}
	}
	if d.Articles == 0 {
		return nil, errorf(http.StatusNotFound, CodeNotFound, "no article in the corpus mentions an entity called %q", name)
	}
	d.Names = mostUsed(names)
	d.Name = d.Names[0]
	if d.Link != nil && d.Link.Name != "" {
		d.Name = d.Link.Name
	}
	d.Outlets = sortedKeys(outlets)

	// A title held for different Ofs across outlets is where coverage
	// varies: the "ambassador of IRQ" against "ambassador of IRN" case.
	ofs := map[string]map[string]bool{}
	for _, rs := range roles {
		for r := range rs {
			if ofs[r[0]] == nil {
				ofs[r[0]] = map[string]bool{}
			}
			ofs[r[0]][r[1]] = true
		}
	}
	for _, outlet := range sortedKeys(roleOutlets(roles)) {
		or := OutletRoles{Outlet: outlet}
		for r, n := range roles[outlet] {
			conflict := len(ofs[r[0]]) > 1
			d.Varies = d.Varies || conflict
			or.Roles = append(or.Roles, RoleCount{Title: r[0], Of: r[1], Count: n, Conflict: conflict})
		}
		slices.SortFunc(or.Roles, func(a, b RoleCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Title, b.Title), strings.Compare(a.Of, b.Of))
		})
		d.Roles = append(d.Roles, or)
	}
	return d, nil
}

func roleOutlets(m map[string]map[[2]string]int) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// mentionContext cuts the words around a mention, at most contextBytes on
// each side, within its paragraph and on rune and word boundaries.
func mentionContext(doc *document.Document, m document.Mention) MentionContext {
	if !m.Span().Valid(len(doc.Text)) {
		return MentionContext{Start: m.Start, End: m.End}
	}
	lo, hi := 0, len(doc.Text)
	for _, p := range doc.Paragraphs {
		if p.Start <= m.Start && m.End <= p.End && p.Valid(len(doc.Text)) {
			lo, hi = p.Start, p.End
			break
		}
	}
	from, to := max(lo, m.Start-contextBytes), min(hi, m.End+contextBytes)
	for from > lo && !utf8.RuneStart(doc.Text[from]) {
		from--
	}
	for to < hi && !utf8.RuneStart(doc.Text[to]) {
		to++
	}
	before, after := doc.Text[from:m.Start], doc.Text[m.End:to]
	if from > lo {
		if i := strings.IndexByte(before, ' '); i >= 0 {
			before = "…" + before[i:]
		}
	}
	if to < hi {
		if i := strings.LastIndexByte(after, ' '); i >= 0 {
			after = after[:i] + " …"
		}
	}
	return MentionContext{Before: before, Text: doc.Slice(m.Span()), After: after, Kind: m.Kind, Start: m.Start, End: m.End}
}

// mostUsed returns the keys of counts, most counted first.
func mostUsed(counts map[string]int) []string {
	keys := sortedKeys(counts)
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(counts[b], counts[a]) })
	return keys
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
