package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(checkworthy): placeholder, replaced by the real evaluation.
func (e *env) evalCheckworthyCmd() *cobra.Command {
	return &cobra.Command{
		Use:  "checkworthy",
		RunE: func(*cobra.Command, []string) error { return errors.New("eval checkworthy: not implemented yet") },
	}
}
