package ner_test

import (
	"fmt"
	"strings"

	"github.com/crosscheck/crosscheck/entity/ner"
)

func Example() {
	m, err := ner.Load()
	if err != nil {
		panic(err)
	}
	doc := [][]string{
		strings.Fields("Iraqi envoy Ali Yasin thanked Pakistan for its help in Mosul ."),
	}
	for si, spans := range m.TagSpans(doc) {
		for _, sp := range spans {
			fmt.Println(strings.Join(doc[si][sp.Start:sp.End], " "), sp.Type)
		}
	}
	// Output:
	// Iraqi MISC
	// Ali Yasin PER
	// Pakistan LOC
	// Mosul LOC
}
