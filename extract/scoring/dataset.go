package scoring

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Item is one page of the benchmark.
type Item struct {
	// ID is the SHA-256 of the page URL, in hex.
	ID  string
	URL string
	// Truth is the article body, paragraphs separated by "\n\n".
	Truth string
	// HTML is the page, uncompressed.
	HTML []byte
}

// Load reads the benchmark at dir: ground-truth.json and html/<id>.html.gz
// for every id in it, sorted by id.
func Load(dir string) ([]Item, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no ground-truth.json in %s: %w", dir, err)
		}
		return nil, fmt.Errorf("read ground truth: %w", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, fmt.Errorf("parse ground-truth.json: %w", err)
	}
	items := make([]Item, 0, len(truth))
	for id, t := range truth {
		html, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", id, err)
		}
		items = append(items, Item{ID: id, URL: t.URL, Truth: t.ArticleBody, HTML: html})
	}
	slices.SortFunc(items, func(a, b Item) int { return strings.Compare(a.ID, b.ID) })
	return items, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	defer zr.Close()
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	return data, nil
}
