package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/sqlite"
	"github.com/crosscheck/crosscheck/story"
	"github.com/crosscheck/crosscheck/story/synth"
)

// BenchmarkRebuild measures LoadIndex over an SQLite store of synthetic
// articles (story/synth: about 450 words each, stored whole as ingest
// stores them): what a Corpus pays, once, when another process has
// written to its store. Filling the store is outside the timer but takes
// long (about 750 articles/s), so 100k runs only with
// CROSSCHECK_BENCH_100K=1:
//
//	go test ./ingest -run '^$' -bench Rebuild -benchtime 5x
//	CROSSCHECK_BENCH_100K=1 go test ./ingest -run '^$' -bench Rebuild -benchtime 3x -timeout 1h
func BenchmarkRebuild(b *testing.B) {
	sizes := []int{10_000}
	if os.Getenv("CROSSCHECK_BENCH_100K") != "" {
		sizes = append(sizes, 100_000)
	}
	for _, n := range sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			ctx := context.Background()
			db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			fillSynthetic(b, db, n)
			b.ResetTimer()
			c0 := benchCPU()
			for range b.N {
				ix, err := LoadIndex(ctx, db, story.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if ix.Len() != n {
					b.Fatalf("index holds %d articles; want %d", ix.Len(), n)
				}
			}
			cpu := benchCPU() - c0
			b.StopTimer()
			per := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(per*100_000/float64(n), "s-per-100k")
			b.ReportMetric(cpu.Seconds()/float64(b.N)*100_000/float64(n), "cpu-s-per-100k")
		})
	}
}

// fillSynthetic stores n synthetic articles with their features and
// stories, as an ingest would.
func fillSynthetic(b *testing.B, st store.Store, n int) {
	b.Helper()
	ctx := context.Background()
	gen := synth.New(synth.Options{Seed: 17})
	ix := story.NewIndex(story.Options{})
	var x story.Extractor
	for range n {
		a := gen.Next()
		f := x.Extract(a.Doc)
		m := ix.Add(a.Doc.ID, &f)
		if _, err := st.Put(ctx, &store.Article{Doc: a.Doc, Story: m.Story, Features: f.Encode(nil), Source: a.Doc.Meta.URL}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchCPU is the CPU time the process has used: steadier than wall
// time on the shared cores.
func benchCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
