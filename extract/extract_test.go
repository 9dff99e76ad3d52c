package extract

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/source"
)

// checkDoc verifies what every Document from Extract must hold.
func checkDoc(t testing.TB, doc *document.Document) {
	t.Helper()
	if !utf8.ValidString(doc.Text) {
		t.Errorf("text is not valid UTF-8")
	}
	if doc.ID != document.HashText(doc.Text) {
		t.Errorf("ID %s is not the hash of the text", doc.ID)
	}
	if doc.Schema != document.Schema {
		t.Errorf("schema = %q", doc.Schema)
	}
	if strings.Contains(doc.Text, "\n\n\n") {
		t.Errorf("text holds an empty paragraph: %q", doc.Text)
	}
	if doc.Text != strings.TrimSpace(doc.Text) {
		t.Errorf("text has white space around it: %q", doc.Text)
	}
	if h := doc.Headline; h != nil {
		if !h.Valid(len(doc.Text)) || h.Start != 0 || doc.Slice(*h) != doc.Meta.Title {
			t.Errorf("headline %+v does not cover the title %q", *h, doc.Meta.Title)
		}
	}
	if s := doc.Standfirst; s != nil {
		if !s.Valid(len(doc.Text)) || doc.Headline != nil && s.Start < doc.Headline.End {
			t.Errorf("standfirst %+v is out of place", *s)
		}
		if strings.Contains(doc.Slice(*s), "\n") {
			t.Errorf("standfirst spans paragraphs: %q", doc.Slice(*s))
		}
	}
	if doc.Removed == nil {
		t.Errorf("Removed is nil, want an empty list")
	}
	for _, r := range doc.Removed {
		if r.At < 0 || r.At > len(doc.Text) || r.Kind == "" || r.Text == "" {
			t.Errorf("bad removed entry %+v", r)
		}
	}
}

func textInput(s string) *source.Input {
	return &source.Input{Name: "article.txt", ContentType: "text/plain", Data: []byte(s)}
}

func TestExtractTextWithTitleLine(t *testing.T) {
	// Written for this test: a headline line, two paragraphs, and a
	// comment form's prompts at the end with no final newline.
	in := "Harbour bridge reopens after repairs\n\n" +
		"The harbour bridge reopened on Monday after eight weeks of repairs, the city council said.\n\n" +
		"Traffic was light in the morning, and a council spokesman said the work had cost less than planned.\n\n\n" +
		"Please enter your comment!\nPlease enter your name here"
	doc, err := Extract(textInput(in))
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	if doc.Meta.Title != "Harbour bridge reopens after repairs" {
		t.Errorf("title = %q", doc.Meta.Title)
	}
	wantText := "Harbour bridge reopens after repairs\n\n" +
		"The harbour bridge reopened on Monday after eight weeks of repairs, the city council said.\n\n" +
		"Traffic was light in the morning, and a council spokesman said the work had cost less than planned."
	if doc.Text != wantText {
		t.Errorf("text = %q\nwant %q", doc.Text, wantText)
	}
	if doc.Headline == nil || *doc.Headline != (document.Span{Start: 0, End: 36}) {
		t.Errorf("headline = %v", doc.Headline)
	}
	want := []document.Removed{
		{Kind: document.ResidueCommentForm, Text: "Please enter your comment!", At: len(wantText)},
		{Kind: document.ResidueCommentForm, Text: "Please enter your name here", At: len(wantText)},
	}
	if !slices.Equal(doc.Removed, want) {
		t.Errorf("removed = %+v\nwant %+v", doc.Removed, want)
	}
	if doc.Meta.Format != FormatText || doc.Meta.Source != "article.txt" {
		t.Errorf("format, source = %q, %q", doc.Meta.Format, doc.Meta.Source)
	}
	if doc.Meta.Language != "en" {
		t.Errorf("language = %q", doc.Meta.Language)
	}
}

func TestExtractTextHeader(t *testing.T) {
	in := "Title: Water rates to rise in spring\r\nOutlet: Riverside Courier\r\nURL: https://example.com/water\r\nDate: 2023-02-14\r\n\r\n" +
		"Water rates will rise by 6 percent in April, the utility board decided on Tuesday.\r\n\r\n" +
		"Share this article\r\n\r\n" +
		"The board said the money would pay for new pipes in the old town.\r\n"
	doc, err := Extract(textInput(in))
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	m := doc.Meta
	if m.Title != "Water rates to rise in spring" || m.Outlet != "Riverside Courier" || m.URL != "https://example.com/water" {
		t.Errorf("meta = %+v", m)
	}
	if m.Published != "2023-02-14" || m.PublishedFrom != FromHeader || m.PublishedConfidence != 1 {
		t.Errorf("published = %q from %q (%v)", m.Published, m.PublishedFrom, m.PublishedConfidence)
	}
	if strings.Contains(doc.Text, "Share this") || strings.Contains(doc.Text, "\r") {
		t.Errorf("text = %q", doc.Text)
	}
	if len(doc.Removed) != 1 || doc.Removed[0].Kind != document.ResidueShare {
		t.Errorf("removed = %+v", doc.Removed)
	}
	// The share line stood between the two body paragraphs.
	first := "Water rates to rise in spring\n\nWater rates will rise by 6 percent in April, the utility board decided on Tuesday."
	if doc.Removed[0].At != len(first) {
		t.Errorf("removed at %d, want %d", doc.Removed[0].At, len(first))
	}
}

func TestExtractTextBadHeaderDate(t *testing.T) {
	doc, err := Extract(textInput("Title: A day out\nDate: sometime soon\n\nThe fair opened with music and food stalls.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Published != "" || len(doc.Notes) != 1 || !strings.Contains(doc.Notes[0], "sometime soon") {
		t.Errorf("published %q, notes %q", doc.Meta.Published, doc.Notes)
	}
}

func TestExtractTextNoTitle(t *testing.T) {
	tests := []struct {
		name, in, title string
	}{
		{"first line is a sentence", "The vote was close.\n\nIt passed by two votes.", ""},
		{"no blank line after it", "Storm warning\nWinds of 90 km/h are expected tonight.", ""},
		{"only one paragraph", "Storm warning", ""},
		{"headline with question mark", "Will the storm hit the coast?\n\nForecasters are unsure.", "Will the storm hit the coast?"},
		{"too long for a headline", strings.Repeat("word ", 30) + "\n\nBody text here.", ""},
		{"a residue line is not a headline", "Share this article\n\nThe vote was close.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(textInput(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc)
			if doc.Meta.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Meta.Title, tt.title)
			}
			if (doc.Headline != nil) != (tt.title != "") {
				t.Errorf("headline = %v", doc.Headline)
			}
		})
	}
}

func TestExtractNoArticle(t *testing.T) {
	tests := []struct {
		name string
		in   *source.Input
	}{
		{"only residue", textInput("Share this article\n\nPlease enter your comment!\nPlease enter your name here")},
		{"HTML with no article", &source.Input{Name: "nav.html", ContentType: "text/html", Data: []byte(
			`<html><head><title>Menu</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>`)}},
		{"HTML with nothing", &source.Input{Name: "empty.html", ContentType: "text/html", Data: []byte(`<html><body></body></html>`)}},
		{"only scripts", &source.Input{Name: "app.html", ContentType: "text/html", Data: []byte(
			`<!doctype html><html><body><div id="app"></div><script>window.start()</script></body></html>`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.in)
			if !errors.Is(err, ErrNoArticle) {
				t.Fatalf("Extract = %v, %v; want ErrNoArticle", doc, err)
			}
		})
	}
	if _, err := Extract(nil); err == nil {
		t.Error("Extract(nil) succeeded")
	}
}

// articleHTML is a page written for these tests: metadata in JSON-LD and
// meta tags, a body with inline markup, a list, a share bar, a related
// list, a newsletter box and a copyright line.
const articleHTML = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Library opens late on Fridays | Valley Post</title>
<meta property="og:title" content="Library opens late on Fridays">
<meta property="og:site_name" content="Valley Post">
<meta name="description" content="Later hours follow a survey of library users, and will cost about £40,000 a year.">
<meta name="author" content="Ann Example">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Library opens late on Fridays","datePublished":"2022-09-30T08:15:00+01:00","author":[{"@type":"Person","name":"Ann Example"},{"@type":"Person","name":"Bo Sample"}]}</script>
<style>.x{color:red}</style>
</head>
<body>
<header><nav><a href="/">Home</a><a href="/local">Local</a><a href="/sport">Sport</a></nav></header>
<main>
<article>
<h1>Library opens late on Fridays</h1>
<h2>Later hours follow a survey of library users, and will cost about £40,000 a year.</h2>
<p>The central library will stay open until 10pm on Fridays from next month, the council said on Thursday, after a survey found that <a href="/survey">most users</a> wanted later hours.</p>
<p>The change costs about £40,000 a year. Staff will work in two shifts, and the café on the ground floor will also stay open.</p>
<p>Councillor Mia Lund said: "People told us they could not get here before closing time. Now they can."</p>
<ul><li>Opening hours on Fridays: 9am to 10pm</li><li>Other days: unchanged</li></ul>
<p>The library first tried late opening in 2019, but the trial ended when funding ran out after six months of use by students and shift workers.</p>
<p>Share this article: Facebook Twitter Email</p>
<h3>Related stories</h3>
<p><a href="/a">Council budget approved after long debate</a></p>
<p><a href="/b">New bus routes start in the valley</a></p>
<p>Copyright 2022 Valley Post. All rights reserved.</p>
</article>
</main>
<footer><p>About us</p><a href="/contact">Contact the newsroom today</a></footer>
</body>
</html>`

func TestExtractHTML(t *testing.T) {
	doc, err := Extract(&source.Input{Name: "https://example.com/2022/09/30/library", URL: "https://example.com/2022/09/30/library",
		ContentType: "text/html", Data: []byte(articleHTML)})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	m := doc.Meta
	if m.Title != "Library opens late on Fridays" {
		t.Errorf("title = %q", m.Title)
	}
	if m.Outlet != "Valley Post" {
		t.Errorf("outlet = %q", m.Outlet)
	}
	if !slices.Contains(m.Authors, "Ann Example") {
		t.Errorf("authors = %q", m.Authors)
	}
	if m.Published != "2022-09-30" || m.PublishedFrom != FromJSONLD || m.PublishedConfidence < 0.9 {
		t.Errorf("published = %q from %q (%v)", m.Published, m.PublishedFrom, m.PublishedConfidence)
	}
	if m.Language != "en" || m.LanguageConfidence < 0.9 {
		t.Errorf("language = %q (%v)", m.Language, m.LanguageConfidence)
	}
	if m.Format != FormatHTML || m.URL != "https://example.com/2022/09/30/library" {
		t.Errorf("format %q, url %q", m.Format, m.URL)
	}

	if doc.Standfirst == nil || doc.Slice(*doc.Standfirst) != "Later hours follow a survey of library users, and will cost about £40,000 a year." {
		t.Errorf("standfirst = %v in %q", doc.Standfirst, doc.Text)
	}
	body := Body(doc)
	paras := strings.Split(body, "\n\n")
	if !strings.HasPrefix(paras[0], "The central library will stay open") {
		t.Errorf("first paragraph = %q (the headline must not repeat)", paras[0])
	}
	if !strings.Contains(body, "found that most users wanted later hours") {
		t.Errorf("inline link text lost its spaces: %q", paras[0])
	}
	for _, want := range []string{"Opening hours on Fridays: 9am to 10pm", "Other days: unchanged",
		`Councillor Mia Lund said: "People told us`} {
		if !slices.ContainsFunc(paras, func(p string) bool { return strings.HasPrefix(p, want) }) {
			t.Errorf("no paragraph starts with %q in %q", want, paras)
		}
	}
	for _, residue := range []string{"Share this", "Facebook", "Related stories", "Council budget", "New bus routes", "Copyright", "Contact"} {
		if strings.Contains(doc.Text, residue) {
			t.Errorf("text keeps residue %q", residue)
		}
	}
	kinds := map[string]bool{}
	for _, r := range doc.Removed {
		kinds[r.Kind] = true
	}
	for _, k := range []string{document.ResidueRelated, document.ResidueCopyright} {
		if !kinds[k] {
			t.Errorf("no %s in removed: %+v", k, doc.Removed)
		}
	}
}

func TestIsHTML(t *testing.T) {
	tests := []struct {
		ct   string
		data string
		want bool
	}{
		{"text/html", "plain words", true},
		{"application/xhtml+xml", "<html/>", true},
		{"", "<!DOCTYPE html><p>x</p>", true},
		{"text/plain", "  \n<html><body>x</body></html>", true},
		{"text/plain", "<p>Paragraph</p>", true},
		{"text/plain", "Title: x\n\n<p> is a tag", false},
		{"", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"></html>", true},
		{"", "<?xml version=\"1.0\"?><rss></rss>", false},
		{"text/markdown", "<div>x</div>", false},
		{"", "5 < 6 and <b> is bold", false},
	}
	for _, tt := range tests {
		if got := IsHTML(tt.ct, []byte(tt.data)); got != tt.want {
			t.Errorf("IsHTML(%q, %q) = %v, want %v", tt.ct, tt.data, got, tt.want)
		}
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Header
		rest string
		ok   bool
	}{
		{"full", "Title: T\nOutlet: O\nURL: https://x.test/a\nDate: 2020-01-02\n\nBody", Header{Title: "T", Outlet: "O", URL: "https://x.test/a", Date: "2020-01-02", Published: "2020-01-02"}, "Body", true},
		{"keys any case, spaces", "title:   Two  words \nDATE: March 3, 2021\n\nB", Header{Title: "Two words", Date: "March 3, 2021", Published: "2021-03-03"}, "B", true},
		{"value with colon", "Title: Breaking: a headline\n\nB", Header{Title: "Breaking: a headline"}, "B", true},
		{"author", "Author: Ann Example\n\nB", Header{Author: "Ann Example"}, "B", true},
		{"header only", "Title: Only a title", Header{Title: "Only a title"}, "", true},
		{"header then blank then nothing", "Title: T\n\n", Header{Title: "T"}, "", true},
		{"unknown key", "Title: T\nEditor: E\n\nB", Header{}, "Title: T\nEditor: E\n\nB", false},
		{"repeated key", "Title: T\nTitle: U\n\nB", Header{}, "Title: T\nTitle: U\n\nB", false},
		{"not a header", "Breaking: news today\n\nB", Header{}, "Breaking: news today\n\nB", false},
		{"no colon", "Title T\n\nB", Header{}, "Title T\n\nB", false},
		{"starts blank", "\nTitle: T\n\nB", Header{}, "\nTitle: T\n\nB", false},
		{"bad date", "Date: soon\n\nB", Header{Date: "soon"}, "B", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, rest, ok := ParseHeader(tt.in)
			if h != tt.want || rest != tt.rest || ok != tt.ok {
				t.Errorf("ParseHeader(%q) = %+v, %q, %v; want %+v, %q, %v", tt.in, h, rest, ok, tt.want, tt.rest, tt.ok)
			}
		})
	}
}

func TestBody(t *testing.T) {
	doc := document.New("Head\n\nBody one.\n\nBody two.", document.Meta{Title: "Head"})
	doc.Headline = &document.Span{Start: 0, End: 4}
	if got := Body(doc); got != "Body one.\n\nBody two." {
		t.Errorf("Body = %q", got)
	}
	doc.Standfirst = &document.Span{Start: 6, End: 15}
	if got := Body(doc); got != "Body two." {
		t.Errorf("Body after a standfirst = %q", got)
	}
	doc.Standfirst = nil
	doc.Headline = nil
	if got := Body(doc); got != doc.Text {
		t.Errorf("Body without headline = %q", got)
	}
}

func TestSplitLead(t *testing.T) {
	desc := "Later hours follow a survey of library users, and will cost about a lot of money."
	tests := []struct {
		name           string
		paras          []para
		title          string
		wantHead, want string // headline and standfirst
		rest           int
	}{
		{"h1 and h2 dek", []para{{text: "Library opens late", level: 1}, {text: desc, level: 2}, {text: "Body."}}, "Other title", "Library opens late", desc, 1},
		{"dek without h1", []para{{text: desc, level: 3}, {text: "Body."}}, "", "", desc, 1},
		{"lede in a paragraph stays", []para{{text: desc}, {text: "Body."}}, "", "", "", 2},
		{"heading that is not the description", []para{{text: "A section heading that is long enough to count", level: 2}, {text: "Body."}}, "", "", "", 2},
		{"title repeated in a paragraph", []para{{text: "Library opens late"}, {text: "Body."}}, "Library opens late | Valley Post", "Library opens late", "", 1},
		{"dek alone is kept as body", []para{{text: desc, level: 2}}, "", "", "", 1},
	}
	for _, tt := range tests {
		l, rest := splitLead(tt.paras, tt.title, desc)
		if l.headline != tt.wantHead || l.standfirst != tt.want || len(rest) != tt.rest {
			t.Errorf("%s: splitLead = %+v, %d left; want %q, %q, %d", tt.name, l, len(rest), tt.wantHead, tt.want, tt.rest)
		}
	}
	if isDescription("short", "short") {
		t.Error("short texts matched as a description")
	}
}

func TestSiteName(t *testing.T) {
	tests := []struct{ outlet, title, want string }{
		{"Valley Post", "Library opens late | Valley Post", "Valley Post"},
		{"https://www.valleypost.in", "Library opens late - Valley Post", "Valley Post"},
		{"https://www.valleypost.in/", "Library opens late", "valleypost.in"},
		{"www.valley-post.co.uk", "Library opens late | Valley Post", "Valley Post"},
		{"valleypost.com", "Library opens late - Weekend", "valleypost.com"},
		{"", "Library opens late", ""},
		{"Valley Post Inc.", "Library opens late", "Valley Post Inc."},
	}
	for _, tt := range tests {
		if got := siteName(tt.outlet, tt.title); got != tt.want {
			t.Errorf("siteName(%q, %q) = %q, want %q", tt.outlet, tt.title, got, tt.want)
		}
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct {
		title, heading, outlet, want string
	}{
		{"Library opens late | Valley Post", "", "Valley Post", "Library opens late"},
		{"Valley Post - Library opens late", "", "Valley Post", "Library opens late"},
		{"Valley Post: Library opens late on Fridays", "", "Valley Post", "Library opens late on Fridays"},
		{"Opinion | Why the library should open late", "", "Valley Post", "Why the library should open late"},
		{"Why the library should open late | Editorial", "", "", "Why the library should open late"},
		{"Opinion | Is a late library worth it?", "Is a late library worth it?", "", "Is a late library worth it?"},
		{"Library opens late | Valley Post", "Something else entirely", "Valley Post", "Library opens late"},
		{"", "Library opens late", "", "Library opens late"},
		{"Milan Design Week 2018 | Lights for a hall", "", "Inexhibit", "Milan Design Week 2018 | Lights for a hall"},
		{"Valley Post", "", "Valley Post", "Valley Post"},
		{"図書館が夜まで開館へ - バレーポスト", "", "バレーポスト", "図書館が夜まで開館へ"},
	}
	for _, tt := range tests {
		if got := headline(tt.title, tt.heading, tt.outlet); got != tt.want {
			t.Errorf("headline(%q, %q, %q) = %q, want %q", tt.title, tt.heading, tt.outlet, got, tt.want)
		}
	}
}
