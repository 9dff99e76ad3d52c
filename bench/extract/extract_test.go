// Package extract compares crosscheck's article extraction with the
// libraries it builds on, side by side on the shared article-extraction
// benchmark: go-trafilatura alone (default options, no fallback) and
// readeck's go-readability v2.
//
// Run from bench/ with one core, one benchmark per process so that peak
// memory (the "Maximum resident set size" of /usr/bin/time -v) belongs to
// one extractor:
//
//	GOMAXPROCS=1 go test ./extract -run '^$' -bench 'Extract/crosscheck' -benchtime 3x
//
// or run.sh next to this file for all three. Each reports pages/s (wall
// clock, over the whole corpus per iteration), pages/cpu-s (the same per
// second of process CPU time, garbage collection included, which stays
// steady on a busy machine), peak-heap-MB (the largest heap seen during
// the run, sampled every 2 ms, the loaded corpus included) and
// extra-heap-MB (the same above the heap before the run: the extractor's
// own, garbage not yet collected included), its F1 on the benchmark, and
// the usual B/op and allocs/op.
package extract

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/extract/scoring"
	"github.com/crosscheck/crosscheck/source"
)

var dataDir = filepath.Join("..", "..", "..", "shared", "data", "extraction")

func load(b *testing.B) []scoring.Item {
	b.Helper()
	if _, err := os.Stat(filepath.Join(dataDir, "ground-truth.json")); err != nil {
		b.Skipf("shared extraction benchmark not found at %s", dataDir)
	}
	items, err := scoring.Load(dataDir)
	if err != nil {
		b.Fatal(err)
	}
	return items
}

// extractors are the systems compared; each returns the article body of
// one page.
var extractors = []struct {
	name string
	run  func(scoring.Item) string
}{
	{"crosscheck", func(it scoring.Item) string {
		doc, err := extract.Extract(&source.Input{Name: it.URL, URL: it.URL, ContentType: "text/html", Data: it.HTML})
		if err != nil {
			return ""
		}
		return extract.Body(doc)
	}},
	{"go-trafilatura", func(it scoring.Item) string {
		root, err := html.Parse(bytes.NewReader(it.HTML))
		if err != nil {
			return ""
		}
		u, _ := url.Parse(it.URL)
		res, err := trafilatura.ExtractDocument(root, trafilatura.Options{OriginalURL: u})
		if err != nil {
			return ""
		}
		return strings.ReplaceAll(res.ContentText, "\u00ad", "")
	}},
	{"go-readability-v2", func(it scoring.Item) string {
		root, err := html.Parse(bytes.NewReader(it.HTML))
		if err != nil {
			return ""
		}
		u, _ := url.Parse(it.URL)
		parser := readability.NewParser()
		art, err := parser.ParseAndMutate(root, u)
		if err != nil || art.Node == nil {
			return ""
		}
		var sb strings.Builder
		if err := art.RenderText(&sb); err != nil {
			return ""
		}
		return strings.ReplaceAll(sb.String(), "\u00ad", "")
	}},
}

// BenchmarkExtract runs each extractor over every page per iteration and
// reports its speed, memory and, once, its score.
func BenchmarkExtract(b *testing.B) {
	items := load(b)
	for _, ex := range extractors {
		b.Run(ex.name, func(b *testing.B) {
			pages := make([]scoring.Page, len(items))
			for i, it := range items {
				pages[i] = scoring.Score(it.Truth, ex.run(it))
			}
			s := scoring.Summarize(pages)

			runtime.GC()
			base := heapNow()
			stop := samplePeakHeap()
			cpu0, cpuOK := scoring.CPUTime()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, it := range items {
					ex.run(it)
				}
			}
			b.StopTimer()
			cpu1, _ := scoring.CPUTime()
			peak := stop()
			b.ReportMetric(float64(b.N*len(items))/b.Elapsed().Seconds(), "pages/s")
			if cpuOK {
				// CPU time stays steady when other work shares the machine.
				b.ReportMetric(float64(b.N*len(items))/(cpu1-cpu0).Seconds(), "pages/cpu-s")
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			// Above what the loaded corpus holds: the extractor's own.
			b.ReportMetric(float64(peak-min(peak, base))/(1<<20), "extra-heap-MB")
			b.ReportMetric(s.F1, "F1")
		})
	}
}

// heapNow returns the bytes of live heap objects.
func heapNow() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// samplePeakHeap watches the live heap until the returned function is
// called, and returns the largest size seen, in bytes.
func samplePeakHeap() func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(finished)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		return peak.Load()
	}
}
