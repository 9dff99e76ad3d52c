package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// SetUserVersion lets tests pretend a newer crosscheck wrote the file.
func (s *DB) SetUserVersion(ctx context.Context, v int) error {
	_, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v))
	return err
}

// OpenVersion opens the store at path with its schema brought only up to
// version v, as an older crosscheck left it.
func OpenVersion(ctx context.Context, path string, v int) (*DB, error) {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return nil, err
	}
	s := &DB{db: db, path: path}
	if err := s.migrate(ctx, v); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Exec runs a statement, for tests that write what an older version did.
func (s *DB) Exec(ctx context.Context, q string, args ...any) error {
	_, err := s.db.ExecContext(ctx, q, args...)
	return err
}
