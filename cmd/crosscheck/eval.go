package main

import "github.com/spf13/cobra"

func (e *env) evalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval TASK --data PATH",
		Short: "Measure quality on a labelled data set",
		Long: `eval scores one part of crosscheck on real labelled data. Progress goes to
stderr; the last line on stdout is one JSON object of metrics.`,
	}
	cmd.AddCommand(
		e.evalExtractCmd(),
		e.evalNERCmd(),
		e.evalAttributionCmd(),
		e.evalCheckworthyCmd(),
		e.evalEventsCmd(),
		e.evalChecksCmd(),
		e.evalStoriesCmd(),
	)
	return cmd
}
