package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/crosscheck/crosscheck/pipeline"
	"github.com/crosscheck/crosscheck/server"
	"github.com/crosscheck/crosscheck/store/sqlite"
)

// A server over a store in a temporary directory, asked through its API
// to analyse a short article and keep it.
func Example() {
	dir, err := os.MkdirTemp("", "crosscheck-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "corpus.db"))
	if err != nil {
		panic(err)
	}
	defer st.Close()
	p, err := pipeline.New()
	if err != nil {
		panic(err)
	}
	srv, err := server.New(server.Config{Store: st, Analyzer: p})
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	article := "Title: Port reopens after storm\nOutlet: The Harbour Ledger\n\n" +
		"The harbour master said on Monday that the port of Mombasa would reopen on Friday."
	resp, err := http.Post(ts.URL+"/api/v1/analyze?store=true", "text/plain", strings.NewReader(article))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var res server.AnalyzeResult
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		panic(err)
	}
	fmt.Println(resp.StatusCode, res.Document.Meta.Title, "|", res.Document.Meta.Outlet, "| stored:", res.Stored)
	// Output: 200 Port reopens after storm | The Harbour Ledger | stored: true
}
