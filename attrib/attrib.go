// Package attrib finds quotes and attributions: who said what, with the
// speaker resolved to an entity, the cue and the content.
package attrib

import "github.com/crosscheck/crosscheck/document"

// Annotate fills doc.Quotes, using doc.Entities to resolve speakers.
func Annotate(doc *document.Document) {
	// TODO(attrib): placeholder until attribution lands.
}
