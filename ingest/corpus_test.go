package ingest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/source"
)

func TestCorpusConcurrentAdd(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c, err := NewCorpus(ctx, st, Options{}.Group)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"bank-a.txt", "bank-b.txt", "bank-c.txt", "decoy-bank-lecture.txt"}
	stories := make([]string, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in, err := source.Read(ctx, filepath.Join(labelled, n), source.Options{})
			if err != nil {
				t.Error(err)
				return
			}
			doc, err := extract.Extract(in)
			if err != nil {
				t.Error(err)
				return
			}
			// Twice: the second add finds it stored.
			s1, err1 := c.Add(ctx, doc, n)
			s2, err2 := c.Add(ctx, doc, n)
			if err1 != nil || err2 != nil || s1 == "" || s1 != s2 {
				t.Errorf("Add(%s) = %q, %v then %q, %v", n, s1, err1, s2, err2)
			}
			stories[i] = s1
		}()
	}
	wg.Wait()
	// The three versions share a story whatever order they came in; the
	// lecture by the same central banker stays apart.
	if stories[0] != stories[1] || stories[1] != stories[2] || stories[3] == stories[0] {
		t.Errorf("stories = %v", stories)
	}
	checkStories(t, st, len(names))
	// A new Corpus over the same store rebuilds the index.
	c2, err := NewCorpus(ctx, st, Options{}.Group)
	if err != nil || c2.Index().Len() != len(names) || c2.Index().Stories() != 2 {
		t.Errorf("rebuilt index: %v, %d articles", err, c2.Index().Len())
	}
}
