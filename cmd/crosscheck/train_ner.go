package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(ner): placeholder, replaced by the real trainer.
func (e *env) trainNERCmd() *cobra.Command {
	return &cobra.Command{
		Use:  "ner",
		RunE: func(*cobra.Command, []string) error { return errors.New("train ner: not implemented yet") },
	}
}
