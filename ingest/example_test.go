package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/crosscheck/crosscheck/ingest"
	"github.com/crosscheck/crosscheck/store/sqlite"
)

// Ingest a folder of articles into a fresh store twice: the second run
// finds everything already stored.
func Example() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Title: Ferry service resumes\nOutlet: Island News\nDate: 2024-05-06\n\nThe ferry to the island resumed on Monday after three days of storms, the operator said.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("Title: Storms over, ferries sail again\nOutlet: Coast Daily\nDate: 2024-05-06\n\nFerries to the island sailed again on Monday after storms had halted them for three days, the operator said.\n"), 0o644)

	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "corpus.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	for range 2 {
		g, err := ingest.New(ctx, st, ingest.Options{Jobs: 1})
		if err != nil {
			fmt.Println(err)
			return
		}
		s, err := g.Ingest(ctx, []string{dir})
		fmt.Printf("added %d, already stored %d, failed %d, err %v\n", s.Added, s.Duplicate, s.Failed, err)
	}
	// Output:
	// added 2, already stored 0, failed 0, err <nil>
	// added 0, already stored 2, failed 0, err <nil>
}
