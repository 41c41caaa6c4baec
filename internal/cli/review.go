package cli

import (
	"errors"
	"fmt"

	"github.com/artclean/artclean/internal/batch"
	"github.com/artclean/artclean/internal/review"
	"github.com/spf13/cobra"
)

// newReviewCmd is "artclean review REPORT.jsonl -o FILE.html": the page
// --review writes, from a saved --report, for a run that had none. A
// report holds the removals only, so the page has no sizes, no documents
// without removals and no context lines.
func newReviewCmd(stdio IO) *cobra.Command {
	var output string
	var k int
	cmd := &cobra.Command{
		Use:   "review [flags] REPORT.jsonl -o FILE.html",
		Short: "Build the review page of a run from its --report file",
		Long: `Review builds the page --review writes from a --report file saved by an
earlier run: per rule and per source what was removed, samples to read, and
the --disable list and keep.rules file to try next. A report holds removals
only: the page has no byte counts, no documents without removals and no
lines of context around the samples (run with --review for those).

Exit status: 0 the page was written, 2 trouble.`,
		Example: "  artclean -r dumps/ -o clean/ --report removed.jsonl\n  artclean review removed.jsonl -o review.html",
		Args:    usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if output == "" {
				return usageError{errors.New("review needs -o FILE.html: the page to write")}
			}
			if k < 1 {
				return usageError{fmt.Errorf("--samples takes 1 or more, not %d", k)}
			}
			if err := refuseInputAsOutput("-o", output, args); err != nil {
				return usageError{err}
			}
			c, err := review.ReadReport(args[0], k)
			if err != nil {
				return err
			}
			if err := c.WriteFile(output, "artclean review: "+args[0]); err != nil {
				return fmt.Errorf("%s: %v", output, batch.UnwrapPathError(err))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&output, "output", "o", "", "write the page to `FILE.html` (atomically)")
	fl.IntVar(&k, "samples", review.DefaultK, "keep at most `N` sampled removals per rule")
	return cmd
}
