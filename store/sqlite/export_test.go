package sqlite

import (
	"context"
	"fmt"
)

// SetUserVersion lets tests pretend a newer crosscheck wrote the file.
func (s *DB) SetUserVersion(ctx context.Context, v int) error {
	_, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v))
	return err
}
