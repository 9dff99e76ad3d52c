package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockAtoms are the elements that start a new paragraph. Everything else
// (links, emphasis, spans, unknown tags) flows inline, so that a word split
// across inline markup stays one word.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true,
	atom.Ul: true, atom.Html: true,
}

// skipAtoms hold no readable text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Button: true, atom.Textarea: true,
}

// renderer turns an HTML tree into paragraphs of plain text. go-trafilatura
// keeps the page's own tag names in its content tree, so the same renderer
// works on its output and on any other HTML.
type renderer struct {
	paras     []para
	cur       strings.Builder
	brs       int // consecutive <br> seen since the last text
	pendingSp bool
	pre       int
	// boundary is set when an inline element starts or ends between two
	// text runs. go-trafilatura trims the white space of the text nodes
	// it keeps ("for <a>Larry</a>" becomes "for" and "Larry"), so a
	// boundary between two words must stand for a space.
	boundary bool
	// trimmed says the tree's text nodes lost their spaces, so that
	// boundaries count (see boundary).
	trimmed bool
}

// para is one rendered paragraph.
type para struct {
	text string
	// level is 1 to 6 for h1 to h6 paragraphs, 0 for others.
	level int
	// item is set for list items.
	item bool
}

// render returns the paragraphs of n's text. trimmed says the tree's text
// nodes were trimmed of white space, as go-trafilatura's are: an element
// boundary between two words then stands for a space. In a page as
// written it does not ("<b>W</b>ord").
func render(n *html.Node, trimmed bool) []para {
	r := &renderer{trimmed: trimmed}
	r.walk(n, false)
	r.flush(0, false)
	return r.paras
}

func (r *renderer) walk(n *html.Node, item bool) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.walk(c, item)
		}
		return
	default:
		return
	}
	a := n.DataAtom
	if a == 0 {
		// go-trafilatura builds elements without setting DataAtom.
		a = atom.Lookup([]byte(n.Data))
	}
	if skipAtoms[a] {
		return
	}
	switch a {
	case atom.Br:
		r.brs++
		if r.brs >= 2 {
			r.flush(0, item)
		} else {
			r.newline()
		}
		return
	case atom.Img, atom.Input, atom.Wbr:
		return
	case atom.Td, atom.Th:
		// Cells of one row stay on one line.
		if r.cur.Len() > 0 {
			r.cur.WriteString(" | ")
			r.pendingSp = false
		}
	}
	block := blockAtoms[a]
	level := headingLevel(a)
	isItem := a == atom.Li || a == atom.Dt || a == atom.Dd
	if block {
		r.flush(0, item)
	}
	if a == atom.Pre {
		r.pre++
	}
	r.boundary = true
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, item || isItem)
	}
	r.boundary = true
	if block {
		r.flush(level, item || isItem)
	}
	if a == atom.Pre {
		r.pre--
	}
}

// text appends a text node, collapsing white space outside <pre>.
func (r *renderer) text(s string) {
	if r.pre > 0 {
		for _, line := range strings.SplitAfter(s, "\n") {
			if strings.HasSuffix(line, "\n") {
				r.write(strings.TrimRight(line, "\n"))
				r.newline()
				continue
			}
			r.write(line)
		}
		return
	}
	start := -1
	for i, c := range s {
		if isSpace(c) {
			if start >= 0 {
				r.write(s[start:i])
				start = -1
			}
			r.pendingSp = true
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		r.write(s[start:])
	}
}

// write appends a run of non-space text.
func (r *renderer) write(s string) {
	s = cleanChars(s)
	if s == "" {
		return
	}
	if (r.pendingSp || r.trimmed && r.boundary && wordBoundary(&r.cur, s)) && r.cur.Len() > 0 && !endsWithNewline(&r.cur) {
		r.cur.WriteByte(' ')
	}
	r.pendingSp = false
	r.boundary = false
	r.brs = 0
	r.cur.WriteString(s)
}

// wordBoundary reports whether text s, following the text in b across an
// element boundary, starts a new word: a letter or digit after a letter,
// digit or closing punctuation, or an opening mark after a word.
func wordBoundary(b *strings.Builder, s string) bool {
	prev, _ := utf8.DecodeLastRuneInString(b.String())
	next, _ := utf8.DecodeRuneInString(s)
	prevWord := unicode.IsLetter(prev) || unicode.IsDigit(prev)
	nextWord := unicode.IsLetter(next) || unicode.IsDigit(next)
	switch {
	case prevWord && nextWord:
		return true
	case nextWord:
		return strings.ContainsRune(",;:!?)]}\"”’»", prev)
	case prevWord:
		return strings.ContainsRune("([{“‘«", next)
	}
	return false
}

func endsWithNewline(b *strings.Builder) bool {
	s := b.String()
	return len(s) > 0 && s[len(s)-1] == '\n'
}

// newline starts a new line within the paragraph.
func (r *renderer) newline() {
	if r.cur.Len() > 0 && !endsWithNewline(&r.cur) {
		r.cur.WriteByte('\n')
	}
	r.pendingSp = false
}

// flush ends the current paragraph; level is its heading level.
func (r *renderer) flush(level int, item bool) {
	t := strings.TrimSpace(r.cur.String())
	if t != "" {
		r.paras = append(r.paras, para{text: t, level: level, item: item})
	}
	r.cur.Reset()
	r.pendingSp = false
	r.brs = 0
}

// headingLevel returns 1 to 6 for h1 to h6, and 0 for other elements.
func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// isSpace reports white space as HTML and text treat it, including the
// no-break space, which pages use for layout.
func isSpace(c rune) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xA0, 0x2028, 0x2029, 0x3000, 0x202F, 0x2007:
		return true
	}
	return c >= 0x2000 && c <= 0x200A
}

// cleanChars drops characters that are invisible in a page but break
// words apart or together in text: soft hyphens, zero-width characters,
// byte-order marks and control characters.
func cleanChars(s string) string {
	clean := true
	for _, c := range s {
		if dropChar(c) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		if !dropChar(c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func dropChar(c rune) bool {
	switch c {
	case '\n', '\t':
		return false
	case 0xAD, 0x200B, 0x2060, 0xFEFF, utf8.RuneError:
		return true
	}
	return unicode.Is(unicode.Cc, c)
}
