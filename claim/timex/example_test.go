package timex_test

import (
	"fmt"

	"github.com/crosscheck/crosscheck/claim/internal/lex"
	"github.com/crosscheck/crosscheck/claim/timex"
)

// Example resolves the time expressions of a sentence against a
// publication date.
func Example() {
	s := "The city, held for three years, was freed last week after a nine-month battle."
	for _, e := range timex.Find(lex.Tokenize(s, 0), timex.ParseAnchor("2017-07-12")) {
		fmt.Printf("%s: %s %s\n", s[e.Start:e.End], e.Kind, e.Value)
	}
	// Output:
	// three years: duration P3Y
	// last week: relative 2017-07-03/2017-07-09
	// nine-month: duration P9M
}
