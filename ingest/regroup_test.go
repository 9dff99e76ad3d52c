package ingest

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/source"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/story"
)

// TestRegroup adds the labelled articles newest first, the worst order
// for incremental grouping, then regroups: the result is the grouping in
// publication order, whatever order the articles came in, and the store's
// stories stay consistent.
func TestRegroup(t *testing.T) {
	ctx := context.Background()
	names := labelledNames(t)
	read := func(st store.Store, order []string) {
		c, err := NewCorpus(ctx, st, story.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range order {
			in, err := source.Read(ctx, filepath.Join(labelled, n), source.Options{})
			if err != nil {
				t.Fatal(err)
			}
			d, err := extract.Extract(in)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Add(ctx, d, n); err != nil {
				t.Fatal(err)
			}
		}
	}
	grouping := func(st store.Store) map[string]string {
		out := map[string]string{}
		list, err := st.Stories(ctx, store.StoryQuery{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range list {
			_, arts, err := st.Story(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range arts {
				out[a.Source] = s.ID
			}
		}
		return out
	}
	reversed := slices.Clone(names)
	slices.Reverse(reversed)
	a, b := openStore(t), openStore(t)
	read(a, reversed)
	read(b, names)
	for _, st := range []store.Store{a, b} {
		if _, _, err := Regroup(ctx, st, story.Options{}); err != nil {
			t.Fatal(err)
		}
		checkStories(t, st, len(names))
	}
	ga, gb := grouping(a), grouping(b)
	for _, n := range names {
		for _, m := range names {
			if (ga[n] == ga[m]) != (gb[n] == gb[m]) {
				t.Errorf("after regrouping, %s and %s together in one store and not the other", n, m)
			}
		}
	}
	// Regrouping again moves nothing.
	moved, _, err := Regroup(ctx, a, story.Options{})
	if err != nil || moved != 0 {
		t.Errorf("second regroup moved %d, %v", moved, err)
	}
	// A new Corpus over the regrouped store continues from it.
	c, err := NewCorpus(ctx, a, story.Options{})
	if err != nil || c.Index().Len() != len(names) {
		t.Errorf("corpus after regroup: %v", err)
	}
}
