package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(extract): placeholder, replaced by the real evaluation.
func (e *env) evalExtractCmd() *cobra.Command {
	return &cobra.Command{
		Use:  "extract",
		RunE: func(*cobra.Command, []string) error { return errors.New("eval extract: not implemented yet") },
	}
}
