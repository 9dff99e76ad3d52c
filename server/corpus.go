package server

import (
	"context"
	"errors"
	"fmt"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
)

// Corpus adds analysed articles to the store, grouping each into a story.
type Corpus interface {
	// Add stores doc (read from source) unless it is already stored, and
	// returns the story it belongs to, "" when none.
	Add(ctx context.Context, doc *document.Document, source string) (story string, err error)
}

// StoreOnly is a Corpus that puts articles into st without grouping them.
//
// INTEGRATION POINT (issue 6): grouping an article into a story is the job
// of packages ingest and story, which are being written alongside this
// one. When they offer one call that stores and groups an article, the
// serve command passes an adapter over it as Config.Corpus, and this
// fallback remains only for stores nobody groups.
func StoreOnly(st store.Store) Corpus { return storeOnly{st} }

type storeOnly struct{ st store.Store }

func (c storeOnly) Add(ctx context.Context, doc *document.Document, source string) (string, error) {
	a, err := c.st.Get(ctx, doc.ID)
	switch {
	case err == nil:
		return a.Story, nil
	case !errors.Is(err, store.ErrNotFound):
		return "", err
	}
	if _, err := c.st.Put(ctx, &store.Article{Doc: doc, Source: source}); err != nil {
		return "", fmt.Errorf("put: %w", err)
	}
	return "", nil
}

// recentLister is implemented by stores that list articles newest first
// (store/sqlite does); the article list and the entity index need it.
type recentLister interface {
	Recent(ctx context.Context, limit, offset int) ([]store.ArticleInfo, error)
}
