package extract_test

import (
	"fmt"

	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/source"
)

func ExampleExtract() {
	in := &source.Input{
		Name:        "story.txt",
		ContentType: "text/plain",
		Data: []byte("Title: Ferry service resumes\nDate: 2024-05-06\n\n" +
			"The ferry to the island resumed on Friday after storms, the operator said.\n\n" +
			"Share this article\n\n" +
			"Please enter your comment!\nPlease enter your name here"),
	}
	doc, err := extract.Extract(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", doc.Text)
	fmt.Println(doc.Meta.Title, doc.Meta.Published, doc.Meta.PublishedFrom)
	for _, r := range doc.Removed {
		fmt.Printf("%s at %d: %s\n", r.Kind, r.At, r.Text)
	}
	// Output:
	// "Ferry service resumes\n\nThe ferry to the island resumed on Friday after storms, the operator said."
	// Ferry service resumes 2024-05-06 header
	// share at 97: Share this article
	// comment-form at 97: Please enter your comment!
	// comment-form at 97: Please enter your name here
}
