package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// loadArticle is the 1,000-word article of the load test.
func loadArticle(b *testing.B) string {
	data, err := os.ReadFile("../cmd/loadgen/article.txt")
	if err != nil {
		b.Skipf("load-test article: %v", err)
	}
	return string(data)
}

func benchAnalyze(b *testing.B, unique bool) {
	text := loadArticle(b)
	s, _ := newServer(b, Config{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		t := text
		if unique {
			i++
			t += fmt.Sprintf("\n\nThis is correction number %d to the report.", i)
		}
		body, _ := json.Marshal(AnalyzeRequest{Text: t})
		r := httptest.NewRequest("POST", "/api/v1/analyze", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}

// BenchmarkAnalyzeCached answers the same article again and again: the
// cost of a request whose analysis is in the cache.
func BenchmarkAnalyzeCached(b *testing.B) { benchAnalyze(b, false) }

// BenchmarkAnalyzeUnique sends a new text each time: the full analysis.
func BenchmarkAnalyzeUnique(b *testing.B) { benchAnalyze(b, true) }

func BenchmarkArticlePage(b *testing.B) {
	text := loadArticle(b)
	s, _ := newServer(b, Config{})
	res, err := s.analyze(context.Background(), &AnalyzeRequest{Text: text, Store: true})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", "/articles/"+res.Document.ID, nil))
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
	}
}

func BenchmarkStoryPage(b *testing.B) {
	s, st := newServer(b, Config{Analyzer: segmentOnly})
	putStory(b, st)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", "/stories/"+storyID, nil))
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
	}
}
