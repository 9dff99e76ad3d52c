package timex

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/claim/internal/lex"
)

// render lists the expressions of s as "text=kind:value" items.
func render(s, published string) string {
	words := lex.Tokenize(s, 0)
	var out []string
	for _, e := range Find(words, ParseAnchor(published)) {
		out = append(out, fmt.Sprintf("%s=%s:%s", s[e.Start:e.End], e.Kind, e.Value))
	}
	return strings.Join(out, " | ")
}

func TestFind(t *testing.T) {
	// 2017-07-12 is a Wednesday.
	const pub = "2017-07-12"
	tests := []struct {
		in, published, want string
	}{
		{"The city was freed last week.", pub, "last week=relative:2017-07-03/2017-07-09"},
		{"The city was freed last week.", "", "last week=relative:"},
		{"It was occupied three years ago.", pub, "three years ago=relative:2014"},
		{"It was occupied three years ago.", "", "three years ago=relative:"},
		{"The talks ended on Friday.", pub, "Friday=relative:2017-07-07"},
		{"The talks will resume on Friday.", pub, "Friday=relative:2017-07-14"},
		{"He arrived last Wednesday.", pub, "last Wednesday=relative:2017-07-05"},
		{"A milestone was reached this week.", pub, "this week=relative:2017-07-10/2017-07-16"},
		{"The minister spoke yesterday.", pub, "yesterday=relative:2017-07-11"},
		{"Police said today that two men were held.", pub, "today=relative:2017-07-12"},
		{"A blast hit the market last night.", pub, "last night=relative:2017-07-11"},
		{"after a nine-month battle", pub, "nine-month=duration:P9M"},
		{"after a 9-month compelling battle", "", "9-month=duration:P9M"},
		{"The city after three years of occupation", "", "three years=duration:P3Y"},
		{"He served for a decade.", "", "a decade=duration:P10Y"},
		{"It lasted 36 hours.", "", "36 hours=duration:PT36H"},
		{"The deal was signed on July 10, 2017.", "", "July 10, 2017=date:2017-07-10"},
		{"The deal was signed on 10 July 2017.", "", "10 July 2017=date:2017-07-10"},
		{"The deal was signed on July 10.", pub, "July 10=date:2017-07-10"},
		{"The deal was signed on July 10.", "", "July 10=date:"},
		{"Elections are due in March.", pub, "March=date:2018-03"},
		{"Prices rose in March.", pub, "March=date:2017-03"},
		{"The report covers the 1990s.", "", "1990s=date:1990/1999"},
		{"the 1994 genocide", "", "1994=date:1994"},
		{"The war began in 2014.", "", "2014=date:2014"},
		{"It rose sharply last year.", pub, "last year=relative:2016"},
		{"Figures for last month were weak.", pub, "last month=relative:2017-06"},
		{"Sales fell over the past three years.", pub, "the past three years=relative:2014-07-13/2017-07-12"},
		{"The committee meets every week.", "", "every week=set:R/P1W"},
		{"Three days later the army withdrew.", pub, "Three days later=relative:"},
		{"The published date 2017-07-10 is ISO.", "", "2017-07-10=date:2017-07-10"},
		{"Two weeks ago the city fell.", pub, "Two weeks ago=relative:2017-06-26/2017-07-02"},
		// Must not fire.
		{"He may win, she said.", pub, ""},
		{"A 10-year-old boy was hurt.", pub, ""},
		{"The boy is ten years old.", pub, ""},
		{"About 2000 people marched.", pub, ""},
		{"Over 100 nationalities fight for IS.", pub, ""},
		{"He met Mar and Jan at the port.", pub, ""},
		{"We share the same enemy.", pub, ""},
		{"The friday prayers", pub, ""},
		{"February 30, 2017 is no date.", "", ""},
	}
	for _, tt := range tests {
		if got := render(tt.in, tt.published); got != tt.want {
			t.Errorf("Find(%q, %q)\n got %q\nwant %q", tt.in, tt.published, got, tt.want)
		}
	}
}

func TestParseAnchor(t *testing.T) {
	for _, s := range []string{"", "2017", "10/07/2017", "2017-13-01"} {
		if ParseAnchor(s).Known() {
			t.Errorf("ParseAnchor(%q) is known, want unknown", s)
		}
	}
	if !ParseAnchor("2017-07-10").Known() {
		t.Error("ParseAnchor(2017-07-10) is unknown")
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"last week", "three years ago", "July 10, 2017", "a 9-month battle", "every 3 days", "the past 2 weeks", "February 30", "10th of May 2020"} {
		f.Add(s, "2017-07-12")
	}
	f.Fuzz(func(t *testing.T, s, published string) {
		words := lex.Tokenize(s, 0)
		prev := 0
		for _, e := range Find(words, ParseAnchor(published)) {
			if e.Start < prev || e.End > len(s) || e.Start >= e.End {
				t.Fatalf("bad span %d-%d after %d in %q", e.Start, e.End, prev, s)
			}
			prev = e.End
		}
	})
}
