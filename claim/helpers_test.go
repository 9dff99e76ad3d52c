package claim

import (
	"strings"
	"unicode"

	"github.com/crosscheck/crosscheck/document"
)

// ent describes an entity for a hand-built test document: its mentions
// are found by searching the text for each name and demonym as whole
// words.
type ent struct {
	id, name, typ string
	link          *document.Link
	roles         []document.Role
	names         []string
	demonyms      []string
	pronouns      []string // exact substrings, each mention once, first occurrence
}

func country(code string) *document.Link {
	return &document.Link{Kind: document.LinkCountry, Code: code}
}
func city(country string) *document.Link {
	return &document.Link{Kind: document.LinkCity, Code: "g1", Country: country}
}

// build makes a Document as the earlier stages would leave it.
func build(text, published string, ents ...ent) *document.Document {
	doc := document.New(text, document.Meta{Published: published})
	for _, sp := range fallbackSentences(text) {
		doc.Sentences = append(doc.Sentences, document.Sentence{Start: sp.Start, End: sp.End})
	}
	for _, e := range ents {
		de := document.Entity{ID: document.EntityID(e.id), Name: e.name, Type: e.typ, Link: e.link, Roles: e.roles}
		for _, n := range e.names {
			for _, at := range wordIndexes(text, n) {
				de.Mentions = append(de.Mentions, document.Mention{Start: at, End: at + len(n), Kind: document.MentionName})
			}
		}
		for _, n := range e.demonyms {
			for _, at := range wordIndexes(text, n) {
				de.Mentions = append(de.Mentions, document.Mention{Start: at, End: at + len(n), Kind: document.MentionDemonym})
			}
		}
		for _, p := range e.pronouns {
			if at := strings.Index(text, p); at >= 0 {
				de.Mentions = append(de.Mentions, document.Mention{Start: at, End: at + len(p), Kind: document.MentionPronoun})
			}
		}
		doc.Entities = append(doc.Entities, de)
	}
	return doc
}

// quote adds a quote whose content is the first occurrence of content.
func quote(doc *document.Document, speaker, content string, direct bool) {
	at := strings.Index(doc.Text, content)
	if at < 0 {
		panic("quote content not in text: " + content)
	}
	doc.Quotes = append(doc.Quotes, document.Quote{
		Speaker: document.EntityID(speaker), Attribution: document.AttributionNamed,
		Content: document.Span{Start: at, End: at + len(content)}, Direct: direct,
	})
}

// wordIndexes finds whole-word occurrences of w in s.
func wordIndexes(s, w string) []int {
	var out []int
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return out
		}
		at := from + i
		end := at + len(w)
		okL := at == 0 || !isWordByte(s[at-1])
		okR := end == len(s) || !isWordByte(s[end])
		if okL && okR {
			out = append(out, at)
		}
		from = at + 1
	}
}

func isWordByte(b byte) bool {
	return b < 0x80 && (unicode.IsLetter(rune(b)) || unicode.IsDigit(rune(b)))
}

// Entities used by several tests.
var (
	iraq     = ent{id: "E1", name: "Iraq", typ: document.GPE, link: country("IRQ"), names: []string{"Iraq"}, demonyms: []string{"Iraqi"}}
	pakistan = ent{id: "E2", name: "Pakistan", typ: document.GPE, link: country("PAK"), names: []string{"Pakistan"}, demonyms: []string{"Pakistani"}}
	mosul    = ent{id: "E3", name: "Mosul", typ: document.GPE, link: city("IRQ"), names: []string{"Mosul"}}
	isGroup  = ent{id: "E4", name: "Islamic State", typ: document.Org, link: &document.Link{Kind: document.LinkOrg, Code: "ISIS"}, names: []string{"Islamic State", "IS"}}
	usa      = ent{id: "E5", name: "United States", typ: document.GPE, link: country("USA"), names: []string{"United States", "US", "Washington"}, demonyms: []string{"American"}}
	israel   = ent{id: "E6", name: "Israel", typ: document.GPE, link: country("ISR"), names: []string{"Israel"}, demonyms: []string{"Israeli"}}
	russia   = ent{id: "E7", name: "Russia", typ: document.GPE, link: country("RUS"), names: []string{"Russia", "Moscow"}, demonyms: []string{"Russian"}}
)
