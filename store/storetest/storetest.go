// Package storetest is the conformance suite for store.Store: written once,
// run against every backend, so that they keep one contract.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
)

// Open returns a new, empty store for one test; the suite closes it.
type Open func(t *testing.T) store.Store

// Run runs every conformance test against the stores open makes.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"PutGet", testPutGet},
		{"PutTwiceIsNoOp", testPutTwice},
		{"NotFound", testNotFound},
		{"Stories", testStories},
		{"Assign", testAssign},
		{"AssignUnknownChangesNothing", testAssignUnknown},
		{"Features", testFeatures},
		{"Search", testSearch},
		{"SearchHostileQueries", testSearchHostile},
		{"FetchState", testFetchState},
		{"ConcurrentPuts", testConcurrent},
		{"CancelledContext", testCancelled},
		{"Generation", testGeneration},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tc.fn(t, s)
		})
	}
}

// OpenTwo returns two handles on one new, empty store, opened separately
// as two processes would open it; the suite closes both.
type OpenTwo func(t *testing.T) (store.Store, store.Store)

// RunShared runs the conformance tests that need two handles on one store:
// what one writes, the other must see.
func RunShared(t *testing.T, open OpenTwo) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store, store.Store)
	}{
		{"GenerationSeenByOthers", testGenerationShared},
		{"GenerationConcurrentWriters", testGenerationConcurrent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := open(t)
			defer a.Close()
			defer b.Close()
			tc.fn(t, a, b)
		})
	}
}

// Doc returns a small Document with the given title, text and date.
func Doc(title, text, published string) *document.Document {
	full := title + "\n\n" + text
	d := document.New(full, document.Meta{Title: title, Outlet: "Test Outlet", URL: "https://example.com/" + fmt.Sprint(len(full)), Published: published, Language: "en"})
	d.Headline = &document.Span{Start: 0, End: len(title)}
	d.Paragraphs = []document.Span{{Start: 0, End: len(title)}, {Start: len(title) + 2, End: len(full)}}
	d.Entities = []document.Entity{{ID: "E1", Name: "Mosul", Type: document.GPE,
		Link:     &document.Link{Kind: document.LinkCity, Code: "MOSUL", Country: "IRQ"},
		Mentions: []document.Mention{{Start: 0, End: 5, Kind: document.MentionName}}}}
	d.Facts = []document.Fact{{Entity: "E1", Attribute: "rank-by-size", Value: "2", Scope: "city in IRQ", Start: 0, End: 5}}
	return d
}

func mustPut(t *testing.T, s store.Store, a *store.Article) {
	t.Helper()
	added, err := s.Put(context.Background(), a)
	if err != nil {
		t.Fatalf("Put(%s): %v", a.Doc.ID, err)
	}
	if !added {
		t.Fatalf("Put(%s) = not added, want added", a.Doc.ID)
	}
}

func testPutGet(t *testing.T, s store.Store) {
	ctx := context.Background()
	d := Doc("Mosul retaken", "Iraqi forces retook Mosul, the second largest city of Iraq.", "2017-07-10")
	a := &store.Article{Doc: d, Story: "s1", Features: []byte{1, 2, 3, 0, 255}, Source: "testdata/a.txt",
		Added: time.Date(2020, 1, 2, 3, 4, 5, 6, time.UTC)}
	mustPut(t, s, a)
	got, err := s.Get(ctx, d.ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if !reflect.DeepEqual(got.Doc, d) {
		t.Errorf("Get document differs:\n got %+v\nwant %+v", got.Doc, d)
	}
	if got.Story != "s1" || got.Source != a.Source || !got.Added.Equal(a.Added) || !reflect.DeepEqual(got.Features, a.Features) {
		t.Errorf("Get = story %q source %q added %v features %v; want %q %q %v %v",
			got.Story, got.Source, got.Added, got.Features, "s1", a.Source, a.Added, a.Features)
	}
	if ok, err := s.Has(ctx, d.ID); err != nil || !ok {
		t.Errorf("Has(stored) = %v, %v; want true", ok, err)
	}
	if ok, err := s.Has(ctx, "sha256:nope"); err != nil || ok {
		t.Errorf("Has(unknown) = %v, %v; want false", ok, err)
	}
	// A zero Added is set by Put.
	b := &store.Article{Doc: Doc("Other", "Something else entirely.", "")}
	before := time.Now().Add(-time.Second)
	mustPut(t, s, b)
	gb, err := s.Get(ctx, b.Doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if gb.Added.Before(before) || gb.Story != "" {
		t.Errorf("zero Added not set to now (%v) or story %q not empty", gb.Added, gb.Story)
	}
	if _, err := s.Put(ctx, &store.Article{}); err == nil {
		t.Error("Put(no document) succeeded")
	}
}

func testPutTwice(t *testing.T, s store.Store) {
	ctx := context.Background()
	d := Doc("Same", "The same article, ingested twice.", "2017-07-10")
	mustPut(t, s, &store.Article{Doc: d, Story: "s1"})
	// A second put, even claiming another story, changes nothing.
	added, err := s.Put(ctx, &store.Article{Doc: d, Story: "s2", Source: "elsewhere"})
	if err != nil || added {
		t.Fatalf("second Put = %v, %v; want false, nil", added, err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 1 || st.Stories != 1 {
		t.Errorf("Stats = %+v; want 1 article, 1 story", st)
	}
	got, err := s.Get(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Story != "s1" || got.Source != "" {
		t.Errorf("second Put changed the article: story %q source %q", got.Story, got.Source)
	}
	if _, _, err := s.Story(ctx, "s2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(s2) after a duplicate put: err = %v; want ErrNotFound", err)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.Get(ctx, "sha256:missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get(missing) err = %v; want ErrNotFound", err)
	}
	if _, _, err := s.Story(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(missing) err = %v; want ErrNotFound", err)
	}
	if _, err := s.FetchState(ctx, "https://example.com/missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FetchState(missing) err = %v; want ErrNotFound", err)
	}
}

func testStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := Doc("A", "First version, published second.", "2017-07-11")
	b := Doc("B", "Second version, published first.", "2017-07-10")
	c := Doc("C", "Third version, undated.", "")
	d := Doc("D", "A story of its own.", "2017-08-01")
	mustPut(t, s, &store.Article{Doc: a, Story: "big"})
	mustPut(t, s, &store.Article{Doc: b, Story: "big"})
	mustPut(t, s, &store.Article{Doc: c, Story: "big"})
	mustPut(t, s, &store.Article{Doc: d, Story: "small"})

	st, arts, err := s.Story(ctx, "big")
	if err != nil {
		t.Fatal(err)
	}
	if st.Size != 3 || st.First != "2017-07-10" || st.Last != "2017-07-11" || st.Title != "A" {
		t.Errorf("Story(big) = %+v; want size 3, 2017-07-10..2017-07-11, title A", st)
	}
	var ids []string
	for _, x := range arts {
		ids = append(ids, x.Doc.ID)
		if x.Doc.Text == "" {
			t.Errorf("Story article %s has no text", x.Doc.ID)
		}
	}
	if want := []string{b.ID, a.ID, c.ID}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Story(big) articles = %v; want earliest first, undated last %v", ids, want)
	}

	list, err := s.Stories(ctx, store.StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != "big" || list[1].ID != "small" {
		t.Errorf("Stories = %+v; want big then small", list)
	}
	list, err = s.Stories(ctx, store.StoryQuery{MinSize: 2})
	if err != nil || len(list) != 1 || list[0].ID != "big" {
		t.Errorf("Stories(MinSize 2) = %+v, %v; want only big", list, err)
	}
	list, err = s.Stories(ctx, store.StoryQuery{Limit: 1, Offset: 1})
	if err != nil || len(list) != 1 || list[0].ID != "small" {
		t.Errorf("Stories(Limit 1, Offset 1) = %+v, %v; want only small", list, err)
	}
}

func testAssign(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := Doc("A", "One.", "2017-07-11")
	b := Doc("B", "Two.", "2017-07-10")
	mustPut(t, s, &store.Article{Doc: a, Story: "s1"})
	mustPut(t, s, &store.Article{Doc: b, Story: "s2"})
	if err := s.Assign(ctx, []store.Assignment{{Article: b.ID, Story: "s1"}}); err != nil {
		t.Fatal(err)
	}
	st, arts, err := s.Story(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if st.Size != 2 || len(arts) != 2 || st.First != "2017-07-10" {
		t.Errorf("after Assign, s1 = %+v with %d articles; want size 2 from 2017-07-10", st, len(arts))
	}
	if _, _, err := s.Story(ctx, "s2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("emptied story s2 still there: err = %v", err)
	}
	// Into a new story, and out of any story.
	if err := s.Assign(ctx, []store.Assignment{{Article: a.ID, Story: "s3"}, {Article: b.ID, Story: ""}}); err != nil {
		t.Fatal(err)
	}
	st, _, err = s.Story(ctx, "s3")
	if err != nil || st.Size != 1 || st.Title != "A" {
		t.Errorf("new story s3 = %+v, %v; want size 1 titled A", st, err)
	}
	got, err := s.Get(ctx, b.ID)
	if err != nil || got.Story != "" {
		t.Errorf("b after unassign: %+v, %v", got, err)
	}
	if n, _ := s.Stats(ctx); n.Stories != 1 {
		t.Errorf("Stats.Stories = %d; want 1", n.Stories)
	}
}

func testAssignUnknown(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := Doc("A", "One.", "2017-07-11")
	mustPut(t, s, &store.Article{Doc: a, Story: "s1"})
	err := s.Assign(ctx, []store.Assignment{{Article: a.ID, Story: "s9"}, {Article: "sha256:unknown", Story: "s9"}})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Assign(unknown) err = %v; want ErrNotFound", err)
	}
	got, err := s.Get(ctx, a.ID)
	if err != nil || got.Story != "s1" {
		t.Errorf("failed Assign changed article: %+v, %v", got, err)
	}
	if _, _, err := s.Story(ctx, "s9"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("failed Assign left story s9: %v", err)
	}
}

func testFeatures(t *testing.T, s store.Store) {
	ctx := context.Background()
	var want []string
	for i := range 5 {
		d := Doc(fmt.Sprintf("T%d", i), fmt.Sprintf("Article number %d.", i), "")
		mustPut(t, s, &store.Article{Doc: d, Story: fmt.Sprintf("s%d", i%2), Features: []byte{byte(i)}})
		want = append(want, d.ID)
	}
	var got []string
	err := s.Features(ctx, func(id, story string, f []byte) error {
		i := len(got)
		if len(f) != 1 || f[0] != byte(i) || story != fmt.Sprintf("s%d", i%2) {
			t.Errorf("Features row %d = story %q features %v", i, story, f)
		}
		got = append(got, id)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Features order = %v; want insertion order %v", got, want)
	}
	stop := errors.New("stop")
	n := 0
	err = s.Features(ctx, func(string, string, []byte) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Features with failing fn = %v after %d calls; want stop after 1", err, n)
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	mosul := Doc("Envoy praises Pakistan", "The ambassador said Pakistan trained Iraqi pilots before the battle for Mosul.", "2017-07-17")
	trade := Doc("Trade talks", "Ministers met to discuss textile exports and tariffs.", "2017-08-02")
	mustPut(t, s, &store.Article{Doc: mosul, Story: "m"})
	mustPut(t, s, &store.Article{Doc: trade, Story: "t"})
	cases := []struct {
		q    string
		want []string
	}{
		{"mosul", []string{mosul.ID}},
		{"Pakistan pilots", []string{mosul.ID}},
		{"pilot", []string{mosul.ID}}, // stemming folds pilots/pilot
		{`"Iraqi pilots"`, []string{mosul.ID}},
		{`"pilots Iraqi"`, nil},
		{"textil*", []string{trade.ID}},
		{"mosul OR tariffs", []string{mosul.ID, trade.ID}},
		{"mosul tariffs", nil},
		{"zebra", nil},
	}
	for _, c := range cases {
		hits, err := s.Search(ctx, c.q, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", c.q, err)
			continue
		}
		got := map[string]bool{}
		for _, h := range hits {
			got[h.ID] = true
			if h.Title == "" || h.Story == "" {
				t.Errorf("Search(%q) hit %+v lacks title or story", c.q, h)
			}
		}
		want := map[string]bool{}
		for _, id := range c.want {
			want[id] = true
		}
		if len(got) != len(want) || len(hits) != len(want) {
			t.Errorf("Search(%q) = %d hits %v; want %v", c.q, len(hits), got, want)
			continue
		}
		for id := range want {
			if !got[id] {
				t.Errorf("Search(%q) misses %s", c.q, id)
			}
		}
	}
	hits, err := s.Search(ctx, "Mosul", 10)
	if err != nil || len(hits) != 1 || hits[0].Snippet == "" {
		t.Fatalf("Search(Mosul) = %+v, %v; want one hit with a snippet", hits, err)
	}
}

func testSearchHostile(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustPut(t, s, &store.Article{Doc: Doc("Quotes", `He said "no comment" AND left; NEAR(x) 'drop table'`, "")})
	for _, q := range []string{`"unbalanced`, `AND`, `NEAR(`, `x' OR '1'='1`, `col:mosul`, `^start`, `-neg`, `(((`, `OR comment`, `comment OR`, `*`, `""*`} {
		_, err := s.Search(ctx, q, 5)
		if err != nil && !errors.Is(err, store.ErrEmptyQuery) {
			t.Errorf("Search(%q) = %v; want results or ErrEmptyQuery", q, err)
		}
	}
	for _, q := range []string{"", "  ", "!!! ...", `""`} {
		if _, err := s.Search(ctx, q, 5); !errors.Is(err, store.ErrEmptyQuery) {
			t.Errorf("Search(%q) err = %v; want ErrEmptyQuery", q, err)
		}
	}
}

func testFetchState(t *testing.T, s store.Store) {
	ctx := context.Background()
	f := &store.FetchState{URL: "https://example.com/feed", ETag: `"abc"`, LastModified: "Mon, 10 Jul 2017 10:00:00 GMT",
		Status: 200, Fetched: time.Date(2017, 7, 10, 10, 0, 0, 0, time.UTC)}
	if err := s.PutFetchState(ctx, f); err != nil {
		t.Fatal(err)
	}
	got, err := s.FetchState(ctx, f.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got.ETag != f.ETag || got.LastModified != f.LastModified || got.Status != 200 || !got.Fetched.Equal(f.Fetched) {
		t.Errorf("FetchState = %+v; want %+v", got, f)
	}
	f2 := &store.FetchState{URL: f.URL, Status: 304, Fetched: f.Fetched.Add(time.Hour), Article: "sha256:x"}
	if err := s.PutFetchState(ctx, f2); err != nil {
		t.Fatal(err)
	}
	got, err = s.FetchState(ctx, f.URL)
	if err != nil || got.ETag != "" || got.Status != 304 || got.Article != "sha256:x" {
		t.Errorf("replaced FetchState = %+v, %v; want %+v", got, err, f2)
	}
	if err := s.PutFetchState(ctx, &store.FetchState{}); err == nil {
		t.Error("PutFetchState(no URL) succeeded")
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	const workers, each = 4, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*2)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				// Every worker puts the same articles: each is added once.
				d := Doc(fmt.Sprintf("T%d", i), fmt.Sprintf("Shared article %d.", i), "2017-07-10")
				if _, err := s.Put(ctx, &store.Article{Doc: d, Story: fmt.Sprintf("s%d", i%3)}); err != nil {
					errs <- err
				}
				if _, err := s.Search(ctx, "shared", 3); err != nil {
					errs <- err
				}
				_ = w
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != each || st.Stories != 3 {
		t.Errorf("Stats after concurrent puts = %+v; want %d articles, 3 stories", st, each)
	}
	list, _ := s.Stories(ctx, store.StoryQuery{})
	total := 0
	for _, x := range list {
		total += x.Size
	}
	if total != each {
		t.Errorf("story sizes add up to %d; want %d", total, each)
	}
}

func testCancelled(t *testing.T, s store.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := Doc("Cancelled", "Never stored.", "")
	if _, err := s.Put(ctx, &store.Article{Doc: d}); err == nil {
		t.Error("Put with a cancelled context succeeded")
	}
	if ok, _ := s.Has(context.Background(), d.ID); ok {
		t.Error("Put with a cancelled context stored the article")
	}
}

func generation(t *testing.T, s store.Store) int64 {
	t.Helper()
	g, err := s.Generation(context.Background())
	if err != nil {
		t.Fatalf("Generation: %v", err)
	}
	return g
}

// testGeneration: the generation moves by one with each write a grouping
// index depends on, and not otherwise.
func testGeneration(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := Doc("A", "One version of the story.", "2017-07-10")
	b := Doc("B", "Another story, not grouped.", "2017-07-11")
	steps := []struct {
		name string
		do   func() error
		bump int64
	}{
		{"Put new article", func() error { _, err := s.Put(ctx, &store.Article{Doc: a, Story: "s1"}); return err }, 1},
		{"Put stored article", func() error { _, err := s.Put(ctx, &store.Article{Doc: a, Story: "s2"}); return err }, 0},
		{"Put new article without story", func() error { _, err := s.Put(ctx, &store.Article{Doc: b}); return err }, 1},
		{"Assign nil", func() error { return s.Assign(ctx, nil) }, 0},
		{"Assign empty", func() error { return s.Assign(ctx, []store.Assignment{}) }, 0},
		{"Assign one move", func() error { return s.Assign(ctx, []store.Assignment{{Article: b.ID, Story: "s1"}}) }, 1},
		{"Assign two moves", func() error {
			return s.Assign(ctx, []store.Assignment{{Article: a.ID, Story: "s3"}, {Article: b.ID, Story: "s3"}})
		}, 1},
		{"Assign unknown article", func() error {
			if err := s.Assign(ctx, []store.Assignment{{Article: "sha256:unknown", Story: "s1"}}); !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("Assign(unknown) = %v; want ErrNotFound", err)
			}
			return nil
		}, 0},
		{"PutFetchState", func() error {
			return s.PutFetchState(ctx, &store.FetchState{URL: "https://example.com/feed", Status: 200, Fetched: time.Now()})
		}, 0},
		{"Put with cancelled context", func() error {
			cctx, cancel := context.WithCancel(ctx)
			cancel()
			if _, err := s.Put(cctx, &store.Article{Doc: Doc("C", "Never stored.", "")}); err == nil {
				return errors.New("Put with a cancelled context succeeded")
			}
			return nil
		}, 0},
		{"reads", func() error {
			_, err1 := s.Get(ctx, a.ID)
			_, err2 := s.Has(ctx, a.ID)
			err3 := s.Features(ctx, func(string, string, []byte) error { return nil })
			_, err4 := s.Stories(ctx, store.StoryQuery{})
			_, _, err5 := s.Story(ctx, "s3")
			_, err6 := s.Search(ctx, "story", 5)
			_, err7 := s.FetchState(ctx, "https://example.com/feed")
			_, err8 := s.Stats(ctx)
			return errors.Join(err1, err2, err3, err4, err5, err6, err7, err8)
		}, 0},
	}
	g := generation(t, s)
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		got := generation(t, s)
		if got != g+step.bump {
			t.Errorf("%s: generation %d -> %d; want %d", step.name, g, got, g+step.bump)
		}
		g = got
	}
}

// testGenerationShared: a write through one handle moves the generation
// the other handle reads.
func testGenerationShared(t *testing.T, a, b store.Store) {
	ctx := context.Background()
	g := generation(t, a)
	if gb := generation(t, b); gb != g {
		t.Fatalf("two handles on one store read generations %d and %d", g, gb)
	}
	d := Doc("Shared", "Written through one handle.", "2017-07-10")
	mustPut(t, a, &store.Article{Doc: d, Story: "s1"})
	if got := generation(t, b); got != g+1 {
		t.Errorf("after a Put through the first handle, the second reads generation %d; want %d", got, g+1)
	}
	if added, err := b.Put(ctx, &store.Article{Doc: d, Story: "s2"}); err != nil || added {
		t.Fatalf("Put of the same article through the second handle = %v, %v; want false, nil", added, err)
	}
	if got := generation(t, a); got != g+1 {
		t.Errorf("after a duplicate Put, generation %d; want %d", got, g+1)
	}
	if err := b.Assign(ctx, []store.Assignment{{Article: d.ID, Story: "s2"}}); err != nil {
		t.Fatal(err)
	}
	if got := generation(t, a); got != g+2 {
		t.Errorf("after an Assign through the second handle, the first reads generation %d; want %d", got, g+2)
	}
	if err := b.PutFetchState(ctx, &store.FetchState{URL: "https://example.com/x", Status: 200}); err != nil {
		t.Fatal(err)
	}
	if got := generation(t, a); got != g+2 {
		t.Errorf("after PutFetchState, generation %d; want %d", got, g+2)
	}
}

// testGenerationConcurrent: writers on both handles putting overlapping
// articles move the generation once per article actually added, none
// lost to a race.
func testGenerationConcurrent(t *testing.T, a, b store.Store) {
	ctx := context.Background()
	g := generation(t, a)
	const workers, each = 4, 8
	var wg sync.WaitGroup
	var mu sync.Mutex
	added := 0
	errs := make(chan error, workers*each)
	for w := range workers {
		s := a
		if w%2 == 1 {
			s = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				// Workers overlap two by two: each article is put twice.
				d := Doc(fmt.Sprintf("T%d", i), fmt.Sprintf("Article %d of writer pair %d.", i, w/2), "2017-07-10")
				ok, err := s.Put(ctx, &store.Article{Doc: d, Story: fmt.Sprintf("s%d", i%3)})
				if err != nil {
					errs <- err
					continue
				}
				if ok {
					mu.Lock()
					added++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if want := workers / 2 * each; added != want {
		t.Errorf("%d articles added; want %d", added, want)
	}
	if got := generation(t, b); got != g+int64(added) {
		t.Errorf("generation %d after %d articles added; want %d", got, added, g+int64(added))
	}
}
