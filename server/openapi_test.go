package server

import (
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/story"
)

// openAPI is the part of an OpenAPI document these tests read.
type openAPI struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		OperationID string                     `json:"operationId"`
		Responses   map[string]json.RawMessage `json:"responses"`
		Parameters  []struct {
			Name string `json:"name"`
			In   string `json:"in"`
		} `json:"parameters"`
	} `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
			Required   []string                   `json:"required"`
		} `json:"schemas"`
		Responses map[string]json.RawMessage `json:"responses"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	var doc openAPI
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return &doc
}

// TestOpenAPIRoutes checks that every API route is documented, and every
// documented operation is a route.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	s, _ := newServer(t, Config{Analyzer: segmentOnly})
	routes := map[string]bool{}
	for _, rt := range s.routes {
		if !strings.HasPrefix(rt.Pattern, "/api/") {
			if rt.API {
				t.Errorf("%s %s answers JSON outside /api/", rt.Method, rt.Pattern)
			}
			continue
		}
		if !rt.API {
			t.Errorf("%s %s is under /api/ but answers HTML", rt.Method, rt.Pattern)
		}
		key := strings.ToLower(rt.Method) + " " + rt.Pattern
		routes[key] = true
		op, ok := doc.Paths[rt.Pattern][strings.ToLower(rt.Method)]
		if !ok {
			t.Errorf("route %s is not in openapi.json", key)
			continue
		}
		if op.OperationID == "" || op.Responses["200"] == nil {
			t.Errorf("%s: no operationId or no 200 response", key)
		}
		// Path parameters match the pattern's wildcards.
		for _, p := range op.Parameters {
			if p.In == "path" && !strings.Contains(rt.Pattern, "{"+p.Name+"}") {
				t.Errorf("%s: documented path parameter %q is not in the route", key, p.Name)
			}
		}
		for _, seg := range strings.Split(rt.Pattern, "/") {
			if name, ok := strings.CutPrefix(seg, "{"); ok {
				name = strings.TrimSuffix(name, "}")
				if !slices.ContainsFunc(op.Parameters, func(p struct {
					Name string `json:"name"`
					In   string `json:"in"`
				}) bool {
					return p.In == "path" && p.Name == name
				}) {
					t.Errorf("%s: path parameter %q undocumented", key, name)
				}
			}
		}
		if rt.Write {
			var full map[string]map[string]map[string]any
			json.Unmarshal(openAPIDoc, &struct{ Paths any }{&full})
			if _, ok := full[rt.Pattern][strings.ToLower(rt.Method)]["security"]; !ok {
				t.Errorf("%s is a write but documents no security", key)
			}
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !routes[method+" "+path] {
				t.Errorf("openapi.json documents %s %s, which no route serves", method, path)
			}
		}
	}
}

// jsonFields returns the JSON names of t's fields, embedded structs
// flattened, and which of them are omitempty.
func jsonFields(t reflect.Type) (names []string, optional map[string]bool) {
	optional = map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			sub, subOpt := jsonFields(f.Type)
			names = append(names, sub...)
			for k := range subOpt {
				optional[k] = true
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		names = append(names, name)
		if strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero") {
			optional[name] = true
		}
	}
	return names, optional
}

// TestOpenAPISchemas checks every documented schema against the Go type
// the handlers encode: the same fields, and required exactly when the
// field is always written.
func TestOpenAPISchemas(t *testing.T) {
	doc := loadOpenAPI(t)
	types := map[string]any{
		"Error": Error{}, "ErrorBody": errorBody{},
		"AnalyzeRequest": AnalyzeRequest{}, "AnalyzeResult": AnalyzeResult{}, "Document": document.Document{},
		"ArticleInfo": store.ArticleInfo{}, "ArticleList": ArticleList{}, "ArticleResponse": ArticleResponse{},
		"Story": store.Story{}, "StoryList": StoryList{}, "StoryResponse": StoryResponse{},
		"Comparison": story.Comparison{}, "Version": story.Version{}, "Evidence": story.Evidence{}, "Point": story.Point{},
		"Contradiction": story.Contradiction{}, "Side": story.Side{}, "Omission": story.Omission{}, "Copy": story.Copy{},
		"Hit": store.Hit{}, "SearchResponse": SearchResponse{},
		"Link": document.Link{}, "EntitySummary": EntitySummary{}, "EntityList": EntityList{}, "EntityDetail": EntityDetail{},
		"OutletRoles": OutletRoles{}, "RoleCount": RoleCount{}, "Appearance": Appearance{}, "MentionContext": MentionContext{},
	}
	for name, schema := range doc.Components.Schemas {
		v, ok := types[name]
		if !ok {
			t.Errorf("schema %s has no Go type in this test", name)
			continue
		}
		fields, optional := jsonFields(reflect.TypeOf(v))
		var documented []string
		for p := range schema.Properties {
			documented = append(documented, p)
		}
		slices.Sort(documented)
		var always []string
		for _, f := range fields {
			if !optional[f] {
				always = append(always, f)
			}
		}
		slices.Sort(fields)
		slices.Sort(always)
		required := slices.Sorted(slices.Values(schema.Required))
		if name == "Document" {
			// Documented in full in docs/schema.md; here its top level.
			for _, p := range documented {
				if !slices.Contains(fields, p) {
					t.Errorf("Document: documented property %q is not a field", p)
				}
			}
		} else if !slices.Equal(documented, fields) {
			t.Errorf("schema %s has properties %v, the Go type %T encodes %v", name, documented, v, fields)
		}
		if !slices.Equal(required, always) {
			t.Errorf("schema %s requires %v, the Go type %T always writes %v", name, required, v, always)
		}
	}
	for name := range types {
		if _, ok := doc.Components.Schemas[name]; !ok {
			t.Errorf("type for %s is not documented", name)
		}
	}
}

// TestOpenAPIStatuses sends each API operation good and bad requests and
// checks that every status it answers is documented for it.
func TestOpenAPIStatuses(t *testing.T) {
	doc := loadOpenAPI(t)
	s, st := newServer(t, Config{Analyzer: segmentOnly, MaxBody: 4096, Token: "tok"})
	docs := putStory(t, st)
	auth := []string{"Authorization", "Bearer tok"}
	type req struct {
		method, pattern, target, ctype, body string
		hdr                                  []string
	}
	reqs := []req{
		{"GET", "/api/openapi.json", "/api/openapi.json", "", "", nil},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", "application/json", `{"text":"A short article about ships and a harbour."}`, auth},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", "application/json", `{"text":"A short article about ships."}`, nil},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", "application/json", `{}`, auth},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", "image/png", `x`, auth},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", "text/plain", "\x00\x01", auth},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", "text/plain", strings.Repeat("x", 5000), auth},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", "application/json", `{"url":"http://127.0.0.1:1/"}`, auth},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", "text/plain", "Some text.", append([]string{"Sec-Fetch-Site", "cross-site"}, auth...)},
		{"GET", "/api/v1/articles", "/api/v1/articles", "", "", nil},
		{"GET", "/api/v1/articles", "/api/v1/articles?limit=0", "", "", nil},
		{"GET", "/api/v1/articles/{id}", "/api/v1/articles/" + docs[0].ID, "", "", nil},
		{"GET", "/api/v1/articles/{id}", "/api/v1/articles/none", "", "", nil},
		{"GET", "/api/v1/stories", "/api/v1/stories", "", "", nil},
		{"GET", "/api/v1/stories", "/api/v1/stories?min_size=x", "", "", nil},
		{"GET", "/api/v1/stories/{id}", "/api/v1/stories/" + storyID, "", "", nil},
		{"GET", "/api/v1/stories/{id}", "/api/v1/stories/none", "", "", nil},
		{"GET", "/api/v1/search", "/api/v1/search?q=Mombasa", "", "", nil},
		{"GET", "/api/v1/search", "/api/v1/search", "", "", nil},
		{"GET", "/api/v1/entities", "/api/v1/entities", "", "", nil},
		{"GET", "/api/v1/entities", "/api/v1/entities?limit=9999", "", "", nil},
		{"GET", "/api/v1/entities/{name}", "/api/v1/entities/Mombasa", "", "", nil},
		{"GET", "/api/v1/entities/{name}", "/api/v1/entities/" + url.PathEscape("No One"), "", "", nil},
		{"GET", "/api/v1/entities/{name}", "/api/v1/entities/Mombasa?scan=0", "", "", nil},
	}
	seen := map[string]map[int]bool{}
	for _, r := range reqs {
		w := do(t, s, r.method, r.target, r.ctype, r.body, r.hdr...)
		op, ok := doc.Paths[r.pattern][strings.ToLower(r.method)]
		if !ok {
			t.Fatalf("%s %s undocumented", r.method, r.pattern)
		}
		if op.Responses[strconv.Itoa(w.Code)] == nil {
			t.Errorf("%s %s answered %d, which openapi.json does not list for it (%s)", r.method, r.target, w.Code, w.Body)
		}
		key := r.method + " " + r.pattern
		if seen[key] == nil {
			seen[key] = map[int]bool{}
		}
		seen[key][w.Code] = true
	}
	// Every operation got at least a success and an error.
	for _, rt := range s.routes {
		key := rt.Method + " " + rt.Pattern
		if !rt.API {
			continue
		}
		if !seen[key][200] {
			t.Errorf("%s: no successful request in this test", key)
		}
		if key != "GET /api/openapi.json" && len(seen[key]) < 2 {
			t.Errorf("%s: no failing request in this test", key)
		}
	}
}
