// Package store keeps crosscheck's corpus: analysed articles, the stories
// they are grouped into, and what the fetcher remembers about each URL.
//
// Store is the one interface; each backend is a sub-package named for what
// it depends on: store/sqlite (embedded, the default) implements it, and
// store/storetest is the conformance suite every backend runs.
//
// Articles are keyed by their content hash (document.Document.ID), so that
// putting the same article twice changes nothing. Every write is one
// transaction: a crash loses at most the write in flight.
package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/crosscheck/crosscheck/document"
)

// ErrNotFound is returned (wrapped) when an article, story or fetch record
// does not exist. Test for it with errors.Is.
var ErrNotFound = errors.New("not found")

// Article is one analysed article as the corpus holds it.
type Article struct {
	// Doc is the whole analysed document; Doc.ID is the key.
	Doc *document.Document
	// Story is the id of the story the article belongs to; "" when it has
	// not been grouped.
	Story string
	// Features is the grouping index's compact summary of the article
	// (story.Features, encoded). The store keeps it opaque so that the
	// index can be rebuilt without re-reading every document.
	Features []byte
	// Source is where the article was ingested from (a path or URL).
	Source string
	// Added is when the article entered the store; set by Put when zero.
	Added time.Time
}

// ArticleInfo is the short form of an article used in listings.
type ArticleInfo struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Outlet    string    `json:"outlet"`
	URL       string    `json:"url"`
	Published string    `json:"published"`
	Story     string    `json:"story"`
	Source    string    `json:"source"`
	Added     time.Time `json:"added"`
}

// Story is a group of articles reporting the same event.
type Story struct {
	ID string `json:"id"`
	// Title is the title of the article that started the story.
	Title string `json:"title"`
	// Size is the number of articles in the story.
	Size int `json:"size"`
	// First and Last are the earliest and latest publication dates of its
	// articles (YYYY-MM-DD), "" when none is known.
	First string `json:"first"`
	Last  string `json:"last"`
	// Updated is when an article last joined the story.
	Updated time.Time `json:"updated"`
}

// Hit is one result of a full-text search.
type Hit struct {
	ArticleInfo
	// Snippet is a short excerpt around the match, with matches wrapped
	// in [ and ].
	Snippet string `json:"snippet"`
	// Rank orders hits: lower is better.
	Rank float64 `json:"rank"`
}

// FetchState is what the fetcher remembers about one URL, for conditional
// GET and for skipping pages already ingested.
type FetchState struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Status       int       `json:"status"`
	Fetched      time.Time `json:"fetched"`
	// Article is the id of the article the URL yielded, "" for feeds and
	// failures.
	Article string `json:"article,omitempty"`
}

// Assignment moves one article into a story.
type Assignment struct {
	Article string
	Story   string
}

// StoryQuery selects stories to list.
type StoryQuery struct {
	// MinSize keeps stories with at least this many articles.
	MinSize int
	// Limit caps the number returned; 0 means no limit.
	Limit  int
	Offset int
}

// Stats counts what the store holds.
type Stats struct {
	Articles int `json:"articles"`
	Stories  int `json:"stories"`
	Fetched  int `json:"fetched"`
}

// Store is crosscheck's corpus. Implementations are safe for concurrent
// use. Every method takes a context and stops when it is cancelled.
type Store interface {
	// Put stores a, keyed by a.Doc.ID, and (when a.Story is set) adds it
	// to that story, creating the story if needed, all in one
	// transaction. When an article with the same ID is already stored,
	// Put changes nothing and returns added == false with a nil error.
	Put(ctx context.Context, a *Article) (added bool, err error)

	// Get returns the article with the given ID, or an error wrapping
	// ErrNotFound.
	Get(ctx context.Context, id string) (*Article, error)

	// Has reports whether an article with the given ID is stored.
	Has(ctx context.Context, id string) (bool, error)

	// Features calls fn for every stored article in the order they were
	// added, with its story and features, so that a grouping index can be
	// rebuilt. It stops at, and returns, the first error fn returns.
	Features(ctx context.Context, fn func(id, story string, features []byte) error) error

	// Assign moves articles between stories in one transaction, creating
	// stories as needed and deleting those left empty. Unknown article
	// IDs are an error wrapping ErrNotFound, and nothing is changed.
	Assign(ctx context.Context, moves []Assignment) error

	// Stories lists stories, largest first, then most recently updated.
	Stories(ctx context.Context, q StoryQuery) ([]Story, error)

	// Story returns one story and its articles, earliest published first
	// (undated ones last), or an error wrapping ErrNotFound.
	Story(ctx context.Context, id string) (*Story, []*Article, error)

	// Search runs a full-text query over titles and texts and returns
	// up to limit hits, best first. The query is words that must all
	// appear (any inflection the tokenizer folds together), "quoted
	// phrases", a trailing * for a prefix, and OR between alternatives;
	// other punctuation is ignored. An empty query is an error.
	Search(ctx context.Context, query string, limit int) ([]Hit, error)

	// FetchState returns what is remembered about url, or an error
	// wrapping ErrNotFound.
	FetchState(ctx context.Context, url string) (*FetchState, error)

	// PutFetchState records s, replacing any earlier record for s.URL.
	PutFetchState(ctx context.Context, s *FetchState) error

	// Stats counts articles, stories and fetch records.
	Stats(ctx context.Context) (Stats, error)

	// Generation returns a number that changes whenever any process
	// using the store adds an article (a Put that returns added == true)
	// or moves articles (an Assign with at least one move, even one that
	// leaves an article where it was). It is bumped by one in the same
	// transaction as that write, so it becomes visible together with it;
	// nothing else changes it (a Put of a stored article, PutFetchState,
	// reads). A grouping index built from Features therefore stays current
	// while Generation is unchanged: read Generation before reading
	// Features, and rebuild when it has changed since. Values only mean
	// something compared with one another, on the same store.
	Generation(ctx context.Context) (int64, error)

	// Close releases the store. Using it afterwards is an error.
	Close() error
}

// Info returns the short form of a.
func (a *Article) Info() ArticleInfo {
	return ArticleInfo{
		ID:        a.Doc.ID,
		Title:     a.Doc.Meta.Title,
		Outlet:    a.Doc.Meta.Outlet,
		URL:       a.Doc.Meta.URL,
		Published: a.Doc.Meta.Published,
		Story:     a.Story,
		Source:    a.Source,
		Added:     a.Added,
	}
}

// DefaultPath is where the embedded store lives unless told otherwise:
// $CROSSCHECK_DB when set, else $XDG_DATA_HOME/crosscheck/crosscheck.db,
// else ~/.local/share/crosscheck/crosscheck.db, and ./crosscheck.db when
// no home directory is known.
func DefaultPath() string {
	if p := os.Getenv("CROSSCHECK_DB"); p != "" {
		return p
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "crosscheck", "crosscheck.db")
	}
	if h, err := os.UserHomeDir(); err == nil && h != "" {
		return filepath.Join(h, ".local", "share", "crosscheck", "crosscheck.db")
	}
	return "crosscheck.db"
}
