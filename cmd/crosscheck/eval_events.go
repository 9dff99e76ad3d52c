package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/claim/cameo"
	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/pipeline"
)

func (e *env) evalEventsCmd() *cobra.Command {
	var data string
	var verbose bool
	cmd := &cobra.Command{
		Use:   "events --data PATH",
		Short: "Score CAMEO event coding on the PETRARCH2 gold sentences",
		Long: `events runs the whole analysis over each sentence of the PETRARCH2 validation
file (gold/petrarch2-gsr-validation/PETR2_GSR_validation.xml under PATH) and
compares the coded events with the gold codings, per sentence:

  cameo_root_f1  the sets of CAMEO root codes (01-20) found and expected
  actor_f1       the sets of country codes of source and target actors
  triple_f1      the sets of (root, source country, target country)

The sentences are used for evaluation only; nothing is learnt from them.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return usageError{fmt.Errorf("--data is required")}
			}
			path := filepath.Join(data, "gold", "petrarch2-gsr-validation", "PETR2_GSR_validation.xml")
			gold, err := cameo.ReadPetrarch(path)
			if err != nil {
				return fmt.Errorf("eval events: %w", err)
			}
			p, err := pipeline.New()
			if err != nil {
				return fmt.Errorf("eval events: %w", err)
			}
			fmt.Fprintf(e.stderr, "eval events: %d sentences from %s\n", len(gold), path)
			var root, actor, triple evCounts
			for _, g := range gold {
				doc := document.New(g.Text, document.Meta{Published: evDate(g.Date), Language: "en", Format: "text"})
				if err := p.Analyze(cmd.Context(), doc); err != nil {
					return fmt.Errorf("eval events: sentence %s: %w", g.ID, err)
				}
				gr, ga, gt := map[string]bool{}, map[string]bool{}, map[string]bool{}
				for _, ev := range g.Events {
					gr[cameo.Root(ev.Code)] = true
					src, tgt := cameo.CountryOf(ev.Source), cameo.CountryOf(ev.Target)
					for _, c := range []string{src, tgt} {
						if c != "" {
							ga[c] = true
						}
					}
					gt[cameo.Root(ev.Code)+" "+src+" "+tgt] = true
				}
				pr, pa, pt := map[string]bool{}, map[string]bool{}, map[string]bool{}
				for _, c := range doc.Claims {
					ev := c.Event
					if ev == nil || ev.CAMEO == "" {
						continue
					}
					pr[ev.CAMEO] = true
					src, tgt := evCode(ev.Actor), evCode(ev.Target)
					for _, c := range []string{src, tgt} {
						if c != "" {
							pa[c] = true
						}
					}
					pt[ev.CAMEO+" "+src+" "+tgt] = true
				}
				root.add(gr, pr)
				actor.add(ga, pa)
				triple.add(gt, pt)
				if verbose {
					fmt.Fprintf(e.stderr, "%s\n  %s\n  gold roots %v actors %v\n  got  roots %v actors %v\n",
						g.ID, g.Text, evKeys(gr), evKeys(ga), evKeys(pr), evKeys(pa))
				}
			}
			rp, rr, rf := root.prf()
			ap, ar, af := actor.prf()
			_, _, tf := triple.prf()
			fmt.Fprintf(e.stderr, "CAMEO root: P %.4f R %.4f F1 %.4f; actor country: P %.4f R %.4f F1 %.4f; triple F1 %.4f\n",
				rp, rr, rf, ap, ar, af, tf)
			out, err := json.Marshal(map[string]any{
				"task":            "events",
				"cameo_root_f1":   round4(rf),
				"root_precision":  round4(rp),
				"root_recall":     round4(rr),
				"actor_f1":        round4(af),
				"actor_precision": round4(ap),
				"actor_recall":    round4(ar),
				"triple_f1":       round4(tf),
				"sentences":       len(gold),
			})
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, string(out))
			return nil
		},
	}
	cmd.Flags().StringVar(&data, "data", "", "events data folder (shared/data/events)")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print each sentence's gold and found codes to stderr")
	return cmd
}

// evCounts accumulates set-based true and false positives.
type evCounts struct{ tp, fp, fn int }

func (c *evCounts) add(gold, got map[string]bool) {
	for k := range got {
		if gold[k] {
			c.tp++
		} else {
			c.fp++
		}
	}
	for k := range gold {
		if !got[k] {
			c.fn++
		}
	}
}

func (c evCounts) prf() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func evCode(a *document.Arg) string {
	if a == nil {
		return ""
	}
	return a.Code
}

// evDate turns the gold files' YYYYMMDD into YYYY-MM-DD, or "".
func evDate(s string) string {
	if len(s) != 8 {
		return ""
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:]
}

func evKeys(m map[string]bool) string {
	k := make([]string, 0, len(m))
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return "[" + strings.Join(k, " ") + "]"
}
