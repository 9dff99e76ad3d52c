package ingest

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/story"
)

// Regroup groups every stored article again from scratch, in order of
// publication (undated articles last, then in the order they were added),
// and moves the articles whose story changed, in one transaction. It
// undoes what the order of arrival did to incremental grouping: a version
// that came before the one bridging it to its story, or one that came just
// after a close decoy. Articles stored without features are left alone.
// It returns the number of articles moved and of stories after.
func Regroup(ctx context.Context, st store.Store, opts story.Options) (moved, stories int, err error) {
	type art struct {
		id, story string
		seq       int
		f         story.Features
	}
	var arts []art
	err = st.Features(ctx, func(id, sto string, b []byte) error {
		if len(b) == 0 {
			return nil
		}
		f, err := story.DecodeFeatures(b)
		if err != nil {
			return fmt.Errorf("article %s: %w", id, err)
		}
		arts = append(arts, art{id: id, story: sto, seq: len(arts), f: f})
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("regroup: %w", err)
	}
	slices.SortStableFunc(arts, func(a, b art) int {
		da, db := a.f.Day, b.f.Day
		if (da == story.NoDay) != (db == story.NoDay) {
			if da == story.NoDay {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(da, db), cmp.Compare(a.seq, b.seq))
	})
	ix := story.NewIndex(opts)
	for i := range arts {
		ix.Add(arts[i].id, &arts[i].f)
	}
	// Stories as they stand at the end: a later article may have merged
	// two that earlier ones started.
	var moves []store.Assignment
	for i := range arts {
		if s := ix.Story(i); s != arts[i].story {
			moves = append(moves, store.Assignment{Article: arts[i].id, Story: s})
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, 0, err
	}
	if err := st.Assign(ctx, moves); err != nil {
		return 0, 0, fmt.Errorf("regroup: %w", err)
	}
	return len(moves), ix.Stories(), nil
}
