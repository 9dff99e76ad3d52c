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
