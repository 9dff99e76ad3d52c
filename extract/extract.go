// Package extract turns an input (an HTML page, plain text or a feed item)
// into a Document: title, outlet, authors, date, language and the article
// text with page residue removed and kept aside.
package extract

import (
	"errors"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/source"
)

// Extract builds a Document from in.
func Extract(in *source.Input) (*document.Document, error) {
	return nil, errors.New("not implemented") // TODO(extract)
}
