package ingest

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/source"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/sqlite"
	"github.com/crosscheck/crosscheck/story"
)

// countingStore counts full reads of the features: one per index build.
type countingStore struct {
	store.Store
	loads atomic.Int64
}

func (s *countingStore) Features(ctx context.Context, fn func(id, story string, features []byte) error) error {
	s.loads.Add(1)
	return s.Store.Features(ctx, fn)
}

// openShared opens one SQLite file twice, as a watch and a serve sharing
// a store do; each handle counts its index builds.
func openShared(t *testing.T) (*countingStore, *countingStore) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shared.db")
	var out [2]*countingStore
	for i := range out {
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		out[i] = &countingStore{Store: db}
	}
	return out[0], out[1]
}

func labelledDoc(t *testing.T, name string) *document.Document {
	t.Helper()
	in, err := source.Read(context.Background(), filepath.Join(labelled, name), source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := extract.Extract(in)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func storyOf(t *testing.T, st store.Store, id string) string {
	t.Helper()
	a, err := st.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Story
}

// TestCorpusSeesOtherProcess: two Corpus values over two handles on one
// file, both made before anything is stored. A version one adds joins the
// story of a version the other added.
func TestCorpusSeesOtherProcess(t *testing.T) {
	ctx := context.Background()
	sa, sb := openShared(t)
	a, err := NewCorpus(ctx, sa, story.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewCorpus(ctx, sb, story.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// bank-a and bank-c are the two closest versions of one story in the
	// labelled set: a single Corpus groups them in either order.
	first, second := labelledDoc(t, "bank-a.txt"), labelledDoc(t, "bank-c.txt")
	sta, err := a.Add(ctx, first, "bank-a.txt")
	if err != nil {
		t.Fatal(err)
	}
	stb, err := b.Add(ctx, second, "bank-c.txt")
	if err != nil {
		t.Fatal(err)
	}
	if stb != sta {
		t.Errorf("the second process put its version in story %q, not in the first's %q", stb, sta)
	}
	if got := storyOf(t, sb, second.ID); got != sta {
		t.Errorf("stored in story %q; want %q", got, sta)
	}
	checkStories(t, sa, 2)
	// b rebuilt once for a's article; its own add did not make it
	// rebuild again, nor did a's index need one for b's own.
	if n := sb.loads.Load(); n != 2 {
		t.Errorf("second corpus built its index %d times; want 2 (start, then once for the other's article)", n)
	}
	decoy := labelledDoc(t, "decoy-bank-lecture.txt")
	if _, err := b.Add(ctx, decoy, "decoy-bank-lecture.txt"); err != nil {
		t.Fatal(err)
	}
	if n := sb.loads.Load(); n != 2 {
		t.Errorf("after its own add, the second corpus built its index %d times; want still 2", n)
	}
	// Adding what the other stored finds it, without grouping.
	if s, err := a.Add(ctx, second, "again"); err != nil || s != sta {
		t.Errorf("adding the other's stored version again = %q, %v; want %q", s, err, sta)
	}
}

// mergeTexts are the texts of TestCorpusMerge: the dam and the
// evacuation stay apart until the third bridges them (joining the
// evacuation's story, into which the dam's is merged); the fourth is the
// dam again, lightly edited.
var mergeTexts = []string{
	"Dam bursts\n\nThe Kakhovka dam on the Dnipro river burst on Tuesday, flooding villages downstream. Engineers said the turbine hall collapsed and water levels in the reservoir fell sharply. Residents of Nova Kakhovka climbed onto roofs.",
	"Evacuation after flood\n\nOfficials in Kherson evacuated thousands of residents by bus and boat as floodwater reached the city's lower districts. Volunteers handed out drinking water and the regional governor warned of mines carried by the current.",
	"Dam collapse floods Kherson\n\nThe Kakhovka dam on the Dnipro river burst on Tuesday and the turbine hall collapsed; as floodwater reached the lower districts of Kherson, officials evacuated thousands of residents by bus and boat, and the regional governor warned of mines carried by the current.",
	"Kakhovka dam bursts\n\nThe Kakhovka dam on the Dnipro river burst early on Tuesday, flooding villages downstream. Engineers said the turbine hall had collapsed, and water levels in the reservoir fell sharply. Residents of Nova Kakhovka climbed onto their roofs.",
}

// TestCorpusSeesOtherProcessMerge: merges across two processes. The
// article bridging two stories merges them although another process
// started one of them, and a merge done by one process is followed by the
// other: a later version of the merged-away story joins the story it was
// merged into, rather than bringing the old one back.
func TestCorpusSeesOtherProcessMerge(t *testing.T) {
	cases := []struct {
		name string
		// by[i] names who adds mergeTexts[i]: "a" and "b" are corpora
		// made before anything is stored, "fresh" one made just before
		// its add (so that it knows what is stored without rebuilding).
		by [4]string
	}{
		// a must see b's evacuation to merge, and b a's merge.
		{"alternating", [4]string{"a", "b", "a", "b"}},
		// Only the second: a started the dam's story, another process
		// merged it away, and a adds a version of it.
		{"merged away under a", [4]string{"a", "b", "fresh", "a"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			sa, sb := openShared(t)
			corpus := func(st store.Store) *Corpus {
				c, err := NewCorpus(ctx, st, story.Options{})
				if err != nil {
					t.Fatal(err)
				}
				return c
			}
			a, b := corpus(sa), corpus(sb)
			docs := make([]*document.Document, len(mergeTexts))
			stories := make([]string, len(docs))
			for i, text := range mergeTexts {
				docs[i] = document.New(text, document.Meta{Published: "2023-06-06"})
				c := a
				switch tc.by[i] {
				case "b":
					c = b
				case "fresh":
					c = corpus(sa)
				}
				s, err := c.Add(ctx, docs[i], "test")
				if err != nil {
					t.Fatal(err)
				}
				stories[i] = s
			}
			if stories[0] == stories[1] {
				t.Fatal("the dam and the evacuation were grouped at once; the test needs them apart")
			}
			if tc.by[2] == "fresh" && stories[2] == stories[0] {
				// A corpus made after both were stored did the merge:
				// this does not depend on seeing another process.
				t.Fatalf("the dam's story was kept in the merge; the test needs it merged away: %v", stories)
			}
			for i, d := range docs {
				if got := storyOf(t, sa, d.ID); got != stories[2] {
					t.Errorf("article %d in story %q; want all in the bridging article's %q (stories as added: %v)", i, got, stories[2], stories)
				}
			}
			checkStories(t, sa, len(docs))
			if n, _ := sa.Stats(ctx); n.Stories != 1 {
				t.Errorf("%d stories; want 1", n.Stories)
			}
		})
	}
}

// TestCorpusAloneNeverRebuilds: a Corpus that is the only writer counts
// its own writes, merges included, and never reloads its index.
func TestCorpusAloneNeverRebuilds(t *testing.T) {
	ctx := context.Background()
	st := &countingStore{Store: openStore(t)}
	c, err := NewCorpus(ctx, st, story.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Every kind of write happens: new stories, versions joining them,
	// duplicates, and (below) a merge.
	for _, n := range labelledNames(t) {
		d := labelledDoc(t, n)
		for range 2 { // the second add finds it stored
			if _, err := c.Add(ctx, d, n); err != nil {
				t.Fatal(err)
			}
		}
	}
	var merged bool
	// The fourth comes after the merge: a miscounted merge would make
	// its add rebuild.
	for _, text := range mergeTexts {
		d := document.New(text, document.Meta{Published: "2023-06-06"})
		var x story.Extractor
		f := x.Extract(d)
		m, _, err := c.AddFeatures(ctx, d, &f, "test")
		if err != nil {
			t.Fatal(err)
		}
		merged = merged || len(m.Merged) > 0
	}
	if !merged {
		t.Fatal("no merge happened; the test needs one")
	}
	if n := st.loads.Load(); n != 1 {
		t.Errorf("index built %d times; want once, at the start", n)
	}
}

// TestCorpusTwoProcessesConcurrently: two Corpus values on two handles
// add the labelled set at once. Two articles grouped at the same instant
// may each miss the other (grouping is not part of the store's
// transaction), but the stories stay consistent: every article in one
// story that exists, sizes adding up.
func TestCorpusTwoProcessesConcurrently(t *testing.T) {
	ctx := context.Background()
	sa, sb := openShared(t)
	names := labelledNames(t)
	docs := make([]*document.Document, len(names))
	for i, n := range names {
		docs[i] = labelledDoc(t, n)
	}
	var wg sync.WaitGroup
	for w, st := range []store.Store{sa, sb} {
		c, err := NewCorpus(ctx, st, story.Options{})
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each process adds every other article, then all of them
			// (finding most stored).
			for i := w; i < len(docs); i += 2 {
				if _, err := c.Add(ctx, docs[i], names[i]); err != nil {
					t.Error(err)
				}
			}
			for i := range docs {
				if _, err := c.Add(ctx, docs[i], names[i]); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	checkStories(t, sa, len(names))
	for i, d := range docs {
		s := storyOf(t, sb, d.ID)
		if _, _, err := sb.Story(ctx, s); err != nil {
			t.Errorf("%s in story %q: %v", names[i], s, err)
		}
	}
}
