package report

import (
	"errors"
	"io"

	"github.com/crosscheck/crosscheck/document"
)

// WriteEvents writes doc's events as tab-separated rows, with a header
// row first when header is set.
func WriteEvents(w io.Writer, doc *document.Document, header bool) error {
	return errors.New("events format: not implemented yet") // TODO(claim helper)
}
