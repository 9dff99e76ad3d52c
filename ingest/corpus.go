package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/story"
)

// Corpus stores analysed documents, grouping each into a story as it
// comes: the one call the web server and the ingester share. It is safe
// for concurrent use; grouping and storing happen one document at a time.
//
// Several Corpus values, in one process or several, may share a store
// (a watch polling feeds next to a serve): each notices the others'
// writes through store.Store.Generation and rebuilds its index before
// grouping, so that a new version joins the story another process made
// and never a story another process merged away. A rebuild reads every
// article's features and indexes them again: about 3 s per 100,000
// articles on SQLite (BenchmarkRebuild; docs/benchmarks-stories.md),
// holding the lock, so the add that triggers it waits that long. It
// happens only in an add that follows writes by another process, once
// however many they were; a Corpus alone on its store never rebuilds.
// Two adds grouped at the same instant in two processes may still each
// miss the other; crosscheck stories --regroup mends that.
type Corpus struct {
	st   store.Store
	opts story.Options

	mu    sync.Mutex
	index *story.Index
	// gen is the store generation the index reflects: every article and
	// move up to it is in the index. When the store's differs, the index
	// is rebuilt before grouping.
	gen int64
	x   story.Extractor
}

// NewCorpus returns a Corpus over st, rebuilding its grouping index from
// the articles st holds.
func NewCorpus(ctx context.Context, st store.Store, opts story.Options) (*Corpus, error) {
	c := &Corpus{st: st, opts: opts}
	g, err := st.Generation(ctx)
	if err != nil {
		return nil, fmt.Errorf("load story index: %w", err)
	}
	if err := c.rebuild(ctx, g); err != nil {
		return nil, err
	}
	return c, nil
}

// rebuild loads the index afresh from the store, whose generation was
// read as g just before. A write that lands between that read and the
// load is then either in the index and counted again later (one needless
// rebuild), or not in the index and not counted (rebuilt next time):
// never missed.
func (c *Corpus) rebuild(ctx context.Context, g int64) error {
	ix, err := LoadIndex(ctx, c.st, c.opts)
	if err != nil {
		return err
	}
	c.index, c.gen = ix, g
	return nil
}

// Add stores doc, read from source, unless the same text is already
// stored, and returns the story it belongs to.
func (c *Corpus) Add(ctx context.Context, doc *document.Document, source string) (string, error) {
	c.mu.Lock()
	f := c.x.Extract(doc)
	c.mu.Unlock()
	m, _, err := c.AddFeatures(ctx, doc, &f, source)
	return m.Story, err
}

// AddFeatures is Add with the document's features already computed (they
// are the costly part, and can be computed in parallel). added is false
// when the document was already stored; the match then names its story.
// When another process has written to the store since this Corpus last
// looked, the index is rebuilt first (see Corpus).
func (c *Corpus) AddFeatures(ctx context.Context, doc *document.Document, f *story.Features, source string) (m story.Match, added bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	// The generation is read before looking the document up, so that an
	// article another process stores after the look-up moves it, and the
	// next call rebuilds.
	before, err := c.st.Generation(ctx)
	if err != nil {
		return story.Match{}, false, fmt.Errorf("add %s: %w", doc.ID, err)
	}
	if a, err := c.st.Get(ctx, doc.ID); err == nil {
		return story.Match{Story: a.Story, Reason: "stored"}, false, nil
	}
	if before != c.gen {
		if err := c.rebuild(ctx, before); err != nil {
			return story.Match{}, false, fmt.Errorf("add %s: %w", doc.ID, err)
		}
	}
	m = c.index.Add(doc.ID, f)
	art := &store.Article{Doc: doc, Story: m.Story, Features: f.Encode(nil), Source: source, Added: time.Now()}
	ok, err := c.st.Put(ctx, art)
	if err != nil {
		// The index now holds an article the store does not: harmless
		// for grouping (it only attracts later versions to a story that
		// then exists once they are stored), and gone at the next start
		// or the next rebuild.
		return m, false, err
	}
	// own counts the generation bumps of this call's own writes: one for
	// an added article, one for each merge's Assign.
	var own int64
	if ok {
		own++
	}
	// The article bridged other stories into its own: move their
	// articles. Each story moves in one transaction; a crash between
	// leaves stories unmerged, never an article in two.
	for _, from := range m.Merged {
		moved, err := c.merge(ctx, from, m.Story)
		if err != nil {
			// The store is ahead of c.gen by this call's Put (when it
			// added), so the next call rebuilds, which also forgets the
			// merges the index made and the store did not.
			return m, ok, err
		}
		if moved {
			own++
		}
	}
	// Only if nobody else wrote meanwhile does the index (as rebuilt,
	// plus this call's additions) reflect the store; otherwise c.gen
	// stays behind and the next call rebuilds. A failed read is no
	// failure of the add, which is stored: it too leaves c.gen behind.
	if after, err := c.st.Generation(ctx); err == nil && after == before+own {
		c.gen = after
	}
	return m, ok, nil
}

// merge moves every article of story from into story into, and reports
// whether it wrote (an Assign, which bumps the store generation).
func (c *Corpus) merge(ctx context.Context, from, into string) (bool, error) {
	_, arts, err := c.st.Story(ctx, from)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil // nothing stored under it (its only article failed to store)
	}
	if err != nil {
		return false, fmt.Errorf("merge story %s into %s: %w", from, into, err)
	}
	if len(arts) == 0 {
		return false, nil
	}
	moves := make([]store.Assignment, len(arts))
	for i, a := range arts {
		moves[i] = store.Assignment{Article: a.Doc.ID, Story: into}
	}
	if err := c.st.Assign(ctx, moves); err != nil {
		return false, fmt.Errorf("merge story %s into %s: %w", from, into, err)
	}
	return true, nil
}

// Index returns the grouping index, for inspection. Do not use it while
// documents are being added.
func (c *Corpus) Index() *story.Index { return c.index }
