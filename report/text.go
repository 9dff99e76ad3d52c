package report

import (
	"errors"
	"io"

	"github.com/crosscheck/crosscheck/document"
)

// WriteText writes a readable report of doc, coloured for a terminal when
// color is set.
func WriteText(w io.Writer, doc *document.Document, color bool) error {
	return errors.New("text format: not implemented yet") // TODO(report)
}

// WriteHTML writes doc as a standalone HTML page.
func WriteHTML(w io.Writer, doc *document.Document) error {
	return errors.New("html format: not implemented yet") // TODO(report)
}
