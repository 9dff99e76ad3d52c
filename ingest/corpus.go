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
type Corpus struct {
	st store.Store

	mu    sync.Mutex
	index *story.Index
	x     story.Extractor
}

// NewCorpus returns a Corpus over st, rebuilding its grouping index from
// the articles st holds.
func NewCorpus(ctx context.Context, st store.Store, opts story.Options) (*Corpus, error) {
	ix, err := LoadIndex(ctx, st, opts)
	if err != nil {
		return nil, err
	}
	return &Corpus{st: st, index: ix}, nil
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
func (c *Corpus) AddFeatures(ctx context.Context, doc *document.Document, f *story.Features, source string) (m story.Match, added bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if a, err := c.st.Get(ctx, doc.ID); err == nil {
		return story.Match{Story: a.Story, Reason: "stored"}, false, nil
	}
	m = c.index.Add(doc.ID, f)
	art := &store.Article{Doc: doc, Story: m.Story, Features: f.Encode(nil), Source: source, Added: time.Now()}
	ok, err := c.st.Put(ctx, art)
	if err != nil {
		// The index now holds an article the store does not: harmless
		// for grouping (it only attracts later versions to a story that
		// then exists once they are stored), and gone at the next start.
		return m, false, err
	}
	// The article bridged other stories into its own: move their
	// articles. Each story moves in one transaction; a crash between
	// leaves stories unmerged, never an article in two.
	for _, from := range m.Merged {
		if err := c.merge(ctx, from, m.Story); err != nil {
			return m, ok, err
		}
	}
	return m, ok, nil
}

// merge moves every article of story from into story into.
func (c *Corpus) merge(ctx context.Context, from, into string) error {
	_, arts, err := c.st.Story(ctx, from)
	if errors.Is(err, store.ErrNotFound) {
		return nil // nothing stored under it (its only article failed to store)
	}
	if err != nil {
		return fmt.Errorf("merge story %s into %s: %w", from, into, err)
	}
	moves := make([]store.Assignment, len(arts))
	for i, a := range arts {
		moves[i] = store.Assignment{Article: a.Doc.ID, Story: into}
	}
	if err := c.st.Assign(ctx, moves); err != nil {
		return fmt.Errorf("merge story %s into %s: %w", from, into, err)
	}
	return nil
}

// Index returns the grouping index, for inspection. Do not use it while
// documents are being added.
func (c *Corpus) Index() *story.Index { return c.index }
