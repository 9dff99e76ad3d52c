package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(events): placeholder, replaced by the real evaluation.
func (e *env) evalEventsCmd() *cobra.Command {
	return &cobra.Command{
		Use:  "events",
		RunE: func(*cobra.Command, []string) error { return errors.New("eval events: not implemented yet") },
	}
}
