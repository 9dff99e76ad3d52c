// Package timex finds time expressions in English news text (dates,
// durations, relative times such as "last week" or "three years ago", and
// recurring times) and normalises them to ISO 8601 against the article's
// publication date.
//
// Values are ISO 8601: a date ("2017-07-10"), a reduced-precision date
// ("2017-07", "2014"), an interval of dates ("2017-07-03/2017-07-09"), a
// duration ("P9M") or a recurrence ("R/P1W"). An expression that needs the
// publication date when none is known keeps its text and an empty value.
package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/claim/internal/lex"
	"github.com/crosscheck/crosscheck/document"
)

// Anchor is the date relative expressions are resolved against.
type Anchor struct {
	t     time.Time
	known bool
}

// ParseAnchor reads a publication date as YYYY-MM-DD. An empty or
// malformed date gives an unknown anchor, so that relative times stay
// unresolved rather than being resolved against a wrong date.
func ParseAnchor(published string) Anchor {
	t, err := time.Parse(time.DateOnly, published)
	if err != nil {
		return Anchor{}
	}
	return Anchor{t: t, known: true}
}

// Known reports whether the anchor holds a date.
func (a Anchor) Known() bool { return a.known }

// Expr is one time expression found in a sentence.
type Expr struct {
	document.TimeExpr
	// First and Last index the words the expression covers
	// (words[First:Last]).
	First, Last int
}

// Find returns the time expressions among words, one sentence tokenised
// by lex.Tokenize, in text order and without overlaps.
func Find(words []lex.Word, anchor Anchor) []Expr {
	var out []Expr
	future := false
	for i := 0; i < len(words); {
		if isFutureMarker(words, i) {
			future = true
		}
		if !mayStart(words[i]) {
			i++
			continue
		}
		e, ok := match(words, i, anchor, future)
		if !ok {
			i++
			continue
		}
		e.Start, e.End = words[e.First].Start, words[e.Last-1].End
		out = append(out, e)
		i = e.Last
	}
	return out
}

// starters are the words other than numbers and capitalised names that
// can open a time expression.
var starters = map[string]bool{
	"last": true, "next": true, "this": true, "the": true, "past": true, "today": true,
	"yesterday": true, "tomorrow": true, "tonight": true, "earlier": true, "later": true,
	"early": true, "late": true, "every": true, "each": true, "daily": true, "weekly": true,
	"monthly": true, "annually": true, "yearly": true, "a": true, "an": true, "one": true,
	"several": true, "many": true, "some": true, "few": true, "multiple": true, "current": true,
	"previous": true, "coming": true, "dozen": true,
}

// mayStart is a cheap test that words[i] can open an expression, so that
// most words skip the matchers.
func mayStart(w lex.Word) bool {
	if w.Lower == "" {
		return false
	}
	if c := w.Lower[0]; c >= '0' && c <= '9' || w.IsCapitalised() || starters[w.Lower] {
		return true
	}
	if strings.IndexByte(w.Lower, '-') >= 0 {
		return true
	}
	return w.IsNum
}

func isFutureMarker(words []lex.Word, i int) bool {
	switch words[i].Lower {
	case "will", "shall", "'ll", "scheduled", "next", "upcoming", "plans", "planned", "expected":
		return true
	case "due":
		return i+1 < len(words) && (words[i+1].Lower == "to" || words[i+1].Lower == "in" || words[i+1].Lower == "on")
	}
	return false
}

// match tries each expression shape at words[i].
func match(words []lex.Word, i int, a Anchor, future bool) (Expr, bool) {
	for _, m := range matchers {
		if e, ok := m(words, i, a, future); ok {
			return e, true
		}
	}
	return Expr{}, false
}

type matcher func(words []lex.Word, i int, a Anchor, future bool) (Expr, bool)

var matchers = []matcher{
	matchISODate,
	matchMonthDate,
	matchDayMonth,
	matchDecade,
	matchYear,
	matchDeictic,
	matchWeekday,
	matchPeriodRelative,
	matchAgo,
	matchPast,
	matchHyphenDuration,
	matchSet,
	matchDuration,
}

func expr(kind, value string, first, last int) Expr {
	return Expr{TimeExpr: document.TimeExpr{Kind: kind, Value: value}, First: first, Last: last}
}

func lower(words []lex.Word, i int) string {
	if i < 0 || i >= len(words) {
		return ""
	}
	return words[i].Lower
}

// ---- absolute dates

func matchISODate(words []lex.Word, i int, _ Anchor, _ bool) (Expr, bool) {
	w := words[i].Lower
	if len(w) != 10 || w[4] != '-' || w[7] != '-' {
		return Expr{}, false
	}
	t, err := time.Parse(time.DateOnly, w)
	if err != nil {
		return Expr{}, false
	}
	return expr(document.TimeDate, t.Format(time.DateOnly), i, i+1), true
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
	"december": 12,
	"jan":      1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// month reads a capitalised month name, with an optional abbreviation
// dot, returning the month and the index past it.
func month(words []lex.Word, i int) (time.Month, int, bool) {
	if i >= len(words) || !words[i].IsCapitalised() {
		return 0, i, false
	}
	m, ok := months[words[i].Lower]
	if !ok {
		return 0, i, false
	}
	j := i + 1
	if len(words[i].Lower) <= 4 && words[i].Lower != "may" && words[i].Lower != "june" && words[i].Lower != "july" {
		// Abbreviations count only with their dot or before a day number,
		// so that "Mar" or "Jan" as names do not become dates.
		if lower(words, j) == "." {
			j++
		} else if _, ok := day(lower(words, j)); !ok {
			return 0, i, false
		}
	}
	return m, j, true
}

// day reads a day of the month: "10", "10th".
func day(w string) (int, bool) {
	if w == "" || w[0] < '0' || w[0] > '9' || len(w) > 4 {
		return 0, false
	}
	w = strings.TrimRight(w, "stndrh")
	n, err := strconv.Atoi(w)
	if err != nil || n < 1 || n > 31 {
		return 0, false
	}
	return n, true
}

// year reads a plausible four-digit year.
func year(w string) (int, bool) {
	if len(w) != 4 || w[0] < '1' || w[0] > '2' {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	if err != nil || n < 1800 || n > 2199 {
		return 0, false
	}
	return n, true
}

var yearPreps = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true,
	"of": true, "from": true, "during": true, "before": true, "after": true,
	"early": true, "late": true, "mid": true, "the": true, "to": true,
	"between": true, "and": true, "year": true, "around": true, "circa": true,
	"'s": true, "fiscal": true, "throughout": true, "spring": true,
	"summer": true, "autumn": true, "fall": true, "winter": true,
}

func matchMonthDate(words []lex.Word, i int, a Anchor, future bool) (Expr, bool) {
	m, j, ok := month(words, i)
	if !ok {
		return Expr{}, false
	}
	// "July 10, 2017", "July 10 2017", "July 10"
	if d, ok := day(lower(words, j)); ok {
		k := j + 1
		if lower(words, k) == "," {
			if y, ok := year(lower(words, k+1)); ok {
				return dateExpr(y, m, d, i, k+2)
			}
		}
		if y, ok := year(lower(words, k)); ok {
			return dateExpr(y, m, d, i, k+1)
		}
		if !a.known {
			return expr(document.TimeDate, "", i, k), true
		}
		y := nearestYear(a, m, future)
		return dateExpr(y, m, d, i, k)
	}
	// "July 2017", "July of 2017"
	k := j
	if lower(words, k) == "of" {
		k++
	}
	if y, ok := year(lower(words, k)); ok {
		return expr(document.TimeDate, fmt.Sprintf("%04d-%02d", y, m), i, k+1), true
	}
	// A bare month name counts after a preposition: "in March",
	// "since May", "early June". "May" alone is too often the verb.
	if !yearPreps[lower(words, i-1)] && lower(words, i-1) != "last" && lower(words, i-1) != "next" && lower(words, i-1) != "this" {
		return Expr{}, false
	}
	first := i
	prev := lower(words, i-1)
	if prev == "last" || prev == "next" || prev == "this" || prev == "early" || prev == "late" || prev == "mid" {
		first = i - 1
	}
	if !a.known {
		return expr(document.TimeDate, "", first, j), true
	}
	var y int
	switch prev {
	case "last":
		y = a.t.Year()
		if m >= a.t.Month() {
			y--
		}
	case "next":
		y = a.t.Year()
		if m <= a.t.Month() {
			y++
		}
	case "this":
		y = a.t.Year()
	default:
		y = nearestYear(a, m, future)
	}
	return expr(document.TimeDate, fmt.Sprintf("%04d-%02d", y, m), first, j), true
}

func dateExpr(y int, m time.Month, d int, first, last int) (Expr, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // "February 30"
		return Expr{}, false
	}
	return expr(document.TimeDate, t.Format(time.DateOnly), first, last), true
}

// nearestYear picks the year for a month named without one: the most
// recent such month in past-tense text, the next one in future text. News
// rarely names a month more than half a year away without its year.
func nearestYear(a Anchor, m time.Month, future bool) int {
	y := a.t.Year()
	diff := int(m) - int(a.t.Month())
	switch {
	case future && diff < -2:
		return y + 1
	case !future && diff > 2:
		return y - 1
	}
	return y
}

func matchDayMonth(words []lex.Word, i int, a Anchor, future bool) (Expr, bool) {
	d, ok := day(words[i].Lower)
	if !ok {
		return Expr{}, false
	}
	j := i + 1
	if lower(words, j) == "of" {
		j++
	}
	m, k, ok := month(words, j)
	if !ok {
		return Expr{}, false
	}
	if lower(words, k) == "," {
		if y, ok := year(lower(words, k+1)); ok {
			return dateExpr(y, m, d, i, k+2)
		}
	}
	if y, ok := year(lower(words, k)); ok {
		return dateExpr(y, m, d, i, k+1)
	}
	if !a.known {
		return expr(document.TimeDate, "", i, k), true
	}
	return dateExpr(nearestYear(a, m, future), m, d, i, k)
}

func matchDecade(words []lex.Word, i int, _ Anchor, _ bool) (Expr, bool) {
	w := words[i].Lower
	if len(w) != 5 || w[4] != 's' || w[3] != '0' {
		return Expr{}, false
	}
	y, ok := year(w[:4])
	if !ok {
		return Expr{}, false
	}
	return expr(document.TimeDate, fmt.Sprintf("%04d/%04d", y, y+9), i, i+1), true
}

func matchYear(words []lex.Word, i int, _ Anchor, _ bool) (Expr, bool) {
	y, ok := year(words[i].Lower)
	if !ok {
		return Expr{}, false
	}
	prev, next := lower(words, i-1), lower(words, i+1)
	// "in 2014", "the 1994 genocide", "2014." A year before a counted
	// noun ("2000 people") is a number.
	if !yearPreps[prev] && next != "" && next != "." && next != "," && next != ";" && next != ")" {
		return Expr{}, false
	}
	return expr(document.TimeDate, strconv.Itoa(y), i, i+1), true
}

// ---- relative times

func day0(a Anchor, offset int) string {
	return a.t.AddDate(0, 0, offset).Format(time.DateOnly)
}

func matchDeictic(words []lex.Word, i int, a Anchor, _ bool) (Expr, bool) {
	w := words[i].Lower
	var off int
	n := 1
	switch w {
	case "today", "tonight":
		off = 0
	case "yesterday":
		off = -1
	case "tomorrow":
		off = 1
	case "last":
		switch lower(words, i+1) {
		case "night", "evening":
			off, n = -1, 2
		default:
			return Expr{}, false
		}
	case "this":
		switch lower(words, i+1) {
		case "morning", "afternoon", "evening":
			n = 2
		default:
			return Expr{}, false
		}
	default:
		return Expr{}, false
	}
	// "yesterday's talks": the possessive belongs to the time.
	if !a.known {
		return expr(document.TimeRelative, "", i, i+n), true
	}
	return expr(document.TimeRelative, day0(a, off), i, i+n), true
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sunday": time.Sunday,
}

func matchWeekday(words []lex.Word, i int, a Anchor, future bool) (Expr, bool) {
	first := i
	mod := ""
	switch words[i].Lower {
	case "last", "next", "this", "coming", "past":
		mod = words[i].Lower
		i++
	}
	if i >= len(words) || !words[i].IsCapitalised() {
		return Expr{}, false
	}
	wd, ok := weekdays[words[i].Lower]
	if !ok {
		return Expr{}, false
	}
	last := i + 1
	// "Friday evening", "Friday night"
	switch lower(words, last) {
	case "morning", "afternoon", "evening", "night":
		last++
	}
	if !a.known {
		return expr(document.TimeRelative, "", first, last), true
	}
	back := (int(a.t.Weekday()) - int(wd) + 7) % 7 // days back to the most recent wd, 0 = today
	fwd := (int(wd) - int(a.t.Weekday()) + 7) % 7
	var off int
	switch {
	case mod == "last" || mod == "past":
		off = -back
		if back == 0 {
			off = -7
		}
	case mod == "next" || mod == "coming":
		off = fwd
		if fwd == 0 {
			off = 7
		}
	case future:
		off = fwd
	default:
		off = -back
	}
	return expr(document.TimeRelative, day0(a, off), first, last), true
}

// weekRange returns the Monday-to-Sunday week holding t, moved by n weeks.
func weekRange(t time.Time, n int) string {
	wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
	mon := t.AddDate(0, 0, -wd+7*n)
	return mon.Format(time.DateOnly) + "/" + mon.AddDate(0, 0, 6).Format(time.DateOnly)
}

func monthValue(t time.Time, n int) string {
	m := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	return m.Format("2006-01")
}

func matchPeriodRelative(words []lex.Word, i int, a Anchor, _ bool) (Expr, bool) {
	first := i
	// "earlier this week", "later this month"
	if w := words[i].Lower; w == "earlier" || w == "later" || w == "early" || w == "late" {
		if nx := lower(words, i+1); nx == "this" || nx == "last" || nx == "next" {
			i++
		}
	}
	var n int
	switch words[i].Lower {
	case "this", "current":
		n = 0
	case "last", "previous":
		n = -1
	case "next", "coming":
		n = 1
	default:
		return Expr{}, false
	}
	unit := lower(words, i+1)
	last := i + 2
	if !a.known {
		switch unit {
		case "week", "weekend", "month", "year":
			return expr(document.TimeRelative, "", first, last), true
		}
		return Expr{}, false
	}
	var v string
	switch unit {
	case "week":
		v = weekRange(a.t, n)
	case "weekend":
		wd := (int(a.t.Weekday()) + 6) % 7
		sat := a.t.AddDate(0, 0, 5-wd+7*n)
		if n == 0 && wd < 5 && isPastContext(words, first) {
			sat = sat.AddDate(0, 0, -7) // "this weekend" said midweek of a past one
		}
		v = sat.Format(time.DateOnly) + "/" + sat.AddDate(0, 0, 1).Format(time.DateOnly)
	case "month":
		v = monthValue(a.t, n)
	case "year":
		v = strconv.Itoa(a.t.Year() + n)
	default:
		return Expr{}, false
	}
	return expr(document.TimeRelative, v, first, last), true
}

// isPastContext reports whether a past-tense verb form comes before i.
func isPastContext(words []lex.Word, i int) bool {
	for k := 0; k < i; k++ {
		switch words[k].Lower {
		case "was", "were", "had", "did":
			return true
		}
	}
	return false
}

type unit struct {
	iso  string // ISO 8601 designator: Y M W D, or H/MIN for times
	days int    // approximate length, for "N units ago" arithmetic
}

var timeUnits = map[string]unit{
	"year": {"Y", 365}, "years": {"Y", 365},
	"month": {"M", 30}, "months": {"M", 30},
	"week": {"W", 7}, "weeks": {"W", 7},
	"day": {"D", 1}, "days": {"D", 1},
	"decade": {"10Y", 3650}, "decades": {"10Y", 3650},
	"century": {"100Y", 36500}, "centuries": {"100Y", 36500},
	"hour": {"H", 0}, "hours": {"H", 0},
	"minute": {"MIN", 0}, "minutes": {"MIN", 0},
	"fortnight": {"2W", 14},
}

// amount reads the count before a time unit: "three", "12", "a", "an",
// "a few" (unknown), "several" (unknown).
func amount(words []lex.Word, i int) (v float64, known bool, next int, ok bool) {
	w := lower(words, i)
	switch w {
	case "a", "an", "one":
		if nx := lower(words, i+1); nx == "few" || nx == "couple" {
			j := i + 2
			if lower(words, j) == "of" {
				j++
			}
			return 0, false, j, true
		}
		if w == "a" || w == "an" {
			return 1, true, i + 1, true
		}
	case "several", "many", "some", "few", "multiple":
		return 0, false, i + 1, true
	}
	v, j, ok := lex.Number(words, i)
	if !ok || v < 0 || v > 10000 {
		return 0, false, i, false
	}
	return v, true, j, true
}

// isoDuration writes a duration of v units.
func isoDuration(v float64, u unit) string {
	des := u.iso
	mult := 1.0
	switch des {
	case "10Y":
		des, mult = "Y", 10
	case "100Y":
		des, mult = "Y", 100
	case "2W":
		des, mult = "W", 2
	}
	n := lex.FormatNumber(v * mult)
	switch des {
	case "H":
		return "PT" + n + "H"
	case "MIN":
		return "PT" + n + "M"
	}
	return "P" + n + des
}

func matchAgo(words []lex.Word, i int, a Anchor, _ bool) (Expr, bool) {
	v, known, j, ok := amount(words, i)
	if !ok {
		return Expr{}, false
	}
	u, ok := timeUnits[lower(words, j)]
	if !ok || lower(words, j+1) != "ago" {
		return Expr{}, false
	}
	first, last := i, j+2
	if !a.known || !known || u.days == 0 {
		return expr(document.TimeRelative, "", first, last), true
	}
	n := int(v)
	if float64(n) != v {
		return expr(document.TimeRelative, "", first, last), true
	}
	var val string
	switch u.iso {
	case "Y":
		val = strconv.Itoa(a.t.Year() - n)
	case "10Y", "100Y":
		val = strconv.Itoa(a.t.Year() - n*u.days/365)
	case "M":
		val = monthValue(a.t, -n)
	case "W", "2W":
		val = weekRange(a.t.AddDate(0, 0, -n*u.days), 0)
	default:
		val = day0(a, -n)
	}
	return expr(document.TimeRelative, val, first, last), true
}

// matchPast reads "the past N days", "the last three years", "the past
// week": the period that ends at publication.
func matchPast(words []lex.Word, i int, a Anchor, _ bool) (Expr, bool) {
	if words[i].Lower != "past" && words[i].Lower != "last" {
		return Expr{}, false
	}
	if p := lower(words, i-1); p != "the" && p != "over" && p != "in" && p != "for" {
		return Expr{}, false
	}
	v, known, j, ok := amount(words, i+1)
	if !ok || !known {
		return Expr{}, false
	}
	u, ok := timeUnits[lower(words, j)]
	if !ok || u.days == 0 {
		return Expr{}, false
	}
	first, last := i-1, j+1
	if words[first].Lower != "the" {
		first = i
	}
	if !a.known {
		return expr(document.TimeRelative, "", first, last), true
	}
	from := a.t.AddDate(0, 0, -int(v*float64(u.days)))
	return expr(document.TimeRelative, from.Format(time.DateOnly)+"/"+a.t.Format(time.DateOnly), first, last), true
}

// matchHyphenDuration reads "nine-month", "9-month", "three-year" and
// "10-day": counts glued to a unit, usually before a noun ("a 9-month
// battle"). "10-year-old" is an age, not a duration.
func matchHyphenDuration(words []lex.Word, i int, _ Anchor, _ bool) (Expr, bool) {
	w := words[i].Lower
	cut := strings.LastIndexByte(w, '-')
	if cut <= 0 || strings.HasSuffix(w, "-old") {
		return Expr{}, false
	}
	// "twenty-five-year": the unit is after the last hyphen.
	unitWord, numWord := w[cut+1:], w[:cut]
	u, ok := timeUnits[unitWord]
	if !ok {
		return Expr{}, false
	}
	v, ok := lex.Cardinal(numWord)
	if !ok {
		if numWord == "a" || numWord == "one" {
			v = 1
		} else {
			return Expr{}, false
		}
	}
	if lower(words, i+1) == "-" && lower(words, i+2) == "old" || strings.HasPrefix(lower(words, i+1), "old") {
		return Expr{}, false
	}
	return expr(document.TimeDuration, isoDuration(v, u), i, i+1), true
}

func matchSet(words []lex.Word, i int, _ Anchor, _ bool) (Expr, bool) {
	switch words[i].Lower {
	case "daily":
		return expr(document.TimeSet, "R/P1D", i, i+1), true
	case "weekly":
		return expr(document.TimeSet, "R/P1W", i, i+1), true
	case "monthly":
		return expr(document.TimeSet, "R/P1M", i, i+1), true
	case "annually", "yearly":
		return expr(document.TimeSet, "R/P1Y", i, i+1), true
	case "every", "each":
	default:
		return Expr{}, false
	}
	if u, ok := timeUnits[lower(words, i+1)]; ok && !strings.HasSuffix(lower(words, i+1), "s") {
		return expr(document.TimeSet, "R/"+isoDuration(1, u), i, i+2), true
	}
	v, known, j, ok := amount(words, i+1)
	if !ok || !known {
		return Expr{}, false
	}
	u, ok := timeUnits[lower(words, j)]
	if !ok {
		return Expr{}, false
	}
	return expr(document.TimeSet, "R/"+isoDuration(v, u), i, j+1), true
}

// matchDuration reads "three years", "12 days", "a decade": a count and
// a unit. A bare "a year" counts only after a word that makes it a span
// of time ("for a year", "after a year").
func matchDuration(words []lex.Word, i int, _ Anchor, _ bool) (Expr, bool) {
	w := words[i].Lower
	v, known, j, ok := amount(words, i)
	if !ok {
		return Expr{}, false
	}
	if w == "a" || w == "an" || !known {
		switch lower(words, i-1) {
		case "for", "after", "over", "within", "nearly", "almost", "about", "than", "in", "lasted", "took", "spent", "past", "last", "first", "next", "another", "only", "just":
		default:
			return Expr{}, false
		}
	}
	uw := lower(words, j)
	u, ok := timeUnits[uw]
	if !ok {
		return Expr{}, false
	}
	// "one year" but not "one years"; "three year" reads as a compound
	// modifier and still counts.
	switch lower(words, j+1) {
	case "old":
		return Expr{}, false // an age
	case "later", "earlier", "before", "after", "ago":
		// "three days later" is relative to another event, not to
		// publication; "ago" was matched before.
		return expr(document.TimeRelative, "", i, j+2), true
	}
	if !known {
		return expr(document.TimeDuration, "", i, j+1), true
	}
	return expr(document.TimeDuration, isoDuration(v, u), i, j+1), true
}
