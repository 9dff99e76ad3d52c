package report

import (
	"cmp"
	"embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/document"
)

//go:embed templates/*.html
var templateFS embed.FS

// templates are parsed once; html/template escapes every piece of article
// text, so a page full of script tags renders as text.
var templates = template.Must(parseTemplates())

func parseTemplates() (*template.Template, error) {
	return template.New("").Funcs(template.FuncMap{
		"lower": strings.ToLower,
	}).ParseFS(templateFS, "templates/*.html")
}

// Templates returns a fresh copy of the report's HTML templates, for pages
// that embed the article view: "article" (the text and the side panel, given
// an *ArticleView), "style" (its CSS) and "script" (the JavaScript that
// highlights a flag's evidence). Callers may add templates and functions to
// the copy; it shares nothing with the report's own set.
func Templates() (*template.Template, error) {
	return parseTemplates()
}

// WriteHTML writes doc as a standalone HTML page.
func WriteHTML(w io.Writer, doc *document.Document) error {
	return templates.ExecuteTemplate(w, "page.html", NewArticleView(doc))
}

// ArticleView is what the article templates show: the document, its text
// cut into marked segments, and its findings with their evidence.
type ArticleView struct {
	Doc *document.Document
	// Headline holds the marked headline when the text opens with it as
	// a paragraph of its own; Paragraphs then start after it, so that the
	// page shows the headline once, with its marks, as its title.
	Headline   []Segment
	Paragraphs [][]Segment
	Flags      []FlagView
	Entities   []EntityView
	Quotes     []QuoteView
	Claims     []ClaimView
}

// Segment is a run of text covered by the same set of marks.
type Segment struct {
	Text string
	// Class lists CSS classes: "ent ent-person", "quote", "claim", "ev".
	Class string
	// Entity is the entity a mention refers to.
	Entity document.EntityID
	// Evidence lists the flags ("f0 f3") whose evidence covers the text.
	Evidence string
	Title    string
}

// FlagView is a flag with its evidence quoted.
type FlagView struct {
	ID string
	document.Flag
	Quotes []string
}

// EntityView is an entity with its link and roles spelled out.
type EntityView struct {
	document.Entity
	LinkText string
}

// QuoteView is a quote with its speaker named and content quoted.
type QuoteView struct {
	Speaker string
	Cue     string
	Content string
	Direct  bool
}

// ClaimView is a claim with its text and source named.
type ClaimView struct {
	document.Claim
	Text   string
	Source string
	Event  string
}

// NewArticleView lays doc out for the article templates.
func NewArticleView(doc *document.Document) *ArticleView {
	v := &ArticleView{Doc: doc}
	name := func(id document.EntityID) string {
		if e := doc.Entity(id); e != nil {
			return e.Name
		}
		return ""
	}
	for i, f := range doc.Flags {
		fv := FlagView{ID: fmt.Sprintf("f%d", i), Flag: f}
		for _, ev := range f.Evidence {
			fv.Quotes = append(fv.Quotes, doc.Slice(ev))
		}
		v.Flags = append(v.Flags, fv)
	}
	slices.SortStableFunc(v.Flags, func(a, b FlagView) int {
		return severityRank(b.Severity) - severityRank(a.Severity)
	})
	for _, e := range doc.Entities {
		ev := EntityView{Entity: e}
		if e.Link != nil {
			ev.LinkText = e.Link.Code
			if e.Link.Country != "" && e.Link.Country != e.Link.Code {
				ev.LinkText += " in " + e.Link.Country
			}
		}
		v.Entities = append(v.Entities, ev)
	}
	for _, q := range doc.Quotes {
		sp := name(q.Speaker)
		if sp == "" && q.Source != nil {
			sp = doc.Slice(*q.Source)
		}
		v.Quotes = append(v.Quotes, QuoteView{
			Speaker: cmp.Or(sp, "("+q.Attribution+")"),
			Cue:     doc.Slice(q.Cue),
			Content: doc.Slice(q.Content),
			Direct:  q.Direct,
		})
	}
	for _, c := range doc.Claims {
		cv := ClaimView{Claim: c, Text: doc.Slice(c.Span()), Source: cmp.Or(name(c.Source), "outlet")}
		if c.Event != nil {
			cv.Event = eventLine(c.Event)
		}
		v.Claims = append(v.Claims, cv)
	}
	v.Paragraphs = segments(doc)
	if h := doc.Headline; h != nil && len(doc.Paragraphs) > 1 && doc.Paragraphs[0] == *h && len(v.Paragraphs) > 1 {
		v.Headline, v.Paragraphs = v.Paragraphs[0], v.Paragraphs[1:]
	}
	return v
}

// Mark is one span to show in the text.
type Mark struct {
	document.Span
	// Class is added to the CSS classes of the text the mark covers.
	Class string
	// Entity is the entity a mention refers to.
	Entity document.EntityID
	// Flag is an evidence id ("f0"): the text gets class "ev" and the id
	// in its data-ev attribute, so that a button with data-flag="f0"
	// highlights it.
	Flag  string
	Title string
}

// segments cuts each paragraph at every mark boundary, so that overlapping
// marks (a mention inside a quote inside a flag's evidence) all show.
func segments(doc *document.Document) [][]Segment {
	return Segments(doc, append(TextMarks(doc), FlagMarks(doc)...))
}

// TextMarks returns the marks of what the article says: entity mentions,
// quote contents and cues.
func TextMarks(doc *document.Document) []Mark {
	var marks []Mark
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			marks = append(marks, Mark{Span: m.Span(), Class: "ent ent-" + strings.ToLower(e.Type), Entity: e.ID, Title: e.Name})
		}
	}
	for _, q := range doc.Quotes {
		// The speaker shows when the pointer rests on the quote.
		var said string
		if e := doc.Entity(q.Speaker); e != nil {
			said = "said by " + e.Name
		} else if q.Source != nil {
			said = "said by " + doc.Slice(*q.Source)
		}
		marks = append(marks, Mark{Span: q.Content, Class: "quote", Title: said})
		marks = append(marks, Mark{Span: q.Cue, Class: "cue"})
	}
	return marks
}

// FlagMarks returns the evidence of each flag, with ids "f0", "f1", ...
// in the order of doc.Flags.
func FlagMarks(doc *document.Document) []Mark {
	var marks []Mark
	for i, f := range doc.Flags {
		for _, ev := range f.Evidence {
			marks = append(marks, Mark{Span: ev, Flag: fmt.Sprintf("f%d", i)})
		}
	}
	return marks
}

// Segments cuts each paragraph of doc at every boundary of marks, so that
// overlapping marks all show.
func Segments(doc *document.Document, marks []Mark) [][]Segment {
	paras := doc.Paragraphs
	if len(paras) == 0 && doc.Text != "" {
		paras = []document.Span{{Start: 0, End: len(doc.Text)}}
	}
	out := make([][]Segment, 0, len(paras))
	for _, p := range paras {
		cuts := []int{p.Start, p.End}
		var in []Mark
		for _, m := range marks {
			if m.Overlaps(p) {
				in = append(in, m)
				cuts = append(cuts, max(m.Start, p.Start), min(m.End, p.End))
			}
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		var segs []Segment
		for i := 0; i+1 < len(cuts); i++ {
			s := document.Span{Start: cuts[i], End: cuts[i+1]}
			seg := Segment{Text: doc.Slice(s)}
			var classes, flags []string
			for _, m := range in {
				if !m.Contains(s) {
					continue
				}
				if m.Class != "" {
					classes = append(classes, m.Class)
				}
				if m.Entity != "" {
					seg.Entity, seg.Title = m.Entity, m.Title
				} else if m.Title != "" && seg.Title == "" {
					seg.Title = m.Title
				}
				if m.Flag != "" {
					flags = append(flags, m.Flag)
				}
			}
			if len(flags) > 0 {
				classes = append(classes, "ev")
			}
			seg.Class = strings.Join(slices.Compact(classes), " ")
			seg.Evidence = strings.Join(slices.Compact(flags), " ")
			segs = append(segs, seg)
		}
		out = append(out, segs)
	}
	return out
}
