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
	claims   *claim.Annotator
}

// New loads the models and tables the stages need.
func New() (*Pipeline, error) {
	ents, err := entity.New()
	if err != nil {
		return nil, fmt.Errorf("load entity models: %w", err)
	}
	return &Pipeline{entities: ents, claims: claim.NewAnnotator()}, nil
}

// EnglishOnly is the note added to documents in other languages.
const EnglishOnly = "the article is not in English: crosscheck extracted it, but its deeper analysis (entities, quotes, claims, checks) is English-only for now"

// English reports whether the deeper stages should run on an article with
// this metadata: unless it is confidently in another language. Language
// detection on a short text is a guess ("SOCCER - RESULTS" reads as
// French), and losing the analysis of an English article costs more than
// running it on a foreign one.
func English(meta document.Meta) bool {
	return meta.Language == "" || meta.Language == "en" || meta.LanguageConfidence <= 0.5
}

// Analyze runs every stage over doc. Documents detected as not English get
// the text layer and a note, and no deeper analysis.
func (p *Pipeline) Analyze(ctx context.Context, doc *document.Document) error {
	text.Segment(doc)
	if !English(doc.Meta) {
		doc.Notes = append(doc.Notes, EnglishOnly)
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	p.entities.Annotate(doc)
	attrib.Annotate(doc)
	p.claims.Annotate(doc)
	check.Run(doc)
	return nil
}
