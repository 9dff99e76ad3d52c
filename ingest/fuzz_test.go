package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDumps feeds arbitrary bytes to the JSON-lines and CSV readers: every
// record becomes an item or a reported failure, never a panic or a hang.
func FuzzDumps(f *testing.F) {
	f.Add([]byte("{\"title\":\"T\",\"text\":\"Body.\"}\nnot json\n"), true)
	f.Add([]byte("title,text\n\"a\",\"b\"\n\"unterminated,x\n"), false)
	f.Add([]byte("\xef\xbb\xbfBody,URL\nx,https://example.com/a\n"), false)
	f.Add([]byte("{}\n\n\n{\"html\":\"<p>x</p>\"}"), true)
	f.Fuzz(func(t *testing.T, data []byte, jsonl bool) {
		name := "d.csv"
		if jsonl {
			name = "d.jsonl"
		}
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		out := make(chan item)
		w := &walker{ctx: ctx, out: out, maxSize: 1 << 16}
		go func() {
			defer close(out)
			w.file(p, 0)
		}()
		for it := range out {
			if it.err == nil && it.in == nil && it.url == "" {
				t.Fatalf("item %s has nothing to read and no error", it.name)
			}
		}
	})
}
