package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
)

// hostile is an article whose every field tries to inject markup.
func hostile(t *testing.T) *document.Document {
	const x = `<script>alert(1)</script><img src=x onerror=alert(2)>`
	b := newDoc(t, `Breaking `+x, `"><script>alert(3)</script>`, "2024-01-02",
		`Officials said `+x+` in a statement about <iframe src="javascript:alert(4)"></iframe> ports.`,
		`"We never <b onmouseover=alert(5)>hide</b> anything," Ana <svg onload=alert(6)> Silva said.`).
		entity("E1", `Ana <svg onload=alert(6)> Silva`, document.Person, nil, `Ana <svg onload=alert(6)> Silva`).
		entity("E2", `<script>alert(1)</script>`, document.Org, &document.Link{Kind: "org", Code: `"><script>alert(7)</script>`}, `<script>alert(1)</script>`).
		role("E1", `<script>alert(8)</script>`, `<img src=x onerror=alert(9)>`, `Ana <svg onload=alert(6)> Silva`).
		quote("E1", "Silva said", `We never <b onmouseover=alert(5)>hide</b> anything,`).
		claim(`Officials said `+x, 0.9).
		flag(`<script>alert(10)</script>`, document.High, `<img src=x onerror=alert(11)>`, x)
	b.doc.Removed = []document.Removed{{Kind: "<b>comment-form</b>", Text: `<script>alert(12)</script>`}}
	b.doc.Notes = []string{`<script>alert(13)</script>`}
	b.doc.Meta.URL = `javascript:alert(14)`
	return b.doc
}

// TestContentIsEscaped stores an article full of markup and checks that
// no page, and no API answer, lets any of it through as markup.
func TestContentIsEscaped(t *testing.T) {
	s, st := newServer(t, Config{Analyzer: segmentOnly, Logger: slogT(t)})
	doc := hostile(t)
	other := *hostile(t)
	other.Text = strings.Replace(other.Text, "Officials", "Spokesmen", 1) // same length: spans hold
	other.ID = document.HashText(other.Text)
	other.Meta.Outlet = `<b>Other</b>`
	for _, d := range []*document.Document{doc, &other} {
		if _, err := st.Put(context.Background(), &store.Article{Doc: d, Story: `s"><script>alert(15)</script>`}); err != nil {
			t.Fatal(err)
		}
	}
	sid := url.PathEscape(`s"><script>alert(15)</script>`)
	for _, target := range []string{
		"/", "/articles", "/articles/" + doc.ID, "/stories", "/stories/" + sid,
		"/search?q=" + url.QueryEscape(`alert <script>"`), "/search?q=" + url.QueryEscape(`"><script>alert(16)</script>`),
		"/entities", "/entities?q=" + url.QueryEscape("<svg"), "/entities/" + url.PathEscape(`Ana <svg onload=alert(6)> Silva`),
		"/" + url.PathEscape(`<script>alert(17)</script>`),
	} {
		w := do(t, s, "GET", target, "", "")
		if w.Code >= 500 {
			t.Errorf("GET %s: status %d", target, w.Code)
		}
		page := w.Body.String()
		// The only script element is the page's own.
		if n := strings.Count(strings.ToLower(page), "<script"); n != 1 {
			t.Errorf("GET %s: %d script elements", target, n)
		}
		for _, bad := range []string{"<img src=x", "<iframe", "<svg", "<b>comment", "<b>Other", "<b onmouseover", `href="javascript:`, `src="javascript:`} {
			if strings.Contains(page, bad) {
				i := strings.Index(page, bad)
				t.Errorf("GET %s: unescaped %q: …%s…", target, bad, page[max(0, i-80):min(len(page), i+40)])
			}
		}
	}
	// The hostile text is there, as text.
	w := do(t, s, "GET", "/articles/"+doc.ID, "", "")
	mustContain(t, w.Body.String(), "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;")

	// JSON escapes markup characters too, so no browser sniffing it as
	// HTML finds any.
	w = do(t, s, "GET", "/api/v1/articles/"+doc.ID, "", "")
	if strings.Contains(w.Body.String(), "<script") || w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Error("API answer carries raw markup or may be sniffed")
	}
}

func TestSecurityHeaders(t *testing.T) {
	s, _ := newServer(t, Config{Analyzer: segmentOnly})
	for _, target := range []string{"/", "/api/v1/articles", "/nope", "/api/nope"} {
		w := do(t, s, "GET", target, "", "")
		h := w.Header()
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", target, csp)
		}
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"} {
			if h.Get(k) != v {
				t.Errorf("%s: %s = %q, want %q", target, k, h.Get(k), v)
			}
		}
	}
	// The pages hold no inline script or style the policy would block.
	w := do(t, s, "GET", "/", "", "")
	if strings.Contains(w.Body.String(), "<script>") || strings.Contains(w.Body.String(), "<style") || strings.Contains(w.Body.String(), "style=") {
		t.Error("home page has inline script or style")
	}
}

func TestBodyLimit(t *testing.T) {
	s, _ := newServer(t, Config{Analyzer: segmentOnly, MaxBody: 1024})
	big := strings.Repeat("Words of an article. ", 100)
	body, _ := json.Marshal(AnalyzeRequest{Text: big})

	// Known length: refused before reading.
	w := do(t, s, "POST", "/api/v1/analyze", "application/json", string(body))
	checkError(t, 413, CodeTooLarge, w, w.Body.Bytes())

	// Unknown length (chunked): refused while reading.
	for _, ctype := range []string{"application/json", "text/plain"} {
		r := httptest.NewRequest("POST", "/api/v1/analyze", strings.NewReader(string(body)))
		r.ContentLength = -1
		r.Header.Set("Content-Type", ctype)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		checkError(t, 413, CodeTooLarge, rec, rec.Body.Bytes())
	}

	// The form too.
	cookie, token := formSession(t, s)
	rec := postForm(t, s, cookie, map[string]string{"csrf": token, "text": big}, "", "")
	if rec.Code != 413 || !strings.Contains(rec.Body.String(), "Error 413") {
		t.Errorf("big form: %d", rec.Code)
	}
	// Under the limit all is well.
	w = do(t, s, "POST", "/api/v1/analyze", "text/plain", "A short article about ports and ships.")
	if w.Code != 200 {
		t.Errorf("small body: %d %s", w.Code, w.Body)
	}
}

// articleServer serves a small article page, and other pages for the
// fetch tests.
func articleServer(t *testing.T) *httptest.Server {
	page := `<!doctype html><html><head><title>Harbour news</title></head><body><article><h1>New cranes for the harbour</h1>` +
		strings.Repeat(`<p>The port authority said on Monday that six new cranes would arrive at the harbour next spring.</p>`, 3) +
		`</article></body></html>`
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 200 {
			fmt.Fprint(w, "<p>"+strings.Repeat("padding ", 100)+"</p>")
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/missing", http.NotFound)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

func TestFetchRefusesPrivateAddresses(t *testing.T) {
	ts := articleServer(t)
	_, port, _ := net.SplitHostPort(ts.Listener.Addr().String())
	s, _ := newServer(t, Config{Analyzer: segmentOnly, FetchTimeout: 2 * time.Second})
	for _, u := range []string{
		ts.URL + "/article",                     // 127.0.0.1
		"http://localhost:" + port + "/article", // a name that resolves to loopback
		"http://127.0.0.2:" + port + "/article",
		"http://[::1]:" + port + "/article",
		"http://0.0.0.0:" + port + "/article",
		"http://[::ffff:127.0.0.1]:" + port + "/article", // IPv4-mapped
		"http://169.254.169.254/latest/meta-data/",       // cloud metadata
		"http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.0.1/", "http://100.64.0.1/",
	} {
		body, _ := json.Marshal(AnalyzeRequest{URL: u})
		w := do(t, s, "POST", "/api/v1/analyze", "application/json", string(body))
		checkError(t, 422, CodeFetchRefused, w, w.Body.Bytes())
	}
}

func TestFetchAllowPrivate(t *testing.T) {
	ts := articleServer(t)
	s, _ := newServer(t, Config{Analyzer: segmentOnly, AllowPrivate: true, MaxFetch: 8 << 10, FetchTimeout: 300 * time.Millisecond})
	body, _ := json.Marshal(AnalyzeRequest{URL: ts.URL + "/article", Store: true})
	w := do(t, s, "POST", "/api/v1/analyze", "application/json", string(body))
	if w.Code != 200 {
		t.Fatalf("allowed fetch: %d %s", w.Code, w.Body)
	}
	res := decode[AnalyzeResult](t, w.Body.Bytes())
	if !strings.Contains(res.Document.Text, "six new cranes") || res.Document.Meta.URL != ts.URL+"/article" {
		t.Errorf("fetched document: %q %+v", res.Document.Text, res.Document.Meta)
	}
	for path, want := range map[string]struct {
		status int
		code   string
	}{
		"/huge":    {413, CodeTooLarge},
		"/slow":    {504, CodeTimeout},
		"/image":   {502, CodeFetchFailed},
		"/missing": {502, CodeFetchFailed},
	} {
		body, _ := json.Marshal(AnalyzeRequest{URL: ts.URL + path})
		w := do(t, s, "POST", "/api/v1/analyze", "application/json", string(body))
		checkError(t, want.status, want.code, w, w.Body.Bytes())
	}
	// Nothing listens on a closed port: a failed fetch, not a 500.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := ln.Addr().String()
	ln.Close()
	body, _ = json.Marshal(AnalyzeRequest{URL: "http://" + closed + "/"})
	w = do(t, s, "POST", "/api/v1/analyze", "application/json", string(body))
	checkError(t, 502, CodeFetchFailed, w, w.Body.Bytes())
}

func TestCSRF(t *testing.T) {
	s, st := newServer(t, Config{Analyzer: segmentOnly})
	cookie, token := formSession(t, s)
	other, otherToken := formSession(t, s)
	fields := func(tok string) map[string]string {
		return map[string]string{"csrf": tok, "text": "A short article about a harbour and its cranes."}
	}
	for _, tc := range []struct {
		name   string
		cookie *http.Cookie
		token  string
		hdr    []string
	}{
		{"no token", cookie, "", nil},
		{"no cookie", nil, token, nil},
		{"wrong token", cookie, "x" + token[1:], nil},
		{"another client's token", cookie, otherToken, nil},
		{"forged cookie", &http.Cookie{Name: csrfCookie, Value: strings.Repeat("A", 32)}, token, nil},
		{"cross-site fetch", cookie, token, []string{"Sec-Fetch-Site", "cross-site"}},
		{"foreign origin", cookie, token, []string{"Origin", "https://evil.example"}},
	} {
		w := postForm(t, s, tc.cookie, fields(tc.token), "", "", tc.hdr...)
		if w.Code != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", tc.name, w.Code)
		}
	}
	if n, _ := st.Stats(t.Context()); n.Articles != 0 {
		t.Fatalf("a refused form stored %d articles", n.Articles)
	}
	// The real thing, same-origin as a browser says it.
	w := postForm(t, s, cookie, fields(token), "", "", "Sec-Fetch-Site", "same-origin", "Origin", "http://example.com")
	if w.Code != http.StatusSeeOther {
		t.Errorf("good form: %d %s", w.Code, w.Body)
	}
	w = postForm(t, s, other, fields(otherToken), "", "")
	if w.Code != http.StatusSeeOther {
		t.Errorf("second client: %d", w.Code)
	}
	// The API refuses cross-origin browser requests too.
	w2 := do(t, s, "POST", "/api/v1/analyze", "text/plain", "Some article text.", "Sec-Fetch-Site", "cross-site")
	checkError(t, 403, CodeForbidden, w2, w2.Body.Bytes())
}

func TestToken(t *testing.T) {
	s, _ := newServer(t, Config{Analyzer: segmentOnly, Token: "s3cret-token"})
	text := "A short article about a harbour and its cranes."
	for _, auth := range []string{"", "Bearer", "Bearer wrong", "Basic czNjcmV0LXRva2Vu", "s3cret-token"} {
		w := do(t, s, "POST", "/api/v1/analyze", "text/plain", text, "Authorization", auth)
		checkError(t, 401, CodeUnauthorized, w, w.Body.Bytes())
		if w.Header().Get("WWW-Authenticate") == "" {
			t.Error("401 without WWW-Authenticate")
		}
	}
	if w := do(t, s, "POST", "/api/v1/analyze", "text/plain", text, "Authorization", "Bearer s3cret-token"); w.Code != 200 {
		t.Errorf("right token: %d %s", w.Code, w.Body)
	}
	// Reads stay open.
	if w := do(t, s, "GET", "/api/v1/articles", "", ""); w.Code != 200 {
		t.Errorf("read without token: %d", w.Code)
	}
	// The form asks for the token and checks it.
	cookie, csrf := formSession(t, s)
	home := do(t, s, "GET", "/", "", "")
	mustContain(t, home.Body.String(), `name="token"`)
	w := postForm(t, s, cookie, map[string]string{"csrf": csrf, "text": text, "token": "wrong"}, "", "")
	if w.Code != 401 || !strings.Contains(w.Body.String(), "API token") {
		t.Errorf("form, wrong token: %d", w.Code)
	}
	w = postForm(t, s, cookie, map[string]string{"csrf": csrf, "text": text, "token": "s3cret-token"}, "", "")
	if w.Code != http.StatusSeeOther {
		t.Errorf("form, right token: %d %s", w.Code, w.Body)
	}
}

func TestPanicsStayOnTheServer(t *testing.T) {
	boom := fakeAnalyzer(func(context.Context, *document.Document) error {
		var m map[string]int
		m["nil map"]++ // a real runtime panic, with a stack
		return nil
	})
	s, _ := newServer(t, Config{Analyzer: boom})
	w := do(t, s, "POST", "/api/v1/analyze", "text/plain", "Some article about ships.")
	checkError(t, 500, CodeInternal, w, w.Body.Bytes())
	cookie, token := formSession(t, s)
	rec := postForm(t, s, cookie, map[string]string{"csrf": token, "text": "Another article about ships."}, "", "")
	if rec.Code != 500 {
		t.Errorf("form: %d", rec.Code)
	}
	for _, body := range []string{w.Body.String(), rec.Body.String()} {
		for _, leak := range []string{"goroutine", "panic", "nil map", ".go:"} {
			if strings.Contains(body, leak) {
				t.Errorf("response leaks %q: %s", leak, body)
			}
		}
	}
	// The server still works.
	if w := do(t, s, "GET", "/api/v1/articles", "", ""); w.Code != 200 {
		t.Errorf("after the panic: %d", w.Code)
	}
}

func TestAnalysisErrorsAreNotLeaked(t *testing.T) {
	secret := fakeAnalyzer(func(context.Context, *document.Document) error {
		return errors.New("open /var/lib/secret/model.bin: permission denied")
	})
	s, _ := newServer(t, Config{Analyzer: secret})
	w := do(t, s, "POST", "/api/v1/analyze", "text/plain", "Some article about ships.")
	checkError(t, 500, CodeInternal, w, w.Body.Bytes())
	if strings.Contains(w.Body.String(), "secret") {
		t.Errorf("error leaks its cause: %s", w.Body)
	}
}

func TestHTTPServerTimeouts(t *testing.T) {
	s, _ := newServer(t, Config{Analyzer: segmentOnly})
	hs := s.HTTPServer("127.0.0.1:0")
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= s.cfg.AnalyzeTimeout || hs.IdleTimeout <= 0 || hs.MaxHeaderBytes <= 0 {
		t.Errorf("timeouts not all set: %+v", hs)
	}
}

func TestServeShutsDown(t *testing.T) {
	s, _ := newServer(t, Config{Analyzer: segmentOnly})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", err, res)
	}
	res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
}

// TestAnalyzeConcurrentIdentical sends one text from many clients at once:
// they share one analysis.
func TestAnalyzeConcurrentIdentical(t *testing.T) {
	var calls atomic.Int32
	slow := fakeAnalyzer(func(ctx context.Context, doc *document.Document) error {
		calls.Add(1)
		time.Sleep(50 * time.Millisecond)
		return segmentOnly(ctx, doc)
	})
	s, _ := newServer(t, Config{Analyzer: slow, Workers: 1})
	errc := make(chan error, 20)
	for range 20 {
		go func() {
			w := do(t, s, "POST", "/api/v1/analyze", "text/plain", "The same article, sent twenty times at once.")
			if w.Code != 200 {
				errc <- fmt.Errorf("status %d", w.Code)
				return
			}
			errc <- nil
		}()
	}
	for range 20 {
		if err := <-errc; err != nil {
			t.Error(err)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d analyses for one text", n)
	}
}
