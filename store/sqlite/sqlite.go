// Package sqlite is crosscheck's embedded store: one SQLite file through
// modernc.org/sqlite (pure Go, no cgo), in WAL mode, with FTS5 full-text
// search over titles and texts.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
)

// DB is a store.Store in one SQLite file.
type DB struct {
	db   *sql.DB
	path string
}

var _ store.Store = (*DB)(nil)

// Open opens (creating when needed) the store at path and brings its
// schema up to date. The file's directory is created too.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open store: empty path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
	}
	// busy_timeout lets a second process (a watch next to a search) wait
	// for the writer instead of failing; _txlock=immediate takes the write
	// lock when a transaction begins, so two writers never deadlock on a
	// read-to-write upgrade. synchronous=NORMAL is durable across process
	// crashes in WAL mode; only a power loss can drop the last commits, and
	// never corrupts the file.
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &DB{db: db, path: path}
	if err := s.migrate(ctx, len(migrations)); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// Path returns the file the store lives in.
func (s *DB) Path() string { return s.path }

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// migrations are applied in order; PRAGMA user_version records how many
// ran. Never edit one that has shipped: add another.
var migrations = []string{
	// 1: articles, stories, fetch state, full-text index.
	`
CREATE TABLE stories (
	id      TEXT PRIMARY KEY,
	title   TEXT NOT NULL DEFAULT '',
	size    INTEGER NOT NULL DEFAULT 0,
	first   TEXT NOT NULL DEFAULT '',
	last    TEXT NOT NULL DEFAULT '',
	updated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_order ON stories(size DESC, updated DESC);

-- seq orders articles by arrival and is the full-text rowid. The text is a
-- column of its own (and blanked in doc) so that it is stored once and the
-- FTS index can use it as external content.
CREATE TABLE articles (
	seq       INTEGER PRIMARY KEY AUTOINCREMENT,
	id        TEXT NOT NULL UNIQUE,
	title     TEXT NOT NULL DEFAULT '',
	outlet    TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	story     TEXT REFERENCES stories(id),
	source    TEXT NOT NULL DEFAULT '',
	added     INTEGER NOT NULL,
	text      TEXT NOT NULL,
	doc       TEXT NOT NULL,
	features  BLOB
);
CREATE INDEX articles_story ON articles(story, published);
CREATE INDEX articles_url ON articles(url);

CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text,
	content='articles', content_rowid='seq',
	tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TABLE fetch (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	status        INTEGER NOT NULL DEFAULT 0,
	fetched       INTEGER NOT NULL DEFAULT 0,
	article       TEXT NOT NULL DEFAULT ''
);
`,
	// 2: the generation (store.Store.Generation), one row, bumped in every
	// transaction that adds an article or moves articles between stories.
	`
CREATE TABLE generation (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO generation(id, n) VALUES (1, 0);
`,
}

// migrate brings the schema up to version to (len(migrations) but in
// tests).
func (s *DB) migrate(ctx context.Context, to int) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this crosscheck knows (%d): upgrade crosscheck", version, len(migrations))
	}
	for i := version; i < to; i++ {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", i+1, err)
		}
	}
	return nil
}

// tx runs fn in one transaction, committing when it returns nil.
func (s *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Put implements store.Store.
func (s *DB) Put(ctx context.Context, a *store.Article) (bool, error) {
	if a == nil || a.Doc == nil || a.Doc.ID == "" {
		return false, errors.New("put article: no document or no id")
	}
	doc := *a.Doc
	text := doc.Text
	doc.Text = ""
	js, err := json.Marshal(&doc)
	if err != nil {
		return false, fmt.Errorf("put article %s: encode: %w", a.Doc.ID, err)
	}
	added := a.Added
	if added.IsZero() {
		added = time.Now()
	}
	var story any
	if a.Story != "" {
		story = a.Story
	}
	m := &a.Doc.Meta
	inserted := false
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if a.Story != "" {
			if err := ensureStory(ctx, tx, a.Story, m.Title, added); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO articles
			(id, title, outlet, url, published, story, source, added, text, doc, features)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
			a.Doc.ID, m.Title, m.Outlet, m.URL, m.Published, story, a.Source,
			added.UnixNano(), text, string(js), a.Features)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			// Already stored: undo the story we may have created.
			return errDuplicate
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)`,
			seq, m.Title, text); err != nil {
			return err
		}
		inserted = true
		if a.Story != "" {
			if err := refreshStories(ctx, tx, added, a.Story); err != nil {
				return err
			}
		}
		return bumpGeneration(ctx, tx)
	})
	if errors.Is(err, errDuplicate) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("put article %s: %w", a.Doc.ID, err)
	}
	if a.Added.IsZero() {
		a.Added = time.Unix(0, added.UnixNano())
	}
	return inserted, nil
}

var errDuplicate = errors.New("duplicate")

// bumpGeneration counts one more change to what a grouping index is built
// from, in the transaction that makes it.
func bumpGeneration(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE generation SET n = n + 1 WHERE id = 1`)
	return err
}

// Generation implements store.Store.
func (s *DB) Generation(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT n FROM generation WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("read store generation: %w", err)
	}
	return n, nil
}

func ensureStory(ctx context.Context, tx *sql.Tx, id, title string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO stories(id, title, updated) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING`,
		id, title, now.UnixNano())
	return err
}

// refreshStories recomputes the size and date range of the given stories,
// marks them updated, and deletes those left empty.
func refreshStories(ctx context.Context, tx *sql.Tx, now time.Time, ids ...string) error {
	for _, id := range ids {
		_, err := tx.ExecContext(ctx, `UPDATE stories SET
			size = (SELECT count(*) FROM articles WHERE story = ?1),
			first = coalesce((SELECT min(published) FROM articles WHERE story = ?1 AND published <> ''), ''),
			last = coalesce((SELECT max(published) FROM articles WHERE story = ?1 AND published <> ''), ''),
			updated = ?2
			WHERE id = ?1`, id, now.UnixNano())
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ? AND size = 0`, id); err != nil {
			return err
		}
	}
	return nil
}

const articleCols = `a.id, a.story, a.source, a.added, a.text, a.doc, a.features`

func scanArticle(sc interface{ Scan(...any) error }) (*store.Article, error) {
	var (
		id, text, js string
		story        sql.NullString
		source       string
		added        int64
		features     []byte
	)
	if err := sc.Scan(&id, &story, &source, &added, &text, &js, &features); err != nil {
		return nil, err
	}
	doc := new(document.Document)
	if err := json.Unmarshal([]byte(js), doc); err != nil {
		return nil, fmt.Errorf("decode article %s: %w", id, err)
	}
	doc.Text = text
	return &store.Article{
		Doc:      doc,
		Story:    story.String,
		Features: features,
		Source:   source,
		Added:    time.Unix(0, added),
	}, nil
}

// Get implements store.Store.
func (s *DB) Get(ctx context.Context, id string) (*store.Article, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+articleCols+` FROM articles a WHERE a.id = ?`, id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get article %s: %w", id, err)
	}
	return a, nil
}

// Has implements store.Store.
func (s *DB) Has(ctx context.Context, id string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look up article %s: %w", id, err)
	}
	return true, nil
}

// Features implements store.Store.
func (s *DB) Features(ctx context.Context, fn func(id, story string, features []byte) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, coalesce(story, ''), features FROM articles ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("read features: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, story string
		var f []byte
		if err := rows.Scan(&id, &story, &f); err != nil {
			return fmt.Errorf("read features: %w", err)
		}
		if err := fn(id, story, f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read features: %w", err)
	}
	return nil
}

// Assign implements store.Store.
func (s *DB) Assign(ctx context.Context, moves []store.Assignment) error {
	if len(moves) == 0 {
		return nil
	}
	now := time.Now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		touched := map[string]bool{}
		var order []string
		touch := func(id string) {
			if id != "" && !touched[id] {
				touched[id] = true
				order = append(order, id)
			}
		}
		for _, m := range moves {
			var old sql.NullString
			var title string
			err := tx.QueryRowContext(ctx, `SELECT story, title FROM articles WHERE id = ?`, m.Article).Scan(&old, &title)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("article %s: %w", m.Article, store.ErrNotFound)
			}
			if err != nil {
				return err
			}
			if m.Story != "" {
				if err := ensureStory(ctx, tx, m.Story, title, now); err != nil {
					return err
				}
			}
			var story any
			if m.Story != "" {
				story = m.Story
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET story = ? WHERE id = ?`, story, m.Article); err != nil {
				return err
			}
			touch(old.String)
			touch(m.Story)
		}
		if err := refreshStories(ctx, tx, now, order...); err != nil {
			return err
		}
		return bumpGeneration(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("assign stories: %w", err)
	}
	return nil
}

func scanStory(sc interface{ Scan(...any) error }) (*store.Story, error) {
	var st store.Story
	var updated int64
	if err := sc.Scan(&st.ID, &st.Title, &st.Size, &st.First, &st.Last, &updated); err != nil {
		return nil, err
	}
	st.Updated = time.Unix(0, updated)
	return &st, nil
}

// Stories implements store.Store.
func (s *DB) Stories(ctx context.Context, q store.StoryQuery) ([]store.Story, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, size, first, last, updated FROM stories
		WHERE size >= ? ORDER BY size DESC, updated DESC, id LIMIT ? OFFSET ?`, q.MinSize, limit, max(q.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	defer rows.Close()
	var out []store.Story
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			return nil, fmt.Errorf("list stories: %w", err)
		}
		out = append(out, *st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	return out, nil
}

// Story implements store.Store.
func (s *DB) Story(ctx context.Context, id string) (*store.Story, []*store.Article, error) {
	st, err := scanStory(s.db.QueryRowContext(ctx, `SELECT id, title, size, first, last, updated FROM stories WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("story %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("get story %s: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleCols+` FROM articles a WHERE a.story = ?
		ORDER BY a.published = '', a.published, a.seq`, id)
	if err != nil {
		return nil, nil, fmt.Errorf("get story %s: %w", id, err)
	}
	defer rows.Close()
	var arts []*store.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("get story %s: %w", id, err)
		}
		arts = append(arts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("get story %s: %w", id, err)
	}
	return st, arts, nil
}

// ftsQuery renders q in FTS5 syntax. Words hold only letters and digits
// (store.ParseQuery guarantees it), so quoting them is enough.
func ftsQuery(q store.Query) string {
	var b strings.Builder
	for i, c := range q {
		if i > 0 {
			b.WriteString(" AND ")
		}
		b.WriteByte('(')
		for j, t := range c {
			if j > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString(`"` + strings.Join(t.Words, " ") + `"`)
			if t.Prefix {
				b.WriteString(" *")
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Search implements store.Store.
func (s *DB) Search(ctx context.Context, query string, limit int) ([]store.Hit, error) {
	q, err := store.ParseQuery(query)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.title, a.outlet, a.url, a.published, coalesce(a.story, ''), a.source, a.added,
			snippet(articles_fts, 1, '[', ']', '…', 16), bm25(articles_fts, 4.0, 1.0) AS r
		FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
		WHERE articles_fts MATCH ? ORDER BY r LIMIT ?`, ftsQuery(q), limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var out []store.Hit
	for rows.Next() {
		var h store.Hit
		var added int64
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.URL, &h.Published, &h.Story, &h.Source, &added, &h.Snippet, &h.Rank); err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		h.Added = time.Unix(0, added)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return out, nil
}

// FetchState implements store.Store.
func (s *DB) FetchState(ctx context.Context, u string) (*store.FetchState, error) {
	var f store.FetchState
	var fetched int64
	err := s.db.QueryRowContext(ctx, `SELECT url, etag, last_modified, status, fetched, article FROM fetch WHERE url = ?`, u).
		Scan(&f.URL, &f.ETag, &f.LastModified, &f.Status, &fetched, &f.Article)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("fetch state %s: %w", u, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("fetch state %s: %w", u, err)
	}
	f.Fetched = time.Unix(0, fetched)
	return &f, nil
}

// PutFetchState implements store.Store.
func (s *DB) PutFetchState(ctx context.Context, f *store.FetchState) error {
	if f == nil || f.URL == "" {
		return errors.New("put fetch state: no url")
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO fetch(url, etag, last_modified, status, fetched, article)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
				status = excluded.status, fetched = excluded.fetched, article = excluded.article`,
			f.URL, f.ETag, f.LastModified, f.Status, f.Fetched.UnixNano(), f.Article)
		return err
	})
	if err != nil {
		return fmt.Errorf("put fetch state %s: %w", f.URL, err)
	}
	return nil
}

// Stats implements store.Store.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT count(*) FROM stories), (SELECT count(*) FROM fetch)`).
		Scan(&st.Articles, &st.Stories, &st.Fetched)
	if err != nil {
		return st, fmt.Errorf("count store: %w", err)
	}
	return st, nil
}
