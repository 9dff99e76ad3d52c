package server

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzAnalyzeAPI sends arbitrary bodies and content types to the analyse
// endpoint: every answer is a result or a well-formed error object, never
// a 500.
func FuzzAnalyzeAPI(f *testing.F) {
	for _, seed := range []struct{ ctype, body string }{
		{"application/json", `{"text":"Officials said the port would reopen."}`},
		{"application/json", `{"html":"<p>Cranes arrive.</p>","outlet":"X","published":"2024-01-02"}`},
		{"application/json", `{"url":"http://[::1]:1/"}`},
		{"application/json", `{"text":"a","store":true}`},
		{"application/json", `[1,2,3]`},
		{"text/plain; charset=iso-8859-1", "Caf\xe9 owners said prices rose."},
		{"text/html", `<html><head><meta charset="windows-1252"></head><body><p>Hello</p></body></html>`},
		{"text/plain", "\xff\xfeH\x00i\x00"},
		{"multipart/form-data; boundary=x", "--x--"},
	} {
		f.Add(seed.ctype, []byte(seed.body))
	}
	s, _ := newServer(f, Config{Analyzer: segmentOnly, MaxBody: 64 << 10, FetchTimeout: 1})
	f.Fuzz(func(t *testing.T, ctype string, body []byte) {
		r := httptest.NewRequest("POST", "/api/v1/analyze", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", ctype)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code >= 500 && w.Code != 502 && w.Code != 503 && w.Code != 504 {
			t.Fatalf("status %d for %q %q: %s", w.Code, ctype, body, w.Body)
		}
		var v map[string]json.RawMessage
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
			t.Fatalf("answer is not JSON: %s", w.Body)
		}
		if w.Code == 200 {
			if v["document"] == nil {
				t.Fatalf("200 without a document: %s", w.Body)
			}
			return
		}
		var e errorBody
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == nil || e.Error.Code == "" || e.Error.Status != w.Code {
			t.Fatalf("status %d with a malformed error: %s", w.Code, w.Body)
		}
	})
}

// FuzzSnippetParts checks that a snippet's parts put back together give
// the snippet less its match brackets.
func FuzzSnippetParts(f *testing.F) {
	for _, s := range []string{"", "a [b] c", "[[x]]", "]x[", "…[Mosul], the [second]…"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		for _, p := range snippetParts(s) {
			if p.Match {
				b.WriteString("[" + p.Text + "]")
			} else {
				b.WriteString(p.Text)
			}
		}
		if b.String() != s {
			t.Fatalf("snippetParts(%q) rebuilt as %q", s, b.String())
		}
	})
}
