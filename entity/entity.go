// Package entity finds the people, organisations, places and groups an
// article talks about, links them to gazetteers, clusters their mentions
// and records the roles people hold.
//
// Annotate works in stages over the tokens of package text:
//
//  1. recognition: the trained model of package entity/ner tags each
//     sentence (BIO labels PER, ORG, LOC, MISC);
//  2. matching: the gazetteers of package entity/gazetteer find the
//     countries, demonyms, cities, regions and organisations they know, and
//     a small grammar finds a state's forces and bodies ("Iraqi security
//     forces", "Pakistan military");
//  3. mentions: model spans and gazetteer matches are merged (the model
//     decides where names are, the gazetteer what known names are), typed
//     (PERSON, ORG, GPE, LOC, NORP, MISC) and linked;
//  4. roles: titles ("envoy", "Ambassador of Iran", "Iraq's foreign
//     minister") are read from pre-modifiers, appositives, "X of Y", "Y's X"
//     and definite descriptions ("the Iraqi ambassador"), with their
//     affiliation and the words that state them;
//  5. clustering: names of one person ("Ali Yasin Muhammad Karim", "Ali
//     Yasin", "Mr Karim"), aliases of one organisation, demonyms of one
//     country, definite descriptions (resolved to the named person holding
//     the title) and he/she pronouns (resolved to the nearest person who is
//     a subject or a speaker) become one entity each.
//
// Everything is rules over precomputed tables: no regular expressions, and
// linking costs a few map lookups per capitalised token.
package entity

import (
	"fmt"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/entity/gazetteer"
	"github.com/crosscheck/crosscheck/entity/ner"
)

// Tagger labels the tokens of a document, sentence by sentence, with BIO
// labels ("B-PER", "I-ORG", "O"). *ner.Model is one.
type Tagger interface {
	Tag(doc [][]string) [][]string
}

var _ Tagger = (*ner.Model)(nil)

// Annotator recognises and links entities. It is safe for concurrent use.
type Annotator struct {
	tagger Tagger
	gaz    *gazetteer.Gazetteer
}

// New loads the embedded model and gazetteers.
func New() (*Annotator, error) {
	m, err := ner.Load()
	if err != nil {
		return nil, fmt.Errorf("entity: %w", err)
	}
	g, err := gazetteer.Load()
	if err != nil {
		return nil, fmt.Errorf("entity: %w", err)
	}
	return &Annotator{tagger: m, gaz: g}, nil
}

// NewWith returns an Annotator that uses tagger for recognition and g for
// linking: for comparing recognisers, and for tests.
func NewWith(tagger Tagger, g *gazetteer.Gazetteer) *Annotator {
	return &Annotator{tagger: tagger, gaz: g}
}

// Gazetteer returns the tables the Annotator links with, for later stages
// that look names up themselves (a place's country, a demonym's code).
func (a *Annotator) Gazetteer() *gazetteer.Gazetteer { return a.gaz }

// Annotate fills doc.Entities from doc.Text, doc.Sentences and doc.Tokens,
// replacing what it held. It needs the text layer (package text) to have
// run; a document without tokens gets no entities.
func (a *Annotator) Annotate(doc *document.Document) {
	doc.Entities = nil
	if len(doc.Tokens) == 0 || len(doc.Sentences) == 0 {
		return
	}
	r := newRun(a, doc)
	if r == nil {
		return
	}
	r.recognise()
	r.match()
	r.buildMentions()
	r.link()
	r.findTitles()
	r.cluster()
	r.resolveDescriptions()
	r.resolvePronouns()
	doc.Entities = r.entities()
}
