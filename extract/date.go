package extract

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// Where a publication date came from, for Meta.PublishedFrom, and how far
// each source is trusted. Structured data written for search engines is
// the most reliable; a date in the URL is usually the publication day; a
// date found in the text may be any date the article mentions.
const (
	FromHeader = "header"
	FromJSONLD = "json-ld"
	FromMeta   = "meta"
	FromHTML   = "html"
	FromURL    = "url"
	FromText   = "text"
)

type dateFound struct {
	value      string // YYYY-MM-DD
	from       string
	confidence float64
}

// publishedKeys are the <meta> names, properties and itemprops that hold
// a publication time, most specific first.
var publishedKeys = []string{
	"article:published_time", "og:article:published_time", "datepublished",
	"article.published", "article_date_original", "publishdate", "publish-date",
	"publish_date", "pubdate", "parsely-pub-date", "sailthru.date",
	"dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
	"originalpublicationdate", "og:published_time", "date", "dc.date", "dcterms.date",
	"datecreated", "article:modified_time", "datemodified", "og:updated_time",
}

// findDate looks for the publication date in the page's structured data,
// meta tags, <time> elements, URL and finally its text.
func findDate(h head, pageURL, body string) dateFound {
	if d := jsonLDDate(h.jsonLD); d != "" {
		return dateFound{d, FromJSONLD, 0.95}
	}
	for i, k := range publishedKeys {
		if d := parseDate(h.meta(k)); d != "" {
			conf := 0.9
			if strings.Contains(k, "modif") || strings.Contains(k, "updated") {
				conf = 0.6 // a modification date is at best a bound
			} else if i > 15 {
				conf = 0.8
			}
			return dateFound{d, FromMeta, conf}
		}
	}
	for _, t := range h.times {
		if t.published {
			if d := parseDate(t.datetime); d != "" {
				return dateFound{d, FromHTML, 0.85}
			}
		}
	}
	if d := urlDate(pageURL); d != "" {
		return dateFound{d, FromURL, 0.8}
	}
	for _, t := range h.times {
		if d := parseDate(t.datetime); d != "" {
			return dateFound{d, FromHTML, 0.6}
		}
	}
	if d := textDate(body); d != "" {
		return dateFound{d, FromText, 0.4}
	}
	return dateFound{}
}

// pageDate asks go-htmldate for the publication date of a page that does
// not state it in structured data: it reads dates near headlines, bylines
// and date-like elements, which a text search from the top would miss.
// Its fast mode (no free-text date parsing) is used; the answer is a
// heuristic, hence the lower confidence.
func pageDate(root *html.Node, pageURL string) dateFound {
	res, err := htmldate.FromDocument(root, htmldate.Options{
		URL:                 pageURL,
		UseOriginalDate:     true,
		SkipExtensiveSearch: true,
		MinDate:             time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC),
		MaxDate:             time.Now().AddDate(1, 0, 0),
	})
	if err != nil || res.DateTime.IsZero() {
		return dateFound{}
	}
	if d := valid(res.DateTime); d != "" {
		return dateFound{d, FromHTML, 0.6}
	}
	return dateFound{}
}

// jsonLDDate finds datePublished (or dateCreated) in JSON-LD blocks,
// preferring the article objects of a @graph.
func jsonLDDate(blocks []string) string {
	var fallback string
	for _, b := range blocks {
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(b)), &v); err != nil {
			continue
		}
		var found string
		var visit func(v any, depth int)
		visit = func(v any, depth int) {
			if found != "" || depth > 8 {
				return
			}
			switch x := v.(type) {
			case []any:
				for _, e := range x {
					visit(e, depth+1)
				}
			case map[string]any:
				if s, ok := x["datePublished"].(string); ok {
					if d := parseDate(s); d != "" {
						if isArticleType(x["@type"]) {
							found = d
							return
						}
						if fallback == "" {
							fallback = d
						}
					}
				}
				if s, ok := x["dateCreated"].(string); ok && fallback == "" {
					fallback = parseDate(s)
				}
				for k, e := range x {
					if k == "@graph" || k == "mainEntity" || k == "mainEntityOfPage" || k == "itemListElement" {
						visit(e, depth+1)
					}
				}
			}
		}
		visit(v, 0)
		if found != "" {
			return found
		}
	}
	return fallback
}

func isArticleType(t any) bool {
	check := func(s string) bool {
		return strings.Contains(s, "Article") || strings.Contains(s, "Posting") || s == "Report"
	}
	switch x := t.(type) {
	case string:
		return check(x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && check(s) {
				return true
			}
		}
	}
	return false
}

var (
	rxISODate   = regexp.MustCompile(`^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})`)
	rxCompact   = regexp.MustCompile(`^\s*(\d{4})(\d{2})(\d{2})(?:\D|$)`)
	rxURLDate   = regexp.MustCompile(`[/_-]((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`)
	rxURLDate2  = regexp.MustCompile(`(?i)/((?:19|20)\d{2})/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(\d{1,2})(?:[/_.-]|$)`)
	rxTextDate  = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b`)
	rxTextDate2 = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d{2})\b`)
)

// parseDate reads the date part of a date or timestamp as written: the
// day it names in its own time zone, which is the day readers saw.
func parseDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if m := rxISODate.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := rxCompact.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return valid(t)
		}
	}
	if d := textDate(s); d != "" {
		return d
	}
	return ""
}

// urlDate finds a full date in a URL path, such as /2019/11/19/,
// /2019/nov/19/ or -20191119/.
func urlDate(u string) string {
	if m := rxURLDate.FindStringSubmatch(u); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := rxURLDate2.FindStringSubmatch(u); m != nil {
		return ymd(m[1], monthNum(m[2]), m[3])
	}
	return ""
}

// textDate finds the first written-out date near the start of a text.
func textDate(s string) string {
	s = s[:min(len(s), 600)]
	i1 := rxTextDate.FindStringSubmatchIndex(s)
	i2 := rxTextDate2.FindStringSubmatchIndex(s)
	switch {
	case i1 != nil && (i2 == nil || i1[0] <= i2[0]):
		return ymd(s[i1[6]:i1[7]], monthNum(s[i1[2]:i1[3]]), s[i1[4]:i1[5]])
	case i2 != nil:
		return ymd(s[i2[6]:i2[7]], monthNum(s[i2[4]:i2[5]]), s[i2[2]:i2[3]])
	}
	return ""
}

func monthNum(name string) string {
	months := []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	name = strings.ToLower(name)
	for i, m := range months {
		if strings.HasPrefix(name, m) {
			return strconv.Itoa(i + 1)
		}
	}
	return "0"
}

// ymd validates a year, month and day and formats them as YYYY-MM-DD.
func ymd(y, m, d string) string {
	yi, err1 := strconv.Atoi(y)
	mi, err2 := strconv.Atoi(m)
	di, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil {
		return ""
	}
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di {
		return "" // 2019-02-30 and the like
	}
	return valid(t)
}

// valid keeps dates from the web's lifetime up to a year ahead (pages
// announce events); anything else is a misread number.
func valid(t time.Time) string {
	if t.Year() < 1990 || t.After(time.Now().AddDate(1, 0, 0)) {
		return ""
	}
	return t.Format(time.DateOnly)
}
