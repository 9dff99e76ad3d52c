package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(stories): placeholder, replaced by the real evaluation.
func (e *env) evalStoriesCmd() *cobra.Command {
	return &cobra.Command{
		Use:  "stories",
		RunE: func(*cobra.Command, []string) error { return errors.New("eval stories: not implemented yet") },
	}
}
