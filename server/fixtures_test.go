package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/pipeline"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/sqlite"
)

// loadPipeline loads the real models once for all tests that need them.
var loadPipeline = sync.OnceValues(pipeline.New)

func realPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	p, err := loadPipeline()
	if err != nil {
		t.Fatalf("load pipeline: %v", err)
	}
	return p
}

// fakeAnalyzer stands in for the pipeline where a test needs a fixed,
// fast or failing analysis.
type fakeAnalyzer func(ctx context.Context, doc *document.Document) error

func (f fakeAnalyzer) Analyze(ctx context.Context, doc *document.Document) error { return f(ctx, doc) }

// segmentOnly splits paragraphs, enough for the pages to show the text.
var segmentOnly = fakeAnalyzer(func(_ context.Context, doc *document.Document) error {
	doc.Paragraphs = paragraphs(doc.Text)
	return nil
})

func openStore(t testing.TB) *sqlite.DB {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newServer returns a Server over a fresh store, with cfg's other fields.
func newServer(t testing.TB, cfg Config) (*Server, *sqlite.DB) {
	t.Helper()
	st := openStore(t)
	if cfg.Store == nil {
		cfg.Store = st
	}
	if cfg.Analyzer == nil {
		cfg.Analyzer = realPipeline(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

// do sends a request to h and returns the recorded response.
func do(t testing.TB, h http.Handler, method, target, ctype, body string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// builder writes an analysed document by hand, the way the stages would
// fill it in, so that tests of the story and entity views do not depend on
// the models.
type builder struct {
	doc *document.Document
	t   testing.TB
}

func newDoc(t testing.TB, title, outlet, published string, body ...string) *builder {
	text := title + "\n\n" + strings.Join(body, "\n\n")
	doc := document.New(text, document.Meta{Title: title, Outlet: outlet, Published: published, Language: "en",
		URL: "https://" + strings.ToLower(strings.ReplaceAll(outlet, " ", "")) + ".example/" + published})
	doc.Headline = &document.Span{Start: 0, End: len(title)}
	doc.Paragraphs = paragraphs(text)
	for _, p := range doc.Paragraphs {
		start := p.Start
		for i := p.Start; i < p.End; i++ {
			if text[i] == '.' && (i+1 == p.End || text[i+1] == ' ') {
				doc.Sentences = append(doc.Sentences, document.Sentence{Start: start, End: i + 1})
				start = i + 2
			}
		}
		if start < p.End {
			doc.Sentences = append(doc.Sentences, document.Sentence{Start: start, End: p.End})
		}
	}
	return &builder{doc: doc, t: t}
}

func paragraphs(text string) []document.Span {
	var out []document.Span
	start := 0
	for {
		i := strings.Index(text[start:], "\n\n")
		if i < 0 {
			out = append(out, document.Span{Start: start, End: len(text)})
			return out
		}
		out = append(out, document.Span{Start: start, End: start + i})
		start += i + 2
	}
}

// at locates the first occurrence of phrase.
func (b *builder) at(phrase string) document.Span {
	i := strings.Index(b.doc.Text, phrase)
	if i < 0 {
		b.t.Fatalf("fixture: %q not in %q", phrase, b.doc.Meta.Title)
	}
	return document.Span{Start: i, End: i + len(phrase)}
}

// entity adds an entity with a mention at every whole-word occurrence of
// each of its names, longest name first, never overlapping.
func (b *builder) entity(id, name, typ string, link *document.Link, names ...string) *builder {
	e := document.Entity{ID: document.EntityID(id), Name: name, Type: typ, Link: link}
	slices.SortStableFunc(names, func(a, b string) int { return len(b) - len(a) })
	text := b.doc.Text
	for _, n := range names {
		if n != name {
			e.Aliases = append(e.Aliases, n)
		}
		for from := 0; ; {
			i := strings.Index(text[from:], n)
			if i < 0 {
				break
			}
			s := document.Span{Start: from + i, End: from + i + len(n)}
			from = s.End
			if s.Start > 0 && isWordByte(text[s.Start-1]) || s.End < len(text) && isWordByte(text[s.End]) {
				continue
			}
			if slices.ContainsFunc(e.Mentions, func(m document.Mention) bool { return m.Span().Overlaps(s) }) {
				continue
			}
			e.Mentions = append(e.Mentions, document.Mention{Start: s.Start, End: s.End, Kind: document.MentionName})
		}
	}
	if len(e.Mentions) == 0 {
		b.t.Fatalf("fixture: no mention of %s in %q", name, b.doc.Meta.Title)
	}
	slices.SortFunc(e.Mentions, func(a, b document.Mention) int { return a.Start - b.Start })
	b.doc.Entities = append(b.doc.Entities, e)
	return b
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (b *builder) role(id, title, of, phrase string) *builder {
	s := b.at(phrase)
	e := b.doc.Entity(document.EntityID(id))
	e.Roles = append(e.Roles, document.Role{Title: title, Of: of, Start: s.Start, End: s.End})
	return b
}

func (b *builder) fact(id, attr, value, scope, phrase string) *builder {
	s := b.at(phrase)
	b.doc.Facts = append(b.doc.Facts, document.Fact{Entity: document.EntityID(id), Attribute: attr, Value: value, Scope: scope, Start: s.Start, End: s.End})
	return b
}

func (b *builder) claim(phrase string, cw float64) *builder {
	s := b.at(phrase)
	b.doc.Claims = append(b.doc.Claims, document.Claim{ID: "C" + string(rune('1'+len(b.doc.Claims))), Start: s.Start, End: s.End, Checkworthy: cw, Kind: "statement"})
	return b
}

func (b *builder) quote(speaker, cue, content string) *builder {
	b.doc.Quotes = append(b.doc.Quotes, document.Quote{Speaker: document.EntityID(speaker), Attribution: document.AttributionNamed,
		Cue: b.at(cue), Content: b.at(content), Direct: true})
	return b
}

func (b *builder) flag(kind, severity, message string, evidence ...string) *builder {
	f := document.Flag{Kind: kind, Severity: severity, Message: message}
	for _, e := range evidence {
		f.Evidence = append(f.Evidence, b.at(e))
	}
	b.doc.Flags = append(b.doc.Flags, f)
	return b
}

var (
	kenya    = &document.Link{Kind: document.LinkCountry, Code: "KEN", Name: "Kenya"}
	norway   = &document.Link{Kind: document.LinkCountry, Code: "NOR", Name: "Norway"}
	mombasa  = &document.Link{Kind: document.LinkCity, Code: "mombasa", Name: "Mombasa", Country: "KEN"}
	storyID  = "story-coastguard"
	baseTime = time.Date(2024, 3, 16, 9, 0, 0, 0, time.UTC)
)

// storyVersions are three versions of one story, written for these tests:
// the Ledger's original, the Coast Times' rewrite of it that calls Mombasa
// the third largest city and the envoy Tanzania's ambassador, and a wire
// story in its own words that leaves out the training figure.
func storyVersions(t testing.TB) []*document.Document {
	ledger := newDoc(t, "Envoy says Norway trained Kenyan coast guard crews", "The Harbour Ledger", "2024-03-15",
		"Grace Mwangi, Kenya's ambassador to Norway, said on Tuesday that Norwegian instructors trained 240 Kenyan sailors at a base near Mombasa, the second largest city of Kenya.",
		"\"We asked many partners for help, and Norway was the one that came,\" Mwangi said at a briefing in Oslo.",
		"The training began three years ago after a wave of attacks on fishing boats off Lamu.").
		entity("E1", "Grace Mwangi", document.Person, nil, "Grace Mwangi", "Mwangi").
		entity("E2", "Kenya", document.GPE, kenya, "Kenya").
		entity("E3", "Norway", document.GPE, norway, "Norway").
		entity("E4", "Mombasa", document.GPE, mombasa, "Mombasa").
		role("E1", "ambassador", "KEN", "Kenya's ambassador").
		fact("E4", "rank-by-size", "2", "city in KEN", "the second largest city of Kenya").
		claim("Norwegian instructors trained 240 Kenyan sailors at a base near Mombasa", 0.9).
		quote("E1", "Mwangi said", "We asked many partners for help, and Norway was the one that came,").
		flag("single-source", document.Warning, "Every claim rests on Grace Mwangi.", "Grace Mwangi")
	times := newDoc(t, "Norway trained Kenyan coast guard, envoy says", "Coast Times", "2024-03-16",
		"Grace Mwangi, Tanzania's ambassador to Norway, said on Tuesday that Norwegian instructors trained 240 Kenyan sailors at a base near Mombasa, the third largest city of Kenya.",
		"\"We asked many partners for help, and Norway was the one that came,\" Mwangi said at a briefing in Oslo.",
		"The training began three years ago after a wave of attacks on fishing boats off Lamu.").
		entity("E1", "Grace Mwangi", document.Person, nil, "Grace Mwangi", "Mwangi").
		entity("E2", "Kenya", document.GPE, kenya, "Kenya").
		entity("E3", "Mombasa", document.GPE, mombasa, "Mombasa").
		entity("E4", "Norway", document.GPE, norway, "Norway").
		role("E1", "ambassador", "TZA", "Tanzania's ambassador").
		fact("E3", "rank-by-size", "3", "city in KEN", "the third largest city of Kenya").
		claim("Norwegian instructors trained 240 Kenyan sailors at a base near Mombasa", 0.9)
	wire := newDoc(t, "Kenya thanks Norway for coast guard help", "Wire Service", "2024-03-15",
		"Kenya's envoy in Oslo thanked Norway on Tuesday for helping her country's coast guard fight piracy.",
		"Grace Mwangi told reporters that the help had begun after attacks on fishing boats three years ago.").
		entity("E1", "Grace Mwangi", document.Person, nil, "Grace Mwangi").
		entity("E2", "Kenya", document.GPE, kenya, "Kenya").
		entity("E3", "Norway", document.GPE, norway, "Norway").
		role("E1", "ambassador", "KEN", "Kenya's envoy")
	return []*document.Document{ledger.doc, times.doc, wire.doc}
}

// putStory stores the story's versions, grouped, and returns them.
func putStory(t testing.TB, st store.Store) []*document.Document {
	t.Helper()
	docs := storyVersions(t)
	for i, d := range docs {
		a := &store.Article{Doc: d, Story: storyID, Source: "test", Added: baseTime.Add(time.Duration(i) * time.Minute)}
		if _, err := st.Put(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	return docs
}

func slogT(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}
