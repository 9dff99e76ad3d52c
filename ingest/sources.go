package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/source"
)

// item is one article to ingest: already read (in), or to be fetched
// (url), with metadata from the record or feed item that named it.
type item struct {
	name string
	in   *source.Input
	url  string
	meta document.Meta
	// fallback is the feed item's own content, used when its page cannot
	// be fetched or holds no article.
	fallback *source.Input
	// err is a failure to report for this item instead of ingesting it.
	err error
	// resp is the response in came from, for a page fetched by the
	// walker, so that its validators and article are remembered.
	resp *Response
}

// Record is one article in a JSON-lines or CSV dump. JSON lines use these
// field names; a CSV file's header row names its columns the same way
// (case-insensitive; "date" is accepted for "published", "body" and
// "content" for "text"). Each record needs text, html or url; a record
// with only a url has its page fetched.
type Record struct {
	Title     string   `json:"title"`
	Text      string   `json:"text"`
	HTML      string   `json:"html"`
	URL       string   `json:"url"`
	Outlet    string   `json:"outlet"`
	Published string   `json:"published"`
	Byline    string   `json:"byline"`
	Authors   []string `json:"authors"`
}

// walker expands sources into items.
type walker struct {
	ctx     context.Context
	fetch   *Fetcher
	out     chan<- item
	maxSize int64
	// feedErr reports a feed that could not be read as a whole.
	notModified func(name string)
	remember    func(*Response)
}

func (w *walker) send(it item) bool {
	select {
	case w.out <- it:
		return true
	case <-w.ctx.Done():
		return false
	}
}

func (w *walker) fail(name string, err error) bool {
	return w.send(item{name: name, err: err})
}

// source expands one command-line source.
func (w *walker) source(name string, depth int) {
	if w.ctx.Err() != nil {
		return
	}
	if source.IsURL(name) {
		w.url(name, depth)
		return
	}
	st, err := os.Stat(name)
	if err != nil {
		w.fail(name, err)
		return
	}
	if st.IsDir() {
		w.dir(name, depth)
		return
	}
	w.file(name, depth)
}

// dir walks a folder recursively in name order, skipping hidden entries.
func (w *walker) dir(root string, depth int) {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !w.fail(p, err) {
				return w.ctx.Err()
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if w.ctx.Err() != nil {
			return w.ctx.Err()
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if !articleFile(p) {
			return nil
		}
		w.file(p, depth)
		return nil
	})
	if err != nil && w.ctx.Err() == nil {
		w.fail(root, err)
	}
}

// articleFile reports whether a file found in a folder is worth reading:
// known extensions only, so that a folder's images and archives are not
// reported as failures. A truth.json beside eval data is not an article.
func articleFile(p string) bool {
	p = strings.ToLower(p)
	if base, ok := strings.CutSuffix(p, ".gz"); ok {
		// A compressed page or text ("page.html.gz"), which source.Read
		// decompresses; dumps and feeds are read as they are.
		switch filepath.Ext(base) {
		case ".txt", ".text", ".html", ".htm", ".xhtml", ".md":
			return true
		}
		return false
	}
	switch filepath.Ext(p) {
	case ".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".jsonl", ".ndjson", ".csv", ".xml", ".rss", ".atom", ".opml":
		return true
	}
	return false
}

func (w *walker) file(p string, depth int) {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".jsonl", ".ndjson":
		w.jsonl(p)
		return
	case ".csv":
		w.csv(p)
		return
	case ".opml":
		data, err := w.readFile(p)
		if err != nil {
			w.fail(p, err)
			return
		}
		w.opml(p, data, depth)
		return
	case ".xml", ".rss", ".atom":
		data, err := w.readFile(p)
		if err != nil {
			w.fail(p, err)
			return
		}
		if isOPML(data) {
			w.opml(p, data, depth)
		} else {
			w.feed(p, data)
		}
		return
	}
	in, err := source.Read(w.ctx, p, source.Options{MaxBytes: w.maxSize})
	if err != nil {
		w.fail(p, err)
		return
	}
	w.send(item{name: p, in: in})
}

func (w *walker) readFile(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, w.maxSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > w.maxSize {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, w.maxSize)
	}
	return data, nil
}

// jsonl reads one Record per line; a bad line is reported and skipped.
func (w *walker) jsonl(p string) {
	f, err := os.Open(p)
	if err != nil {
		w.fail(p, err)
		return
	}
	defer f.Close()
	r := bufio.NewReader(f)
	for n := 1; ; n++ {
		line, err := readLine(r, w.maxSize)
		name := fmt.Sprintf("%s:%d", p, n)
		if err != nil && !errors.Is(err, io.EOF) {
			w.fail(name, err)
			if !errors.Is(err, ErrTooLarge) {
				return
			}
			continue
		}
		if len(bytes.TrimSpace(line)) > 0 {
			var rec Record
			if jerr := json.Unmarshal(line, &rec); jerr != nil {
				if !w.fail(name, fmt.Errorf("bad JSON: %w", jerr)) {
					return
				}
			} else if !w.record(name, &rec) {
				return
			}
		}
		if errors.Is(err, io.EOF) {
			return
		}
	}
}

// readLine reads one line of at most limit bytes; a longer line is
// skipped and reported as too large.
func readLine(r *bufio.Reader, limit int64) ([]byte, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if int64(len(line)+len(chunk)) <= limit {
			line = append(line, chunk...)
		} else if line != nil || len(chunk) > 0 {
			line = nil
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = r.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: line over %d bytes", ErrTooLarge, limit)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return line, err
	}
}

// csv reads Records from a CSV file with a header row.
func (w *walker) csv(p string) {
	f, err := os.Open(p)
	if err != nil {
		w.fail(p, err)
		return
	}
	defer f.Close()
	cr := csv.NewReader(io.LimitReader(f, 1<<40))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err != nil {
		w.fail(p, fmt.Errorf("read CSV header: %w", err))
		return
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		switch h {
		case "date":
			h = "published"
		case "body", "content":
			h = "text"
		}
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	_, hasText := col["text"]
	_, hasHTML := col["html"]
	_, hasURL := col["url"]
	if !hasText && !hasHTML && !hasURL {
		w.fail(p, errors.New("CSV header has no text, html or url column"))
		return
	}
	get := func(row []string, k string) string {
		if i, ok := col[k]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	for n := 2; ; n++ {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		name := fmt.Sprintf("%s:%d", p, n)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && !errors.Is(err, csv.ErrFieldCount) {
				w.fail(name, err)
				return // the reader cannot resynchronise after a quote error
			}
			if !w.fail(name, err) {
				return
			}
			continue
		}
		rec := Record{Title: get(row, "title"), Text: get(row, "text"), HTML: get(row, "html"), URL: get(row, "url"),
			Outlet: get(row, "outlet"), Published: get(row, "published"), Byline: get(row, "byline")}
		if !w.record(name, &rec) {
			return
		}
	}
}

// record turns a Record into an item.
func (w *walker) record(name string, r *Record) bool {
	meta := document.Meta{Title: r.Title, Outlet: r.Outlet, URL: r.URL, Published: normDate(r.Published), Byline: r.Byline, Authors: r.Authors}
	switch {
	case strings.TrimSpace(r.HTML) != "":
		return w.send(item{name: name, meta: meta,
			in: &source.Input{Name: name, URL: r.URL, ContentType: "text/html", Charset: "utf-8", Data: []byte(r.HTML)}})
	case strings.TrimSpace(r.Text) != "":
		return w.send(item{name: name, meta: meta, in: textInput(name, meta, r.Text)})
	case r.URL != "":
		return w.send(item{name: name, meta: meta, url: r.URL})
	}
	return w.fail(name, errors.New("record has no text, html or url"))
}

// textInput lays a plain text out with the header block DESIGN.md
// describes, so that extract reads its metadata the one documented way.
func textInput(name string, m document.Meta, text string) *source.Input {
	var b strings.Builder
	line := func(k, v string) {
		if v = strings.Join(strings.Fields(v), " "); v != "" {
			b.WriteString(k + ": " + v + "\n")
		}
	}
	line("Title", m.Title)
	line("Outlet", m.Outlet)
	line("URL", m.URL)
	line("Date", m.Published)
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	b.WriteString(text)
	return &source.Input{Name: name, URL: m.URL, ContentType: "text/plain", Charset: "utf-8", Data: []byte(b.String())}
}

// normDate keeps the date part of a timestamp in a known layout.
func normDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339, time.RFC1123Z, time.RFC1123, "2006-01-02 15:04:05", "January 2, 2006", "2 January 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return ""
}

// url fetches a URL source: a feed, an OPML list or a page.
func (w *walker) url(u string, depth int) {
	resp, err := w.fetch.Get(w.ctx, u, true)
	if err != nil {
		w.fail(u, err)
		return
	}
	if resp.NotModified {
		w.notModified(u)
		return
	}
	switch {
	case isOPML(resp.Body):
		w.remember(resp)
		w.opml(u, resp.Body, depth)
	case isFeed(resp.ContentType, resp.Body):
		w.remember(resp)
		w.feed(u, resp.Body)
	default:
		in, err := resp.Text(u)
		if err != nil {
			w.fail(u, err)
			return
		}
		w.send(item{name: u, in: in, url: u, meta: document.Meta{URL: resp.URL}, resp: resp})
	}
}

// isFeed tells RSS, Atom and RDF feeds from pages by media type or by
// their root element.
func isFeed(mediaType string, data []byte) bool {
	switch mediaType {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return true
	}
	head := strings.ToLower(string(data[:min(len(data), 1024)]))
	return strings.Contains(head, "<rss") || strings.Contains(head, "<feed") || strings.Contains(head, "<rdf:rdf")
}

func isOPML(data []byte) bool {
	head := strings.ToLower(string(data[:min(len(data), 1024)]))
	return strings.Contains(head, "<opml")
}

// feed parses a feed and sends one item per entry: its link to fetch, and
// its own content as the fallback.
func (w *walker) feed(name string, data []byte) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		w.fail(name, fmt.Errorf("parse feed: %w", err))
		return
	}
	for i, e := range f.Items {
		if e == nil {
			continue
		}
		iname := e.Link
		if iname == "" {
			iname = fmt.Sprintf("%s#%d", name, i+1)
		}
		meta := document.Meta{Title: strings.TrimSpace(e.Title), Outlet: strings.TrimSpace(f.Title), URL: e.Link}
		switch {
		case e.PublishedParsed != nil:
			meta.Published = e.PublishedParsed.UTC().Format(time.DateOnly)
		case e.UpdatedParsed != nil:
			meta.Published = e.UpdatedParsed.UTC().Format(time.DateOnly)
		}
		for _, a := range e.Authors {
			if a != nil && a.Name != "" {
				meta.Authors = append(meta.Authors, a.Name)
			}
		}
		it := item{name: iname, meta: meta}
		content := e.Content
		if len(content) < len(e.Description) {
			content = e.Description
		}
		if strings.TrimSpace(content) != "" {
			page := "<html><head><title>" + xmlEscape(meta.Title) + "</title></head><body><article><h1>" +
				xmlEscape(meta.Title) + "</h1>" + content + "</article></body></html>"
			it.fallback = &source.Input{Name: iname, URL: e.Link, ContentType: "text/html", Charset: "utf-8", Data: []byte(page)}
		}
		switch {
		case source.IsURL(e.Link):
			it.url = e.Link
		case it.fallback != nil:
			it.in, it.fallback = it.fallback, nil
		default:
			it.err = errors.New("feed item has neither a link nor content")
		}
		if !w.send(it) {
			return
		}
	}
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// opmlDoc is the part of OPML 2.0 that lists feeds. encoding/xml reads it
// in a dozen lines; no OPML library would add anything.
type opmlDoc struct {
	Outlines []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	XMLURL   string        `xml:"xmlUrl,attr"`
	Outlines []opmlOutline `xml:"outline"`
}

// maxDepth bounds OPML lists that name other OPML lists.
const maxDepth = 3

// opml reads an OPML list and ingests each feed it names.
func (w *walker) opml(name string, data []byte, depth int) {
	if depth >= maxDepth {
		w.fail(name, errors.New("OPML lists nested too deep"))
		return
	}
	var doc opmlDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		w.fail(name, fmt.Errorf("parse OPML: %w", err))
		return
	}
	var urls []string
	var walk func([]opmlOutline)
	walk = func(os []opmlOutline) {
		for _, o := range os {
			if u := strings.TrimSpace(o.XMLURL); u != "" && !slices.Contains(urls, u) {
				urls = append(urls, u)
			}
			walk(o.Outlines)
		}
	}
	walk(doc.Outlines)
	if len(urls) == 0 {
		w.fail(name, errors.New("OPML list names no feeds"))
		return
	}
	for _, u := range urls {
		if !source.IsURL(u) {
			w.fail(u, errors.New("OPML feed address is not http(s)"))
			continue
		}
		w.source(u, depth+1)
	}
}
