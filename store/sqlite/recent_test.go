package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/sqlite"
	"github.com/crosscheck/crosscheck/store/storetest"
)

func TestRecent(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []string
	for i := range 5 {
		d := storetest.Doc(fmt.Sprintf("Title %d", i), fmt.Sprintf("Body number %d of five.", i), "2020-01-0"+fmt.Sprint(i+1))
		if _, err := db.Put(ctx, &store.Article{Doc: d}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	for _, tc := range []struct {
		limit, offset int
		want          []string
	}{
		{2, 0, []string{ids[4], ids[3]}},
		{2, 3, []string{ids[1], ids[0]}},
		{10, 4, []string{ids[0]}},
		{10, 5, nil},
		{0, 0, []string{ids[4], ids[3], ids[2], ids[1], ids[0]}},
	} {
		got, err := db.Recent(ctx, tc.limit, tc.offset)
		if err != nil {
			t.Fatal(err)
		}
		var gotIDs []string
		for _, a := range got {
			gotIDs = append(gotIDs, a.ID)
		}
		if fmt.Sprint(gotIDs) != fmt.Sprint(tc.want) {
			t.Errorf("Recent(%d, %d) = %v, want %v", tc.limit, tc.offset, gotIDs, tc.want)
		}
	}
	got, _ := db.Recent(ctx, 1, 0)
	if got[0].Title != "Title 4" || got[0].Added.IsZero() {
		t.Errorf("Recent short form = %+v", got[0])
	}
}

func TestStoryOf(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	grouped := storetest.Doc("Grouped", "In a story.", "2020-01-01")
	alone := storetest.Doc("Alone", "In none.", "2020-01-02")
	db.Put(ctx, &store.Article{Doc: grouped, Story: "s1"})
	db.Put(ctx, &store.Article{Doc: alone})
	for id, want := range map[string]string{grouped.ID: "s1", alone.ID: ""} {
		if got, err := db.StoryOf(ctx, id); err != nil || got != want {
			t.Errorf("StoryOf(%s) = %q, %v; want %q", id, got, err, want)
		}
	}
	if _, err := db.StoryOf(ctx, "sha256:none"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}
