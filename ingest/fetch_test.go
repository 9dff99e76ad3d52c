package ingest

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a test web site: news pages, feeds, and hostile corners.
type site struct {
	*httptest.Server
	mu    sync.Mutex
	hits  map[string]int
	times map[string][]time.Time
	agent string
	flaky int
}

func (s *site) hit(r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[r.URL.Path]++
	s.times[r.URL.Path] = append(s.times[r.URL.Path], time.Now())
	s.agent = r.UserAgent()
}

func (s *site) count(p string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[p]
}

func newSite(t *testing.T) *site {
	s := &site{hits: map[string]int{}, times: map[string][]time.Time{}}
	pages := map[string]article{
		"/a/1": readArticle(t, "port-a.txt"),
		"/a/2": readArticle(t, "port-b.txt"),
		"/a/3": readArticle(t, "port-c.txt"),
	}
	private := readArticle(t, "decoy-port-volumes.txt")
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		a, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, a.html())
	})
	mux.HandleFunc("/private/", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		fmt.Fprint(w, private.html())
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte("<p>" + strings.Repeat("lorem ipsum ", 8000) + "</p>")
		for range 400 { // about 40 MB unless the client hangs up
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		http.Redirect(w, r, "/loop2", http.StatusFound)
	})
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		s.mu.Lock()
		s.flaky++
		n := s.flaky
		s.mu.Unlock()
		if n <= 2 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, pages["/a/3"].html())
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, s.rss(pages, private))
	})
	mux.HandleFunc("/bad.xml", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><link>`)
	})
	mux.HandleFunc("/list.opml", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		fmt.Fprintf(w, `<?xml version="1.0"?><opml version="2.0"><head><title>Feeds</title></head><body>
<outline text="News"><outline type="rss" text="Port" xmlUrl="%[1]s/feed.xml"/></outline>
<outline type="rss" text="Broken" xmlUrl="%[1]s/bad.xml"/></body></opml>`, s.URL)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *site) rss(pages map[string]article, private article) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Port News</title><link>` + s.URL + `</link>`)
	item := func(path, title, date, desc string) {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link><pubDate>%s</pubDate><description>%s</description></item>\n",
			html.EscapeString(title), s.URL, path, date, html.EscapeString(desc))
	}
	for _, p := range []string{"/a/1", "/a/2"} {
		a := pages[p]
		item(p, a.title, "Tue, 05 Oct 2021 09:00:00 GMT", a.paras[0])
	}
	// Disallowed by robots.txt: ingested from the feed's own content.
	var full strings.Builder
	for _, p := range private.paras {
		full.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	item("/private/volumes", private.title, "Thu, 07 Oct 2021 09:00:00 GMT", full.String())
	item("/flaky", pages["/a/3"].title, "Wed, 06 Oct 2021 09:00:00 GMT", "")
	item("/slow", "Slow page", "Wed, 06 Oct 2021 09:00:00 GMT", "")
	item("/huge", "Huge page", "Wed, 06 Oct 2021 09:00:00 GMT", "")
	item("/loop", "Redirect loop", "Wed, 06 Oct 2021 09:00:00 GMT", "")
	item("/a/404", "Gone", "Wed, 06 Oct 2021 09:00:00 GMT", "")
	b.WriteString("</channel></rss>")
	return b.String()
}

// fastFetch keeps the politeness machinery but with test-sized waits.
var fastFetch = FetchOptions{Delay: time.Millisecond, Backoff: 5 * time.Millisecond, Timeout: 400 * time.Millisecond, MaxBytes: 1 << 20}

func TestIngestFeed(t *testing.T) {
	s := newSite(t)
	st := openStore(t)
	start := time.Now()
	stats, rec := ingest(t, st, Options{Fetch: fastFetch, Jobs: 4}, s.URL+"/feed.xml")
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("ingesting a hostile feed took %s", d)
	}
	if stats.Added != 4 || stats.Failed != 4 {
		t.Fatalf("feed ingest: %+v\nfailures %q\nwant 4 added (a/1, a/2, private from the feed, flaky after retries), 4 failed",
			stats, rec.failures())
	}
	wantFail := map[string]string{"/slow": "timed out", "/huge": "too large", "/loop": "redirect", "/a/404": "404"}
	for _, e := range rec.events {
		if e.Kind != Failed {
			continue
		}
		p := strings.TrimPrefix(e.Item, s.URL)
		if w, ok := wantFail[p]; !ok || !strings.Contains(e.Err.Error(), w) {
			t.Errorf("failure %s: %v; want one mentioning %q", p, e.Err, w)
		}
	}
	if n := s.count("/private/volumes"); n != 0 {
		t.Errorf("a page robots.txt disallows was fetched %d times", n)
	}
	if n := s.count("/flaky"); n != 3 {
		t.Errorf("/flaky fetched %d times; want 3 (two 503s, then success)", n)
	}
	if n := s.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times; want once", n)
	}
	if !strings.HasPrefix(s.agent, "crosscheck/") {
		t.Errorf("User-Agent = %q", s.agent)
	}
	// Feed metadata reaches the stored documents.
	for _, e := range rec.events {
		if e.Kind != Added {
			continue
		}
		a, err := st.Get(context.Background(), e.Article)
		if err != nil {
			t.Fatal(err)
		}
		if a.Doc.Meta.Published == "" || a.Doc.Meta.Title == "" {
			t.Errorf("%s: stored without date or title: %+v", e.Item, a.Doc.Meta)
		}
	}

	// A second run: the feed has not changed (ETag), nothing is fetched.
	before := s.count("/a/1")
	stats, _ = ingest(t, st, Options{Fetch: fastFetch}, s.URL+"/feed.xml")
	if stats.NotModified != 1 || stats.Added != 0 || stats.Total() != 1 {
		t.Errorf("second feed ingest: %+v; want one not-modified feed", stats)
	}
	// The pages themselves are already stored; given directly, they are
	// fetched (no validators were sent by this server) and found stored.
	stats, _ = ingest(t, st, Options{Fetch: fastFetch}, s.URL+"/a/1", s.URL+"/a/2")
	if stats.Known+stats.Duplicate != 2 || stats.Added != 0 {
		t.Errorf("re-ingesting pages: %+v; want both known", stats)
	}
	for _, p := range []string{"/a/1", "/a/2"} {
		fs, err := st.FetchState(context.Background(), s.URL+p)
		if err != nil || fs.Article == "" || fs.Status != 200 {
			t.Errorf("fetch state of %s = %+v, %v; want the article remembered", p, fs, err)
		}
	}
	if s.count("/a/1") > before+1 {
		t.Errorf("/a/1 fetched %d more times", s.count("/a/1")-before)
	}
}

func TestIngestOPML(t *testing.T) {
	s := newSite(t)
	st := openStore(t)
	stats, rec := ingest(t, st, Options{Fetch: fastFetch, Jobs: 4}, s.URL+"/list.opml")
	if stats.Added != 4 {
		t.Errorf("OPML ingest: %+v %q; want the feed's 4 articles", stats, rec.failures())
	}
	found := false
	for _, f := range rec.failures() {
		if strings.Contains(f, "/bad.xml") && strings.Contains(f, "parse feed") {
			found = true
		}
	}
	if !found {
		t.Errorf("malformed feed not reported: %q", rec.failures())
	}
	// A local OPML file too.
	p := filepath.Join(t.TempDir(), "feeds.opml")
	os.WriteFile(p, []byte(`<opml version="2.0"><body><outline xmlUrl="`+s.URL+`/feed.xml"/></body></opml>`), 0o644)
	stats, _ = ingest(t, st, Options{Fetch: fastFetch}, p)
	if stats.NotModified != 1 {
		t.Errorf("OPML file ingest: %+v; want the feed not modified", stats)
	}
}

func TestFetchRateLimit(t *testing.T) {
	s := newSite(t)
	f := NewFetcher(FetchOptions{Delay: 120 * time.Millisecond, PerHost: 2, IgnoreRobots: true}, nil)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Get(context.Background(), s.URL+"/a/1", false); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	ts := s.times["/a/1"]
	if len(ts) != 4 {
		t.Fatalf("%d requests", len(ts))
	}
	for i := 1; i < len(ts); i++ {
		if gap := ts[i].Sub(ts[i-1]); gap < 100*time.Millisecond {
			t.Errorf("requests %d and %d to one host %s apart; want >= 120ms", i-1, i, gap)
		}
	}
}

func TestFetchCrawlDelayAndCancel(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: crosscheck\nCrawl-delay: 5\nDisallow:\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<p>hello</p>") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := NewFetcher(FetchOptions{Delay: time.Millisecond}, nil)
	if _, err := f.Get(context.Background(), srv.URL+"/x", false); err != nil {
		t.Fatal(err)
	}
	// The next request must wait out the 5s crawl delay; cancelling ends
	// the wait at once.
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := f.Get(ctx, srv.URL+"/y", false)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Get during crawl delay = %v; want the context's deadline", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("cancelled wait took %s", d)
	}
}

func TestFetchConditional(t *testing.T) {
	s := newSite(t)
	st := openStore(t)
	f := NewFetcher(FetchOptions{Delay: time.Millisecond, IgnoreRobots: true}, st)
	ctx := context.Background()
	r, err := f.Get(ctx, s.URL+"/feed.xml", true)
	if err != nil || r.NotModified || r.State.ETag != `"v1"` {
		t.Fatalf("first Get = %+v, %v", r, err)
	}
	if err := f.Remember(ctx, r, ""); err != nil {
		t.Fatal(err)
	}
	r, err = f.Get(ctx, s.URL+"/feed.xml", true)
	if err != nil || !r.NotModified {
		t.Errorf("conditional Get = %+v, %v; want not modified", r, err)
	}
	r, err = f.Get(ctx, s.URL+"/feed.xml", false)
	if err != nil || r.NotModified || len(r.Body) == 0 {
		t.Errorf("unconditional Get = %+v, %v; want the body", r, err)
	}
}

func TestFetchBadURLs(t *testing.T) {
	f := NewFetcher(FetchOptions{}, nil)
	for _, u := range []string{"ftp://x/y", "http://", "not a url", "file:///etc/passwd"} {
		if _, err := f.Get(context.Background(), u, false); err == nil {
			t.Errorf("Get(%q) succeeded", u)
		}
	}
}
