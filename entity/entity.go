// Package entity finds the people, organisations, places and groups an
// article talks about, links them to gazetteers, clusters their mentions
// and records the roles people hold.
package entity

import "github.com/crosscheck/crosscheck/document"

// Annotator recognises and links entities. It is safe for concurrent use.
type Annotator struct{}

// New loads the embedded model and gazetteers.
func New() (*Annotator, error) { return &Annotator{}, nil }

// Annotate fills doc.Entities from doc.Text, doc.Sentences and doc.Tokens.
func (a *Annotator) Annotate(doc *document.Document) {
	// TODO(entity): placeholder until recognition and linking land.
}
