package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/sqlite"
)

// Store an article in a story, then find it by a word of its text.
func Example() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "corpus.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	doc := document.New("Ferry service resumes\n\nThe ferries sailed again on Monday after three days of storms.",
		document.Meta{Title: "Ferry service resumes", Outlet: "Island News", Published: "2024-05-06"})
	added, _ := db.Put(ctx, &store.Article{Doc: doc, Story: "s1"})
	again, _ := db.Put(ctx, &store.Article{Doc: doc, Story: "s1"})
	hits, _ := db.Search(ctx, "ferry storm", 5)
	fmt.Println(added, again, len(hits), hits[0].Title, hits[0].Story)
	// Output: true false 1 Ferry service resumes s1
}
