// Package report writes analysed Documents for people and scripts: JSON,
// a readable text report, a standalone HTML page, or event rows.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/crosscheck/crosscheck/document"
)

// Format is an output format.
type Format string

// The output formats.
const (
	JSON   Format = "json"
	Text   Format = "text"
	HTML   Format = "html"
	Events Format = "events"
)

// ParseFormat validates a format name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case JSON, Text, HTML, Events:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: want json, text, html or events", s)
}

// Options tune a Writer.
type Options struct {
	// Color adds ANSI colour to text output.
	Color bool
	// Tokens keeps Document.Tokens in JSON output.
	Tokens bool
	// Many says several documents will be written: JSON then goes out as
	// JSON lines rather than one indented object.
	Many bool
}

// Writer writes a sequence of documents in one format.
type Writer struct {
	w      io.Writer
	format Format
	opts   Options
	n      int
}

// NewWriter returns a Writer of format to w.
func NewWriter(w io.Writer, format Format, opts Options) *Writer {
	return &Writer{w: w, format: format, opts: opts}
}

// Write writes one document.
func (w *Writer) Write(doc *document.Document) error {
	defer func() { w.n++ }()
	switch w.format {
	case JSON:
		return w.writeJSON(doc)
	case Text:
		if w.n > 0 {
			if _, err := io.WriteString(w.w, "\n"); err != nil {
				return err
			}
		}
		return WriteText(w.w, doc, w.opts.Color)
	case HTML:
		return WriteHTML(w.w, doc)
	case Events:
		return WriteEvents(w.w, doc, w.n == 0)
	}
	return fmt.Errorf("unknown format %q", w.format)
}

// Close finishes the output.
func (w *Writer) Close() error { return nil }

func (w *Writer) writeJSON(doc *document.Document) error {
	if !w.opts.Tokens && doc.Tokens != nil {
		d := *doc
		d.Tokens = nil
		doc = &d
	}
	enc := json.NewEncoder(w.w)
	enc.SetEscapeHTML(false)
	if !w.opts.Many {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(doc)
}
