package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(attribution): placeholder, replaced by the real evaluation.
func (e *env) evalAttributionCmd() *cobra.Command {
	return &cobra.Command{
		Use:  "attribution",
		RunE: func(*cobra.Command, []string) error { return errors.New("eval attribution: not implemented yet") },
	}
}
