package polnear

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/crosscheck/crosscheck/attrib"
	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// BIOSentence is one line of CofeNet's conversion of PolNeAR
// (cofenet-bio/*.txt): Penn Treebank tokens and their BIO labels
// (B-/I-source, B-/I-cue, B-/I-content, O).
type BIOSentence struct {
	Tokens []string `json:"tokens"`
	Labels []string `json:"labels"`
	ID     string   `json:"id"`
}

// LoadBIO reads a CofeNet BIO file.
func LoadBIO(path string) ([]BIOSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load cofenet bio: %w", err)
	}
	defer f.Close()
	return readBIO(f)
}

func readBIO(r io.Reader) ([]BIOSentence, error) {
	var out []BIOSentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var s BIOSentence
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("load cofenet bio: line %d: %w", n, err)
		}
		if len(s.Tokens) != len(s.Labels) {
			return nil, fmt.Errorf("load cofenet bio: line %d: %d tokens, %d labels", n, len(s.Tokens), len(s.Labels))
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("load cofenet bio: %w", err)
	}
	return out, nil
}

// BIOScores are exact chunk scores per role, counted as CofeNet counts
// them: a predicted chunk is right when a gold chunk of the same role has
// the same first and last token.
type BIOScores struct {
	Source, Cue, Content PRF
}

// ptbText maps Penn Treebank escapes back to the characters they stand
// for.
var ptbText = map[string]string{
	"``": "“", "''": "”", "`": "‘", "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]",
	"-LCB-": "{", "-RCB-": "}",
}

// detokenize joins tokens into text as a writer would have typed it (no
// space before closing punctuation and clitics, none after opening
// marks), and returns each token's byte span.
func detokenize(toks []string) (string, []document.Span) {
	var b strings.Builder
	spans := make([]document.Span, len(toks))
	noSpaceAfter := false
	for i, t := range toks {
		if r, ok := ptbText[t]; ok {
			t = r
		}
		attach := noSpaceAfter || i == 0
		switch t {
		case ".", ",", ";", ":", "?", "!", "%", ")", "]", "}", "”", "'s", "'", "’", "n't", "'re", "'ve", "'ll", "'d", "'m", "...":
			attach = true
		}
		if !attach {
			b.WriteByte(' ')
		}
		spans[i] = document.Span{Start: b.Len(), End: b.Len() + len(t)}
		b.WriteString(t)
		noSpaceAfter = t == "“" || t == "(" || t == "[" || t == "{" || t == "‘" || t == "$"
	}
	return b.String(), spans
}

type chunkKey struct {
	role     string
	from, to int
}

// bioChunks returns the chunks of a BIO label sequence.
func bioChunks(labels []string) map[chunkKey]bool {
	out := map[chunkKey]bool{}
	for i := 0; i < len(labels); {
		l := labels[i]
		if l == "O" || len(l) < 3 {
			i++
			continue
		}
		role := l[2:]
		j := i + 1
		for j < len(labels) && labels[j] == "I-"+role {
			j++
		}
		out[chunkKey{role, i, j}] = true
		i = j
	}
	return out
}

// EvaluateBIO runs m over each sentence, detokenized into a one-paragraph
// Document, and scores its spans as token chunks.
func EvaluateBIO(ctx context.Context, sents []BIOSentence, m *attrib.Model) (BIOScores, error) {
	var s BIOScores
	for _, bs := range sents {
		if err := ctx.Err(); err != nil {
			return s, err
		}
		txt, spans := detokenize(bs.Tokens)
		doc := document.New(txt, document.Meta{Language: "en"})
		text.Segment(doc)
		toChunk := func(role string, sp document.Span) (chunkKey, bool) {
			from, to := -1, -1
			for i, t := range spans {
				if t.Start < sp.End && sp.Start < t.End {
					if from < 0 {
						from = i
					}
					to = i + 1
				}
			}
			return chunkKey{role, from, to}, from >= 0
		}
		pred := map[chunkKey]bool{}
		for _, q := range m.Quotes(doc) {
			if q.Source != nil {
				if k, ok := toChunk("source", *q.Source); ok {
					pred[k] = true
				}
			}
			if k, ok := toChunk("cue", q.Cue); ok {
				pred[k] = true
			}
			parts := q.Parts
			if len(parts) == 0 {
				parts = []document.Span{q.Content}
			}
			for _, p := range parts {
				if k, ok := toChunk("content", p); ok {
					pred[k] = true
				}
			}
		}
		gold := bioChunks(bs.Labels)
		for _, r := range []struct {
			role string
			c    *PRF
		}{{"source", &s.Source}, {"cue", &s.Cue}, {"content", &s.Content}} {
			for k := range gold {
				if k.role == r.role {
					r.c.Gold++
				}
			}
			for k := range pred {
				if k.role == r.role {
					r.c.Pred++
					if gold[k] {
						r.c.TP++
					}
				}
			}
		}
	}
	return s, nil
}
