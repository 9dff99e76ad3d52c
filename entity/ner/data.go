package ner

import (
	"fmt"
	"os"
	"path/filepath"
)

// ReadCoNLL2003 reads one split ("train", "valid" or "test") of the
// CoNLL-2003 English data in dir (../shared/data/ner/conll2003).
func ReadCoNLL2003(dir, split string) ([]Document, error) {
	return readColumnFile(filepath.Join(dir, split+".txt"), ColumnOptions{Name: "conll2003/" + split})
}

// ReadWikigold reads the wikigold corpus in dir (../shared/data/ner/wikigold).
func ReadWikigold(dir string) ([]Document, error) {
	return readColumnFile(filepath.Join(dir, "wikigold.conll.txt"), ColumnOptions{Name: "wikigold"})
}

// ReadWikiANN reads one split ("train", "dev" or "test") of WikiANN English
// in dir (../shared/data/ner/wikiann-en). Its sentences are unrelated, so
// each is its own document.
func ReadWikiANN(dir, split string) ([]Document, error) {
	return readColumnFile(filepath.Join(dir, split), ColumnOptions{Name: "wikiann/" + split, TokenPrefix: "en:", SentencePerDocument: true})
}

func readColumnFile(path string, opt ColumnOptions) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := ReadColumns(f, opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}
