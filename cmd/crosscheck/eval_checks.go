package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(checks): placeholder, replaced by the real evaluation.
func (e *env) evalChecksCmd() *cobra.Command {
	return &cobra.Command{
		Use:  "checks",
		RunE: func(*cobra.Command, []string) error { return errors.New("eval checks: not implemented yet") },
	}
}
