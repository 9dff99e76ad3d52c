package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/source"
)

// benchArticles reads the plain-text articles in testdata/bench (about
// 600 words each, written for this benchmark) through extract, as
// `crosscheck analyze` would, and returns their extracted documents.
func benchArticles(tb testing.TB) []*document.Document {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "bench", "*.txt"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no benchmark articles in testdata/bench: %v", err)
	}
	var docs []*document.Document
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		doc, err := extract.Extract(&source.Input{Name: p, ContentType: "text/plain", Charset: "utf-8", Data: data})
		if err != nil {
			tb.Fatalf("extract %s: %v", p, err)
		}
		docs = append(docs, doc)
	}
	return docs
}

// fresh copies an extracted document's text and metadata, leaving the
// analysis to be done again.
func fresh(d *document.Document) *document.Document {
	doc := document.New(d.Text, d.Meta)
	doc.Headline = d.Headline
	doc.Paragraphs = d.Paragraphs
	doc.Removed = d.Removed
	return doc
}

// warmUp analyses one article before timing, so that models the stages
// load on first use are not counted against the first iterations.
func warmUp(b *testing.B, p *Pipeline, d *document.Document) {
	b.Helper()
	if err := p.Analyze(context.Background(), fresh(d)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAnalyze measures the analysis stages (text, entity, attrib,
// claim, check) on one article per iteration. Run with
//
//	GOMAXPROCS=1 go test ./pipeline -run '^$' -bench Analyze -benchmem
//
// and read articles/s per core from the articles/s metric.
func BenchmarkAnalyze(b *testing.B) {
	p, err := New()
	if err != nil {
		b.Fatal(err)
	}
	docs := benchArticles(b)
	ctx := context.Background()
	warmUp(b, p, docs[0])
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		doc := fresh(docs[i%len(docs)])
		if err := p.Analyze(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtractAnalyze adds extraction from the plain-text file, the
// whole of `crosscheck analyze` but reading and writing.
func BenchmarkExtractAnalyze(b *testing.B) {
	p, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var inputs []*source.Input
	paths, _ := filepath.Glob(filepath.Join("testdata", "bench", "*.txt"))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, &source.Input{Name: path, ContentType: "text/plain", Charset: "utf-8", Data: data})
	}
	if len(inputs) == 0 {
		b.Fatal("no benchmark articles in testdata/bench")
	}
	ctx := context.Background()
	warmUp(b, p, benchArticles(b)[0])
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		doc, err := extract.Extract(inputs[i%len(inputs)])
		if err != nil {
			b.Fatal(err)
		}
		if err := p.Analyze(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// TestBenchArticlesAnalyse keeps the benchmark honest: its articles must
// go through the pipeline and come out with sentences and claims.
func TestBenchArticlesAnalyse(t *testing.T) {
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range benchArticles(t) {
		doc := fresh(d)
		if err := p.Analyze(context.Background(), doc); err != nil {
			t.Fatalf("%s: %v", d.Meta.Source, err)
		}
		if n := len(doc.Text); n < 2500 {
			t.Errorf("%s: only %d bytes of text", d.Meta.Source, n)
		}
		if len(doc.Claims) == 0 && len(doc.Sentences) > 0 {
			t.Errorf("%s: no claims from %d sentences", d.Meta.Source, len(doc.Sentences))
		}
	}
}
