// Package check finds where an article does not hold together:
// contradictions, weak sourcing, dressed-up claims and page residue.
//
// Each check is a small named Rule over the layers earlier stages filled in
// (entities and their roles, quotes, claims, facts, times). A rule returns
// flags; Run collects them and sums them into scores by a documented
// formula, so every number a reader sees has its reasons listed.
package check

import (
	"github.com/crosscheck/crosscheck/document"
)

// A Rule inspects a document and returns what it finds wrong. Rules only
// read the document; Run adds their flags.
type Rule struct {
	// Name is the flag kind the rule raises.
	Name string
	// Area is the score the rule's flags count against.
	Area Area
	// Doc says in one sentence what the rule looks for.
	Doc string
	// Check returns the rule's flags for doc.
	Check func(doc *document.Document) []document.Flag
}

// Area is the score a rule's flags count against.
type Area int

// The scored areas.
const (
	Consistency Area = iota
	Sourcing
	Style
)

// Rules lists every check in the order Run applies them.
var Rules = []Rule{
	{"role-conflict", Consistency, "one person is given the same kind of role for two different countries", roleConflicts},
	{"rank-conflict", Consistency, "one place or thing is given two different ranks (second largest, third largest)", rankConflicts},
	{"quantity-conflict", Consistency, "one quantity is given two different values that the text does not explain as an update", quantityConflicts},
	{"place-conflict", Consistency, "one place is put in two countries", placeConflicts},
	{"date-conflict", Consistency, "one event is given two different dates", dateConflicts},
	{"quote-conflict", Consistency, "the same words are attributed to two different speakers", quoteConflicts},
	{"headline-unsupported", Consistency, "the headline names people, places or figures the body never mentions", headlineUnsupported},
	{"single-source", Sourcing, "every attributed claim rests on one source", singleSource},
	{"unsourced", Sourcing, "most check-worthy claims carry no source", unsourced},
	{"anonymous-source", Sourcing, "claims rest on unnamed sources", anonymousSources},
	{"loaded-language", Sourcing, "reporting verbs or adverbs that judge what they report (claims, admitted, secretly)", loadedLanguage},
	{"breaking", Style, "a 'Breaking' label on a story about events that are not new", breaking},
	{"shouting", Style, "runs of capitals or exclamation marks in the article's own voice", shouting},
	{"residue", Style, "page residue that is not article text, removed or still in the text", residue},
}

// Run applies every rule to doc and sets doc.Flags and doc.Scores.
func Run(doc *document.Document) {
	doc.Flags = doc.Flags[:0]
	areas := make(map[string]Area, len(Rules))
	for _, r := range Rules {
		areas[r.Name] = r.Area
		for _, f := range r.Check(doc) {
			f.Kind = r.Name
			doc.Flags = append(doc.Flags, f)
		}
	}
	doc.Scores = score(doc.Flags, areas)
}
