package main

import "github.com/spf13/cobra"

func (e *env) trainCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "train MODEL",
		Short: "Rebuild one of crosscheck's embedded models from the shared data",
	}
	cmd.AddCommand(
		e.trainNERCmd(),
		e.trainAttributionCmd(),
	)
	return cmd
}
