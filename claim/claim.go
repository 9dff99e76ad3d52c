// Package claim finds the check-worthy claims of an article, the events
// and facts they assert, and the time expressions they use.
package claim

import "github.com/crosscheck/crosscheck/document"

// Annotate fills doc.Claims, doc.Facts and doc.Times.
func Annotate(doc *document.Document) {
	// TODO(claim): placeholder until claims land.
}
