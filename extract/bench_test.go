package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/extract/scoring"
	"github.com/crosscheck/crosscheck/source"
)

// sharedData is the article-extraction benchmark, read at run time.
var sharedData = filepath.Join("..", "..", "shared", "data", "extraction")

func loadPages(tb testing.TB) []scoring.Item {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(sharedData, "ground-truth.json")); err != nil {
		tb.Skipf("shared extraction benchmark not found at %s: %v", sharedData, err)
	}
	items, err := scoring.Load(sharedData)
	if err != nil {
		tb.Fatal(err)
	}
	return items
}

// BenchmarkExtractHTML extracts every page of the shared benchmark once
// per iteration; run it with -cpu 1 for figures per core.
func BenchmarkExtractHTML(b *testing.B) {
	items := loadPages(b)
	var size int64
	for _, it := range items {
		size += int64(len(it.HTML))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	cpu0, cpuOK := scoring.CPUTime()
	b.ResetTimer()
	for b.Loop() {
		for _, it := range items {
			if _, err := Extract(&source.Input{Name: it.URL, URL: it.URL, ContentType: "text/html", Data: it.HTML}); err != nil {
				b.Fatalf("%s: %v", it.ID, err)
			}
		}
	}
	b.StopTimer()
	reportPages(b, b.N*len(items), cpu0, cpuOK)
}

// BenchmarkExtractText extracts a plain-text article of about 700 words.
func BenchmarkExtractText(b *testing.B) {
	text := "Title: Council approves new budget\nOutlet: Example Gazette\nDate: 2024-03-05\n\n" +
		strings.Repeat("The council voted 7 to 2 on Tuesday to approve a budget of $4.2 million, the mayor said. "+
			"Opponents argued that the plan cut too deeply into library hours.\n\n", 25) +
		"Share this article\nPlease enter your comment!\nPlease enter your name here"
	in := &source.Input{Name: "bench.txt", ContentType: "text/plain", Data: []byte(text)}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu0, cpuOK := scoring.CPUTime()
	for b.Loop() {
		if _, err := Extract(in); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportPages(b, b.N, cpu0, cpuOK)
}

// reportPages reports pages per second of wall-clock time and, where the
// system tells, per second of process CPU time (garbage collection
// included), which stays steady on a machine shared with other work.
func reportPages(b *testing.B, pages int, cpu0 time.Duration, cpuOK bool) {
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	if cpu1, ok := scoring.CPUTime(); ok && cpuOK {
		b.ReportMetric(float64(pages)/(cpu1-cpu0).Seconds(), "pages/cpu-s")
	}
}
