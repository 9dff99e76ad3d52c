package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/crosscheck/crosscheck/store"
)

// Recent lists articles newest first (by when they were added), in their
// short form, skipping offset and returning at most limit (0: 50). It is
// not part of store.Store; the web UI uses it when a store offers it.
func (s *DB) Recent(ctx context.Context, limit, offset int) ([]store.ArticleInfo, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, outlet, url, published, coalesce(story, ''), source, added
		FROM articles ORDER BY seq DESC LIMIT ? OFFSET ?`, limit, max(offset, 0))
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []store.ArticleInfo
	for rows.Next() {
		var a store.ArticleInfo
		var added int64
		if err := rows.Scan(&a.ID, &a.Title, &a.Outlet, &a.URL, &a.Published, &a.Story, &a.Source, &added); err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		a.Added = time.Unix(0, added)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}

// StoryOf returns the story of the article with the given id ("" when it
// is in none), or an error wrapping store.ErrNotFound. It reads one
// column, where Get decodes the whole document: the web server asks it
// for every article submitted again.
func (s *DB) StoryOf(ctx context.Context, id string) (string, error) {
	var story sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT story FROM articles WHERE id = ?`, id).Scan(&story)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("story of article %s: %w", id, err)
	}
	return story.String, nil
}
