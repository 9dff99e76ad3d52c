// Package attrib finds quotes and attributions: who said what, with the
// speaker resolved to an entity, the cue and the content.
//
// A sequence tagger (Model, an averaged perceptron trained on PolNeAR's
// train split) marks source, cue and content tokens paragraph by
// paragraph; the spans are grouped into attributions around their cues;
// rules add the direct quotes the tagger missed (quotation marks are a
// surer sign than any learned weight) and join quotes that run across
// paragraphs; finally each source is resolved to an entity through the
// entity layer's mentions, or marked anonymous or unresolved.
package attrib

import (
	"bytes"
	_ "embed"
	"sync"

	"github.com/crosscheck/crosscheck/document"
)

//go:embed model/attrib.bin
var embeddedModel []byte

// defaultModel loads the embedded model once; it is read-only after.
var defaultModel = sync.OnceValues(func() (*Model, error) {
	return ReadModel(bytes.NewReader(embeddedModel))
})

// DefaultModel returns the embedded model.
func DefaultModel() (*Model, error) { return defaultModel() }

// Annotate fills doc.Quotes, using doc.Entities to resolve speakers. It
// uses the embedded model; should that fail to load (a broken build), it
// falls back to the rules alone.
func Annotate(doc *document.Document) {
	m, err := defaultModel()
	if err != nil {
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
	rels := m.extract(doc.Text, l)
	rels = addQuoteRules(doc.Text, l, m, rels)
	quotes := make([]document.Quote, 0, len(rels))
	var prev *document.Quote
	for _, r := range rels {
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
		if r.source != nil {
			s := spanOf(l, r.source.from, r.source.to)
			q.Source = &s
		}
		resolve(doc, l, &q, prev)
		quotes = append(quotes, q)
		prev = &quotes[len(quotes)-1]
	}
	return quotes
}
