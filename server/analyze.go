package server

import (
	"cmp"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/source"
	"github.com/crosscheck/crosscheck/store"
)

// Input kinds an analysis request may carry.
const (
	KindText = "text"
	KindHTML = "html"
	KindURL  = "url"
)

// AnalyzeRequest is one article to analyse, from the API or the form.
type AnalyzeRequest struct {
	// Exactly one of Text, HTML and URL is set.
	Text string `json:"text,omitempty"`
	HTML string `json:"html,omitempty"`
	URL  string `json:"url,omitempty"`
	// Outlet and Published override what the input says.
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	// Store adds the analysed article to the corpus.
	Store bool `json:"store,omitempty"`

	// body is an article sent as it is (a raw request body, an uploaded
	// file) with its declared media type, decoded like a fetched page.
	body     []byte
	bodyType string
	// name names an uploaded file, for Meta.Source.
	name string
	// via says where the request came from ("web" or "api"), for the
	// stored article's source.
	via string
}

// KindBody is the input kind of an article sent as bytes.
const KindBody = "body"

// kind says which input the request carries, or fails when it carries
// none or several.
func (r *AnalyzeRequest) kind() (string, error) {
	var kinds []string
	if strings.TrimSpace(r.Text) != "" {
		kinds = append(kinds, KindText)
	}
	if strings.TrimSpace(r.HTML) != "" {
		kinds = append(kinds, KindHTML)
	}
	if strings.TrimSpace(r.URL) != "" {
		kinds = append(kinds, KindURL)
	}
	if r.body != nil {
		kinds = append(kinds, KindBody)
	}
	switch len(kinds) {
	case 0:
		if r.body != nil {
			return "", errorf(http.StatusUnprocessableEntity, CodeUnprocessable, "%v", source.ErrEmpty)
		}
		return "", errorf(http.StatusBadRequest, CodeBadRequest, "nothing to analyse: give text, html or url")
	case 1:
		return kinds[0], nil
	}
	return "", errorf(http.StatusBadRequest, CodeBadRequest, "give only one of text, html and url, not %s", strings.Join(kinds, " and "))
}

// validate checks the metadata overrides.
func (r *AnalyzeRequest) validate() error {
	if r.Published != "" {
		if _, err := time.Parse(time.DateOnly, r.Published); err != nil {
			return errorf(http.StatusBadRequest, CodeBadRequest, "published %q: want YYYY-MM-DD", r.Published)
		}
	}
	if len(r.Outlet) > 200 {
		return errorf(http.StatusBadRequest, CodeBadRequest, "outlet longer than 200 bytes")
	}
	if len(r.URL) > 4096 {
		return errorf(http.StatusBadRequest, CodeBadRequest, "url longer than 4096 bytes")
	}
	if r.URL != "" && !source.IsURL(strings.TrimSpace(r.URL)) {
		return errorf(http.StatusBadRequest, CodeBadRequest, "url must start with http:// or https://")
	}
	return nil
}

// AnalyzeResult is what an analysis returns.
type AnalyzeResult struct {
	Document *document.Document `json:"document"`
	// Stored says the article is in the corpus (it may have been there
	// already); Story is the story it was grouped into, "" when none.
	Stored bool   `json:"stored"`
	Story  string `json:"story"`
	// View is the path of the article's page in the web UI, when stored.
	View string `json:"view,omitempty"`

	// docJSON is Document encoded, when the cache holds it: a repeated
	// request costs a copy rather than an encoding.
	docJSON []byte
}

// analysis is one finished analysis as the cache keeps it.
type analysis struct {
	doc  *document.Document
	json []byte
}

// writeAnalyzeResult writes res as JSON, reusing the cached encoding of
// its document when there is one. The result is what encoding/json writes
// for AnalyzeResult (a test holds them equal).
func writeAnalyzeResult(w http.ResponseWriter, res *AnalyzeResult) {
	if res.docJSON == nil {
		writeJSON(w, http.StatusOK, res)
		return
	}
	rest, err := json.Marshal(struct {
		Stored bool   `json:"stored"`
		Story  string `json:"story"`
		View   string `json:"view,omitempty"`
	}{res.Stored, res.Story, res.View})
	if err != nil {
		writeJSON(w, http.StatusOK, res)
		return
	}
	// Three writes rather than one joined copy: the cached document is
	// large, and the connection's buffer takes it as it is.
	head := []byte(`{"document":`)
	rest[0] = ','
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(head)+len(res.docJSON)+len(rest)+1))
	w.WriteHeader(http.StatusOK)
	w.Write(head)
	w.Write(res.docJSON)
	w.Write(append(rest, '\n'))
}

// analyze reads, extracts and analyses one input, and stores it when asked.
// Identical inputs (same bytes, same overrides) share one analysis: a
// finished one from the cache, or one in flight.
func (s *Server) analyze(ctx context.Context, req *AnalyzeRequest) (*AnalyzeResult, error) {
	kind, err := req.kind()
	if err != nil {
		return nil, err
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	var an *analysis
	if kind == KindURL {
		// A page may change between two requests: never cached.
		var doc *document.Document
		doc, err = s.analyzeInput(ctx, req, kind)
		an = &analysis{doc: doc}
	} else {
		key := req.cacheKey(kind)
		var ok bool
		if an, ok = s.cache.get(key); !ok {
			var v any
			v, err, _ = s.flight.Do(key, func() (any, error) {
				// The analysis is shared: it must not stop because the
				// first caller went away.
				d, err := s.analyzeInput(context.WithoutCancel(ctx), req, kind)
				if err != nil {
					return nil, err
				}
				a := &analysis{doc: d}
				if a.json, err = json.Marshal(d); err != nil {
					return nil, fmt.Errorf("encode analysis: %w", err)
				}
				s.cache.put(key, a)
				return a, nil
			})
			if err == nil {
				an = v.(*analysis)
			}
		}
	}
	if err != nil {
		return nil, err
	}
	doc := an.doc
	res := &AnalyzeResult{Document: doc, docJSON: an.json}
	if req.Store {
		story, err := s.keep(ctx, doc, sourceName(req, kind))
		if err != nil {
			return nil, fmt.Errorf("store article: %w", err)
		}
		res.Stored, res.Story, res.View = true, story, articlePath(doc.ID)
	}
	return res, nil
}

// keep adds doc to the corpus and returns its story. An article already
// stored is looked up without going through the corpus, whose grouping
// runs one article at a time: a popular article submitted again and again
// must not queue behind that.
func (s *Server) keep(ctx context.Context, doc *document.Document, source string) (string, error) {
	var (
		story string
		err   error
	)
	if l, ok := s.store.(storyLookup); ok {
		story, err = l.StoryOf(ctx, doc.ID)
	} else {
		var a *store.Article
		if a, err = s.store.Get(ctx, doc.ID); err == nil {
			story = a.Story
		}
	}
	switch {
	case err == nil:
		return story, nil
	case !errors.Is(err, store.ErrNotFound):
		return "", err
	}
	return s.corpus.Add(ctx, doc, source)
}

// storyLookup is implemented by stores that tell an article's story
// without decoding the article (store/sqlite does).
type storyLookup interface {
	StoryOf(ctx context.Context, id string) (string, error)
}

func sourceName(req *AnalyzeRequest, kind string) string {
	switch {
	case kind == KindURL:
		return strings.TrimSpace(req.URL)
	case req.name != "":
		return "upload:" + req.name
	case kind == KindBody:
		mt, _, _ := mime.ParseMediaType(req.bodyType)
		kind = cmp.Or(mt, KindBody)
	}
	return cmp.Or(req.via, "api") + ":" + kind
}

// cacheKey identifies an input and its overrides.
func (r *AnalyzeRequest) cacheKey(kind string) string {
	h := sha256.New()
	for _, s := range []string{kind, r.Text, r.HTML, string(r.body), r.bodyType, r.Outlet, r.Published} {
		fmt.Fprintf(h, "%d:%s;", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// analyzeInput runs one analysis, holding a worker slot while it computes.
func (s *Server) analyzeInput(ctx context.Context, req *AnalyzeRequest, kind string) (*document.Document, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.AnalyzeTimeout)
	defer cancel()

	var (
		in  *source.Input
		err error
	)
	// Text that came as a JSON string is already Unicode: declaring
	// UTF-8 keeps a stale <meta charset> from re-decoding it. Bytes are
	// decoded like a fetched page.
	switch kind {
	case KindURL:
		in, err = s.fetcher.Fetch(ctx, strings.TrimSpace(req.URL))
		if err != nil {
			return nil, fetchError(err)
		}
	case KindHTML:
		in, err = source.Decode(req.name, []byte(req.HTML), "text/html; charset=utf-8")
	case KindBody:
		in, err = source.Decode(req.name, req.body, req.bodyType)
	default:
		in, err = source.Decode(req.name, []byte(req.Text), "text/plain; charset=utf-8")
	}
	if err != nil {
		return nil, err
	}

	select {
	case s.workers <- struct{}{}:
	case <-ctx.Done():
		return nil, errorf(http.StatusServiceUnavailable, CodeUnavailable, "the server is busy; try again shortly")
	}
	defer func() { <-s.workers }()

	doc, err := extract.Extract(in)
	if err != nil {
		return nil, err
	}
	if req.Published != "" {
		doc.Meta.Published = req.Published
		doc.Meta.PublishedFrom = "flag"
		doc.Meta.PublishedConfidence = 1
	}
	if req.Outlet != "" {
		doc.Meta.Outlet = req.Outlet
	}
	if err := s.cfg.Analyzer.Analyze(ctx, doc); err != nil {
		return nil, fmt.Errorf("analyse: %w", err)
	}
	return doc, nil
}

// fetchError gives a fetch failure that source does not classify (a DNS
// failure, a refused connection) the status of a failed upstream, rather
// than a 500.
func fetchError(err error) error {
	if e := asError(err); e.Code != CodeInternal {
		return e
	}
	return &Error{Status: http.StatusBadGateway, Code: CodeFetchFailed, Message: "could not fetch the URL: " + err.Error(), cause: err}
}

// docCache keeps the most recently analysed documents. It is written by
// hand because a map and a list under a mutex is all it takes.
type docCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recent; values are *cacheEntry
	byKey map[string]*list.Element
}

type cacheEntry struct {
	key string
	an  *analysis
}

func newDocCache(max int) *docCache {
	return &docCache{max: max, order: list.New(), byKey: make(map[string]*list.Element)}
}

func (c *docCache) get(key string) (*analysis, bool) {
	if c.max <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).an, true
}

func (c *docCache) put(key string, an *analysis) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		c.order.MoveToFront(el)
		el.Value.(*cacheEntry).an = an
		return
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key: key, an: an})
	for c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.byKey, old.Value.(*cacheEntry).key)
	}
}
