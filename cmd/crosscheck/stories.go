package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/ingest"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/story"
)

func (e *env) storiesCmd() *cobra.Command {
	var (
		db           string
		format       string
		minSize, lim int
		offset       int
		regroup      bool
		window       int
	)
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "List the stories in the corpus, largest first",
		Long: `stories lists the stories of the corpus: each a group of articles reporting the
same event, largest first. Show one with crosscheck story ID.

Ingest groups each article as it arrives, so the order of arrival matters;
--regroup groups the whole corpus again in order of publication first.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return usageError{fmt.Errorf("--format %q: want text or json", format)}
			}
			ctx := cmd.Context()
			st, err := openCorpus(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			if regroup {
				moved, n, err := ingest.Regroup(ctx, st, story.Options{Window: window})
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "regroup: %d articles moved, %d stories\n", moved, n)
			}
			list, err := st.Stories(ctx, store.StoryQuery{MinSize: minSize, Limit: lim, Offset: offset})
			if err != nil {
				return err
			}
			if format == "json" {
				if list == nil {
					list = []store.Story{}
				}
				return writeIndentedJSON(e.stdout, list)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "STORY\tSIZE\tFIRST\tLAST\tTITLE")
			for _, s := range list {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", s.ID, s.Size, dashIfEmpty(s.First), dashIfEmpty(s.Last), s.Title)
			}
			return tw.Flush()
		},
	}
	dbFlag(cmd, &db)
	fl := cmd.Flags()
	fl.StringVarP(&format, "format", "f", "text", "output format: text or json")
	fl.IntVar(&minSize, "min-size", 1, "list stories with at least this many articles")
	fl.IntVarP(&lim, "limit", "n", 50, "list at most this many (0: all)")
	fl.IntVar(&offset, "offset", 0, "skip this many first")
	fl.BoolVar(&regroup, "regroup", false, "first group the whole corpus again, in order of publication (run it when no ingest is running)")
	fl.IntVar(&window, "window", 3, "with --regroup: days apart two versions of a story may be published")
	return cmd
}

func (e *env) storyCmd() *cobra.Command {
	var db, format string
	cmd := &cobra.Command{
		Use:   "story ID",
		Short: "Compare the versions of one story",
		Long: `story compares the articles of one story: where they agree, where they
contradict each other (with the words of each side), what only some of them
say, which was published first, and which are copies or rewrites of which.
ID is a story id from crosscheck stories, or the id (sha256:...) of one of its
articles.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			switch format {
			case "text", "json", "html":
			default:
				return usageError{fmt.Errorf("--format %q: want text, json or html", format)}
			}
			return e.story(cmd.Context(), db, a[0], format)
		},
	}
	dbFlag(cmd, &db)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text, json or html")
	return cmd
}

func (e *env) story(ctx context.Context, db, id, format string) error {
	st, err := openCorpus(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	if strings.HasPrefix(id, "sha256:") {
		a, err := st.Get(ctx, id)
		if err != nil {
			return err
		}
		if a.Story == "" {
			return fmt.Errorf("article %s belongs to no story", id)
		}
		id = a.Story
	}
	s, arts, err := st.Story(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("story %s: not found (crosscheck stories lists them)", id)
	}
	if err != nil {
		return err
	}
	docs := make([]*document.Document, len(arts))
	for i, a := range arts {
		docs[i] = a.Doc
	}
	c := story.Compare(s.ID, docs)
	switch format {
	case "json":
		return writeIndentedJSON(e.stdout, c)
	case "html":
		return story.WriteHTML(e.stdout, c)
	}
	return story.WriteText(e.stdout, c)
}

func (e *env) searchCmd() *cobra.Command {
	var (
		db, format string
		limit      int
	)
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Search the corpus's titles and texts",
		Long: `search finds articles by their words, best matches first. The words of QUERY
must all appear (inflections fold together: "pilot" finds "pilots"); write
"a phrase" in quotes, a trailing * for a prefix (textil*), and OR between
alternatives. Other punctuation is ignored.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if format != "text" && format != "json" {
				return usageError{fmt.Errorf("--format %q: want text or json", format)}
			}
			ctx := cmd.Context()
			st, err := openCorpus(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			hits, err := st.Search(ctx, strings.Join(a, " "), limit)
			if errors.Is(err, store.ErrEmptyQuery) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			if format == "json" {
				if hits == nil {
					hits = []store.Hit{}
				}
				return writeIndentedJSON(e.stdout, hits)
			}
			if len(hits) == 0 {
				fmt.Fprintln(e.stderr, "search: no matches")
				return nil
			}
			for _, h := range hits {
				fmt.Fprintf(e.stdout, "%s  %s  %s  %s\n    %s\n    %s\n", dashIfEmpty(h.Published), dashIfEmpty(h.Outlet), dashIfEmpty(h.Story), h.Title,
					strings.Join(strings.Fields(h.Snippet), " "), h.ID)
			}
			return nil
		},
	}
	dbFlag(cmd, &db)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	cmd.Flags().IntVarP(&limit, "limit", "n", 20, "show at most this many matches")
	return cmd
}

func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
