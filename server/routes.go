package server

import (
	"net/http"
)

// route is one endpoint. The table below is the one list of what the
// server answers; the OpenAPI test checks the API part of it against
// openapi.json, in both directions.
type route struct {
	Method  string
	Pattern string // http.ServeMux path pattern
	// API routes answer JSON and errors as error objects; the others
	// answer HTML pages.
	API bool
	// Write routes need Config.Token when one is set.
	Write  bool
	handle func(http.ResponseWriter, *http.Request) error
}

func (s *Server) routeTable() []route {
	return []route{
		// Web UI.
		{Method: "GET", Pattern: "/{$}", handle: s.homePage},
		{Method: "POST", Pattern: "/analyze", Write: true, handle: s.analyzeForm},
		{Method: "GET", Pattern: "/articles", handle: s.articlesPage},
		{Method: "GET", Pattern: "/articles/{id}", handle: s.articlePage},
		{Method: "GET", Pattern: "/stories", handle: s.storiesPage},
		{Method: "GET", Pattern: "/stories/{id}", handle: s.storyPage},
		{Method: "GET", Pattern: "/search", handle: s.searchPage},
		{Method: "GET", Pattern: "/entities", handle: s.entitiesPage},
		{Method: "GET", Pattern: "/entities/{name}", handle: s.entityPage},
		{Method: "GET", Pattern: "/static/{file}", handle: s.staticFile},
		{Method: "GET", Pattern: "/healthz", handle: s.health},

		// JSON API.
		{Method: "GET", Pattern: "/api/openapi.json", API: true, handle: s.openAPI},
		{Method: "POST", Pattern: "/api/v1/analyze", API: true, Write: true, handle: s.apiAnalyze},
		{Method: "GET", Pattern: "/api/v1/articles", API: true, handle: s.apiArticles},
		{Method: "GET", Pattern: "/api/v1/articles/{id}", API: true, handle: s.apiArticle},
		{Method: "GET", Pattern: "/api/v1/stories", API: true, handle: s.apiStories},
		{Method: "GET", Pattern: "/api/v1/stories/{id}", API: true, handle: s.apiStory},
		{Method: "GET", Pattern: "/api/v1/search", API: true, handle: s.apiSearch},
		{Method: "GET", Pattern: "/api/v1/entities", API: true, handle: s.apiEntities},
		{Method: "GET", Pattern: "/api/v1/entities/{name}", API: true, handle: s.apiEntity},
	}
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.store.Stats(r.Context()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("ok\n"))
	return err
}
