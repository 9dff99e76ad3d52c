package server

import (
	_ "embed"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/story"
)

//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, err := w.Write(openAPIDoc)
	return err
}

// Listing limits.
const (
	defaultPage = 50
	maxPage     = 500
)

// intParam reads an integer query parameter in [lo, hi], def when absent.
func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, errorf(http.StatusBadRequest, CodeBadRequest, "%s=%q: want a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

func boolParam(r *http.Request, name string) (bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, errorf(http.StatusBadRequest, CodeBadRequest, "%s=%q: want true or false", name, v)
	}
	return b, nil
}

// articleID accepts an article id with or without its "sha256:" prefix.
func articleID(s string) (string, error) {
	hexPart := strings.TrimPrefix(s, "sha256:")
	if len(hexPart) != 64 || strings.Trim(strings.ToLower(hexPart), "0123456789abcdef") != "" {
		return "", errorf(http.StatusNotFound, CodeNotFound, "no article %q: ids are sha256: and 64 hex digits", s)
	}
	return "sha256:" + strings.ToLower(hexPart), nil
}

func articlePath(id string) string { return "/articles/" + id }

// apiAnalyze analyses one article: a JSON AnalyzeRequest, or the article
// itself as a text/plain or text/html body with the options in the query.
func (s *Server) apiAnalyze(w http.ResponseWriter, r *http.Request) error {
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil && r.Header.Get("Content-Type") != "" {
		return errorf(http.StatusUnsupportedMediaType, CodeUnsupportedMedia, "bad Content-Type %q", r.Header.Get("Content-Type"))
	}
	var req AnalyzeRequest
	switch ct {
	case "application/json":
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return bodyError(err)
		}
		if dec.More() {
			return errorf(http.StatusBadRequest, CodeBadRequest, "body holds more than one JSON value")
		}
	case "text/plain", "text/html", "application/xhtml+xml":
		data, err := io.ReadAll(r.Body)
		if err != nil {
			return bodyError(err)
		}
		req.body, req.bodyType = data, r.Header.Get("Content-Type")
		q := r.URL.Query()
		req.Outlet, req.Published = q.Get("outlet"), q.Get("published")
		if req.Store, err = boolParam(r, "store"); err != nil {
			return err
		}
	default:
		return errorf(http.StatusUnsupportedMediaType, CodeUnsupportedMedia,
			"send application/json, text/plain or text/html, not %q", r.Header.Get("Content-Type"))
	}
	res, err := s.analyze(r.Context(), &req)
	if err != nil {
		return err
	}
	writeAnalyzeResult(w, res)
	return nil
}

// bodyError explains a request body that could not be read or decoded.
func bodyError(err error) error {
	var maxErr *http.MaxBytesError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &maxErr):
		return err
	case errors.Is(err, io.EOF):
		return errorf(http.StatusBadRequest, CodeBadRequest, "empty request body")
	case errors.As(err, &syn):
		return errorf(http.StatusBadRequest, CodeBadRequest, "body is not valid JSON: %v", err)
	case errors.As(err, &typ):
		return errorf(http.StatusBadRequest, CodeBadRequest, "field %q: want a %s", typ.Field, typ.Type)
	}
	return errorf(http.StatusBadRequest, CodeBadRequest, "bad request body: %v", err)
}

// ArticleList is a page of articles, newest first.
type ArticleList struct {
	Articles []store.ArticleInfo `json:"articles"`
	Limit    int                 `json:"limit"`
	Offset   int                 `json:"offset"`
}

func (s *Server) listArticles(r *http.Request) (*ArticleList, error) {
	limit, err := intParam(r, "limit", defaultPage, 1, maxPage)
	if err != nil {
		return nil, err
	}
	offset, err := intParam(r, "offset", 0, 0, 1<<30)
	if err != nil {
		return nil, err
	}
	l, ok := s.store.(recentLister)
	if !ok {
		return nil, errorf(http.StatusNotImplemented, CodeUnavailable, "this store cannot list articles; use search")
	}
	arts, err := l.Recent(r.Context(), limit, offset)
	if err != nil {
		return nil, err
	}
	if arts == nil {
		arts = []store.ArticleInfo{}
	}
	return &ArticleList{Articles: arts, Limit: limit, Offset: offset}, nil
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) error {
	list, err := s.listArticles(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

// ArticleResponse is one stored article.
type ArticleResponse struct {
	Article  store.ArticleInfo  `json:"article"`
	Document *document.Document `json:"document"`
}

func (s *Server) getArticle(r *http.Request) (*store.Article, error) {
	id, err := articleID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	a, err := s.store.Get(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, &Error{Status: http.StatusNotFound, Code: CodeNotFound, Message: "no article " + id + " in the corpus", cause: err}
	}
	return a, err
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := s.getArticle(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ArticleResponse{Article: a.Info(), Document: a.Doc})
	return nil
}

// StoryList is a page of stories, largest first.
type StoryList struct {
	Stories []store.Story `json:"stories"`
	Limit   int           `json:"limit"`
	Offset  int           `json:"offset"`
}

func (s *Server) listStories(r *http.Request) (*StoryList, error) {
	limit, err := intParam(r, "limit", defaultPage, 1, maxPage)
	if err != nil {
		return nil, err
	}
	offset, err := intParam(r, "offset", 0, 0, 1<<30)
	if err != nil {
		return nil, err
	}
	minSize, err := intParam(r, "min_size", 1, 1, 1<<30)
	if err != nil {
		return nil, err
	}
	st, err := s.store.Stories(r.Context(), store.StoryQuery{MinSize: minSize, Limit: limit, Offset: offset})
	if err != nil {
		return nil, err
	}
	if st == nil {
		st = []store.Story{}
	}
	return &StoryList{Stories: st, Limit: limit, Offset: offset}, nil
}

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) error {
	list, err := s.listStories(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

// StoryResponse is one story and the comparison of its versions, as
// crosscheck story ID --format json writes it.
type StoryResponse struct {
	Story      *store.Story      `json:"story"`
	Comparison *story.Comparison `json:"comparison"`
}

// getStory returns a story and its articles. Like the story command it
// takes a story id, or the id of one of the story's articles.
func (s *Server) getStory(r *http.Request) (*store.Story, []*store.Article, error) {
	id := r.PathValue("id")
	if id == "" || len(id) > 200 {
		return nil, nil, errorf(http.StatusNotFound, CodeNotFound, "no story %q", id)
	}
	if strings.HasPrefix(id, "sha256:") {
		aid, err := articleID(id)
		if err != nil {
			return nil, nil, err
		}
		a, err := s.store.Get(r.Context(), aid)
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil, &Error{Status: http.StatusNotFound, Code: CodeNotFound, Message: "no article " + aid + " in the corpus", cause: err}
		}
		if err != nil {
			return nil, nil, err
		}
		if a.Story == "" {
			return nil, nil, errorf(http.StatusNotFound, CodeNotFound, "article %s belongs to no story", aid)
		}
		id = a.Story
	}
	st, arts, err := s.store.Story(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, &Error{Status: http.StatusNotFound, Code: CodeNotFound, Message: "no story " + strconv.Quote(id) + " in the corpus", cause: err}
	}
	return st, arts, err
}

// compare compares a story's versions, in the order the store gives
// them: earliest published first.
func compare(st *store.Story, arts []*store.Article) *story.Comparison {
	docs := make([]*document.Document, len(arts))
	for i, a := range arts {
		docs[i] = a.Doc
	}
	return story.Compare(st.ID, docs)
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) error {
	st, arts, err := s.getStory(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, StoryResponse{Story: st, Comparison: compare(st, arts)})
	return nil
}

// SearchResponse is the hits of one query, best first.
type SearchResponse struct {
	Query string      `json:"query"`
	Hits  []store.Hit `json:"hits"`
}

func (s *Server) search(r *http.Request) (*SearchResponse, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 500 {
		return nil, errorf(http.StatusBadRequest, CodeBadRequest, "query longer than 500 bytes")
	}
	limit, err := intParam(r, "limit", 20, 1, 200)
	if err != nil {
		return nil, err
	}
	res := &SearchResponse{Query: q, Hits: []store.Hit{}}
	if q == "" {
		return res, errorf(http.StatusBadRequest, CodeBadRequest, "give a query: q=words")
	}
	hits, err := s.store.Search(r.Context(), q, limit)
	if err != nil {
		return res, err
	}
	if hits != nil {
		res.Hits = hits
	}
	return res, nil
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	res, err := s.search(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// EntityList is the entities found in the articles looked at.
type EntityList struct {
	Query    string          `json:"query"`
	Entities []EntitySummary `json:"entities"`
	// Truncated says more articles matched than were read.
	Truncated bool `json:"truncated"`
}

func (s *Server) listEntities(r *http.Request) (*EntityList, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		return nil, errorf(http.StatusBadRequest, CodeBadRequest, "q longer than 200 bytes")
	}
	limit, err := intParam(r, "limit", defaultPage, 1, maxPage)
	if err != nil {
		return nil, err
	}
	scan, err := intParam(r, "scan", defaultEntityScan, 1, maxEntityScan)
	if err != nil {
		return nil, err
	}
	ents, truncated, err := s.entities(r.Context(), q, scan, limit)
	if err != nil {
		return nil, err
	}
	return &EntityList{Query: q, Entities: ents, Truncated: truncated}, nil
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) error {
	list, err := s.listEntities(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) getEntity(r *http.Request) (*EntityDetail, error) {
	scan, err := intParam(r, "scan", defaultEntityScan, 1, maxEntityScan)
	if err != nil {
		return nil, err
	}
	return s.entity(r.Context(), r.PathValue("name"), scan)
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) error {
	d, err := s.getEntity(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}
