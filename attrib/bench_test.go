package attrib

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// benchDoc returns a segmented article of about 600 words made from the
// fixture, the size the pipeline's speed goal is stated for.
func benchDoc(b *testing.B) *document.Document {
	raw, err := os.ReadFile("testdata/envoy-like.txt")
	if err != nil {
		b.Fatal(err)
	}
	txt := string(raw)
	for len(strings.Fields(txt)) < 600 {
		txt += "\n\n" + string(raw)
	}
	doc := document.New(txt, document.Meta{Language: "en"})
	text.Segment(doc)
	return doc
}

// BenchmarkQuotes measures the attribution stage alone on a 600-word
// article: tagging (both passes), grouping, rules and resolution.
func BenchmarkQuotes(b *testing.B) {
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		m.Quotes(doc)
	}
	b.ReportMetric(float64(len(strings.Fields(doc.Text))), "words/article")
}

// BenchmarkQuotesNews measures the stage on the pipeline benchmark's
// three ordinary news articles (554-607 words, a few quotes each), which
// cost less than the quote-dense fixture above.
func BenchmarkQuotesNews(b *testing.B) {
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	names, _ := filepath.Glob("../pipeline/testdata/bench/*.txt")
	if len(names) == 0 {
		b.Skip("no pipeline benchmark articles")
	}
	var docs []*document.Document
	for _, n := range names {
		raw, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		doc := document.New(string(raw), document.Meta{Language: "en"})
		text.Segment(doc)
		docs = append(docs, doc)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Quotes(docs[i%len(docs)])
		i++
	}
}
