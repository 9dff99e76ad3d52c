package main

import (
	"io"

	"github.com/spf13/cobra"
)

// env is what every command writes to and reads from.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "crosscheck",
		Short: "Check news articles: who says what, what is claimed, and whether it holds up",
		Long: `crosscheck reads news articles and shows the cleaned article, the entities it
talks about, who said what, what it claims, where it contradicts itself or leans
on weak sourcing, and how it compares with other coverage of the same story.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		e.analyzeCmd(),
		e.evalCmd(),
		e.trainCmd(),
		e.serveCmd(),
		e.ingestCmd(),
		e.watchCmd(),
		e.storiesCmd(),
		e.storyCmd(),
		e.searchCmd(),
	)
	return root
}

// args wraps a cobra argument validator so that its errors are usage errors.
func args(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := v(cmd, a); err != nil {
			return usageError{err}
		}
		return nil
	}
}
