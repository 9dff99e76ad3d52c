// Package text splits a Document's text into paragraphs, sentences and
// tokens, each with byte offsets into Document.Text.
package text

import "github.com/crosscheck/crosscheck/document"

// Segment fills doc.Paragraphs, doc.Sentences and doc.Tokens from doc.Text.
func Segment(doc *document.Document) {
	// TODO(text): placeholder until the segmenter lands.
}
