package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

var labelledDev2 = filepath.Join("..", "..", "story", "testdata", "labelled", "dev2")

func TestCorpusCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	// One job: articles then arrive in file-name order, and the grouping
	// is the same on every run.
	code, _, errs := runCLI(t, "ingest", "--db", db, "--progress", "none", "-j", "1", labelledDev2)
	if code != 0 || !strings.Contains(errs, "18 added") {
		t.Fatalf("ingest: exit %d, stderr %q", code, errs)
	}
	code, _, errs = runCLI(t, "ingest", "--db", db, "--progress", "lines", labelledDev2)
	if code != 0 || !strings.Contains(errs, "0 added") || !strings.Contains(errs, "18 already stored") {
		t.Fatalf("second ingest: exit %d, stderr %q", code, errs)
	}

	code, out, errs := runCLI(t, "stories", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("stories: exit %d %s", code, errs)
	}
	var list []struct {
		ID    string
		Size  int
		Title string
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("stories JSON: %v\n%s", err, out)
	}
	mosul := ""
	for _, s := range list {
		if strings.Contains(s.Title, "Pakistan") && s.Size > 1 {
			mosul = s.ID
			if s.Size != 4 {
				t.Errorf("Mosul story has %d articles; want 4", s.Size)
			}
		}
	}
	if mosul == "" {
		t.Fatalf("no Mosul story in %s", out)
	}
	code, _, errs = runCLI(t, "stories", "--db", db, "--regroup", "--format", "json")
	if code != 0 || !strings.Contains(errs, "regroup: ") || !strings.Contains(errs, " 9 stories") {
		t.Errorf("stories --regroup: exit %d, stderr %q", code, errs)
	}
	code, out, _ = runCLI(t, "stories", "--db", db, "--min-size", "2")
	if code != 0 || strings.Count(out, "\n") != 5 { // header + 4 stories
		t.Errorf("stories --min-size 2: exit %d\n%s", code, out)
	}

	// The rank contradiction, from the claim stage's facts or from the
	// text, with each side's words marked.
	marked := regexp.MustCompile(`»[^«]*\bthird\b[^«]*«`)
	code, out, errs = runCLI(t, "story", "--db", db, mosul)
	if code != 0 || !marked.MatchString(out) || !strings.Contains(out, "second") {
		t.Errorf("story text: exit %d %s\n%s", code, errs, out)
	}
	code, out, _ = runCLI(t, "story", "--db", db, "--format", "json", mosul)
	var cmp struct {
		Versions       []json.RawMessage
		Contradictions []struct{ Kind string }
	}
	if err := json.Unmarshal([]byte(out), &cmp); err != nil || code != 0 || len(cmp.Versions) != 4 || len(cmp.Contradictions) == 0 {
		t.Errorf("story json: exit %d, %v, %+v", code, err, cmp)
	}
	code, out, _ = runCLI(t, "story", "--db", db, "--format", "html", mosul)
	if code != 0 || !strings.HasPrefix(out, "<!doctype html>") || !regexp.MustCompile(`<mark>[^<]*third[^<]*</mark>`).MatchString(out) {
		t.Errorf("story html: exit %d", code)
	}
	if code, _, errs = runCLI(t, "story", "--db", db, "s000000000000"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("unknown story: exit %d %q", code, errs)
	}
	if code, _, _ = runCLI(t, "story", "--db", db, "--format", "pdf", mosul); code != 2 {
		t.Errorf("bad format: exit %d; want 2", code)
	}

	code, out, _ = runCLI(t, "search", "--db", db, "largest", "city")
	if code != 0 || !strings.Contains(out, "Mosul") || !strings.Contains(out, "[largest]") {
		t.Errorf("search: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "search", "--db", db, "--format", "json", "basis points")
	var hits []struct{ ID, Story string }
	if err := json.Unmarshal([]byte(out), &hits); err != nil || code != 0 || len(hits) != 2 {
		t.Errorf("search json: exit %d, %v, %d hits", code, err, len(hits))
	}
	// Search by an article's id leads to its story.
	if len(hits) > 0 {
		if code, out, _ = runCLI(t, "story", "--db", db, hits[0].ID); code != 0 || !strings.Contains(out, hits[0].Story) {
			t.Errorf("story by article id: exit %d", code)
		}
	}
	if code, _, _ = runCLI(t, "search", "--db", db, "!!!"); code != 2 {
		t.Errorf("empty search: exit %d; want 2", code)
	}
}

func TestIngestReportsBadItems(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	good := filepath.Join(labelledDev2, "bank-a.txt")
	code, _, errs := runCLI(t, "ingest", "--db", db, "--no-analyze", good, filepath.Join(dir, "missing.txt"))
	if code != 1 || !strings.Contains(errs, "missing.txt") || !strings.Contains(errs, "1 added") {
		t.Errorf("ingest with a missing file: exit %d, stderr %q", code, errs)
	}
	if code, _, _ = runCLI(t, "ingest", "--db", db); code != 2 {
		t.Errorf("ingest without sources: exit %d; want 2", code)
	}
}

func TestEvalStories(t *testing.T) {
	code, out, errs := runCLI(t, "eval", "stories", "--data", filepath.Join("..", "..", "story", "testdata", "labelled", "dev1"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var m map[string]any
	if code != 0 || json.Unmarshal([]byte(lines[len(lines)-1]), &m) != nil {
		t.Fatalf("eval stories: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	if m["task"] != "stories" || m["articles"].(float64) != 9 {
		t.Errorf("eval stories: %v", m)
	}
	for _, k := range []string{"pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_precision", "bcubed_recall", "bcubed_f1"} {
		if _, ok := m[k].(float64); !ok {
			t.Errorf("eval stories JSON lacks %s", k)
		}
	}
	if code, _, _ = runCLI(t, "eval", "stories"); code != 2 {
		t.Errorf("eval stories without --data: exit %d; want 2", code)
	}
	if code, _, _ = runCLI(t, "eval", "stories", "--data", t.TempDir()); code != 1 {
		t.Errorf("eval stories on a folder without truth.json: exit %d; want 1", code)
	}
}

func TestWatchRounds(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(labelledDev2, "port-a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(string(b), "\n\n")
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"x"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"x"`)
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Port</title><item><title>Strike</title><pubDate>Tue, 05 Oct 2021 09:00:00 GMT</pubDate><description>%s</description></item></channel></rss>`,
			strings.ReplaceAll(body, "&", "&amp;"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "w.db")
	code, _, errs := runCLI(t, "watch", "--db", db, "--no-analyze", "--every", "1s", "--rounds", "2", "--delay", "1ms", srv.URL+"/feed")
	if code != 0 || strings.Count(errs, "watch ") != 2 || !strings.Contains(errs, "1 added") || !strings.Contains(errs, "1 not modified") {
		t.Errorf("watch: exit %d, stderr %q", code, errs)
	}
	if code, _, _ = runCLI(t, "watch", "--db", db, "--every", "10ms", srv.URL+"/feed"); code != 2 {
		t.Errorf("watch --every 10ms: exit %d; want 2", code)
	}
}
