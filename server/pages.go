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
	Versions       []versionRow
	Contradictions []contradictionRow
	Omissions      []omissionRow
	Left, Right    *column
}

type versionRow struct {
	Version
	Label       string
	RewriteOf   string
	Shared      float64
	Copy        bool
	Left, Right bool
	// Pair links to this version beside the left one (or the first).
	Pair string
}

type contradictionRow struct {
	Contradiction
	Sides []sideRow
	// Shown says both columns show a side; else Pair links to a pair that does.
	Shown bool
	Pair  string
}

type sideRow struct {
	Side
	Label string
}

type omissionRow struct {
	Omission
	Text    string
	In      []string
	Missing []string
	Shown   bool
}

type column struct {
	Info       store.ArticleInfo
	Label      string
	Paragraphs [][]report.Segment
}

func (s *Server) storyPage(w http.ResponseWriter, r *http.Request) error {
	st, arts, err := s.getStory(r)
	if err != nil {
		return err
	}
	c := s.compare(arts)
	s.render(w, r, http.StatusOK, "storyview", &page{Title: cmp.Or(st.Title, "Story"), Nav: "stories", Wide: true,
		Data: storyView(r, st, arts, c)})
	return nil
}

// storyView lays a comparison out for the page. The columns show the
// versions named by the a and b query parameters; by default the first
// version and the one it disagrees with most.
func storyView(r *http.Request, st *store.Story, arts []*store.Article, c *Comparison) *storyData {
	byID := map[string]*store.Article{}
	for _, a := range arts {
		byID[a.Doc.ID] = a
	}
	labels := map[string]string{}
	outletCount := map[string]int{}
	for _, v := range c.Versions {
		outletCount[v.Outlet]++
	}
	for i, v := range c.Versions {
		l := cmp.Or(v.Outlet, "Version "+fmt.Sprint(i+1))
		if outletCount[v.Outlet] > 1 || v.Outlet == "" {
			l += fmt.Sprintf(" #%d", i+1)
		}
		labels[v.ID] = l
	}
	left, right := r.URL.Query().Get("a"), r.URL.Query().Get("b")
	if byID[left] == nil {
		left = ""
	}
	if byID[right] == nil || right == left {
		right = ""
	}
	if left == "" && len(c.Versions) > 0 {
		left = c.Versions[0].ID
	}
	if right == "" {
		// The version sharing most contradictions with the left one.
		score := map[string]int{}
		for _, k := range c.Contradictions {
			if !slices.ContainsFunc(k.Sides, func(sd Side) bool { return sd.Article == left }) {
				continue
			}
			for _, sd := range k.Sides {
				if sd.Article != left {
					score[sd.Article]++
				}
			}
		}
		best := -1
		for _, v := range c.Versions {
			if v.ID != left && score[v.ID] > best {
				right, best = v.ID, score[v.ID]
			}
		}
	}
	pair := func(a, b string) string {
		q := url.Values{"a": {a}, "b": {b}}
		return "?" + q.Encode()
	}
	d := &storyData{Story: st}
	rewriteOf := map[string]Rewrite{}
	for _, rw := range c.Rewrites {
		rewriteOf[rw.Article] = rw
	}
	for _, v := range c.Versions {
		row := versionRow{Version: v, Label: labels[v.ID], Left: v.ID == left, Right: v.ID == right}
		if rw, ok := rewriteOf[v.ID]; ok {
			row.RewriteOf, row.Shared, row.Copy = labels[rw.Of], rw.Shared, rw.Copy
		}
		if v.ID != left {
			row.Pair = pair(left, v.ID)
		} else if len(c.Versions) > 1 {
			row.Pair = pair(v.ID, cmp.Or(right, c.Versions[1].ID))
		}
		d.Versions = append(d.Versions, row)
	}
	shown := func(id string) bool { return id == left || id == right }
	var marks = map[string][]report.Mark{}
	for _, k := range c.Contradictions {
		row := contradictionRow{Contradiction: k}
		var on []string
		for _, sd := range k.Sides {
			row.Sides = append(row.Sides, sideRow{Side: sd, Label: labels[sd.Article]})
			if shown(sd.Article) {
				on = append(on, sd.Article)
			}
			marks[sd.Article] = append(marks[sd.Article], report.Mark{
				Span: document.Span{Start: sd.Start, End: sd.End}, Class: "contra", Flag: k.ID,
				Title: k.Subject + ": " + sd.Value})
		}
		row.Shown = len(on) == 2 || len(on) == 1 && left == right
		if !row.Shown && len(k.Sides) >= 2 {
			a := cmp.Or(firstOn(on), k.Sides[0].Article)
			b := k.Sides[0].Article
			for _, sd := range k.Sides {
				if sd.Article != a {
					b = sd.Article
					break
				}
			}
			row.Pair = pair(a, b)
		}
		d.Contradictions = append(d.Contradictions, row)
	}
	for _, o := range c.Omissions {
		row := omissionRow{Omission: o}
		for _, p := range o.In {
			if row.Text == "" {
				row.Text = p.Text
			}
			row.In = append(row.In, labels[p.Article])
			row.Shown = row.Shown || shown(p.Article)
			marks[p.Article] = append(marks[p.Article], report.Mark{
				Span: document.Span{Start: p.Start, End: p.End}, Class: "omit", Flag: o.ID,
				Title: "not in every version"})
		}
		for _, m := range o.Missing {
			row.Missing = append(row.Missing, labels[m])
		}
		d.Omissions = append(d.Omissions, row)
	}
	col := func(id string) *column {
		a := byID[id]
		if a == nil {
			return nil
		}
		ms := append(report.TextMarks(a.Doc), marks[id]...)
		paras := report.Segments(a.Doc, ms)
		// The column's header shows the title: skip the headline.
		if h := a.Doc.Headline; h != nil && len(a.Doc.Paragraphs) > 1 && a.Doc.Paragraphs[0] == *h {
			paras = paras[1:]
		}
		return &column{Info: a.Info(), Label: labels[id], Paragraphs: paras}
	}
	d.Left, d.Right = col(left), col(right)
	return d
}

func firstOn(on []string) string {
	if len(on) > 0 {
		return on[0]
	}
	return ""
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
