// Package document defines the Document that flows through crosscheck's
// analysis, and the parts each stage adds to it.
//
// A Document starts as extracted text and metadata. Each stage (text,
// entity, attrib, claim, check) reads what earlier stages filled in and adds
// its own part. Every position is a byte offset into Document.Text, as a
// half-open Span, so that every finding points at the words behind it.
//
// The JSON encoding is a contract read by scripts outside the project; it is
// versioned by Schema and documented in docs/schema.md. Fields may be added;
// none is renamed.
package document

import (
	"crypto/sha256"
	"encoding/hex"
)

// Schema names the version of the JSON encoding.
const Schema = "crosscheck/v1"

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len reports the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether t lies within s.
func (s Span) Contains(t Span) bool { return s.Start <= t.Start && t.End <= s.End }

// Overlaps reports whether s and t share at least one byte.
func (s Span) Overlaps(t Span) bool { return s.Start < t.End && t.Start < s.End }

// Valid reports whether s is a well-formed range inside a text of n bytes.
func (s Span) Valid(n int) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }

// EntityID identifies an entity within one Document ("E1", "E2", ...).
// The empty EntityID means "no entity" and encodes as JSON null.
type EntityID string

// MarshalJSON encodes the empty id as null.
func (id EntityID) MarshalJSON() ([]byte, error) {
	if id == "" {
		return []byte("null"), nil
	}
	return []byte(`"` + string(id) + `"`), nil
}

// Document is one article and everything crosscheck found in it.
type Document struct {
	Schema string `json:"schema"`
	// ID is "sha256:" and the hex SHA-256 of Text: the same article text
	// always has the same ID, whatever page it came from.
	ID   string `json:"id"`
	Meta Meta   `json:"meta"`
	// Text is the cleaned article: the headline (when known) as its first
	// paragraph, then the body, paragraphs separated by a blank line.
	Text string `json:"text"`
	// Headline locates the headline in Text, when Text starts with one.
	Headline *Span `json:"headline,omitempty"`
	// Standfirst locates the standfirst (the summary a page shows under
	// its headline), when the page marks one; it is the paragraph after
	// the headline, before the body.
	Standfirst *Span `json:"standfirst,omitempty"`
	// Removed holds the page residue taken out of Text, never silently
	// dropped.
	Removed []Removed `json:"removed"`
	// Notes are plain remarks about the analysis as a whole, such as a
	// language the deeper stages do not support.
	Notes []string `json:"notes,omitempty"`

	Paragraphs []Span     `json:"paragraphs"`
	Sentences  []Sentence `json:"sentences"`
	// Tokens are written to JSON only on request; they are cheap to
	// rebuild from Text.
	Tokens []Token `json:"tokens,omitempty"`

	Entities []Entity   `json:"entities"`
	Quotes   []Quote    `json:"quotes"`
	Claims   []Claim    `json:"claims"`
	Facts    []Fact     `json:"facts"`
	Times    []TimeExpr `json:"times"`
	Flags    []Flag     `json:"flags"`
	Scores   *Scores    `json:"scores,omitempty"`
}

// New returns a Document holding text and meta, with Schema and ID set.
func New(text string, meta Meta) *Document {
	return &Document{Schema: Schema, ID: HashText(text), Meta: meta, Text: text}
}

// HashText returns the content ID of an article text.
func HashText(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Slice returns the text that s covers, or "" when s is out of range.
func (d *Document) Slice(s Span) string {
	if !s.Valid(len(d.Text)) {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// Entity returns the entity with the given id, or nil.
func (d *Document) Entity(id EntityID) *Entity {
	for i := range d.Entities {
		if d.Entities[i].ID == id {
			return &d.Entities[i]
		}
	}
	return nil
}

// Meta is what is known about an article apart from its text.
type Meta struct {
	Title   string   `json:"title"`
	Outlet  string   `json:"outlet"`
	URL     string   `json:"url"`
	Byline  string   `json:"byline"`
	Authors []string `json:"authors,omitempty"`
	// Published is the publication date as YYYY-MM-DD, or "" when unknown.
	Published string `json:"published"`
	// PublishedFrom says where Published came from: "header", "flag",
	// "json-ld", "meta", "url", "text" or "html".
	PublishedFrom       string  `json:"published_from,omitempty"`
	PublishedConfidence float64 `json:"published_confidence,omitempty"`
	// Language is an ISO 639-1 code ("en"), or "" when undetected.
	Language           string  `json:"language"`
	LanguageConfidence float64 `json:"language_confidence,omitempty"`
	// Format is the kind of input: "text", "html" or "feed-item".
	Format string `json:"format,omitempty"`
	// Source names the input: a file path, a URL or "-" for stdin.
	Source string `json:"source,omitempty"`
}

// Residue kinds, for Removed.Kind.
const (
	ResidueCommentForm = "comment-form"
	ResidueShare       = "share"
	ResidueRelated     = "related"
	ResidueCookie      = "cookie"
	ResidueNewsletter  = "newsletter"
	ResiduePhotoCredit = "photo-credit"
	ResiduePromo       = "promo"
	ResidueNavigation  = "navigation"
	ResidueCopyright   = "copyright"
)

// Removed is one piece of page residue taken out of the article.
type Removed struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
	// At is the byte offset in Text where the residue stood.
	At int `json:"at"`
}

// Sentence is one sentence of Text.
type Sentence struct {
	Start int `json:"start"`
	End   int `json:"end"`
	// Tokens indexes Document.Tokens: the sentence holds Tokens[From:To].
	From int `json:"-"`
	To   int `json:"-"`
}

// Span returns the sentence's span.
func (s Sentence) Span() Span { return Span{s.Start, s.End} }

// Token is one word, number or punctuation mark of Text.
type Token struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Span returns the token's span.
func (t Token) Span() Span { return Span{t.Start, t.End} }

// Entity types.
const (
	Person   = "PERSON"
	Org      = "ORG"
	GPE      = "GPE" // countries, cities, states: places with a government
	Location = "LOC" // other places: regions, rivers, mountains
	NORP     = "NORP"
	Misc     = "MISC"
)

// Entity is one person, organisation, place or group the article talks
// about, with every mention of it.
type Entity struct {
	ID   EntityID `json:"id"`
	Name string   `json:"name"`
	Type string   `json:"type"`
	// Link ties the entity to a gazetteer entry, when one matched.
	Link     *Link     `json:"link,omitempty"`
	Aliases  []string  `json:"aliases,omitempty"`
	Mentions []Mention `json:"mentions"`
	Roles    []Role    `json:"roles,omitempty"`
}

// Link kinds.
const (
	LinkCountry = "country"
	LinkCity    = "city"
	LinkRegion  = "region"
	LinkOrg     = "org"
	LinkForces  = "forces"
)

// Link ties an entity to an entry in crosscheck's gazetteers.
type Link struct {
	Kind string `json:"kind"`
	// Code is an ISO 3166-1 alpha-3 code for countries, or the
	// gazetteer's own identifier for other kinds.
	Code string `json:"code"`
	Name string `json:"name,omitempty"`
	// Country is the ISO 3166-1 alpha-3 code of the country a city, region
	// or national body belongs to.
	Country string `json:"country,omitempty"`
}

// Mention kinds.
const (
	MentionName        = "name"
	MentionAlias       = "alias"
	MentionPronoun     = "pronoun"
	MentionDescription = "description"
	MentionDemonym     = "demonym"
)

// Mention is one place in Text that refers to an entity.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind,omitempty"`
}

// Span returns the mention's span.
func (m Mention) Span() Span { return Span{m.Start, m.End} }

// Role is a title a person holds, as the text states it.
type Role struct {
	// Title is the normalised title ("ambassador"); synonyms share one.
	Title string `json:"title"`
	// Of is the affiliation: an ISO 3166-1 alpha-3 code when the role is
	// held for a country, otherwise the organisation's name.
	Of string `json:"of"`
	// Start and End locate the words that state the role.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Span returns the role's evidence span.
func (r Role) Span() Span { return Span{r.Start, r.End} }

// Attribution kinds, for Quote.Attribution.
const (
	AttributionNamed      = "named"
	AttributionAnonymous  = "anonymous"
	AttributionUnresolved = "unresolved"
)

// Quote is something the article reports someone as saying.
type Quote struct {
	// Speaker is the entity that said it; empty when anonymous or
	// unresolved.
	Speaker EntityID `json:"speaker"`
	// Source locates the words naming the speaker in this attribution
	// ("Ali Yasin", "he", "a senior official").
	Source      *Span  `json:"source,omitempty"`
	Attribution string `json:"attribution"`
	Cue         Span   `json:"cue"`
	Content     Span   `json:"content"`
	// Parts holds the pieces of a content split around its cue; Content
	// then spans from the first to the last.
	Parts  []Span `json:"parts,omitempty"`
	Direct bool   `json:"direct"`
}

// Claim is a check-worthy assertion in the text.
type Claim struct {
	ID    string `json:"id"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Source is the entity the claim is attributed to; empty when the
	// outlet states it in its own voice.
	Source EntityID `json:"source"`
	// Kind says what the claim asserts: "event", "quantity",
	// "comparison", "cause", "record" or "statement".
	Kind        string  `json:"kind,omitempty"`
	Checkworthy float64 `json:"checkworthy"`
	Event       *Event  `json:"event,omitempty"`
}

// Span returns the claim's span.
func (c Claim) Span() Span { return Span{c.Start, c.End} }

// Event is who did what to whom, where and when.
type Event struct {
	Actor  *Arg   `json:"actor,omitempty"`
	Action string `json:"action"`
	// ActionSpan locates the words of the action.
	ActionSpan Span `json:"action_span"`
	Target     *Arg `json:"target,omitempty"`
	Place      *Arg `json:"place,omitempty"`
	Time       *Arg `json:"time,omitempty"`
	// CAMEO is the two-digit CAMEO root code ("07" provide aid), when
	// the event is an interaction between actors.
	CAMEO string `json:"cameo,omitempty"`
}

// Arg is one participant or circumstance of an event.
type Arg struct {
	Text   string   `json:"text"`
	Entity EntityID `json:"entity"`
	// Code is the ISO 3166-1 alpha-3 code of a state actor, its forces or
	// a place, when known.
	Code string `json:"code,omitempty"`
	// Value is a normalised time for Time ("2017-07-10").
	Value string `json:"value,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Fact is an attribute statement about an entity, normalised so that two
// articles' facts can be compared.
type Fact struct {
	Entity EntityID `json:"entity"`
	// EntityName is the entity's name: entity ids are per document, so
	// facts from two articles compare by name (or link) instead.
	EntityName string `json:"entity_name,omitempty"`
	// Attribute names what is stated ("rank-by-size", "duration",
	// "killed", "amount").
	Attribute string `json:"attribute"`
	// Value is the normalised value ("2", "P9M", "12", "USD 5000000").
	Value string `json:"value"`
	// Unit qualifies Value where it has one ("month", "USD", "people").
	Unit string `json:"unit,omitempty"`
	// Scope qualifies the attribute ("city in IRQ").
	Scope string `json:"scope,omitempty"`
	// Text is the words that state the fact, as written.
	Text  string `json:"text,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Span returns the fact's span.
func (f Fact) Span() Span { return Span{f.Start, f.End} }

// Time expression kinds.
const (
	TimeDate     = "date"
	TimeDuration = "duration"
	TimeRelative = "relative"
	TimeSet      = "set"
)

// TimeExpr is a date, duration or relative time in the text.
type TimeExpr struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
	// Value is the normalised value: an ISO 8601 date, date range
	// ("2017-07-03/2017-07-09") or duration ("P9M"); "" when the
	// expression could not be resolved, for example a relative time in an
	// undated article.
	Value string `json:"value,omitempty"`
}

// Flag severities.
const (
	Info    = "info"
	Warning = "warning"
	High    = "high"
)

// Flag is one problem crosscheck found, with the words that show it.
type Flag struct {
	Kind     string `json:"kind"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Evidence []Span `json:"evidence"`
}

// Scores sum the flags up; docs/schema.md gives the formula.
type Scores struct {
	Consistency int      `json:"consistency"`
	Sourcing    int      `json:"sourcing"`
	Reasons     []string `json:"reasons"`
}
