package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/sqlite"
	"github.com/crosscheck/crosscheck/store/storetest"
)

func open(t *testing.T) store.Store {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sub", "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

// openTwo opens one new file twice, as two processes sharing a store do.
func openTwo(t *testing.T) (store.Store, store.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shared.db")
	a, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sqlite.Open(context.Background(), path)
	if err != nil {
		a.Close()
		t.Fatal(err)
	}
	return a, b
}

func TestConformanceShared(t *testing.T) { storetest.RunShared(t, openTwo) }

func TestReopenKeepsDataAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d := storetest.Doc("Kept", "Still here after reopening.", "2017-07-10")
	if _, err := db.Put(ctx, &store.Article{Doc: d, Story: "s"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	if ok, err := db.Has(ctx, d.ID); err != nil || !ok {
		t.Errorf("after reopen Has = %v, %v", ok, err)
	}
	if hits, err := db.Search(ctx, "reopening", 5); err != nil || len(hits) != 1 {
		t.Errorf("after reopen Search = %v, %v", hits, err)
	}
}

// TestUpgradeFromVersion1: a file written before the generation existed
// keeps its articles, and its generation starts at zero and counts from
// there.
func TestUpgradeFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sqlite.OpenVersion(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	err = old.Exec(ctx, `INSERT INTO articles(id, title, added, text, doc) VALUES ('sha256:old', 'Old', 1, 'Old text.', '{"id":"sha256:old"}')`)
	old.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("open a version 1 file: %v", err)
	}
	defer db.Close()
	if ok, err := db.Has(ctx, "sha256:old"); err != nil || !ok {
		t.Errorf("after the upgrade Has(old article) = %v, %v", ok, err)
	}
	if g, err := db.Generation(ctx); err != nil || g != 0 {
		t.Errorf("generation after the upgrade = %d, %v; want 0", g, err)
	}
	if _, err := db.Put(ctx, &store.Article{Doc: storetest.Doc("New", "Added after the upgrade.", "")}); err != nil {
		t.Fatal(err)
	}
	if g, err := db.Generation(ctx); err != nil || g != 1 {
		t.Errorf("generation after one Put = %d, %v; want 1", g, err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetUserVersion(ctx, 99); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := sqlite.Open(ctx, path); err == nil {
		t.Fatal("opening a store with a newer schema succeeded")
	}
}

func TestOpenBadPath(t *testing.T) {
	dir := t.TempDir()
	if _, err := sqlite.Open(context.Background(), dir); err == nil {
		t.Error("opening a directory as a store succeeded")
	}
	if _, err := sqlite.Open(context.Background(), ""); err == nil {
		t.Error("opening an empty path succeeded")
	}
}
