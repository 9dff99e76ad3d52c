// Package postgres keeps crosscheck's corpus in PostgreSQL through pgx,
// for corpora shared by several machines or larger than one SQLite file
// serves well. It implements store.Store with the same contract as
// store/sqlite, and runs the same conformance suite (store/storetest).
// Full-text search uses a generated tsvector column (English stemming)
// with a GIN index.
package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/store"
)

// DB is a store.Store in a PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool
}

var _ store.Store = (*DB)(nil)

// IsURL reports whether a --db value names a PostgreSQL database rather
// than an SQLite file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at url (postgres://user:pass@host/db) and
// brings its schema up to date.
func Open(ctx context.Context, url string) (*DB, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := &DB{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	return s, nil
}

// Close closes the connection pool.
func (s *DB) Close() error {
	s.pool.Close()
	return nil
}

// migrations are applied in order; crosscheck_schema records how many ran.
// Never edit one that has shipped: add another.
var migrations = []string{
	`
CREATE TABLE stories (
	id      TEXT PRIMARY KEY,
	title   TEXT NOT NULL DEFAULT '',
	size    INTEGER NOT NULL DEFAULT 0,
	first   TEXT NOT NULL DEFAULT '',
	last    TEXT NOT NULL DEFAULT '',
	updated BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX stories_order ON stories(size DESC, updated DESC);

CREATE TABLE articles (
	seq       BIGSERIAL PRIMARY KEY,
	id        TEXT NOT NULL UNIQUE,
	title     TEXT NOT NULL DEFAULT '',
	outlet    TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	story     TEXT REFERENCES stories(id),
	source    TEXT NOT NULL DEFAULT '',
	added     BIGINT NOT NULL,
	text      TEXT NOT NULL,
	doc       TEXT NOT NULL,
	features  BYTEA,
	tsv       TSVECTOR GENERATED ALWAYS AS (
		setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', text), 'B')) STORED
);
CREATE INDEX articles_story ON articles(story, published);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE fetch_state (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	status        INTEGER NOT NULL DEFAULT 0,
	fetched       BIGINT NOT NULL DEFAULT 0,
	article       TEXT NOT NULL DEFAULT ''
);
`,
	// 2: the generation (store.Store.Generation), one row, bumped in every
	// transaction that adds an article or moves articles between stories.
	`
CREATE TABLE generation (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  BIGINT NOT NULL
);
INSERT INTO generation(id, n) VALUES (1, 0);
`,
}

func (s *DB) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// One migrating process at a time.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(7313001)`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS crosscheck_schema (version INTEGER NOT NULL)`); err != nil {
			return err
		}
		var version int
		err := tx.QueryRow(ctx, `SELECT version FROM crosscheck_schema`).Scan(&version)
		if errors.Is(err, pgx.ErrNoRows) {
			if _, err := tx.Exec(ctx, `INSERT INTO crosscheck_schema VALUES (0)`); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		if version > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this crosscheck knows (%d): upgrade crosscheck", version, len(migrations))
		}
		for i := version; i < len(migrations); i++ {
			if _, err := tx.Exec(ctx, migrations[i]); err != nil {
				return fmt.Errorf("migrate schema to version %d: %w", i+1, err)
			}
		}
		_, err = tx.Exec(ctx, `UPDATE crosscheck_schema SET version = $1`, len(migrations))
		return err
	})
}

var errDuplicate = errors.New("duplicate")

// bumpGeneration counts one more change to what a grouping index is built
// from, in the transaction that makes it. It is the transaction's last
// statement: the row lock it takes serialises writers until they commit,
// and a writer holding it waits for nothing else, so it cannot deadlock
// with the story locks taken before.
func bumpGeneration(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `UPDATE generation SET n = n + 1 WHERE id = 1`)
	return err
}

// Generation implements store.Store.
func (s *DB) Generation(ctx context.Context) (int64, error) {
	var n int64
	if err := s.pool.QueryRow(ctx, `SELECT n FROM generation WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("read store generation: %w", err)
	}
	return n, nil
}

// lockStories creates the stories if needed and locks their rows, in a
// fixed order so that two writers never deadlock, and so that the counts
// refreshStories computes afterwards see every committed article.
func lockStories(ctx context.Context, tx pgx.Tx, now time.Time, titles map[string]string) error {
	ids := make([]string, 0, len(titles))
	for id := range titles {
		if id != "" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		if _, err := tx.Exec(ctx, `INSERT INTO stories(id, title, updated) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
			id, titles[id], now.UnixNano()); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT 1 FROM stories WHERE id = $1 FOR UPDATE`, id); err != nil {
			return err
		}
	}
	return nil
}

func refreshStories(ctx context.Context, tx pgx.Tx, now time.Time, ids ...string) error {
	for _, id := range ids {
		if id == "" {
			continue
		}
		_, err := tx.Exec(ctx, `UPDATE stories SET
			size = (SELECT count(*) FROM articles WHERE story = $1),
			first = coalesce((SELECT min(published) FROM articles WHERE story = $1 AND published <> ''), ''),
			last = coalesce((SELECT max(published) FROM articles WHERE story = $1 AND published <> ''), ''),
			updated = $2
			WHERE id = $1`, id, now.UnixNano())
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM stories WHERE id = $1 AND size = 0`, id); err != nil {
			return err
		}
	}
	return nil
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
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := lockStories(ctx, tx, added, map[string]string{a.Story: m.Title}); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO articles
			(id, title, outlet, url, published, story, source, added, text, doc, features)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
			a.Doc.ID, m.Title, m.Outlet, m.URL, m.Published, story, a.Source, added.UnixNano(), text, string(js), a.Features)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return errDuplicate // rolls back a story created for it
		}
		if err := refreshStories(ctx, tx, added, a.Story); err != nil {
			return err
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
	return true, nil
}

const articleCols = `id, coalesce(story, ''), source, added, text, doc, features`

func scanArticle(row pgx.Row) (*store.Article, error) {
	var (
		id, story, source, text, js string
		added                       int64
		features                    []byte
	)
	if err := row.Scan(&id, &story, &source, &added, &text, &js, &features); err != nil {
		return nil, err
	}
	doc := new(document.Document)
	if err := json.Unmarshal([]byte(js), doc); err != nil {
		return nil, fmt.Errorf("decode article %s: %w", id, err)
	}
	doc.Text = text
	return &store.Article{Doc: doc, Story: story, Features: features, Source: source, Added: time.Unix(0, added)}, nil
}

// Get implements store.Store.
func (s *DB) Get(ctx context.Context, id string) (*store.Article, error) {
	a, err := scanArticle(s.pool.QueryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get article %s: %w", id, err)
	}
	return a, nil
}

// Has implements store.Store.
func (s *DB) Has(ctx context.Context, id string) (bool, error) {
	var ok bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE id = $1)`, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("look up article %s: %w", id, err)
	}
	return ok, nil
}

// Features implements store.Store.
func (s *DB) Features(ctx context.Context, fn func(id, story string, features []byte) error) error {
	rows, err := s.pool.Query(ctx, `SELECT id, coalesce(story, ''), features FROM articles ORDER BY seq`)
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
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		titles := map[string]string{}
		old := map[string]string{}
		for _, m := range moves {
			var story, title string
			err := tx.QueryRow(ctx, `SELECT coalesce(story, ''), title FROM articles WHERE id = $1`, m.Article).Scan(&story, &title)
			if errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("article %s: %w", m.Article, store.ErrNotFound)
			}
			if err != nil {
				return err
			}
			old[m.Article] = story
			if _, ok := titles[story]; !ok && story != "" {
				titles[story] = ""
			}
			if t, ok := titles[m.Story]; !ok || t == "" {
				titles[m.Story] = title
			}
		}
		if err := lockStories(ctx, tx, now, titles); err != nil {
			return err
		}
		var touched []string
		for _, m := range moves {
			var story any
			if m.Story != "" {
				story = m.Story
			}
			if _, err := tx.Exec(ctx, `UPDATE articles SET story = $1 WHERE id = $2`, story, m.Article); err != nil {
				return err
			}
			touched = append(touched, old[m.Article], m.Story)
		}
		slices.Sort(touched)
		if err := refreshStories(ctx, tx, now, slices.Compact(touched)...); err != nil {
			return err
		}
		return bumpGeneration(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("assign stories: %w", err)
	}
	return nil
}

func scanStory(row pgx.Row) (*store.Story, error) {
	var st store.Story
	var updated int64
	if err := row.Scan(&st.ID, &st.Title, &st.Size, &st.First, &st.Last, &updated); err != nil {
		return nil, err
	}
	st.Updated = time.Unix(0, updated)
	return &st, nil
}

// Stories implements store.Store.
func (s *DB) Stories(ctx context.Context, q store.StoryQuery) ([]store.Story, error) {
	var limit any
	if q.Limit > 0 {
		limit = q.Limit
	}
	rows, err := s.pool.Query(ctx, `SELECT id, title, size, first, last, updated FROM stories
		WHERE size >= $1 ORDER BY size DESC, updated DESC, id LIMIT $2 OFFSET $3`, q.MinSize, limit, max(q.Offset, 0))
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
	st, err := scanStory(s.pool.QueryRow(ctx, `SELECT id, title, size, first, last, updated FROM stories WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, fmt.Errorf("story %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("get story %s: %w", id, err)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+articleCols+` FROM articles WHERE story = $1
		ORDER BY published = '', published, seq`, id)
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

// tsQuery renders q for to_tsquery. Words hold only letters and digits
// (store.ParseQuery guarantees it), so they need no quoting.
func tsQuery(q store.Query) string {
	var b strings.Builder
	for i, c := range q {
		if i > 0 {
			b.WriteString(" & ")
		}
		b.WriteByte('(')
		for j, t := range c {
			if j > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(strings.Join(t.Words, " <-> "))
			if t.Prefix {
				b.WriteString(":*")
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
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.title, a.outlet, a.url, a.published, coalesce(a.story, ''), a.source, a.added,
			ts_headline('english', a.text, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8'),
			-ts_rank(a.tsv, q) AS r
		FROM articles a, to_tsquery('english', $1) q
		WHERE a.tsv @@ q ORDER BY r, a.seq LIMIT $2`, tsQuery(q), limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var out []store.Hit
	for rows.Next() {
		var h store.Hit
		var added int64
		var rank float32
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.URL, &h.Published, &h.Story, &h.Source, &added, &h.Snippet, &rank); err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		h.Added, h.Rank = time.Unix(0, added), float64(rank)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return out, nil
}

// FetchState implements store.Store.
func (s *DB) FetchState(ctx context.Context, url string) (*store.FetchState, error) {
	var f store.FetchState
	var fetched int64
	err := s.pool.QueryRow(ctx, `SELECT url, etag, last_modified, status, fetched, article FROM fetch_state WHERE url = $1`, url).
		Scan(&f.URL, &f.ETag, &f.LastModified, &f.Status, &fetched, &f.Article)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("fetch state %s: %w", url, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("fetch state %s: %w", url, err)
	}
	f.Fetched = time.Unix(0, fetched)
	return &f, nil
}

// PutFetchState implements store.Store.
func (s *DB) PutFetchState(ctx context.Context, f *store.FetchState) error {
	if f == nil || f.URL == "" {
		return errors.New("put fetch state: no url")
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO fetch_state(url, etag, last_modified, status, fetched, article)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
			status = excluded.status, fetched = excluded.fetched, article = excluded.article`,
		f.URL, f.ETag, f.LastModified, f.Status, f.Fetched.UnixNano(), f.Article)
	if err != nil {
		return fmt.Errorf("put fetch state %s: %w", f.URL, err)
	}
	return nil
}

// Stats implements store.Store.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories), (SELECT count(*) FROM fetch_state)`).
		Scan(&st.Articles, &st.Stories, &st.Fetched)
	if err != nil {
		return st, fmt.Errorf("count store: %w", err)
	}
	return st, nil
}

// Recent lists articles newest first, as store/sqlite's Recent does for
// the web UI.
func (s *DB) Recent(ctx context.Context, limit, offset int) ([]store.ArticleInfo, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.pool.Query(ctx, `SELECT id, title, outlet, url, published, coalesce(story, ''), source, added
		FROM articles ORDER BY seq DESC LIMIT $1 OFFSET $2`, limit, max(offset, 0))
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
