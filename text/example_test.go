package text_test

import (
	"fmt"
	"strings"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

func ExampleSegment() {
	doc := document.New("Envoy thanks ally\n\n‘We share the same enemy’, said Mr. Karim. He met U.S. officials.", document.Meta{})
	text.Segment(doc)
	for _, s := range doc.Sentences {
		fmt.Printf("%d-%d %s\n", s.Start, s.End, strings.Join(text.TokenTexts(doc, s), " "))
	}
	fmt.Println(text.SentenceAt(doc, strings.Index(doc.Text, "officials")))
	// Output:
	// 0-17 Envoy thanks ally
	// 19-65 ‘ We share the same enemy ’ , said Mr. Karim .
	// 66-88 He met U.S. officials .
	// 2
}
