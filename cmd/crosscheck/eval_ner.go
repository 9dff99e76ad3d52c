package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(ner): placeholder, replaced by the real evaluation.
func (e *env) evalNERCmd() *cobra.Command {
	return &cobra.Command{
		Use:  "ner",
		RunE: func(*cobra.Command, []string) error { return errors.New("eval ner: not implemented yet") },
	}
}
