package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/sqlite"
)

// labelled is the story package's hand-written labelled set, reused here
// as realistic articles.
var labelled = filepath.Join("..", "story", "testdata", "labelled", "dev2")

func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// article reads a labelled header-block file into its parts.
type article struct {
	title, outlet, url, date string
	paras                    []string
}

func readArticle(t testing.TB, name string) article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(labelled, name))
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(b), "\n\n")
	var a article
	for _, l := range strings.Split(head, "\n") {
		k, v, _ := strings.Cut(l, ": ")
		switch k {
		case "Title":
			a.title = v
		case "Outlet":
			a.outlet = v
		case "URL":
			a.url = v
		case "Date":
			a.date = v
		}
	}
	for _, p := range strings.Split(body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			a.paras = append(a.paras, p)
		}
	}
	return a
}

func (a article) text() string { return strings.Join(a.paras, "\n\n") }

func (a article) html() string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title><meta property=\"article:published_time\" content=\"%sT08:00:00Z\"></head><body>",
		html.EscapeString(a.title), a.date)
	b.WriteString("<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>")
	fmt.Fprintf(&b, "<h1>%s</h1>", html.EscapeString(a.title))
	for _, p := range a.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</article><footer>Copyright Example Media</footer></body></html>")
	return b.String()
}

func labelledNames(t testing.TB) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(labelled, "*.txt"))
	if err != nil || len(m) == 0 {
		t.Fatalf("no labelled articles in %s: %v", labelled, err)
	}
	var out []string
	for _, p := range m {
		out = append(out, filepath.Base(p))
	}
	slices.Sort(out)
	return out
}

// copyLabelled copies the labelled articles into a fresh folder, some in a
// subfolder, and returns it.
func copyLabelled(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i, n := range labelledNames(t) {
		b, err := os.ReadFile(filepath.Join(labelled, n))
		if err != nil {
			t.Fatal(err)
		}
		d := dir
		if i%2 == 1 {
			d = filepath.Join(dir, "sub", "deeper")
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		// Page dumps are often saved compressed.
		if n == "bank-a.txt" {
			n, b = n+".gz", gzipped(t, b)
		}
		if err := os.WriteFile(filepath.Join(d, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Things a folder walk must pass over quietly.
	os.WriteFile(filepath.Join(dir, "photo.jpg"), []byte{0xff, 0xd8, 0xff}, 0o644)
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "HEAD.txt"), []byte("ref: refs/heads/main"), 0o644)
	return dir
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type recorder struct {
	mu     sync.Mutex
	events []Event
}

func (r *recorder) report(ev Event) {
	r.mu.Lock()
	r.events = append(r.events, ev)
	r.mu.Unlock()
}

func (r *recorder) kinds() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := map[string]int{}
	for _, e := range r.events {
		m[e.Kind]++
	}
	return m
}

func (r *recorder) failures() []string {
	var out []string
	for _, e := range r.events {
		if e.Kind == Failed {
			out = append(out, e.Item+": "+e.Err.Error())
		}
	}
	return out
}

func ingest(t *testing.T, st store.Store, opts Options, sources ...string) (Stats, *recorder) {
	t.Helper()
	rec := &recorder{}
	opts.Report = rec.report
	g, err := New(context.Background(), st, opts)
	if err != nil {
		t.Fatal(err)
	}
	s, err := g.Ingest(context.Background(), sources)
	if err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	return s, rec
}

func TestIngestFolderTwice(t *testing.T) {
	dir := copyLabelled(t)
	st := openStore(t)
	n := len(labelledNames(t))
	// One job: articles arrive in walk order, so the grouping is fixed.
	s, rec := ingest(t, st, Options{Jobs: 1}, dir)
	if s.Added != n || s.Failed != 0 {
		t.Fatalf("first ingest: %+v, failures %v; want %d added", s, rec.failures(), n)
	}
	// Versions of one story end up together, decoys apart.
	storyOf := map[string]string{}
	for _, e := range rec.events {
		a, err := st.Get(context.Background(), e.Article)
		if err != nil {
			t.Fatal(err)
		}
		storyOf[filepath.Base(e.Item)] = a.Story
	}
	if a, b := storyOf["mosul-a.txt"], storyOf["mosul-c.txt"]; a == "" || a != b {
		t.Errorf("mosul-a and mosul-c in stories %q and %q", a, b)
	}
	if storyOf["decoy-envoy-trade.txt"] == storyOf["mosul-a.txt"] {
		t.Error("the trade-fair decoy joined the Mosul story")
	}
	// Again: nothing new.
	s, _ = ingest(t, st, Options{}, dir)
	if s.Added != 0 || s.Duplicate != n {
		t.Errorf("second ingest: %+v; want %d duplicates, none added", s, n)
	}
	stats, err := st.Stats(context.Background())
	if err != nil || stats.Articles != n {
		t.Errorf("store holds %+v, %v; want %d articles", stats, err, n)
	}
}

func TestIngestJSONLAndCSV(t *testing.T) {
	dir := t.TempDir()
	a, b, c := readArticle(t, "quake-a.txt"), readArticle(t, "quake-b.txt"), readArticle(t, "port-a.txt")
	jl := fmt.Sprintf(`{"title":%q,"text":%q,"outlet":%q,"published":"%sT04:00:00Z","url":%q}
not json at all
{"title":"No body"}

{"title":%q,"html":%q,"outlet":%q}
`, a.title, a.text(), a.outlet, a.date, a.url, b.title, b.html(), b.outlet)
	if err := os.WriteFile(filepath.Join(dir, "dump.jsonl"), []byte(jl), 0o644); err != nil {
		t.Fatal(err)
	}
	csvText := "Title,Outlet,Date,Body,Extra\n" +
		fmt.Sprintf("%q,%q,%s,%q,ignored\n", c.title, c.outlet, c.date, strings.ReplaceAll(c.text(), `"`, `""`)) +
		"\"Empty\",x,2020-01-01,,\n"
	// encoding/csv wants "" for quotes inside quoted fields, not \".
	csvText = strings.ReplaceAll(csvText, `\"`, `""`)
	if err := os.WriteFile(filepath.Join(dir, "dump.csv"), []byte(csvText), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	s, rec := ingest(t, st, Options{}, dir)
	if s.Added != 3 || s.Failed != 3 {
		t.Fatalf("ingest: %+v, failures %v; want 3 added, 3 failed", s, rec.failures())
	}
	want := map[string]bool{"dump.jsonl:2": true, "dump.jsonl:3": true, "dump.csv:3": true}
	for _, e := range rec.events {
		if e.Kind == Failed && !want[filepath.Base(e.Item)] {
			t.Errorf("unexpected failure %s: %v", e.Item, e.Err)
		}
		if e.Kind == Added {
			art, err := st.Get(context.Background(), e.Article)
			if err != nil {
				t.Fatal(err)
			}
			m := art.Doc.Meta
			if m.Outlet == "" || m.Title == "" {
				t.Errorf("%s: metadata lost: %+v", e.Item, m)
			}
			if strings.HasSuffix(e.Item, ":1") && m.Published != a.date {
				t.Errorf("%s: published %q; want %q", e.Item, m.Published, a.date)
			}
		}
	}
}

func TestIngestMissingSource(t *testing.T) {
	st := openStore(t)
	s, rec := ingest(t, st, Options{}, filepath.Join(t.TempDir(), "nope.txt"), filepath.Join(labelled, "bank-a.txt"))
	if s.Failed != 1 || s.Added != 1 {
		t.Errorf("ingest: %+v %v; want the missing file reported and the other added", s, rec.failures())
	}
}

func TestIngestCancelledResumes(t *testing.T) {
	dir := copyLabelled(t)
	st := openStore(t)
	n := len(labelledNames(t))
	ctx, cancel := context.WithCancel(context.Background())
	added := 0
	g, err := New(ctx, st, Options{Jobs: 2, Report: func(ev Event) {
		if ev.Kind == Added {
			added++
			if added == 5 {
				cancel()
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Ingest(ctx, []string{dir}); err == nil {
		t.Fatal("cancelled ingest returned no error")
	}
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles < 5 || stats.Articles >= n {
		t.Fatalf("after cancelling at 5, store holds %d of %d", stats.Articles, n)
	}
	s, _ := ingest(t, st, Options{}, dir)
	if s.Added+s.Duplicate != n || s.Added != n-stats.Articles {
		t.Errorf("resumed ingest: %+v; want %d added, %d duplicates", s, n-stats.Articles, stats.Articles)
	}
	checkStories(t, st, n)
}

// checkStories checks that story sizes add up to the articles stored, and
// that every article's story exists.
func checkStories(t *testing.T, st store.Store, n int) {
	t.Helper()
	ctx := context.Background()
	list, err := st.Stories(ctx, store.StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range list {
		_, arts, err := st.Story(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) != s.Size {
			t.Errorf("story %s: size %d, %d articles", s.ID, s.Size, len(arts))
		}
		total += s.Size
	}
	if total != n {
		t.Errorf("stories hold %d articles; want %d", total, n)
	}
}

// slowAnalyzer makes each analysis take a while, so that a test can kill
// an ingest in the middle.
type slowAnalyzer struct{ d time.Duration }

func (s slowAnalyzer) Analyze(ctx context.Context, _ *document.Document) error {
	select {
	case <-time.After(s.d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TestIngestKilled kills an ingesting process (SIGKILL, no chance to clean
// up) in the middle, then checks the store is intact and a new run
// completes it.
func TestIngestKilled(t *testing.T) {
	if db := os.Getenv("CROSSCHECK_TEST_KILL_DB"); db != "" {
		// The child: ingest slowly, saying what was added.
		st, err := sqlite.Open(context.Background(), db)
		if err != nil {
			fmt.Println("open:", err)
			os.Exit(1)
		}
		g, err := New(context.Background(), st, Options{Jobs: 1, Analyzer: slowAnalyzer{100 * time.Millisecond},
			Report: func(ev Event) { fmt.Println(ev.Kind, ev.Item) }})
		if err != nil {
			fmt.Println("new:", err)
			os.Exit(1)
		}
		g.Ingest(context.Background(), []string{os.Getenv("CROSSCHECK_TEST_KILL_DIR")})
		os.Exit(0)
	}
	dir := copyLabelled(t)
	n := len(labelledNames(t))
	dbPath := filepath.Join(t.TempDir(), "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestKilled$")
	cmd.Env = append(os.Environ(), "CROSSCHECK_TEST_KILL_DB="+dbPath, "CROSSCHECK_TEST_KILL_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	added := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), Added+" ") {
			added++
		}
		if added == 4 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if added < 4 {
		t.Fatalf("child added only %d articles before ending", added)
	}

	raw, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := raw.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check after kill = %q, %v", check, err)
	}
	raw.Close()

	st, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles < added || stats.Articles >= n {
		t.Fatalf("after the kill the store holds %d articles; the child reported %d of %d", stats.Articles, added, n)
	}
	s, rec := ingest(t, st, Options{}, dir)
	if s.Added != n-stats.Articles || s.Duplicate != stats.Articles || s.Failed != 0 {
		t.Errorf("re-run after the kill: %+v %v; want %d added, %d duplicates", s, rec.failures(), n-stats.Articles, stats.Articles)
	}
	checkStories(t, st, n)
}
