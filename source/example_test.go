package source_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/crosscheck/crosscheck/source"
)

func ExampleRead() {
	in, err := source.Read(context.Background(), "-", source.Options{
		Stdin: strings.NewReader("<!DOCTYPE html><p>Hello</p>"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(in.ContentType, in.Charset, len(in.Data))

	_, err = source.Read(context.Background(), "-", source.Options{Stdin: strings.NewReader("  \n")})
	fmt.Println(err)
	// Output:
	// text/html utf-8 27
	// input is empty
}
