package server

import (
	"context"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
)

// Corpus adds analysed articles to the store, grouping each into a story.
// *ingest.Corpus is the one crosscheck uses, shared with the ingest
// command.
type Corpus interface {
	// Add stores doc (read from source) unless it is already stored, and
	// returns the story it belongs to, "" when none.
	Add(ctx context.Context, doc *document.Document, source string) (story string, err error)
}

// recentLister is implemented by stores that list articles newest first
// (store/sqlite does); the article list and the entity index need it.
type recentLister interface {
	Recent(ctx context.Context, limit, offset int) ([]store.ArticleInfo, error)
}
