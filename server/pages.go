package server

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/report"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/story"
)

//go:embed templates/*.html static/*
var uiFS embed.FS

// page is what every page template gets.
type page struct {
	Title string
	// Nav names the active section of the site header.
	Nav string
	// Query fills the header's search box.
	Query string
	// Wide pages use the full width (article, story).
	Wide      bool
	CSRF      string
	NeedToken bool
	Assets    assets
	Data      any
}

// assets are the paths of the static files, named by content hash so that
// browsers may cache them for good.
type assets struct{ CSS, JS, Icon string }

type staticFile struct {
	body  []byte
	ctype string
}

// loadTemplates builds one template set per page: package report's
// templates (for the article view), the layout, and the page.
func (s *Server) loadTemplates() error {
	base, err := report.Templates()
	if err != nil {
		return err
	}
	base = base.Funcs(template.FuncMap{
		"snippet":   snippetParts,
		"short":     shortID,
		"pct":       func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"entityURL": func(name string) string { return "/entities/" + url.PathEscape(name) },
		"storyURL":  func(id string) string { return "/stories/" + url.PathEscape(id) },
		"add":       func(a, b int) int { return a + b },
	})
	if _, err := base.ParseFS(uiFS, "templates/layout.html"); err != nil {
		return fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(uiFS, "templates/*.html")
	if err != nil {
		return err
	}
	s.pages = map[string]*template.Template{}
	for _, name := range names {
		if path.Base(name) == "layout.html" {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return err
		}
		if _, err := t.ParseFS(uiFS, name); err != nil {
			return fmt.Errorf("parse %s: %w", name, err)
		}
		s.pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}

	// The article view's CSS and script come from package report, so
	// that the page crosscheck analyze --format html writes and the web
	// UI look and behave alike; the site's own rules follow.
	rt, err := report.Templates()
	if err != nil {
		return err
	}
	var css, js bytes.Buffer
	if err := rt.ExecuteTemplate(&css, "style", nil); err != nil {
		return err
	}
	if err := rt.ExecuteTemplate(&js, "script", nil); err != nil {
		return err
	}
	siteCSS, err := fs.ReadFile(uiFS, "static/site.css")
	if err != nil {
		return err
	}
	siteJS, err := fs.ReadFile(uiFS, "static/site.js")
	if err != nil {
		return err
	}
	icon, err := fs.ReadFile(uiFS, "static/icon.svg")
	if err != nil {
		return err
	}
	css.Write(siteCSS)
	js.Write(siteJS)
	s.static = map[string]staticFile{}
	add := func(base, ext, ctype string, body []byte) string {
		sum := sha256.Sum256(body)
		name := base + "." + hex.EncodeToString(sum[:6]) + ext
		s.static[name] = staticFile{body: body, ctype: ctype}
		return "/static/" + name
	}
	s.assets = assets{
		CSS:  add("style", ".css", "text/css; charset=utf-8", css.Bytes()),
		JS:   add("app", ".js", "text/javascript; charset=utf-8", js.Bytes()),
		Icon: add("icon", ".svg", "image/svg+xml", icon),
	}
	return nil
}

func (s *Server) staticFile(w http.ResponseWriter, r *http.Request) error {
	f, ok := s.static[r.PathValue("file")]
	if !ok {
		return errorf(http.StatusNotFound, CodeNotFound, "no such file")
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, err := w.Write(f.body)
	return err
}

// render executes a page into a buffer first, so that a template failure
// becomes a clean error rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	p.Assets = s.assets
	p.NeedToken = s.cfg.Token != ""
	var b bytes.Buffer
	t := s.pages[name]
	if t == nil {
		s.log.Error("no such page template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err := t.ExecuteTemplate(&b, "layout", p); err != nil {
		s.log.Error("render page", "name", name, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, "internal error; the server log has the details\n")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// homeData is the analyse page.
type homeData struct {
	Form    formState
	Error   *Error
	Recent  []store.ArticleInfo
	Stories []store.Story
	Stats   store.Stats
}

// formState is what the user typed, kept when the form comes back with an
// error.
type formState struct {
	Mode, Text, URL, Outlet, Published string
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) error {
	s.renderHome(w, r, http.StatusOK, formState{Mode: KindText}, nil)
	return nil
}

func (s *Server) renderHome(w http.ResponseWriter, r *http.Request, status int, form formState, formErr *Error) {
	ctx := r.Context()
	d := &homeData{Form: form, Error: formErr}
	if l, ok := s.store.(recentLister); ok {
		d.Recent, _ = l.Recent(ctx, 8, 0)
	}
	d.Stories, _ = s.store.Stories(ctx, store.StoryQuery{MinSize: 2, Limit: 6})
	d.Stats, _ = s.store.Stats(ctx)
	s.render(w, r, status, "home", &page{Nav: "analyse", CSRF: s.csrfToken(w, r), Data: d})
}

// maxFormMemory keeps a whole form (bounded by MaxBody) in memory rather
// than in temporary files.
const maxFormMemory = 32 << 20

// analyzeForm takes the analyse form: pasted text, an uploaded file or a
// URL. It stores the article and sends the browser to its page.
func (s *Server) analyzeForm(w http.ResponseWriter, r *http.Request) error {
	err := r.ParseMultipartForm(maxFormMemory)
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return err
		}
		return errorf(http.StatusBadRequest, CodeBadRequest, "could not read the form: %v", err)
	}
	if err := s.checkCSRF(r, r.PostFormValue(csrfField)); err != nil {
		return err
	}
	form := formState{
		Mode:      r.PostFormValue("mode"),
		Text:      r.PostFormValue("text"),
		URL:       strings.TrimSpace(r.PostFormValue("url")),
		Outlet:    strings.TrimSpace(r.PostFormValue("outlet")),
		Published: strings.TrimSpace(r.PostFormValue("published")),
	}
	back := func(e *Error) error {
		s.renderHome(w, r, e.Status, form, e)
		return nil
	}
	if !s.tokenOK(r.PostFormValue("token")) && !s.bearerOK(r) {
		return back(errorf(http.StatusUnauthorized, CodeUnauthorized, "this server needs its API token to analyse articles"))
	}
	req := AnalyzeRequest{Outlet: form.Outlet, Published: form.Published, Store: true, via: "web"}
	file, hdr, ferr := r.FormFile("file")
	hasFile := ferr == nil && hdr.Size > 0
	if form.Mode == "" {
		// Without JavaScript every input shows; take the one filled in.
		switch {
		case form.URL != "":
			form.Mode = KindURL
		case hasFile:
			form.Mode = "file"
		default:
			form.Mode = KindText
		}
	}
	switch form.Mode {
	case KindURL:
		req.URL = form.URL
	case "file":
		if !hasFile {
			return back(errorf(http.StatusBadRequest, CodeBadRequest, "choose a file to upload"))
		}
		defer file.Close()
		data, err := io.ReadAll(file)
		if err != nil {
			return err
		}
		req.name = uploadName(hdr.Filename)
		req.body, req.bodyType = data, uploadType(req.name, hdr.Header.Get("Content-Type"))
	default:
		form.Mode = KindText
		req.Text = form.Text
	}
	res, err := s.analyze(r.Context(), &req)
	if err != nil {
		e := asError(err)
		if e.Status >= 500 && e.Code == CodeInternal {
			return err
		}
		return back(e)
	}
	http.Redirect(w, r, articlePath(res.Document.ID), http.StatusSeeOther)
	return nil
}

// uploadName keeps the base name of an uploaded file, for the record only.
func uploadName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	if len(name) > 120 {
		name = name[:120]
	}
	return strings.ToValidUTF8(name, "")
}

// uploadType is the media type of an uploaded file: by its extension,
// which people choose, rather than what the browser guessed; "" (sniff
// it) when neither says.
func uploadType(name, declared string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return "text/html"
	case ".txt", ".text", ".md":
		return "text/plain"
	}
	if strings.HasPrefix(declared, "text/html") || strings.HasPrefix(declared, "text/plain") {
		return declared
	}
	return ""
}

// listData is a page of a list with links to the pages around it.
type listData struct {
	Items      any
	Prev, Next string
	Offset     int
}

func pager(r *http.Request, offset, limit, got int) (prev, next string) {
	link := func(off int) string {
		q := r.URL.Query()
		q.Set("offset", fmt.Sprint(off))
		return r.URL.Path + "?" + q.Encode()
	}
	if offset > 0 {
		prev = link(max(0, offset-limit))
	}
	if got == limit {
		next = link(offset + limit)
	}
	return prev, next
}

func (s *Server) articlesPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.listArticles(r)
	if err != nil {
		return err
	}
	prev, next := pager(r, list.Offset, list.Limit, len(list.Articles))
	s.render(w, r, http.StatusOK, "articles", &page{Title: "Articles", Nav: "articles",
		Data: &listData{Items: list.Articles, Prev: prev, Next: next, Offset: list.Offset}})
	return nil
}

// articleData is the article page.
type articleData struct {
	View    *report.ArticleView
	Article store.ArticleInfo
	Story   *store.Story
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) error {
	a, err := s.getArticle(r)
	if err != nil {
		return err
	}
	d := &articleData{View: report.NewArticleView(a.Doc), Article: a.Info()}
	if a.Story != "" {
		if st, _, err := s.store.Story(r.Context(), a.Story); err == nil && st.Size > 1 {
			d.Story = st
		}
	}
	s.render(w, r, http.StatusOK, "articleview", &page{Title: cmp.Or(a.Doc.Meta.Title, "Article"), Nav: "articles", Wide: true, Data: d})
	return nil
}

func (s *Server) storiesPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.listStories(r)
	if err != nil {
		return err
	}
	prev, next := pager(r, list.Offset, list.Limit, len(list.Stories))
	s.render(w, r, http.StatusOK, "stories", &page{Title: "Stories", Nav: "stories",
		Data: &listData{Items: list.Stories, Prev: prev, Next: next, Offset: list.Offset}})
	return nil
}

// storyData is the story page: the comparison, and two versions side by
// side.
type storyData struct {
	Story          *store.Story
	FirstPublished string
	Versions       []versionRow
	Contradictions []contradictionRow
	Omissions      []omissionRow
	Agreements     []agreementRow
	Left, Right    *column
	// Names maps a version's label to its outlet.
	Names map[string]string
}

type versionRow struct {
	story.Version
	// Name is the outlet, or the title when the outlet is unknown.
	Name        string
	First       bool
	CopyOf      string // the label of the version it copies or rewrites
	CopyKind    string // "copy" or "rewrite"
	Shared      float64
	Left, Right bool
	// Pair links to this version beside the left one.
	Pair string
}

type contradictionRow struct {
	ID, Kind, About string
	Sides           []sideRow
	// Shown says both columns show a side; else Pair links to a pair
	// that does.
	Shown bool
	Pair  string
}

type sideRow struct {
	Value    string
	Evidence []story.Evidence
}

type omissionRow struct {
	ID, Kind, Text string
	In, Missing    []string // labels
	Shown          bool
}

type agreementRow struct {
	Kind, About, Value string
	Labels             []string
}

type column struct {
	Version    story.Version
	Name       string
	Paragraphs [][]report.Segment
}

func (s *Server) storyPage(w http.ResponseWriter, r *http.Request) error {
	st, arts, err := s.getStory(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "storyview", &page{Title: cmp.Or(st.Title, "Story"), Nav: "stories", Wide: true,
		Data: storyView(r, st, arts, compare(st, arts))})
	return nil
}

// storyView lays a comparison out for the page. The columns show the
// versions named by the a and b query parameters (labels: A, B, ...); by
// default the first version and the one it disagrees with most.
func storyView(r *http.Request, st *store.Story, arts []*store.Article, c *story.Comparison) *storyData {
	byLabel := map[string]*store.Article{}
	byID := map[string]*store.Article{}
	for _, a := range arts {
		byID[a.Doc.ID] = a
	}
	for _, v := range c.Versions {
		byLabel[v.Label] = byID[v.ID]
	}
	left, right := r.URL.Query().Get("a"), r.URL.Query().Get("b")
	if byLabel[left] == nil {
		left = ""
	}
	if byLabel[right] == nil || right == left {
		right = ""
	}
	if left == "" && len(c.Versions) > 0 {
		left = c.Versions[0].Label
	}
	if right == "" {
		// The version that differs from the left one most often.
		score := map[string]int{}
		for _, k := range c.Contradictions {
			var labels []string
			for _, sd := range k.Sides {
				for _, e := range sd.Evidence {
					labels = append(labels, e.Label)
				}
			}
			if !slices.Contains(labels, left) {
				continue
			}
			for _, sd := range k.Sides {
				if slices.ContainsFunc(sd.Evidence, func(e story.Evidence) bool { return e.Label == left }) {
					continue
				}
				for _, e := range sd.Evidence {
					score[e.Label]++
				}
			}
		}
		best := -1
		for _, v := range c.Versions {
			if v.Label != left && score[v.Label] > best {
				right, best = v.Label, score[v.Label]
			}
		}
	}
	pair := func(a, b string) string { return "?" + url.Values{"a": {a}, "b": {b}}.Encode() }
	shown := func(label string) bool { return label == left || label == right }

	d := &storyData{Story: st, FirstPublished: c.FirstPublished, Names: map[string]string{}}
	copyOf := map[string]story.Copy{}
	for _, cp := range c.Copies {
		if old, ok := copyOf[cp.To]; !ok || cp.Shared > old.Shared {
			copyOf[cp.To] = cp
		}
	}
	for _, v := range c.Versions {
		row := versionRow{Version: v, Name: cmp.Or(v.Outlet, v.Title, v.Label), First: slices.Contains(c.First, v.Label),
			Left: v.Label == left, Right: v.Label == right}
		if cp, ok := copyOf[v.Label]; ok {
			row.CopyOf, row.CopyKind, row.Shared = cp.From, cp.Kind, cp.Shared
		}
		if v.Label != left {
			row.Pair = pair(left, v.Label)
		}
		d.Versions = append(d.Versions, row)
		d.Names[v.Label] = row.Name
	}

	marks := map[string][]report.Mark{} // by article id
	for i, k := range c.Contradictions {
		row := contradictionRow{ID: fmt.Sprintf("c%d", i), Kind: k.Kind, About: k.About}
		var on []string
		var all []string
		for _, sd := range k.Sides {
			row.Sides = append(row.Sides, sideRow{Value: sd.Value, Evidence: sd.Evidence})
			for _, e := range sd.Evidence {
				all = append(all, e.Label)
				if shown(e.Label) && !slices.Contains(on, e.Label) {
					on = append(on, e.Label)
				}
				marks[e.Article] = append(marks[e.Article], report.Mark{
					Span: document.Span{Start: e.Start, End: e.End}, Class: "contra", Flag: row.ID,
					Title: k.About + ": " + sd.Value})
			}
		}
		row.Shown = len(on) == 2
		if !row.Shown && len(k.Sides) >= 2 && len(k.Sides[0].Evidence) > 0 && len(k.Sides[1].Evidence) > 0 {
			row.Pair = pair(k.Sides[0].Evidence[0].Label, k.Sides[1].Evidence[0].Label)
		}
		d.Contradictions = append(d.Contradictions, row)
	}
	for i, o := range c.Omissions {
		row := omissionRow{ID: fmt.Sprintf("o%d", i), Kind: o.Kind, Text: o.Text, Missing: o.Missing}
		for _, e := range o.In {
			row.In = append(row.In, e.Label)
			row.Shown = row.Shown || shown(e.Label)
			marks[e.Article] = append(marks[e.Article], report.Mark{
				Span: document.Span{Start: e.Start, End: e.End}, Class: "omit", Flag: row.ID,
				Title: "not in every version"})
		}
		d.Omissions = append(d.Omissions, row)
	}
	for _, p := range c.Agreements {
		row := agreementRow{Kind: p.Kind, About: p.About, Value: p.Value}
		for _, e := range p.Evidence {
			if !slices.Contains(row.Labels, e.Label) {
				row.Labels = append(row.Labels, e.Label)
			}
		}
		d.Agreements = append(d.Agreements, row)
	}

	col := func(label string) *column {
		a := byLabel[label]
		if a == nil {
			return nil
		}
		var v story.Version
		for _, x := range c.Versions {
			if x.Label == label {
				v = x
			}
		}
		ms := append(report.TextMarks(a.Doc), marks[a.Doc.ID]...)
		paras := report.Segments(a.Doc, ms)
		// The column's header shows the title: skip the headline.
		if h := a.Doc.Headline; h != nil && len(a.Doc.Paragraphs) > 1 && a.Doc.Paragraphs[0] == *h {
			paras = paras[1:]
		}
		return &column{Version: v, Name: cmp.Or(v.Outlet, v.Title, v.Label), Paragraphs: paras}
	}
	d.Left, d.Right = col(left), col(right)
	return d
}

// searchData is the search page.
type searchData struct {
	*SearchResponse
	Error *Error
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	d := &searchData{SearchResponse: &SearchResponse{Query: q}}
	status := http.StatusOK
	if q != "" {
		res, err := s.search(r)
		if err != nil {
			e := asError(err)
			if e.Code == CodeInternal {
				return err
			}
			d.Error, status = e, e.Status
		} else {
			d.SearchResponse = res
		}
	}
	s.render(w, r, status, "search", &page{Title: cmp.Or(q, "Search"), Nav: "search", Query: q, Data: d})
	return nil
}

func (s *Server) entitiesPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.listEntities(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "entities", &page{Title: "Entities", Nav: "entities", Data: list})
	return nil
}

func (s *Server) entityPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.getEntity(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "entity", &page{Title: d.Name, Nav: "entities", Data: d})
	return nil
}

// snipPart is a piece of a search snippet, matched or not.
type snipPart struct {
	Text  string
	Match bool
}

// snippetParts splits a store snippet, whose matches are wrapped in [ and
// ], into parts the template escapes one by one.
func snippetParts(s string) []snipPart {
	var out []snipPart
	for s != "" {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			out = append(out, snipPart{Text: s})
			break
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			out = append(out, snipPart{Text: s})
			break
		}
		if i > 0 {
			out = append(out, snipPart{Text: s[:i]})
		}
		out = append(out, snipPart{Text: s[i+1 : i+j], Match: true})
		s = s[i+j+1:]
	}
	return out
}

// shortID shortens an article id for display.
func shortID(id string) string {
	id = strings.TrimPrefix(id, "sha256:")
	return id[:min(len(id), 12)]
}
