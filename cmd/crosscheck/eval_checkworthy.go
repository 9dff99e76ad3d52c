package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/claim/worthy"
)

func (e *env) evalCheckworthyCmd() *cobra.Command {
	var data string
	cmd := &cobra.Command{
		Use:   "checkworthy --data PATH",
		Short: "Score check-worthiness on the ClaimBuster 2-class test file",
		Long: `checkworthy scores the embedded check-worthiness model on test.json of the
ClaimBuster 2-class data (the held-out, balanced test file; the model was
trained on train.json only). The last stdout line holds precision, recall and
F1 of the check-worthy class, and macro-F1.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return usageError{fmt.Errorf("--data is required")}
			}
			test, err := worthy.ReadClaimBuster(filepath.Join(data, "test.json"))
			if err != nil {
				return fmt.Errorf("eval checkworthy: %w", err)
			}
			m, err := worthy.Default()
			if err != nil {
				return fmt.Errorf("eval checkworthy: %w", err)
			}
			fmt.Fprintf(e.stderr, "eval checkworthy: scoring %d sentences of %s\n", len(test), filepath.Join(data, "test.json"))
			r := worthy.Evaluate(m, test)
			fmt.Fprintf(e.stderr, "check-worthy class: P %.4f R %.4f F1 %.4f (TP %d FP %d FN %d TN %d); macro-F1 %.4f\n",
				r.Precision, r.Recall, r.F1, r.TP, r.FP, r.FN, r.TN, r.MacroF1)
			out, err := json.Marshal(map[string]any{
				"task":      "checkworthy",
				"f1":        round4(r.F1),
				"precision": round4(r.Precision),
				"recall":    round4(r.Recall),
				"macro_f1":  round4(r.MacroF1),
				"accuracy":  round4(r.Accuracy),
				"n":         r.N,
				"threshold": worthy.Threshold,
			})
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, string(out))
			return nil
		},
	}
	cmd.Flags().StringVar(&data, "data", "", "ClaimBuster 2-class folder (holding test.json)")
	return cmd
}

// roundCW keeps four decimals in the metrics line.
