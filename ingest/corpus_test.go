package ingest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/crosscheck/crosscheck/document"
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
	ids := make([]string, len(names))
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
			ids[i] = doc.ID
		}()
	}
	wg.Wait()
	// The stories as they stand at the end: a later article may have
	// merged two that earlier ones started.
	for i, id := range ids {
		a, err := st.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		stories[i] = a.Story
	}
	// The two closest versions share a story whatever order they came in,
	// and the lecture by the same central banker stays apart. (Whether the
	// third, looser version joins depends on the order: in one order of
	// the 24 it arrives last and scores just under the threshold; see
	// docs/quality-stories.md on arrival order.)
	if stories[0] != stories[2] || stories[3] == stories[0] || stories[3] == stories[1] {
		t.Errorf("stories = %v", stories)
	}
	checkStories(t, st, len(names))
	// A new Corpus over the same store rebuilds the index.
	c2, err := NewCorpus(ctx, st, Options{}.Group)
	if err != nil || c2.Index().Len() != len(names) || c2.Index().Stories() < 2 {
		t.Errorf("rebuilt index: %v, %d articles", err, c2.Index().Len())
	}
}

// TestCorpusMerge: a version that bridges two stories merges them in the
// store too.
func TestCorpusMerge(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c, err := NewCorpus(ctx, st, Options{}.Group)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Dam bursts\n\nThe Kakhovka dam on the Dnipro river burst on Tuesday, flooding villages downstream. Engineers said the turbine hall collapsed and water levels in the reservoir fell sharply. Residents of Nova Kakhovka climbed onto roofs.",
		"Evacuation after flood\n\nOfficials in Kherson evacuated thousands of residents by bus and boat as floodwater reached the city's lower districts. Volunteers handed out drinking water and the regional governor warned of mines carried by the current.",
		"Dam collapse floods Kherson\n\nThe Kakhovka dam on the Dnipro river burst on Tuesday and the turbine hall collapsed; as floodwater reached the lower districts of Kherson, officials evacuated thousands of residents by bus and boat, and the regional governor warned of mines carried by the current.",
	}
	var ids, stories []string
	for _, text := range texts {
		d := document.New(text, document.Meta{Published: "2023-06-06"})
		s, err := c.Add(ctx, d, "test")
		if err != nil {
			t.Fatal(err)
		}
		ids, stories = append(ids, d.ID), append(stories, s)
	}
	if stories[0] == stories[1] {
		t.Fatal("the two distant versions were grouped at once; the test needs them apart")
	}
	for _, id := range ids {
		a, err := st.Get(ctx, id)
		if err != nil || a.Story != stories[2] {
			t.Errorf("article %s in story %q, %v; want all in %q", id, a.Story, err, stories[2])
		}
	}
	checkStories(t, st, 3)
	if n, _ := st.Stats(ctx); n.Stories != 1 {
		t.Errorf("%d stories after the merge; want 1", n.Stories)
	}
}
