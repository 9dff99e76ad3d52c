package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/crosscheck/crosscheck/document"
)

// config switches off stages of HTML extraction. Extract runs them all
// (the zero value); the ablation test measures what each one adds.
type config struct {
	noResidue, noLead, noFallback, noPrune bool
}

// fromHTML extracts the article from an HTML page.
func fromHTML(data []byte, pageURL string, cfg config) (*article, error) {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	var u *url.URL
	if pageURL != "" {
		if pu, err := url.Parse(pageURL); err == nil && pu.Host != "" {
			u = pu
		}
	}
	head := scanHead(root, !cfg.noPrune)

	a := &article{meta: document.Meta{URL: pageURL, Format: FormatHTML}}
	var detected, description string // go-trafilatura's language and meta description
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		OriginalURL: u,
		// crosscheck finds the date itself (date.go), and says where it
		// came from; go-htmldate's scan of the whole page would cost
		// about 8% more time for a date that is thrown away.
		HtmlDateMode: trafilatura.Disabled,
	})
	var paras []para
	if err == nil && res != nil {
		m := res.Metadata
		a.title = cleanLine(m.Title)
		a.meta.Outlet = siteName(cleanLine(m.Sitename), a.title)
		a.meta.Authors = splitAuthors(m.Author)
		a.meta.Byline = strings.Join(a.meta.Authors, ", ")
		if m.URL != "" {
			a.meta.URL = m.URL
		}
		detected = m.Language
		description = m.Description
		if res.ContentNode != nil {
			paras = render(res.ContentNode, true)
		}
	}
	var ld lead
	ld, a.blocks = blocksOf(paras, a.title, description, head.links, cfg)
	a.standfirst = ld.standfirst
	a.title = headline(a.title, ld.headline, a.meta.Outlet)

	// The date, from what the page says about itself, or else from
	// go-htmldate's reading of the page; before the readability fallback,
	// which changes the tree.
	date := findDate(head, a.meta.URL, "")
	if date.value == "" {
		date = pageDate(root, a.meta.URL)
	}

	// go-trafilatura sometimes stops half-way through an article, or falls
	// back to one run of page text with no paragraphs. Readability then
	// gets a say (fallback.go).
	if alt := readabilityFallback(root, u, a, head, description, cfg); alt != nil {
		a.blocks = alt.blocks
		if a.title == "" {
			a.title = alt.title
		}
		if a.standfirst == "" {
			a.standfirst = alt.standfirst
		}
	}
	body := bodyText(a.blocks)
	if wordCount(body) < minHTMLWords || onlyLinks(a.blocks, head.links) {
		return nil, ErrNoArticle
	}
	if date.value == "" {
		date = findDate(head, a.meta.URL, body)
	}
	a.meta.Published, a.meta.PublishedFrom, a.meta.PublishedConfidence = date.value, date.from, date.confidence
	a.meta.Language, a.meta.LanguageConfidence = detectLanguage(body, head.lang, detected)
	return a, nil
}

// minHTMLWords is the shortest body taken for an article on a web page:
// below it, what the extractors found is a menu or a caption.
const minHTMLWords = 10

// onlyLinks reports whether every article block is the text of a link: a
// navigation page, not an article.
func onlyLinks(bs []block, links linkSet) bool {
	for _, b := range bs {
		if b.kind == "" && !links.has(b.text) {
			return false
		}
	}
	return true
}

// blocksOf turns rendered paragraphs into article blocks: the headline
// and standfirst taken off the front of the body (see lead), and the
// residue pass run.
func blocksOf(paras []para, title, description string, links linkSet, cfg config) (lead, []block) {
	var l lead
	if cfg.noLead {
		if len(paras) > 0 && title != "" && sameText(paras[0].text, title) {
			paras = paras[1:]
		}
	} else {
		l, paras = splitLead(paras, title, description)
	}
	blocks := make([]block, 0, len(paras))
	for _, p := range paras {
		blocks = append(blocks, block{text: p.text, heading: p.level > 0, item: p.item})
	}
	if cfg.noResidue {
		return l, blocks
	}
	return l, cleanResidue(blocks, links)
}

// lead is what a page shows above its body.
type lead struct {
	// headline is the page's <h1> at the top of the body, "" when none.
	headline string
	// standfirst is the summary under the headline, "" when none.
	standfirst string
}

// splitLead takes the headline and standfirst off the front of a page's
// paragraphs. The headline is a leading paragraph that repeats the title,
// or a leading <h1>. The standfirst is a heading right after it (or at the
// very top) that is the page's own description of itself (its meta
// description): pages set it in a heading element, and a lede in a
// paragraph that matches the description stays body text.
func splitLead(paras []para, title, description string) (lead, []para) {
	var l lead
	if len(paras) > 0 && (paras[0].level == 1 || title != "" && repeatsTitle(paras[0].text, title)) {
		l.headline = paras[0].text
		paras = paras[1:]
	}
	if len(paras) > 1 && paras[0].level > 1 && isDescription(paras[0].text, description) {
		l.standfirst = paras[0].text
		paras = paras[1:]
	}
	return l, paras
}

// isDescription reports whether p is the page's meta description, allowing
// for a description cut short.
func isDescription(p, description string) bool {
	np, nd := normalizeWords(p), normalizeWords(description)
	if len(np) < 40 || len(nd) < 40 {
		return false
	}
	return strings.HasPrefix(np, nd) || strings.HasPrefix(nd, np)
}

// headline picks the article's headline from the page's title and the
// heading found at the top of its body. Page titles carry the site's name
// ("Headline | Outlet") or a section ("Opinion | Headline"); the heading
// does not, so when the title contains the heading, the heading is the
// headline. Otherwise the outlet's name is cut off the title.
func headline(title, heading, outlet string) string {
	if heading != "" && wordCount(heading) >= 2 && len(heading) <= 300 {
		if title == "" || strings.Contains(normalizeWords(title), normalizeWords(heading)) {
			return heading
		}
	}
	return stripSiteName(title, outlet)
}

// siteName returns the outlet's name when a page gives its address for
// it ("https://www.newsnation.in"): the name its title ends with when the
// address spells it ("… - News Nation"), else the host without "www.".
func siteName(outlet, title string) string {
	host := outlet
	if u, err := url.Parse(outlet); err == nil && u.Host != "" {
		host = u.Host
	}
	if strings.ContainsAny(host, " /") || !strings.Contains(host, ".") {
		return outlet // a name, not an address
	}
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	squash := strings.ReplaceAll(strings.ReplaceAll(host, "-", ""), ".", "")
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 && sep != ": " {
			name := strings.TrimSpace(title[i+len(sep):])
			if key := strings.ToLower(strings.Join(wordsOf(name), "")); key != "" && strings.Contains(squash, key) {
				return name
			}
		}
	}
	return host
}

// titleSeparators part a headline from a site name in page titles.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", ": "}

// sectionLabels are the section names titles carry in front of or after
// the headline ("Opinion | …", "… | Editorial").
var sectionLabels = map[string]bool{
	"opinion": true, "editorial": true, "analysis": true, "review": true, "commentary": true,
	"explainer": true, "live": true, "watch": true, "video": true, "podcast": true,
	"exclusive": true, "breaking": true, "breaking news": true, "obituary": true, "letters": true,
}

// stripSiteName cuts the outlet's name, or a section label, off the start
// or end of a page title, when a separator sets it apart.
func stripSiteName(title, outlet string) string {
	no := normalizeWords(outlet)
	cut := func(part string) bool {
		np := normalizeWords(part)
		return np != "" && (np == no || sectionLabels[strings.TrimSpace(np)])
	}
	long := func(s string) bool { return wordCount(s) >= 2 || utf8.RuneCountInString(s) >= 8 }
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 && sep != ": " {
			if rest := strings.TrimSpace(title[:i]); cut(title[i+len(sep):]) && long(rest) {
				return rest
			}
		}
		if i := strings.Index(title, sep); i > 0 {
			if rest := strings.TrimSpace(title[i+len(sep):]); cut(title[:i]) && long(rest) {
				return rest
			}
		}
	}
	return title
}

// splitAuthors splits go-trafilatura's "A; B" author string into names.
func splitAuthors(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, name := range strings.Split(s, ";") {
		name = cleanLine(name)
		if name == "" || seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		out = append(out, name)
	}
	return out
}

// cleanLine collapses white space and drops invisible characters.
func cleanLine(s string) string {
	return strings.Join(strings.FieldsFunc(cleanChars(s), isSpace), " ")
}

// repeatsTitle reports whether a first paragraph is the headline again:
// the same words as the title, or as the title without the site name
// pages append to it ("Headline - Outlet", "Outlet | Headline").
func repeatsTitle(p, title string) bool {
	np, nt := normalizeWords(p), normalizeWords(title)
	if np == "" {
		return false
	}
	if np == nt {
		return true
	}
	return wordCount(p) >= 3 && len(np)*2 >= len(nt) && (strings.HasPrefix(nt, np) || strings.HasSuffix(nt, np))
}

// sameText reports whether a and b read the same, ignoring case, spaces
// and punctuation.
func sameText(a, b string) bool {
	return normalizeWords(a) == normalizeWords(b)
}

func normalizeWords(s string) string {
	var b strings.Builder
	for _, w := range wordsOf(s) {
		b.WriteString(strings.ToLower(w))
		b.WriteByte(' ')
	}
	return b.String()
}

// head is what the page says about itself outside the article body:
// <html lang>, <meta> tags and JSON-LD blocks.
type head struct {
	lang   string
	metas  []metaTag
	jsonLD []string
	// times are <time datetime> values, with whether they were marked as
	// the publication time.
	times []timeTag
	// links are the texts of the page's links of two words or more.
	links linkSet
	// pText counts the bytes of text inside <p> elements: roughly how
	// much prose the page holds.
	pText int
}

type metaTag struct{ key, content string }

type timeTag struct {
	datetime  string
	published bool
}

// scanHead collects the page's self-description in one pass over the
// tree, and prunes from it what go-trafilatura drops before it extracts
// anything (see prunable). It drops them only after copying the tree three
// times, and pruning first makes those copies a third smaller: about 15%
// faster on the shared benchmark, with the same score.
func scanHead(root *html.Node, prune bool) head {
	h := head{links: linkSet{}}
	var walk func(n *html.Node, inP bool)
	walk = func(n *html.Node, inP bool) {
		if n.Type == html.TextNode && inP {
			h.pText += len(strings.TrimSpace(n.Data))
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				h.lang = attr(n, "lang")
				if h.lang == "" {
					h.lang = attr(n, "xml:lang")
				}
			case atom.Meta:
				content := attr(n, "content")
				if content == "" {
					break
				}
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					if v := attr(n, k); v != "" {
						h.metas = append(h.metas, metaTag{strings.ToLower(strings.TrimSpace(v)), content})
					}
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					h.jsonLD = append(h.jsonLD, n.FirstChild.Data)
				}
				return
			case atom.A:
				if t := linkText(n); t != "" {
					h.links[t] = true
				}
			case atom.Time:
				if dt := attr(n, "datetime"); dt != "" {
					pub := strings.Contains(strings.ToLower(attr(n, "itemprop")+" "+attr(n, "class")), "publish") ||
						hasAttr(n, "pubdate")
					h.times = append(h.times, timeTag{dt, pub})
				}
			}
		}
		inP = inP || n.Type == html.ElementNode && n.DataAtom == atom.P
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if prune && prunable(c) {
				n.RemoveChild(c)
			} else {
				walk(c, inP)
			}
			c = next
		}
	}
	walk(root, false)
	return h
}

// prunable reports whether n can leave the tree before extraction:
// scripts (JSON-LD aside, which the metadata needs), styles, drawings,
// embedded frames and form controls, and the page's navigation, asides and
// footers. go-trafilatura removes all of these before extracting; the one
// thing they still fed was its author guess from the whole page, which on
// the benchmark found comment authors and sponsors there rather than
// bylines. <form> stays: some sites wrap the whole page in one.
func prunable(n *html.Node) bool {
	switch n.Type {
	case html.CommentNode:
		return true
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script:
			return !strings.Contains(strings.ToLower(attr(n, "type")), "ld+json")
		case atom.Style, atom.Svg, atom.Template, atom.Math, atom.Noscript, atom.Iframe,
			atom.Select, atom.Textarea, atom.Button, atom.Input, atom.Embed, atom.Object,
			atom.Canvas, atom.Video, atom.Audio, atom.Picture, atom.Source, atom.Map, atom.Menu,
			atom.Nav, atom.Aside, atom.Footer:
			return true
		}
	}
	return false
}

// linkText returns the normalised text of a link of 2 to 40 words, or "".
func linkText(n *html.Node) string {
	var sb strings.Builder
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		if sb.Len() > 400 {
			return
		}
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			sb.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			collect(c)
		}
	}
	collect(n)
	if sb.Len() > 400 {
		return ""
	}
	t := normalizeWords(sb.String())
	if w := strings.Count(t, " "); w < 2 || w > 40 {
		return ""
	}
	return t
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// bodyText joins the article blocks, as Document.Text will hold them after
// the headline.
func bodyText(blocks []block) string {
	var sb strings.Builder
	for _, b := range blocks {
		if b.kind != "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(b.text)
	}
	return sb.String()
}

// meta returns the first meta content under any of keys.
func (h *head) meta(keys ...string) string {
	for _, k := range keys {
		for _, m := range h.metas {
			if m.key == k {
				return strings.TrimSpace(m.content)
			}
		}
	}
	return ""
}

// wordsOf splits s into runs of letters and digits.
func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
