package ner

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// UnlabelledText gathers the running text under dataDir
// (../shared/data) that word clusters are induced from, as tokenised
// sentences: the CoNLL-2003 train and valid splits (never test), wikigold,
// WikiANN train and dev, the re3d training part (never the held-out part),
// the PolNeAR article texts, the extraction ground-truth bodies, LIAR
// statements, ClaimBuster sentences and the Horne 2017 articles. Labels are
// not used. A missing source is skipped and named in the returned notes.
func UnlabelledText(dataDir string) (sentences [][]string, notes []string, err error) {
	add := func(docs []Document) {
		for _, d := range docs {
			for _, s := range d.Sentences {
				sentences = append(sentences, s.Words)
			}
		}
	}
	addText := func(text string) {
		if !utf8.ValidString(text) {
			// The Horne 2017 files are Windows-1252 (curly quotes as
			// single bytes); anything else invalid goes the same way.
			if t, err := charmap.Windows1252.NewDecoder().String(text); err == nil {
				text = t
			}
		}
		for _, s := range splitSentences(text) {
			if cleanSentence(s) {
				sentences = append(sentences, s)
			}
		}
	}
	skip := func(what string, err error) { notes = append(notes, fmt.Sprintf("skipped %s: %v", what, err)) }

	ner := filepath.Join(dataDir, "ner")
	for _, split := range []string{"train", "valid"} {
		if docs, err := ReadCoNLL2003(filepath.Join(ner, "conll2003"), split); err == nil {
			add(docs)
		} else {
			skip("conll2003 "+split, err)
		}
	}
	if docs, err := ReadWikigold(filepath.Join(ner, "wikigold")); err == nil {
		add(docs)
	} else {
		skip("wikigold", err)
	}
	for _, split := range []string{"train", "dev"} {
		if docs, err := ReadWikiANN(filepath.Join(ner, "wikiann-en"), split); err == nil {
			add(docs)
		} else {
			skip("wikiann "+split, err)
		}
	}
	if train, _, err := ReadRe3d(filepath.Join(ner, "re3d"), nil); err == nil {
		add(train)
	} else {
		skip("re3d", err)
	}
	polnear, _ := filepath.Glob(filepath.Join(dataDir, "attribution/polnear/data/*/text/*.txt"))
	for _, p := range polnear {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, fmt.Errorf("unlabelled text: %w", err)
		}
		addText(string(b))
	}
	if len(polnear) == 0 {
		skip("polnear", os.ErrNotExist)
	}
	if b, err := os.ReadFile(filepath.Join(dataDir, "extraction/ground-truth.json")); err == nil {
		var gt map[string]struct {
			Body string `json:"articleBody"`
		}
		if err := json.Unmarshal(b, &gt); err != nil {
			return nil, nil, fmt.Errorf("unlabelled text: extraction ground truth: %w", err)
		}
		for _, k := range sortedKeys(gt) {
			addText(gt[k].Body)
		}
	} else {
		skip("extraction", err)
	}
	liar, _ := filepath.Glob(filepath.Join(dataDir, "credibility/liar/*.tsv"))
	for _, p := range liar {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, fmt.Errorf("unlabelled text: %w", err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if cols := strings.Split(line, "\t"); len(cols) > 2 {
				addText(cols[2])
			}
		}
	}
	for _, split := range []string{"train", "test"} {
		b, err := os.ReadFile(filepath.Join(dataDir, "claims/claimbuster-2class", split+".json"))
		if err != nil {
			skip("claimbuster "+split, err)
			continue
		}
		var items []struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(b, &items); err != nil {
			return nil, nil, fmt.Errorf("unlabelled text: claimbuster: %w", err)
		}
		for _, it := range items {
			addText(it.Text)
		}
	}
	if zr, err := zip.OpenReader(filepath.Join(dataDir, "credibility/horne2017-fakenewsdata1/Horne2017_FakeNewsData.zip")); err == nil {
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".txt") || f.UncompressedSize64 > 1<<20 {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				zr.Close()
				return nil, nil, fmt.Errorf("unlabelled text: horne2017: %w", err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				zr.Close()
				return nil, nil, fmt.Errorf("unlabelled text: horne2017: %w", err)
			}
			addText(string(b))
		}
		zr.Close()
	} else {
		skip("horne2017", err)
	}
	return sentences, notes, nil
}

// cleanSentence reports whether a sentence is English-like running text
// worth clustering: mostly Latin letters, and no markup left over from web
// pages.
func cleanSentence(words []string) bool {
	latin, other := 0, 0
	for _, w := range words {
		if strings.ContainsAny(w, "<>=") || strings.ContainsRune(w, utf8.RuneError) {
			return false
		}
		for _, r := range w {
			switch {
			case !unicode.IsLetter(r):
			case unicode.Is(unicode.Latin, r):
				latin++
			default:
				other++
			}
		}
	}
	return latin > 0 && other*10 <= latin
}

// splitSentences tokenises raw text and splits it into sentences at line
// breaks and sentence-final punctuation.
func splitSentences(text string) [][]string {
	toks := tokenize(text)
	var out [][]string
	var cur []string
	for i, t := range toks {
		w := text[t[0]:t[1]]
		if len(cur) > 0 && (strings.Contains(text[toks[i-1][1]:t[0]], "\n") || endsSentence(cur[len(cur)-1], w)) {
			out = append(out, cur)
			cur = nil
		}
		cur = append(cur, w)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
