// Package cli is the artclean command line: it parses flags and wires
// streams; all cleaning is done by package cleaner. Nothing below Main
// touches os.Stdin, os.Stdout or os.Stderr, so tests run commands in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	ExitOK          = 0   // success
	ExitFailure     = 1   // some input failed
	ExitUsage       = 2   // bad flags or arguments
	ExitInterrupted = 130 // SIGINT or SIGTERM
)

// IO is the set of streams a command uses.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// usageError marks errors that exit with ExitUsage.
type usageError struct{ error }

// exitError carries an exit code for failures that were already reported.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Main runs artclean with the process's arguments and streams and returns
// the exit code.
func Main() int {
	// A closed pipe must come back as an EPIPE write error, which ends the
	// run quietly, instead of killing the process with SIGPIPE.
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, os.Args[1:], IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
}

// Run runs artclean with args and returns the exit code.
func Run(ctx context.Context, args []string, stdio IO) int {
	root := newRootCmd(stdio)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if ctx.Err() != nil {
		return ExitInterrupted
	}
	fmt.Fprintf(stdio.Err, "artclean: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stdio.Err, "artclean: hint: run 'artclean --help' for usage")
		return ExitUsage
	}
	return ExitFailure
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

const examples = `  artclean article.txt                 clean one file to stdout
  artclean a.txt b.txt > clean.txt     clean several files in order
  curl -s URL | artclean               clean a pipe
  artclean -o clean.txt dump.txt       write a file atomically
  artclean --disable teaser,date-line dump.txt
  artclean rules                       list the rules and their IDs`

func newRootCmd(stdio IO) *cobra.Command {
	var opts cleanOptions
	root := &cobra.Command{
		Use:   "artclean [flags] [FILE...]",
		Short: "Remove scraping noise from article text",
		Long: `artclean removes scraping noise from article text: standalone advertisement
markers ("Reklama"), teaser paragraphs that advertise other articles ("Czytaj
więcej …"), stray date lines and metadata tokens ("date 2022-04"), and odd
spaces and invisible characters. It keeps every line of the article itself.

With no FILE, or when FILE is -, it reads standard input. Each FILE is one
document; the cleaned documents are written in order to standard output, or
to the file named by -o.`,
		Example:       examples,
		Version:       version(),
		Args:          cobra.ArbitraryArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runClean(cmd.Context(), stdio, &opts, args)
		},
	}
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.Flags().SortFlags = false
	root.Flags().StringVarP(&opts.output, "output", "o", "", "write the cleaned text to `FILE` (atomically) instead of stdout")
	root.Flags().StringSliceVar(&opts.disable, "disable", nil, "turn off rules or filters: `ID`s, globs (pl/*, */teaser) or rule names (teaser)")
	root.AddCommand(newRulesCmd(stdio))
	return root
}
