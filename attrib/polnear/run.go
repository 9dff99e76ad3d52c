package polnear

import (
	"context"

	"github.com/crosscheck/crosscheck/attrib"
	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// Document returns a's text as a Document segmented by the text stage,
// the way the pipeline sees an article.
func (a Article) Document() *document.Document {
	doc := document.New(a.Text, document.Meta{Language: "en", Format: "text"})
	text.Segment(doc)
	return doc
}

// Labeled converts articles into training documents for attrib.Train.
func Labeled(arts []Article) []attrib.Labeled {
	out := make([]attrib.Labeled, 0, len(arts))
	for _, a := range arts {
		l := attrib.Labeled{Doc: a.Document()}
		for _, r := range a.Relations {
			if r.Source != nil {
				l.Spans = append(l.Spans, attrib.LabeledSpan{Role: attrib.RoleSource, Span: *r.Source})
			}
			l.Spans = append(l.Spans, attrib.LabeledSpan{Role: attrib.RoleCue, Span: r.Cue})
			for _, f := range r.Content {
				l.Spans = append(l.Spans, attrib.LabeledSpan{Role: attrib.RoleContent, Span: f})
			}
		}
		out = append(out, l)
	}
	return out
}

// Evaluate runs m over the articles, as the pipeline would, and scores
// its attributions.
func Evaluate(ctx context.Context, arts []Article, m *attrib.Model) (Scores, error) {
	var s Scores
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return s, err
		}
		doc := a.Document()
		s.Add(a.Text, a.Relations, m.Quotes(doc))
	}
	return s, nil
}
