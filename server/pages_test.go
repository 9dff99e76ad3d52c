package server

import (
	"bytes"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// formSession opens the home page as a browser would and returns the
// cookie and the form token it got.
func formSession(t *testing.T, h http.Handler) (*http.Cookie, string) {
	t.Helper()
	w := do(t, h, "GET", "/", "", "")
	if w.Code != 200 {
		t.Fatalf("home: %d", w.Code)
	}
	var cookie *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == csrfCookie {
			cookie = c
		}
	}
	m := csrfInput.FindStringSubmatch(w.Body.String())
	if cookie == nil || m == nil {
		t.Fatalf("home page sets no CSRF cookie or token")
	}
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Errorf("CSRF cookie %+v: want HttpOnly and SameSite=Strict", cookie)
	}
	return cookie, m[1]
}

// postForm posts fields (and an optional file) as multipart/form-data.
func postForm(t *testing.T, h http.Handler, cookie *http.Cookie, fields map[string]string, file, fileName string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if fileName != "" {
		fw, _ := mw.CreateFormFile("file", fileName)
		fw.Write([]byte(file))
	}
	mw.Close()
	r := httptest.NewRequest("POST", "/analyze", &b)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if cookie != nil {
		r.AddCookie(cookie)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func mustContain(t *testing.T, page string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestAnalyzeFormFlow(t *testing.T) {
	s, st := newServer(t, Config{})
	cookie, token := formSession(t, s)

	// Pasted text: stored, then shown.
	w := postForm(t, s, cookie, map[string]string{"csrf": token, "mode": "text", "text": envoyText}, "", "")
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/articles/sha256:") {
		t.Fatalf("post: %d %q %s", w.Code, w.Header().Get("Location"), w.Body)
	}
	loc := w.Header().Get("Location")
	page := do(t, s, "GET", loc, "", "")
	if page.Code != 200 {
		t.Fatalf("article page: %d", page.Code)
	}
	if got, want := h1Text(page.Body.String()), "Envoy says Norway quietly trained Kenyan coast guard crews"; got != want {
		t.Errorf("headline %q, want %q", got, want)
	}
	mustContain(t, page.Body.String(), `class="flag sev-`, `data-flag="f0"`, `data-ev="`, "ent ent-person")
	if n, _ := st.Stats(t.Context()); n.Articles != 1 {
		t.Errorf("store holds %d articles", n.Articles)
	}

	// An uploaded HTML page, without the mode field (as with JavaScript
	// off): the filled input decides.
	html := `<!doctype html><html><head><meta charset="utf-8"><title>Port deal | Observer</title></head><body><article><h1>Chile and Finland sign port deal</h1>` +
		strings.Repeat(`<p>Chile and Finland signed an agreement on Monday to rebuild the container terminal at Valparaiso, the transport ministry said.</p>`, 3) +
		`</article></body></html>`
	w = postForm(t, s, cookie, map[string]string{"csrf": token, "text": ""}, html, "port.html")
	if w.Code != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", w.Code, w.Body)
	}
	page = do(t, s, "GET", w.Header().Get("Location"), "", "")
	mustContain(t, page.Body.String(), "Valparaiso")
	id := strings.TrimPrefix(w.Header().Get("Location"), "/articles/")
	if a, err := st.Get(t.Context(), id); err != nil || a.Source != "upload:port.html" || a.Doc.Meta.Format != "html" {
		t.Errorf("uploaded article: %v %+v", err, a)
	}

	// Mistakes come back on the form, with what was typed kept.
	for _, tc := range []struct {
		fields map[string]string
		status int
		want   string
	}{
		{map[string]string{"mode": "text", "text": "  ", "outlet": "Kept Outlet"}, 400, "nothing to analyse"},
		{map[string]string{"mode": "file"}, 400, "choose a file"},
		{map[string]string{"mode": "url", "url": "ftp://example.com/x"}, 400, "http:// or https://"},
		{map[string]string{"mode": "text", "text": "Some words here.", "published": "yesterday"}, 400, "want YYYY-MM-DD"},
	} {
		tc.fields["csrf"] = token
		w := postForm(t, s, cookie, tc.fields, "", "")
		if w.Code != tc.status {
			t.Errorf("%v: status %d, want %d", tc.fields, w.Code, tc.status)
		}
		mustContain(t, w.Body.String(), `class="alert"`, tc.want, `<form class="analyse"`)
		if o := tc.fields["outlet"]; o != "" {
			mustContain(t, w.Body.String(), `value="`+o+`"`)
		}
	}
}

func TestPages(t *testing.T) {
	s, st := newServer(t, Config{Analyzer: segmentOnly})
	docs := putStory(t, st)
	ledger, times, wire := docs[0], docs[1], docs[2]

	get := func(target string, status int) string {
		t.Helper()
		w := do(t, s, "GET", target, "", "")
		if w.Code != status {
			t.Errorf("GET %s: status %d, want %d", target, w.Code, status)
		}
		if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", target, ct)
		}
		return w.Body.String()
	}

	home := get("/", 200)
	mustContain(t, home, `<form class="analyse" method="post" action="/analyze"`, `name="csrf"`,
		ledger.Meta.Title, `href="/stories/`+storyID+`"`)

	list := get("/articles?limit=2", 200)
	mustContain(t, list, wire.Meta.Title, times.Meta.Title, `rel="next"`)
	if strings.Contains(list, ledger.Meta.Title) {
		t.Error("first page of two holds the third article")
	}
	mustContain(t, get("/articles?limit=2&offset=2", 200), ledger.Meta.Title, `rel="prev"`)

	art := get("/articles/"+ledger.ID, 200)
	if got := h1Text(art); got != ledger.Meta.Title {
		t.Errorf("headline %q, want %q", got, ledger.Meta.Title)
	}
	mustContain(t, art, `href="/stories/`+storyID+`"`, "Part of a story with 3 versions",
		`data-flag="f0"`, `class="ent ent-person ev" data-ev="f0" data-entity="E1" title="Grace Mwangi">Grace Mwangi`, `class="ent ent-gpe" data-entity="E4" title="Mombasa">Mombasa`,
		`class="quote"`)

	story := get("/stories/"+storyID, 200)
	// Labelled in order of publication: A the Ledger, B the wire story,
	// C the Coast Times. By default the first version faces the one it
	// disagrees with most: the Coast Times.
	mustContain(t, story, "Versions, as they appeared", `<span class="badge first">first</span>`,
		"copy of A", `data-flag="c0"`, `data-flag="c1"`,
		`aria-label="The Harbour Ledger"`, `aria-label="Coast Times"`,
		"Said by only some versions", "missing from B Wire Service", "Where they agree")
	// The Mombasa contradiction is marked on both sides.
	for _, side := range []string{"2", "3"} {
		re := regexp.MustCompile(`class="contra[^"]*" data-ev="c0[ "][^>]*title="Mombasa: rank-by-size city in KEN: ` + side + `"`)
		if !re.MatchString(story) {
			t.Errorf("the side saying %s is not marked", side)
		}
	}
	if strings.Contains(story, `aria-label="Wire Service"`) {
		t.Error("the wire story shows although it is not one of the pair")
	}
	// Another pair on request.
	pair := get("/stories/"+storyID+"?a=A&b=B", 200)
	mustContain(t, pair, `aria-label="Wire Service"`, "show these versions side by side")
	// A pair that is not in the story falls back to the default.
	mustContain(t, get("/stories/"+storyID+"?a=bogus&b=Z", 200), `aria-label="Coast Times"`)
	// An article's id finds its story.
	mustContain(t, get("/stories/"+wire.ID, 200), "Versions, as they appeared")

	mustContain(t, get("/search?q=largest", 200), "<mark>largest</mark>", times.Meta.Title, ledger.Meta.Title)
	mustContain(t, get("/search?q=zebra", 200), "No article matches")
	mustContain(t, get("/search", 200), `<form class="bigsearch"`)
	mustContain(t, get("/search?q=%22%22", 400), `class="alert"`)

	mustContain(t, get("/entities", 200), `href="/entities/Grace%20Mwangi"`, `href="/entities/Mombasa"`)
	mustContain(t, get("/entities?q=zzz", 200), "No entity called")
	ent := get("/entities/Grace%20Mwangi", 200)
	mustContain(t, ent, "<h1>Grace Mwangi</h1>", "Outlets disagree", `class="conflict"`, "ambassador of TZA",
		"<mark>Grace Mwangi</mark>", "Coast Times")

	mustContain(t, get("/stories", 200), `href="/stories/`+storyID+`"`, "3 versions")
	mustContain(t, get("/stories/nope", 404), "Error 404")
	mustContain(t, get("/articles/sha256:"+strings.Repeat("a", 64), 404), "Error 404")
	mustContain(t, get("/no/such/page", 404), "no such page")
	mustContain(t, get("/entities/Nobody", 404), "no article in the corpus")

	w := do(t, s, "POST", "/articles", "", "")
	if w.Code != 405 || !strings.Contains(w.Body.String(), "Error 405") {
		t.Errorf("POST /articles: %d", w.Code)
	}
	if w := do(t, s, "GET", "/healthz", "", ""); w.Code != 200 || w.Body.String() != "ok\n" {
		t.Errorf("healthz: %d %q", w.Code, w.Body)
	}
}

func TestStaticFiles(t *testing.T) {
	s, _ := newServer(t, Config{Analyzer: segmentOnly})
	for path, want := range map[string]string{
		s.assets.CSS:  ".ev.hl", // the article view's rules from package report
		s.assets.JS:   "data-flag",
		s.assets.Icon: "<svg",
	} {
		w := do(t, s, "GET", path, "", "")
		if w.Code != 200 || !strings.Contains(w.Body.String(), want) {
			t.Errorf("%s: %d, lacks %q", path, w.Code, want)
		}
		if !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("%s: Cache-Control %q", path, w.Header().Get("Cache-Control"))
		}
	}
	if !strings.HasPrefix(s.assets.CSS, "/static/style.") || !strings.HasSuffix(s.assets.JS, ".js") {
		t.Errorf("asset paths %+v", s.assets)
	}
	if w := do(t, s, "GET", "/static/nothing.css", "", ""); w.Code != 404 {
		t.Errorf("unknown static file: %d", w.Code)
	}
}

func TestSnippetParts(t *testing.T) {
	for in, want := range map[string]string{
		"":                    "",
		"plain":               "plain",
		"a [b] c [d]":         "a |<b>| c |<d>",
		"[x]":                 "<x>",
		"broken [open":        "broken [open",
		"close] only [y] end": "close] only |<y>| end",
	} {
		var parts []string
		for _, p := range snippetParts(in) {
			if p.Match {
				parts = append(parts, "<"+p.Text+">")
			} else {
				parts = append(parts, p.Text)
			}
		}
		if got := strings.Join(parts, "|"); got != want {
			t.Errorf("snippetParts(%q) = %q, want %q", in, got, want)
		}
	}
}

// h1Text returns the text of the page's first h1, without its marks.
func h1Text(page string) string {
	_, rest, _ := strings.Cut(page, "<h1>")
	h, _, _ := strings.Cut(rest, "</h1>")
	return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(h, ""))
}
