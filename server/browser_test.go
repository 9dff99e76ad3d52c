package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/crosscheck/crosscheck/store"
)

// The browser tests drive a real headless Chromium through chromedp. They
// skip, saying why, when no Chromium is installed; test.sh installs
// Debian's.

// chromiumPath finds a Chromium binary: $CROSSCHECK_CHROMIUM, or one of
// the usual names on the PATH.
func chromiumPath() (string, bool) {
	if p := os.Getenv("CROSSCHECK_CHROMIUM"); p != "" {
		return p, true
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

// browserPage is one browser tab on a test server, recording the
// problems the page reports: script errors, console errors, CSP
// violations and dialogs (an alert means injected script ran).
type browserPage struct {
	ctx      context.Context
	base     string
	mu       sync.Mutex
	problems []string
}

// needChromium skips the test, saying why, when it cannot run a browser.
func needChromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	path, ok := chromiumPath()
	if !ok {
		t.Skip("no Chromium binary found (looked for $CROSSCHECK_CHROMIUM, chromium, chromium-browser, google-chrome): install Debian's chromium to run the browser tests")
	}
	return path
}

func newBrowser(t *testing.T, base string, width, height int) *browserPage {
	t.Helper()
	path := needChromium(t)
	// This machine's network refuses background connections, so every
	// feature that phones home is off; the profile is new for each test.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	b := &browserPage{ctx: ctx, base: base}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium (%s): %v", path, err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg := ev.ExceptionDetails.Text
			if e := ev.ExceptionDetails.Exception; e != nil {
				msg += " " + e.Description
			}
			b.problem("exception: " + msg)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				b.problem(fmt.Sprintf("console.error %v", ev.Args))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				b.problem("log: " + ev.Entry.Text)
			}
		case *cdpage.EventJavascriptDialogOpening:
			b.problem("dialog opened: " + ev.Message)
			// Commands may not run inside the listener.
			go chromedp.Call(ctx, cdpage.HandleJavaScriptDialog, cdpage.HandleJavaScriptDialogParams{Accept: true})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	b.do(t, "set the viewport", chromedp.EmulateViewport(int64(width), int64(height)))
	return b
}

func (b *browserPage) problem(s string) {
	b.mu.Lock()
	b.problems = append(b.problems, s)
	b.mu.Unlock()
}

// checkClean fails the test for every problem the page reported.
func (b *browserPage) checkClean(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("browser: %s", p)
	}
	b.problems = nil
}

func (b *browserPage) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// get runs one action that returns a value.
func get[T any](t *testing.T, b *browserPage, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

func eval[T any](t *testing.T, b *browserPage, expr string) T {
	t.Helper()
	return get(t, b, "evaluate "+expr[:min(len(expr), 60)], chromedp.Evaluate[T](expr))
}

type css = chromedp.CSS

// browserServer serves a real server, with the test story stored, on
// loopback.
func browserServer(t *testing.T) (*httptest.Server, store.Store) {
	needChromium(t)
	s, st := newServer(t, Config{})
	putStory(t, st)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, st
}

// TestBrowserAnalyzeAndInspect is the checker's path: paste an article,
// read its analysis, click a flag and see its evidence highlighted.
func TestBrowserAnalyzeAndInspect(t *testing.T) {
	ts, _ := browserServer(t)
	b := newBrowser(t, ts.URL, 1280, 900)

	b.do(t, "open the analyse page",
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(css(`form.analyse`)),
	)
	if eval[bool](t, b, `document.querySelector(".tabs").hidden`) {
		t.Error("the form's tabs are hidden: the page's script did not run")
	}

	// Switch to the link tab: only its panel shows.
	b.do(t, "switch tabs", chromedp.Click(css(`[data-tab="url"]`)))
	urlShown := eval[bool](t, b, `getComputedStyle(document.querySelector("[data-panel=url]")).display !== "none"`)
	textShown := eval[bool](t, b, `getComputedStyle(document.querySelector("[data-panel=text]")).display !== "none"`)
	if !urlShown || textShown {
		t.Errorf("after clicking the link tab: url panel shown %v, text panel shown %v", urlShown, textShown)
	}

	b.do(t, "submit an article",
		chromedp.Click(css(`[data-tab="text"]`)),
		chromedp.SetValue(css(`#text`), envoyText),
		chromedp.Click(css(`button.primary`)),
		chromedp.WaitVisible(css(`article.doc h1`)),
	)
	location := get(t, b, "location", chromedp.Location())
	title := get(t, b, "title", chromedp.Text(css(`article.doc h1`)))
	if !strings.Contains(location, "/articles/sha256:") {
		t.Errorf("after submitting, the browser is at %s", location)
	}
	if title != "Envoy says Norway quietly trained Kenyan coast guard crews" {
		t.Errorf("article title %q", title)
	}

	// Click each flag that has evidence; exactly its evidence lights up.
	flags := eval[[]string](t, b, `[...document.querySelectorAll(".flag[data-flag]")]
		.map(f => f.getAttribute("data-flag"))
		.filter(id => document.querySelector(".ev[data-ev~='" + id + "']"))`)
	if len(flags) == 0 {
		t.Fatal("the analysis shows no flag with evidence in the text")
	}
	type lit struct {
		Active     bool     `json:"active"`
		Lit        int      `json:"lit"`
		Wrong      int      `json:"wrong"`
		Expected   int      `json:"expected"`
		Background string   `json:"background"`
		Texts      []string `json:"texts"`
	}
	for _, id := range flags {
		b.do(t, "click flag "+id, chromedp.Click(css(`.flag[data-flag="`+id+`"]`)))
		res := eval[lit](t, b, `(() => {
			const id = "`+id+`";
			const lit = [...document.querySelectorAll(".ev.hl")];
			return {
				active: document.querySelector('.flag[data-flag="' + id + '"]').classList.contains("active"),
				lit: lit.length,
				wrong: lit.filter(n => !n.getAttribute("data-ev").split(" ").includes(id)).length,
				expected: document.querySelectorAll(".ev[data-ev~='" + id + "']").length,
				background: lit.length ? getComputedStyle(lit[0]).backgroundColor : "",
				texts: lit.map(n => n.textContent),
			};
		})()`)
		if !res.Active || res.Lit == 0 || res.Lit != res.Expected || res.Wrong != 0 {
			t.Errorf("flag %s: active %v, %d highlighted (%d expected, %d of another flag)", id, res.Active, res.Lit, res.Expected, res.Wrong)
		}
		// The stylesheet loaded (the CSP allows it) and paints the
		// highlight.
		if res.Background != "rgb(255, 224, 102)" {
			t.Errorf("flag %s: highlighted evidence has background %q", id, res.Background)
		}
	}
	b.checkClean(t)
}

// TestBrowserStory opens a story and clicks a contradiction: both
// versions light up, side by side.
func TestBrowserStory(t *testing.T) {
	ts, _ := browserServer(t)
	b := newBrowser(t, ts.URL, 1280, 900)
	b.do(t, "open the story and click the first contradiction",
		chromedp.Navigate(ts.URL+"/stories/"+storyID),
		chromedp.WaitVisible(css(`.compare`)),
		chromedp.Click(css(`.flag[data-flag="c0"]`)),
	)
	res := eval[struct {
		Columns    int      `json:"columns"`
		Lit        int      `json:"lit"`
		InCols     int      `json:"inCols"`
		Texts      []string `json:"texts"`
		SideBySide bool     `json:"sideBySide"`
		Contras    int      `json:"contras"`
	}](t, b, `(() => {
		const cols = [...document.querySelectorAll(".compare .version")];
		const lit = [...document.querySelectorAll(".ev.hl")];
		const owners = new Set(lit.map(n => n.closest(".version")));
		const r0 = cols[0].getBoundingClientRect(), r1 = cols[1].getBoundingClientRect();
		return {
			columns: cols.length,
			lit: lit.length,
			inCols: owners.size,
			texts: lit.map(n => n.textContent),
			sideBySide: Math.abs(r0.top - r1.top) < 2 && r1.left > r0.right,
			contras: document.querySelectorAll(".compare .contra").length,
		};
	})()`)
	if res.Columns != 2 || !res.SideBySide {
		t.Errorf("%d columns, side by side %v", res.Columns, res.SideBySide)
	}
	if res.InCols != 2 || res.Lit < 2 {
		t.Errorf("contradiction c0 lit %d pieces in %d columns: %q", res.Lit, res.InCols, res.Texts)
	}
	joined := strings.Join(res.Texts, "")
	if !strings.Contains(joined, "second largest city") || !strings.Contains(joined, "third largest city") {
		t.Errorf("lit text %q: want both sides of the Mombasa contradiction", res.Texts)
	}
	if res.Contras == 0 {
		t.Error("contradictions are not marked in the columns before any click")
	}

	// Choosing another version puts it in the right column.
	b.do(t, "compare with the wire story",
		chromedp.Click(css(`.timeline a.pairlink`)),
		chromedp.WaitVisible(css(`.compare`)),
	)
	if right := get(t, b, "right column", chromedp.Text(css(`.compare .version:nth-child(2) header b`))); right != "Wire Service" {
		t.Errorf("right column shows %q after choosing the wire story", right)
	}
	b.checkClean(t)
}

// TestBrowserInjectedScriptDoesNotRun opens a hostile article: nothing in
// it may run.
func TestBrowserInjectedScriptDoesNotRun(t *testing.T) {
	ts, st := browserServer(t)
	doc := newDoc(t, `<img src=x onerror="window.__pwned=1">Harbour news`, `<script>window.__pwned=2</script>`, "2024-05-01",
		`Officials said <script>window.__pwned=3</script> the cranes <img src=x onerror="window.__pwned=4;alert(4)"> arrive soon.`,
		`<svg onload="window.__pwned=5"></svg><a href="javascript:window.__pwned=6">link</a>`).doc
	if _, err := st.Put(context.Background(), &store.Article{Doc: doc}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts.URL, 1280, 900)
	for _, path := range []string{"/articles/" + doc.ID, "/search?q=officials", "/articles", "/"} {
		b.do(t, "open "+path,
			chromedp.Navigate(ts.URL+path),
			chromedp.WaitReady(css(`footer.site`)),
			chromedp.Sleep(100*time.Millisecond),
		)
		if pwned := eval[any](t, b, `window.__pwned`); pwned != nil {
			t.Errorf("%s: injected script ran (window.__pwned = %v)", path, pwned)
		}
		if text := get(t, b, "main text", chromedp.Text(css(`main`))); !strings.Contains(text, "<img src=x") {
			t.Errorf("%s: the markup is not shown as text", path)
		}
	}
	b.checkClean(t)
}

// TestBrowserPhone checks that the pages fit a phone's width.
func TestBrowserPhone(t *testing.T) {
	ts, _ := browserServer(t)
	b := newBrowser(t, ts.URL, 390, 844)
	docs := storyVersions(t)
	for _, path := range []string{"/", "/articles/" + docs[0].ID, "/stories/" + storyID, "/entities/Grace%20Mwangi", "/search?q=Mombasa", "/entities", "/articles"} {
		b.do(t, "open "+path+" on a phone",
			chromedp.Navigate(ts.URL+path),
			chromedp.WaitReady(css(`footer.site`)),
		)
		if overflow := eval[int](t, b, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); overflow > 0 {
			t.Errorf("%s: %d px wider than the phone's screen", path, overflow)
		}
	}
	b.checkClean(t)
}

// TestBrowserScreenshots saves screenshots of every page at laptop and
// phone sizes into $CROSSCHECK_SCREENSHOTS, for people to look at.
func TestBrowserScreenshots(t *testing.T) {
	dir := os.Getenv("CROSSCHECK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set CROSSCHECK_SCREENSHOTS=DIR to save screenshots of the pages")
	}
	ts, st := browserServer(t)
	docs := storyVersions(t)
	// A real analysis of the long load-test article, for the article view.
	data, err := os.ReadFile("../cmd/loadgen/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Store: st, Analyzer: realPipeline(t)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.analyze(context.Background(), &AnalyzeRequest{Text: string(data), Store: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.analyze(context.Background(), &AnalyzeRequest{Text: envoyText, Store: true}); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{
		"home":     "/",
		"article":  "/articles/" + res.Document.ID,
		"fixture":  "/articles/" + docs[0].ID,
		"story":    "/stories/" + storyID,
		"search":   "/search?q=Mombasa",
		"entities": "/entities",
		"entity":   "/entities/Grace%20Mwangi",
		"error":    "/no/such/page",
	}
	for _, size := range []struct {
		name string
		w, h int
	}{{"laptop", 1366, 900}, {"phone", 390, 844}} {
		b := newBrowser(t, ts.URL, size.w, size.h)
		for name, path := range pages {
			b.do(t, "open "+name, chromedp.Navigate(ts.URL+path), chromedp.WaitReady(css(`footer.site`)))
			png := get(t, b, "screenshot "+name, chromedp.FullScreenshot(100))
			if err := os.WriteFile(filepath.Join(dir, size.name+"-"+name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
			top := get(t, b, "screenshot "+name, chromedp.CaptureScreenshot())
			if err := os.WriteFile(filepath.Join(dir, size.name+"-"+name+"-top.png"), top, 0o644); err != nil {
				t.Fatal(err)
			}
			if name == "error" {
				b.mu.Lock()
				b.problems = nil // the 404 is the point of that page
				b.mu.Unlock()
			}
		}
		b.do(t, "click a contradiction",
			chromedp.Navigate(ts.URL+"/stories/"+storyID),
			chromedp.WaitVisible(css(`.compare`)),
			chromedp.Click(css(`.flag[data-flag="c0"]`)),
			chromedp.Sleep(600*time.Millisecond),
		)
		png := get(t, b, "screenshot story", chromedp.CaptureScreenshot())
		if err := os.WriteFile(filepath.Join(dir, size.name+"-story-clicked.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		b.checkClean(t)
	}
}
