// Package pipeline runs crosscheck's analysis stages over a Document in
// order: text, entity, attrib, claim, check. Each stage reads what earlier
// ones filled in and adds its own part.
package pipeline

import (
	"context"
	"fmt"

	"github.com/crosscheck/crosscheck/attrib"
	"github.com/crosscheck/crosscheck/check"
	"github.com/crosscheck/crosscheck/claim"
	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/entity"
	"github.com/crosscheck/crosscheck/text"
)

// Pipeline holds the loaded models the stages share. It is safe for
// concurrent use.
type Pipeline struct {
	entities *entity.Annotator
}

// New loads the models and tables the stages need.
func New() (*Pipeline, error) {
	ents, err := entity.New()
	if err != nil {
		return nil, fmt.Errorf("load entity models: %w", err)
	}
	return &Pipeline{entities: ents}, nil
}

// EnglishOnly is the note added to documents in other languages.
const EnglishOnly = "the article is not in English: crosscheck extracted it, but its deeper analysis (entities, quotes, claims, checks) is English-only for now"

// Analyze runs every stage over doc. Documents detected as not English get
// the text layer and a note, and no deeper analysis.
func (p *Pipeline) Analyze(ctx context.Context, doc *document.Document) error {
	text.Segment(doc)
	if lang := doc.Meta.Language; lang != "" && lang != "en" {
		doc.Notes = append(doc.Notes, EnglishOnly)
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	p.entities.Annotate(doc)
	attrib.Annotate(doc)
	claim.Annotate(doc)
	check.Run(doc)
	return nil
}
