package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAnalyzeBadInputs runs the CLI over good and bad inputs at once: the
// good ones are reported in input order, each bad one gets one stderr line
// naming it, and the exit code is 1.
func TestAnalyzeBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good1 := write("good1.txt", []byte("Ferry service resumes\n\nThe ferry to the island resumed on Friday after storms, the operator said.\n\nPlease enter your comment!\nPlease enter your name here"))
	good2 := write("good2.txt", []byte("Title: Market reopens\nDate: 2024-05-06\n\nThe covered market reopened on Monday after a year of building work.\n"))
	empty := write("empty.txt", nil)
	binary := write("binary.bin", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
	badUTF8 := write("latin1.txt", []byte("Caf\xe9 prices rose again.\n"))
	huge := filepath.Join(dir, "huge.txt")
	if f, err := os.Create(huge); err != nil {
		t.Fatal(err)
	} else {
		f.Close()
	}
	if err := os.Truncate(huge, 200<<20); err != nil {
		t.Fatal(err)
	}
	noArticle := write("nav.html", []byte(`<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>`))
	missing := filepath.Join(dir, "missing.txt")

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/article":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html lang="en"><head><title>Pier repaired</title></head><body><article><h1>Pier repaired</h1>` +
				`<p>The old pier reopened on Saturday after a winter of repairs, and hundreds of people walked to its end in the sun.</p>` +
				`<p>The council said the work cost less than planned and finished two weeks early.</p></article></body></html>`))
		case "/image":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG"))
		case "/loop":
			http.Redirect(w, r, "/loop?"+r.URL.RawQuery+"x", http.StatusFound)
		case "/hang":
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	type input struct {
		name    string
		good    bool
		wantErr string // part of the stderr line
	}
	inputs := []input{
		{good1, true, ""},
		{empty, false, "input is empty"},
		{srv.URL + "/article", true, ""},
		{binary, false, "binary data"},
		{badUTF8, false, "invalid UTF-8"},
		{srv.URL + "/missing", false, "HTTP 404 Not Found"},
		{huge, false, "too large"},
		{srv.URL + "/image", false, "content type image/png is not HTML or text"},
		{srv.URL + "/loop", false, "stopped after 10 redirects"},
		{srv.URL + "/hang", false, "timed out after 1s"},
		{noArticle, false, "no article text found"},
		{missing, false, "no such file"},
		{good2, true, ""},
	}
	args := []string{"analyze", "--timeout", "1s"}
	for _, in := range inputs {
		args = append(args, in.name)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	if code != exitFailure {
		t.Errorf("exit code %d, want %d", code, exitFailure)
	}

	var sources []string
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var doc struct {
			Meta struct {
				Source string `json:"source"`
				Title  string `json:"title"`
			} `json:"meta"`
			Text    string `json:"text"`
			Removed []struct {
				Kind string `json:"kind"`
			} `json:"removed"`
		}
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			t.Fatalf("stdout line is not one JSON document: %v\n%s", err, line)
		}
		sources = append(sources, doc.Meta.Source)
		if doc.Meta.Source == good1 && (doc.Meta.Title != "Ferry service resumes" || strings.Contains(doc.Text, "Please enter") || len(doc.Removed) != 2) {
			t.Errorf("good1 = %+v", doc)
		}
	}
	var want []string
	for _, in := range inputs {
		if in.good {
			want = append(want, in.name)
		}
	}
	if strings.Join(sources, "\n") != strings.Join(want, "\n") {
		t.Errorf("reported %q, want %q in input order", sources, want)
	}

	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	var bad []input
	for _, in := range inputs {
		if !in.good {
			bad = append(bad, in)
		}
	}
	if len(lines) != len(bad) {
		t.Fatalf("%d stderr lines, want %d:\n%s", len(lines), len(bad), stderr.String())
	}
	for i, in := range bad {
		prefix := "crosscheck: " + in.name + ": "
		if !strings.HasPrefix(lines[i], prefix) || !strings.Contains(lines[i], in.wantErr) {
			t.Errorf("stderr line %d = %q, want %q…%q", i, lines[i], prefix, in.wantErr)
		}
	}
}

// TestAnalyzeStdin reads an article from standard input.
func TestAnalyzeStdin(t *testing.T) {
	var stdout, stderr bytes.Buffer
	in := "Bridge reopens\n\nThe bridge reopened on Monday, the council said.\n"
	if code := run(context.Background(), []string{"analyze", "-"}, strings.NewReader(in), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var doc struct {
		Meta struct {
			Title, Source string
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil || doc.Meta.Title != "Bridge reopens" || doc.Meta.Source != "-" {
		t.Errorf("doc = %+v, %v", doc, err)
	}
}
