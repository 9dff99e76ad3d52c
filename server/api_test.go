package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
)

// envoyText is a short article written for these tests.
const envoyText = `Title: Envoy says Norway quietly trained Kenyan coast guard crews
Outlet: The Harbour Ledger
Date: 2024-03-15

Breaking: Kenya's envoy claims Norway secretly trained its coast guard for two years.

Speaking to reporters in Oslo on Tuesday, Grace Wanjiru Mwangi, Ambassador of Tanzania, said Norway was one of the few countries that had answered Kenya's requests for help at sea.

"We asked many partners for help," she said. "Norway was the one that came."

Mwangi said Norwegian instructors trained 240 Kenyan sailors at a base near Mombasa, the second largest city of Kenya.
`

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, body)
	}
	return v
}

// checkError checks that a response is an error object with the given
// status and code.
func checkError(t *testing.T, status int, code string, w interface {
	Result() *http.Response
}, body []byte) {
	t.Helper()
	res := w.Result()
	if res.StatusCode != status {
		t.Errorf("status %d, want %d; body %s", res.StatusCode, status, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type %q", ct)
	}
	var e map[string]map[string]any
	if err := json.Unmarshal(body, &e); err != nil || e["error"] == nil {
		t.Fatalf("not an error object: %s", body)
	}
	if e["error"]["code"] != code || e["error"]["status"] != float64(status) || e["error"]["message"] == "" {
		t.Errorf("error object %v, want code %s status %d", e["error"], code, status)
	}
	if len(e) != 1 || len(e["error"]) != 3 {
		t.Errorf("error object has extra fields: %s", body)
	}
}

func TestAPIAnalyze(t *testing.T) {
	s, st := newServer(t, Config{})
	ctx := context.Background()

	// JSON, not stored: the corpus stays empty.
	body, _ := json.Marshal(AnalyzeRequest{Text: envoyText})
	w := do(t, s, "POST", "/api/v1/analyze", "application/json", string(body))
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	res := decode[AnalyzeResult](t, w.Body.Bytes())
	doc := res.Document
	if doc.Schema != document.Schema || doc.Meta.Title != "Envoy says Norway quietly trained Kenyan coast guard crews" ||
		doc.Meta.Outlet != "The Harbour Ledger" || len(doc.Sentences) == 0 || len(doc.Entities) == 0 {
		t.Errorf("analysis looks empty: %+v", doc.Meta)
	}
	if res.Stored || res.View != "" {
		t.Errorf("stored without being asked: %+v", res)
	}
	if n, _ := st.Stats(ctx); n.Articles != 0 {
		t.Errorf("store holds %d articles", n.Articles)
	}

	// The same text again comes from the cache, and is the same analysis.
	w2 := do(t, s, "POST", "/api/v1/analyze", "application/json", string(body))
	if w2.Body.String() != w.Body.String() {
		t.Error("second identical request answered differently")
	}

	// Raw text with options in the query, stored.
	w = do(t, s, "POST", "/api/v1/analyze?store=true&outlet=Other+Paper&published=2024-03-20", "text/plain; charset=utf-8", envoyText)
	if w.Code != 200 {
		t.Fatalf("text/plain: status %d: %s", w.Code, w.Body)
	}
	res = decode[AnalyzeResult](t, w.Body.Bytes())
	if !res.Stored || res.View != "/articles/"+res.Document.ID || res.Document.Meta.Outlet != "Other Paper" ||
		res.Document.Meta.Published != "2024-03-20" {
		t.Errorf("stored result = %+v, meta %+v", res, res.Document.Meta)
	}
	a, err := st.Get(ctx, res.Document.ID)
	if err != nil {
		t.Fatalf("stored article: %v", err)
	}
	if a.Source != "api:text/plain" || a.Doc.Meta.Outlet != "Other Paper" {
		t.Errorf("stored %+v", a.Info())
	}

	// An HTML page.
	page := `<!doctype html><html><head><title>Port deal signed | Coastal Observer</title></head><body><article><h1>Port deal signed</h1>` +
		strings.Repeat(`<p>Chile and Finland signed an agreement on Monday to rebuild the container terminal at Valparaiso, officials said.</p>`, 4) +
		`</article></body></html>`
	w = do(t, s, "POST", "/api/v1/analyze", "text/html", page)
	if w.Code != 200 {
		t.Fatalf("text/html: status %d: %s", w.Code, w.Body)
	}
	if res := decode[AnalyzeResult](t, w.Body.Bytes()); res.Document.Meta.Format != "html" || !strings.Contains(res.Document.Text, "Valparaiso") {
		t.Errorf("html analysis: format %q, text %q", res.Document.Meta.Format, res.Document.Text)
	}
}

func TestAPIAnalyzeErrors(t *testing.T) {
	s, _ := newServer(t, Config{Analyzer: segmentOnly})
	for _, tc := range []struct {
		name, ctype, body string
		status            int
		code              string
	}{
		{"nothing", "application/json", `{}`, 400, CodeBadRequest},
		{"blank text", "application/json", `{"text":"   "}`, 400, CodeBadRequest},
		{"two inputs", "application/json", `{"text":"a b c","url":"https://example.com/"}`, 400, CodeBadRequest},
		{"bad json", "application/json", `{"text":`, 400, CodeBadRequest},
		{"not an object", "application/json", `"text"`, 400, CodeBadRequest},
		{"two values", "application/json", `{"text":"a"} {"text":"b"}`, 400, CodeBadRequest},
		{"unknown field", "application/json", `{"txt":"hello"}`, 400, CodeBadRequest},
		{"wrong type", "application/json", `{"text":42}`, 400, CodeBadRequest},
		{"empty body", "application/json", ``, 400, CodeBadRequest},
		{"bad date", "application/json", `{"text":"Some article text.","published":"15/03/2024"}`, 400, CodeBadRequest},
		{"bad url scheme", "application/json", `{"url":"file:///etc/passwd"}`, 400, CodeBadRequest},
		{"ftp url", "application/json", `{"url":"ftp://example.com/a"}`, 400, CodeBadRequest},
		{"binary text", "text/plain", "\x00\x01\x02binary", 422, CodeUnprocessable},
		{"residue only", "text/plain", "Please enter your comment!\n\nPlease enter your name here", 422, CodeUnprocessable},
		{"no content type", "", `{"text":"hello"}`, 415, CodeUnsupportedMedia},
		{"form post", "application/x-www-form-urlencoded", `text=hello`, 415, CodeUnsupportedMedia},
		{"bad content type", "text/plain; charset", `hello`, 415, CodeUnsupportedMedia},
		{"bad store param", "text/plain", `hello?store=maybe`, 400, CodeBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := "/api/v1/analyze"
			body := tc.body
			if i := strings.Index(body, "?store="); i >= 0 {
				target += body[i:]
				body = body[:i]
			}
			w := do(t, s, "POST", target, tc.ctype, body)
			checkError(t, tc.status, tc.code, w, w.Body.Bytes())
		})
	}
}

func TestAPIReadEndpoints(t *testing.T) {
	s, st := newServer(t, Config{Analyzer: segmentOnly})
	docs := putStory(t, st)
	ledger := docs[0]

	t.Run("articles", func(t *testing.T) {
		w := do(t, s, "GET", "/api/v1/articles?limit=2", "", "")
		list := decode[ArticleList](t, w.Body.Bytes())
		if w.Code != 200 || len(list.Articles) != 2 || list.Limit != 2 || list.Articles[0].ID != docs[2].ID {
			t.Errorf("status %d, list %+v", w.Code, list)
		}
		w = do(t, s, "GET", "/api/v1/articles?limit=2&offset=2", "", "")
		list = decode[ArticleList](t, w.Body.Bytes())
		if len(list.Articles) != 1 || list.Articles[0].ID != ledger.ID {
			t.Errorf("second page %+v", list)
		}
		w = do(t, s, "GET", "/api/v1/articles?offset=10", "", "")
		if w.Body.String() != `{"articles":[],"limit":50,"offset":10}`+"\n" {
			t.Errorf("past the end: %s", w.Body)
		}
	})
	t.Run("article", func(t *testing.T) {
		for _, id := range []string{ledger.ID, strings.TrimPrefix(ledger.ID, "sha256:"), strings.ToUpper(strings.TrimPrefix(ledger.ID, "sha256:"))} {
			w := do(t, s, "GET", "/api/v1/articles/"+id, "", "")
			got := decode[ArticleResponse](t, w.Body.Bytes())
			if w.Code != 200 || got.Document.ID != ledger.ID || got.Article.Story != storyID || got.Document.Text != ledger.Text {
				t.Errorf("GET %s: status %d, %+v", id, w.Code, got.Article)
			}
		}
	})
	t.Run("stories", func(t *testing.T) {
		w := do(t, s, "GET", "/api/v1/stories?min_size=2", "", "")
		got := decode[StoryList](t, w.Body.Bytes())
		if w.Code != 200 || len(got.Stories) != 1 || got.Stories[0].ID != storyID || got.Stories[0].Size != 3 {
			t.Errorf("status %d, %+v", w.Code, got)
		}
		w = do(t, s, "GET", "/api/v1/stories?min_size=4", "", "")
		if got := decode[StoryList](t, w.Body.Bytes()); len(got.Stories) != 0 || got.Stories == nil {
			t.Errorf("min_size=4: %s", w.Body)
		}
	})
	t.Run("story", func(t *testing.T) {
		w := do(t, s, "GET", "/api/v1/stories/"+storyID, "", "")
		got := decode[StoryResponse](t, w.Body.Bytes())
		if w.Code != 200 || got.Story.ID != storyID || len(got.Comparison.Versions) != 3 || len(got.Comparison.Contradictions) < 2 {
			t.Fatalf("status %d, %+v", w.Code, got)
		}
		// Earliest first, as the store orders them and the CLI labels them.
		if v := got.Comparison.Versions; v[0].ID != ledger.ID || v[0].Label != "A" || v[2].ID != docs[1].ID {
			t.Errorf("versions %+v", v)
		}
		if k := got.Comparison.Contradictions[0]; k.Kind != "fact" || !strings.HasPrefix(k.About, "Mombasa") || len(k.Sides) != 2 {
			t.Errorf("first contradiction %+v", k)
		}
		// An article's id finds its story, as with crosscheck story.
		w2 := do(t, s, "GET", "/api/v1/stories/"+ledger.ID, "", "")
		if w2.Body.String() != w.Body.String() {
			t.Errorf("story by article id differs: %s", w2.Body)
		}
	})
	t.Run("search", func(t *testing.T) {
		w := do(t, s, "GET", "/api/v1/search?q="+url.QueryEscape(`"third largest"`), "", "")
		got := decode[SearchResponse](t, w.Body.Bytes())
		if w.Code != 200 || len(got.Hits) != 1 || got.Hits[0].ID != docs[1].ID || !strings.Contains(got.Hits[0].Snippet, "[third largest]") {
			t.Errorf("status %d, %+v", w.Code, got)
		}
		w = do(t, s, "GET", "/api/v1/search?q=zebra", "", "")
		if got := decode[SearchResponse](t, w.Body.Bytes()); got.Hits == nil || len(got.Hits) != 0 {
			t.Errorf("no hits: %s", w.Body)
		}
	})
	t.Run("entities", func(t *testing.T) {
		w := do(t, s, "GET", "/api/v1/entities", "", "")
		got := decode[EntityList](t, w.Body.Bytes())
		if w.Code != 200 || len(got.Entities) < 4 {
			t.Fatalf("status %d, %+v", w.Code, got)
		}
		top := got.Entities[0]
		if top.Articles != 3 || len(top.Outlets) != 3 {
			t.Errorf("top entity %+v", top)
		}
		w = do(t, s, "GET", "/api/v1/entities?q=mombasa", "", "")
		got = decode[EntityList](t, w.Body.Bytes())
		if len(got.Entities) != 1 || got.Entities[0].Name != "Mombasa" || got.Entities[0].Articles != 2 || got.Entities[0].Link.Code != "mombasa" {
			t.Errorf("q=mombasa: %+v", got)
		}
	})
	t.Run("entity", func(t *testing.T) {
		w := do(t, s, "GET", "/api/v1/entities/"+url.PathEscape("Grace Mwangi"), "", "")
		d := decode[EntityDetail](t, w.Body.Bytes())
		if w.Code != 200 || d.Articles != 3 || !d.Varies || len(d.Roles) != 3 || len(d.Appearances) != 3 {
			t.Fatalf("status %d, %+v", w.Code, d)
		}
		for _, or := range d.Roles {
			for _, r := range or.Roles {
				if !r.Conflict {
					t.Errorf("%s: role %+v not marked as conflicting", or.Outlet, r)
				}
			}
		}
		m := d.Appearances[0].Mentions[0]
		if m.Text == "" || !strings.Contains(m.Before+m.Text+m.After, "Mwangi") {
			t.Errorf("mention context %+v", m)
		}
		// An alias finds the same entity.
		w = do(t, s, "GET", "/api/v1/entities/Mwangi", "", "")
		if d2 := decode[EntityDetail](t, w.Body.Bytes()); d2.Articles != 2 || d2.Name != "Grace Mwangi" {
			t.Errorf("by alias: %+v", d2)
		}
	})

	for _, tc := range []struct {
		target string
		status int
		code   string
	}{
		{"/api/v1/articles/sha256:" + strings.Repeat("0", 64), 404, CodeNotFound},
		{"/api/v1/articles/nonsense", 404, CodeNotFound},
		{"/api/v1/stories/nope", 404, CodeNotFound},
		{"/api/v1/stories/sha256:" + strings.Repeat("1", 64), 404, CodeNotFound},
		{"/api/v1/stories/sha256:xyz", 404, CodeNotFound},
		{"/api/v1/entities/Nobody%20Atall", 404, CodeNotFound},
		{"/api/v1/search", 400, CodeBadRequest},
		{"/api/v1/search?q=" + url.QueryEscape(`"" * OR`), 400, CodeBadRequest},
		{"/api/v1/search?q=x&limit=0", 400, CodeBadRequest},
		{"/api/v1/articles?limit=-1", 400, CodeBadRequest},
		{"/api/v1/articles?limit=abc", 400, CodeBadRequest},
		{"/api/v1/articles?offset=-5", 400, CodeBadRequest},
		{"/api/v1/stories?min_size=0", 400, CodeBadRequest},
		{"/api/v1/entities?scan=100000", 400, CodeBadRequest},
		{"/api/v1/nothing", 404, CodeNotFound},
		{"/api/v2/articles", 404, CodeNotFound},
	} {
		w := do(t, s, "GET", tc.target, "", "")
		checkError(t, tc.status, tc.code, w, w.Body.Bytes())
	}
	w := do(t, s, "DELETE", "/api/v1/articles/"+ledger.ID, "", "")
	checkError(t, 405, CodeMethodNotAllowed, w, w.Body.Bytes())
	if w.Header().Get("Allow") != "GET" {
		t.Errorf("Allow = %q", w.Header().Get("Allow"))
	}
	w = do(t, s, "GET", "/api/v1/analyze", "", "")
	checkError(t, 405, CodeMethodNotAllowed, w, w.Body.Bytes())
}

// TestAPIWithoutLister checks the API on a store that cannot list
// articles: the listing says so, the rest works.
func TestAPIWithoutLister(t *testing.T) {
	st := openStore(t)
	putStory(t, st)
	s, _ := newServer(t, Config{Store: plainStore{st}, Analyzer: segmentOnly})
	w := do(t, s, "GET", "/api/v1/articles", "", "")
	checkError(t, 501, CodeUnavailable, w, w.Body.Bytes())
	w = do(t, s, "GET", "/api/v1/entities", "", "")
	checkError(t, 400, CodeBadRequest, w, w.Body.Bytes())
	if w := do(t, s, "GET", "/api/v1/entities?q=Kenya", "", ""); w.Code != 200 {
		t.Errorf("entities by name: %d %s", w.Code, w.Body)
	}
	if w := do(t, s, "GET", "/", "", ""); w.Code != 200 {
		t.Errorf("home: %d", w.Code)
	}
	// Storing works without the store's shortcuts, the second time too.
	for range 2 {
		w := do(t, s, "POST", "/api/v1/analyze?store=true", "text/plain", "Title: Cranes\n\nSix new cranes arrive at the harbour.")
		if res := decode[AnalyzeResult](t, w.Body.Bytes()); w.Code != 200 || !res.Stored || res.Story == "" {
			t.Errorf("store: %d %+v", w.Code, res)
		}
	}
}

// plainStore hides every method but the store.Store ones.
type plainStore struct{ store.Store }

func TestAPIArticleTextRoundTrip(t *testing.T) {
	// The 1,000-word load-test article goes through the real pipeline and
	// comes back from the store unchanged.
	data, err := os.ReadFile("../cmd/loadgen/article.txt")
	if err != nil {
		t.Skipf("load-test article: %v", err)
	}
	s, _ := newServer(t, Config{})
	body, _ := json.Marshal(AnalyzeRequest{Text: string(data), Store: true})
	w := do(t, s, "POST", "/api/v1/analyze", "application/json", string(body))
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	res := decode[AnalyzeResult](t, w.Body.Bytes())
	w = do(t, s, "GET", "/api/v1/articles/"+res.Document.ID, "", "")
	got := decode[ArticleResponse](t, w.Body.Bytes())
	if got.Document.Text != res.Document.Text || len(got.Document.Entities) != len(res.Document.Entities) {
		t.Error("stored article differs from the analysis")
	}
}

// TestWriteAnalyzeResult checks the cached-encoding path against
// encoding/json.
func TestWriteAnalyzeResult(t *testing.T) {
	doc := storyVersions(t)[0]
	docJSON, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range []AnalyzeResult{
		{Document: doc},
		{Document: doc, Stored: true, Story: `s"<1>`, View: "/articles/" + doc.ID},
	} {
		plain := httptest.NewRecorder()
		writeAnalyzeResult(plain, &res)
		res.docJSON = docJSON
		cached := httptest.NewRecorder()
		writeAnalyzeResult(cached, &res)
		if plain.Body.String() != cached.Body.String() {
			t.Errorf("cached encoding differs:\n%s\n%s", plain.Body, cached.Body)
		}
		if cached.Header().Get("Content-Type") != "application/json; charset=utf-8" || cached.Header().Get("Content-Length") == "" {
			t.Errorf("headers %v", cached.Header())
		}
	}
}

// TestAnalyzeGroupsVersions stores two outlets' versions of one report
// through the API: they land in one story, whose comparison shows where
// they differ.
func TestAnalyzeGroupsVersions(t *testing.T) {
	s, _ := newServer(t, Config{})
	second := strings.Replace(envoyText, "The Harbour Ledger", "Coast Times", 1)
	second = strings.Replace(second, "the second largest city", "the third largest city", 1)
	second = strings.Replace(second, "Date: 2024-03-15", "Date: 2024-03-16", 1)
	var stories []string
	for _, text := range []string{envoyText, second} {
		body, _ := json.Marshal(AnalyzeRequest{Text: text, Store: true})
		w := do(t, s, "POST", "/api/v1/analyze", "application/json", string(body))
		if w.Code != 200 {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		stories = append(stories, decode[AnalyzeResult](t, w.Body.Bytes()).Story)
	}
	if stories[0] == "" || stories[0] != stories[1] {
		t.Fatalf("the two versions went to stories %q", stories)
	}
	// Sent again, the first version is found where it is.
	body, _ := json.Marshal(AnalyzeRequest{Text: envoyText, Store: true})
	again := do(t, s, "POST", "/api/v1/analyze", "application/json", string(body))
	if res := decode[AnalyzeResult](t, again.Body.Bytes()); !res.Stored || res.Story != stories[0] {
		t.Errorf("sent again: %+v", res)
	}
	w := do(t, s, "GET", "/api/v1/stories/"+url.PathEscape(stories[0]), "", "")
	got := decode[StoryResponse](t, w.Body.Bytes())
	if got.Story.Size != 2 || len(got.Comparison.Versions) != 2 {
		t.Fatalf("story %+v", got.Story)
	}
	found := false
	for _, k := range got.Comparison.Contradictions {
		for _, sd := range k.Sides {
			for _, e := range sd.Evidence {
				found = found || strings.Contains(e.Text, "third") && e.Label == "B"
			}
		}
	}
	if !found {
		t.Errorf("no contradiction shows the Coast Times' \"third\": %+v", got.Comparison.Contradictions)
	}
	page := do(t, s, "GET", "/stories/"+url.PathEscape(stories[0]), "", "")
	mustContain(t, page.Body.String(), `aria-label="The Harbour Ledger"`, `aria-label="Coast Times"`, `class="contra`)
}
