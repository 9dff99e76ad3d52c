// Package extract turns an input (an HTML page, plain text or a feed item)
// into a Document: title, outlet, authors, date, language and the article
// text with page residue removed and kept aside.
//
// HTML goes through go-trafilatura, whose content tree is rendered back
// into paragraphs (its plain-text output collapses every line break).
// Plain text may start with a Title:/Outlet:/URL:/Date: header block, or
// with a bare headline line. Both then pass through the same residue pass
// (comment forms, share and subscribe lines, related-article lists, cookie
// and newsletter notices, photo credits, promos, copyright lines); every
// piece it takes out is kept in Document.Removed with its kind and offset.
package extract

import (
	"errors"
	"fmt"
	"strings"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/source"
)

// Formats, for Document.Meta.Format.
const (
	FormatHTML = "html"
	FormatText = "text"
)

// ErrNoArticle means the input held no article text: an HTML page with
// nothing but navigation, or a text made only of page residue.
var ErrNoArticle = errors.New("no article text found")

// Extract builds a Document from in.
func Extract(in *source.Input) (*document.Document, error) {
	if in == nil {
		return nil, errors.New("extract: nil input")
	}
	var (
		a   *article
		err error
	)
	if IsHTML(in.ContentType, in.Data) {
		a, err = fromHTML(in.Data, pageURL(in), config{})
	} else {
		a, err = fromText(string(in.Data))
	}
	if err != nil {
		return nil, err
	}
	if a.meta.URL == "" {
		a.meta.URL = pageURL(in)
	}
	a.meta.Source = in.Name
	return a.document()
}

// pageURL is the address the input came from, when known.
func pageURL(in *source.Input) string {
	if in.URL != "" {
		return in.URL
	}
	if source.IsURL(in.Name) {
		return in.Name
	}
	return ""
}

// IsHTML reports whether data is an HTML page: declared as one, or
// starting with markup.
func IsHTML(contentType string, data []byte) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "html") {
		return true
	}
	if ct != "" && ct != "text/plain" {
		return false
	}
	return looksLikeHTML(data)
}

// htmlStarts are the ways an HTML document or fragment begins, lower case.
// Plain text that starts with one of them is vanishingly rare.
var htmlStarts = []string{
	"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<!--",
	"<div", "<p>", "<p ", "<article", "<section", "<main", "<header",
	"<h1", "<h2", "<table", "<script", "<style", "<link", "<?xml",
}

func looksLikeHTML(data []byte) bool {
	i := 0
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r' || data[i] == '\f') {
		i++
	}
	head := strings.ToLower(string(data[i:min(len(data), i+16)]))
	for _, s := range htmlStarts {
		if strings.HasPrefix(head, s) {
			return s != "<?xml" || strings.Contains(strings.ToLower(string(data[i:min(len(data), i+1024)])), "<html")
		}
	}
	return false
}

// article is what the HTML and text paths find, before it is laid out as
// a Document.
type article struct {
	meta document.Meta
	// title is the headline, "" when unknown.
	title string
	// standfirst is the summary the page shows under its headline, ""
	// when it marks none.
	standfirst string
	// blocks are the body's paragraphs in order, each tagged with the
	// residue kind the residue pass gave it ("" for article text).
	blocks []block
	notes  []string
}

// block is one paragraph of the page, or one piece of residue.
type block struct {
	text string
	kind string // "" for article text, else a document.Residue* kind
	// heading and item mark headings and list items in the page.
	heading, item bool
}

// document lays the article out as Text: the headline, then the body
// paragraphs, separated by blank lines; residue goes to Removed with the
// offset where it stood.
func (a *article) document() (*document.Document, error) {
	var sb strings.Builder
	var removed []document.Removed
	var headline *document.Span
	var standfirst *document.Span
	if a.title != "" {
		sb.WriteString(a.title)
		headline = &document.Span{Start: 0, End: len(a.title)}
	}
	if a.standfirst != "" {
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		standfirst = &document.Span{Start: sb.Len(), End: sb.Len() + len(a.standfirst)}
		sb.WriteString(a.standfirst)
	}
	body := 0
	for _, b := range a.blocks {
		if b.kind != "" {
			removed = append(removed, document.Removed{Kind: b.kind, Text: b.text, At: sb.Len()})
			continue
		}
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(b.text)
		body++
	}
	if body == 0 {
		if len(removed) > 0 {
			return nil, fmt.Errorf("%w: only page residue (%s)", ErrNoArticle, removed[0].Kind)
		}
		return nil, ErrNoArticle
	}
	meta := a.meta
	meta.Title = a.title
	doc := document.New(sb.String(), meta)
	doc.Headline = headline
	doc.Standfirst = standfirst
	doc.Removed = removed
	if doc.Removed == nil {
		doc.Removed = []document.Removed{}
	}
	doc.Notes = append(doc.Notes, a.notes...)
	return doc, nil
}

// Body returns the article body of doc: its text after the headline and
// the standfirst.
func Body(doc *document.Document) string {
	start := 0
	for _, s := range []*document.Span{doc.Headline, doc.Standfirst} {
		if s != nil && s.Valid(len(doc.Text)) {
			start = max(start, s.End)
		}
	}
	return strings.TrimLeft(doc.Text[start:], "\n")
}
