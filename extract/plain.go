package extract

import (
	"strings"
	"unicode/utf8"
)

// Header is the metadata block a plain-text input may start with:
//
//	Title: Iraq fight against IS
//	Outlet: Example News
//	URL: https://example.com/iraq
//	Date: 2017-07-17
//
// followed by a blank line. Keys are case-insensitive; every line of the
// block must be one of them.
type Header struct {
	Title, Outlet, URL, Author string
	// Date is the value as written; Published is it as YYYY-MM-DD, or ""
	// when it could not be read as a date.
	Date, Published string
}

// headerKeys are the keys a header block may hold.
var headerKeys = map[string]bool{"title": true, "outlet": true, "url": true, "date": true, "author": true, "byline": true}

// ParseHeader splits a header block off the start of text. It returns the
// header, the text after the block's blank line, and whether a block was
// there; without one, rest is text unchanged.
func ParseHeader(text string) (h Header, rest string, ok bool) {
	s := text
	seen := map[string]bool{}
	for {
		line, after, found := strings.Cut(s, "\n")
		line = strings.TrimRight(line, " \t\r")
		if strings.TrimSpace(line) == "" {
			if len(seen) == 0 {
				return Header{}, text, false
			}
			return h, after, true
		}
		key, value, isKV := strings.Cut(line, ":")
		key = strings.ToLower(strings.TrimSpace(key))
		if !isKV || !headerKeys[key] || seen[key] {
			return Header{}, text, false
		}
		seen[key] = true
		value = cleanLine(value)
		switch key {
		case "title":
			h.Title = value
		case "outlet":
			h.Outlet = value
		case "url":
			h.URL = value
		case "date":
			h.Date = value
			h.Published = parseDate(value)
		case "author", "byline":
			h.Author = value
		}
		if !found {
			// A header with no body after it.
			return h, "", true
		}
		s = after
	}
}

// fromText extracts the article from plain text.
func fromText(text string) (*article, error) {
	text = normalizeText(text)
	a := &article{}
	a.meta.Format = FormatText
	if h, rest, ok := ParseHeader(text); ok {
		text = rest
		a.title = h.Title
		a.meta.Outlet = h.Outlet
		a.meta.URL = h.URL
		if h.Author != "" {
			a.meta.Authors = splitAuthors(strings.ReplaceAll(h.Author, " and ", ";"))
			a.meta.Byline = h.Author
		}
		if h.Published != "" {
			a.meta.Published, a.meta.PublishedFrom, a.meta.PublishedConfidence = h.Published, FromHeader, 1
		} else if h.Date != "" {
			a.notes = append(a.notes, "the header's Date "+quote(h.Date)+" is not a date crosscheck can read; use YYYY-MM-DD")
		}
	}
	paras := splitParagraphs(text)
	if a.title == "" && len(paras) > 1 && isTitleLine(paras[0]) {
		a.title = paras[0]
		paras = paras[1:]
	} else if a.title != "" && len(paras) > 0 && repeatsTitle(paras[0], a.title) {
		paras = paras[1:]
	}
	blocks := make([]block, 0, len(paras))
	for _, p := range paras {
		blocks = append(blocks, block{text: p})
	}
	a.blocks = cleanResidue(blocks, nil)
	body := bodyText(a.blocks)
	if strings.TrimSpace(body) == "" {
		if a.title != "" && len(a.blocks) == 0 {
			// A headline alone is still an article of sorts: keep it as
			// the body so the text is not lost.
			a.blocks = []block{{text: a.title}}
			a.title = ""
			body = bodyText(a.blocks)
		} else {
			return nil, ErrNoArticle
		}
	}
	if a.meta.Published == "" {
		if d := textDate(body); d != "" {
			a.meta.Published, a.meta.PublishedFrom, a.meta.PublishedConfidence = d, FromText, 0.4
		}
	}
	a.meta.Language, a.meta.LanguageConfidence = detectLanguage(body, "", "")
	return a, nil
}

func quote(s string) string { return "\"" + s + "\"" }

// normalizeText turns CR and CRLF line ends into LF and drops invisible
// characters, keeping every line's content.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return cleanChars(s)
}

// splitParagraphs splits text at blank lines. Lines inside a paragraph
// keep their line breaks, with runs of spaces collapsed.
func splitParagraphs(text string) []string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, "\n"))
			cur = cur[:0]
		}
	}
	for line := range strings.SplitSeq(text, "\n") {
		line = cleanLine(line)
		if line == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return paras
}

// isTitleLine reports whether a first paragraph is a headline: one short
// line without the final punctuation of a sentence.
func isTitleLine(p string) bool {
	if strings.Contains(p, "\n") || utf8.RuneCountInString(p) > 150 {
		return false
	}
	n := len(strings.Fields(p))
	if n == 0 || n > 20 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(".,;:", last) && classifyLine(p) == ""
}
