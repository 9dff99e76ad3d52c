package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one tokenised sentence with its gold tags (IOB1, IOB2 or
// BILOU; read with SpansFromTags).
type Sentence struct {
	Words []string
	Tags  []string
}

// Document is a run of sentences from one article. Document-level features
// look across its sentences, so keeping articles apart matters.
type Document struct {
	ID        string
	Sentences []Sentence
}

// Tokens returns the number of tokens in d.
func (d *Document) Tokens() int {
	n := 0
	for _, s := range d.Sentences {
		n += len(s.Words)
	}
	return n
}

// Words returns the token texts of d, sentence by sentence: the input
// Model.Tag takes.
func (d *Document) Words() [][]string {
	w := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		w[i] = s.Words
	}
	return w
}

// ColumnOptions describe a column file (CoNLL-2003, wikigold, WikiANN).
type ColumnOptions struct {
	// Name is used in error messages and document ids.
	Name string
	// TokenPrefix is cut from the front of every token ("en:" in WikiANN).
	TokenPrefix string
	// SentencePerDocument makes every sentence its own document, for
	// corpora of unrelated sentences such as WikiANN.
	SentencePerDocument bool
}

// ReadColumns reads a column file: one token per line, the token in the
// first column and its tag in the last, columns separated by spaces or
// tabs; a blank line ends a sentence and a line whose token is -DOCSTART-
// starts a new document.
func ReadColumns(r io.Reader, opt ColumnOptions) ([]Document, error) {
	var (
		docs []Document
		cur  Document
		sent Sentence
	)
	newID := func() string { return fmt.Sprintf("%s#%d", opt.Name, len(docs)) }
	cur.ID = newID()
	endSentence := func() {
		if len(sent.Words) > 0 {
			cur.Sentences = append(cur.Sentences, sent)
			sent = Sentence{}
		}
		if opt.SentencePerDocument {
			endDocument(&docs, &cur)
			cur.ID = newID()
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		fields := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\t' })
		if len(fields) == 0 {
			endSentence()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			endSentence()
			endDocument(&docs, &cur)
			cur.ID = newID()
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("read %s line %d: want a token and a tag, got %q", opt.Name, line, text)
		}
		tag := fields[len(fields)-1]
		if tag != "O" {
			if _, _, ok := splitTag(tag); !ok {
				return nil, fmt.Errorf("read %s line %d: bad tag %q", opt.Name, line, tag)
			}
		}
		word := strings.TrimPrefix(fields[0], opt.TokenPrefix)
		if word == "" {
			return nil, fmt.Errorf("read %s line %d: empty token", opt.Name, line)
		}
		sent.Words = append(sent.Words, word)
		sent.Tags = append(sent.Tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s line %d: %w", opt.Name, line, err)
	}
	endSentence()
	endDocument(&docs, &cur)
	return docs, nil
}

func endDocument(docs *[]Document, cur *Document) {
	if len(cur.Sentences) > 0 {
		*docs = append(*docs, *cur)
	}
	*cur = Document{}
}
