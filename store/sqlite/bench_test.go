package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/sqlite"
	"github.com/crosscheck/crosscheck/story"
	"github.com/crosscheck/crosscheck/story/synth"
)

// BenchmarkPut stores synthetic articles (text, document JSON, features,
// full-text index), one transaction each, as ingest does; generation and
// feature extraction are outside the timer. It reports the database's
// size per article. Run with -benchtime 10000x or 100000x.
func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	gen := synth.New(synth.Options{Seed: 11})
	ix := story.NewIndex(story.Options{})
	var x story.Extractor
	const batch = 1000
	arts := make([]*store.Article, 0, batch)
	b.ResetTimer()
	for i := 0; i < b.N; {
		b.StopTimer()
		arts = arts[:0]
		for range min(batch, b.N-i) {
			a := gen.Next()
			f := x.Extract(a.Doc)
			m := ix.Add(a.Doc.ID, &f)
			arts = append(arts, &store.Article{Doc: a.Doc, Story: m.Story, Features: f.Encode(nil), Source: a.Doc.Meta.URL})
		}
		b.StartTimer()
		for _, a := range arts {
			if _, err := db.Put(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
		i += len(arts)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	var size int64
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if st, err := os.Stat(filepath.Join(dir, "bench.db"+suffix)); err == nil {
			size += st.Size()
		}
	}
	b.ReportMetric(float64(size)/float64(b.N), "db-B/article")
}

// BenchmarkGeneration measures one Generation read, which ingest.Corpus
// does twice per article it adds.
func BenchmarkGeneration(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Generation(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
