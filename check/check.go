// Package check finds where an article does not hold together:
// contradictions, weak sourcing, dressed-up claims and page residue.
package check

import "github.com/crosscheck/crosscheck/document"

// Run fills doc.Flags and doc.Scores.
func Run(doc *document.Document) {
	// TODO(check): placeholder until the rules land.
}
