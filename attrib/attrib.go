// Package attrib finds quotes and attributions: who said what, with the
// speaker resolved to an entity, the cue and the content.
//
// A sequence tagger (Model, an averaged perceptron trained on PolNeAR's
// train split, with WordNet's word classes among its features) marks
// source, cue and content tokens paragraph by paragraph; the spans are
// grouped into attributions around their cues; rules add the direct
// quotes the tagger missed (quotation marks are a surer sign than any
// learned weight) and join quotes that run across paragraphs; the cue
// stage looks again at each cue the tagger found as a whole span,
// choosing its end or dropping it; finally each source is resolved to an
// entity through the entity layer's mentions, or marked anonymous or
// unresolved.
package attrib

import (
	"bytes"
	_ "embed"
	"log/slog"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck/document"
)

//go:embed model/attrib.bin
var embeddedModel []byte

// defaultModel loads the embedded model once; it is read-only after.
var defaultModel = sync.OnceValues(func() (*Model, error) {
	m, err := ReadModel(bytes.NewReader(embeddedModel))
	if err != nil {
		return nil, err
	}
	// Tagging reads only the compact joint table; the full-precision
	// tables (36 MB) are for writing and pruning, which the shared
	// default model never does.
	m.first.keys, m.first.weights = nil, nil
	m.second.keys, m.second.weights = nil, nil
	// Likewise the WordNet map (several megabytes): tagging reads the
	// packed lexicon table.
	m.wn = nil
	if m.stage != nil {
		m.stage.w = nil
	}
	return m, nil
})

// DefaultModel returns the embedded model, ready for tagging. It is
// shared and read-only, and cannot be written out or pruned (ReadModel
// over the model file gives one that can).
func DefaultModel() (*Model, error) { return defaultModel() }

// Annotate fills doc.Quotes, using doc.Entities to resolve speakers. It
// uses the embedded model; should that fail to load (a broken build), it
// falls back to the rules alone.
func Annotate(doc *document.Document) {
	m, err := defaultModel()
	if err != nil {
		// Only a broken build gets here (the model is embedded); say so
		// on every document rather than fail the whole analysis.
		slog.Error("attrib: embedded model unusable, using rules alone", "err", err)
		m = &Model{}
	}
	m.Annotate(doc)
}

// Annotate fills doc.Quotes with the attributions m and the rules find.
func (m *Model) Annotate(doc *document.Document) {
	doc.Quotes = m.Quotes(doc)
}

// Quotes returns the attributions in doc, in text order.
func (m *Model) Quotes(doc *document.Document) []document.Quote {
	if len(doc.Text) == 0 {
		return nil
	}
	l := newLayout(doc)
	if len(l.tokens) == 0 {
		return nil
	}
	rels := m.relations(doc.Text, l)
	rels = m.applyCueStage(doc.Text, l, rels)
	quotes := make([]document.Quote, 0, len(rels))
	ix := newMentionIndex(doc)
	for _, r := range rels {
		// Rules may have shortened a chunk to nothing; such chunks, and
		// relations left without content, go.
		kept := r.content[:0]
		for _, c := range r.content {
			if c.to > c.from {
				kept = append(kept, c)
			}
		}
		r.content = kept
		if len(r.content) == 0 || r.cue.to <= r.cue.from {
			continue
		}
		q := document.Quote{
			Cue:    spanOf(l, r.cue.from, r.cue.to),
			Direct: direct(doc.Text, l, r.content),
		}
		for _, c := range r.content {
			q.Parts = append(q.Parts, spanOf(l, c.from, c.to))
		}
		q.Content = document.Span{Start: q.Parts[0].Start, End: q.Parts[len(q.Parts)-1].End}
		if len(q.Parts) == 1 {
			q.Parts = nil
		}
		if r.source != nil && r.source.to > r.source.from {
			s := spanOf(l, r.source.from, r.source.to)
			q.Source = &s
		}
		resolve(doc, ix, &q)
		quotes = append(quotes, q)
	}
	// A quote without source words takes its speaker from the sentence:
	// an earlier attribution of the same sentence ("she played it down
	// and said ..."), else the nearest person or organisation named
	// before the cue.
	for i := range quotes {
		q := &quotes[i]
		if q.Source != nil {
			continue
		}
		si := sentenceOf(l, tokenIndex(l, q.Cue.Start))
		for j := i - 1; j >= 0; j-- {
			p := quotes[j]
			if sentenceOf(l, tokenIndex(l, p.Cue.Start)) != si {
				break
			}
			if p.Source != nil {
				q.Speaker, q.Attribution = p.Speaker, p.Attribution
				break
			}
		}
		sent := l.sentences[min(si, len(l.sentences)-1)]
		// A participle opening the sentence has the main clause's
		// subject: "Answering a question about ..., he said that ...".
		if q.Attribution == document.AttributionUnresolved && strings.TrimSpace(doc.Text[sent.Start:q.Cue.Start]) == "" &&
			strings.HasSuffix(doc.Slice(q.Cue), "ing") {
			for j := i + 1; j < len(quotes) && sentenceOf(l, tokenIndex(l, quotes[j].Cue.Start)) == si; j++ {
				if p := quotes[j]; p.Source != nil {
					q.Speaker, q.Attribution = p.Speaker, p.Attribution
					break
				}
			}
		}
		if q.Attribution != document.AttributionUnresolved {
			continue
		}
		if id := ix.entityBetween(sent.Start, q.Cue.Start, q.Parts, q.Content); id != "" {
			q.Speaker, q.Attribution = id, document.AttributionNamed
		} else if anonymousAfter(doc.Text, sent.Start) && strings.Contains(doc.Text[sent.Start:q.Cue.Start], ",") {
			q.Attribution = document.AttributionAnonymous
		}
	}
	return quotes
}
