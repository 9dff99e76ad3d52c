package story

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

// readDoc builds a Document from a header-block file without the analysis
// stages: the title as the first paragraph, as extract lays it out. The
// comparison and grouping tests use it to test their own logic on
// text-only documents.
func readDoc(t testing.TB, path string) *document.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var meta document.Meta
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			break
		}
		k, v, _ := strings.Cut(line, ":")
		v = strings.TrimSpace(v)
		switch k {
		case "Title":
			meta.Title = v
		case "Outlet":
			meta.Outlet = v
		case "URL":
			meta.URL = v
		case "Date":
			meta.Published = v
		}
	}
	var paras []string
	var cur []string
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, " "))
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, " "))
	}
	text := meta.Title + "\n\n" + strings.Join(paras, "\n\n")
	meta.Source = filepath.Base(path)
	d := document.New(text, meta)
	d.Headline = &document.Span{Start: 0, End: len(meta.Title)}
	return d
}

// readSet reads a labelled folder: its documents by file name and truth.
func readSet(t testing.TB, dir string) (map[string]*document.Document, *Truth) {
	t.Helper()
	truth, err := LoadTruth(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*document.Document{}
	for name := range truth.Labels() {
		docs[name] = readDoc(t, filepath.Join(dir, name))
	}
	return docs, truth
}
