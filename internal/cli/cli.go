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
	"strings"
	"syscall"
	"time"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/suggest"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

// Exit codes, as gofmt's and diff's: 1 means "found something", not
// "failed", so that a script can tell the two apart.
const (
	ExitOK          = 0   // success, nothing to change
	ExitChanges     = 1   // --check or --diff found text to clean; rules test: an example fails
	ExitTrouble     = 2   // an input or output failed, a binary input was skipped, bad flags
	ExitUsage       = 2   // bad flags or arguments (trouble too)
	ExitInterrupted = 130 // SIGINT or SIGTERM
)

// IO is the set of streams a command uses.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// ErrIsTerminal says stderr is a terminal: progress bars go there.
	ErrIsTerminal bool
	// OutIsTerminal says stdout is a terminal: --explain is in colour there.
	OutIsTerminal bool
}

// usageError marks errors that exit with ExitUsage.
type usageError struct{ error }

// usageArgs makes an argument check's complaint a usage error (exit 2).
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

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
	stdio := IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, ErrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())), OutIsTerminal: term.IsTerminal(int(os.Stdout.Fd()))}
	// An interrupted run winds down on its own: workers stop, temporary
	// files go. A run blocked in the kernel cannot see that (opening a
	// FIFO that has no writer, or no reader for -o FIFO): after a grace
	// period its temporary files are removed and it exits. The watch
	// starts when the run is interrupted: a goroutine waiting from the
	// start made every run start one more thread.
	done := make(chan struct{})
	stopWatch := context.AfterFunc(ctx, func() {
		select {
		case <-done:
		case <-time.After(interruptGrace):
			atomicfile.RemoveAll()
			fmt.Fprintln(os.Stderr, "artclean: interrupted")
			os.Exit(ExitInterrupted)
		}
	})
	defer stopWatch()
	defer close(done)
	return Run(ctx, os.Args[1:], stdio)
}

// interruptGrace is how long an interrupted run may take to wind down.
const interruptGrace = 2 * time.Second

// Run runs artclean with args and returns the exit code.
func Run(ctx context.Context, args []string, stdio IO) int {
	root := newRootCmd(stdio)
	root.SetArgs(sedInPlace(args))
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	var ee exitError
	var ue usageError
	code := ExitTrouble
	switch {
	case errors.As(err, &ee):
		code = ee.code // already reported
	case ctx.Err() != nil:
		return ExitInterrupted
	case errors.Is(err, syscall.EPIPE):
		return ExitOK // the reader of our output has gone: a quiet stop
	case errors.As(err, &ue):
		reportUsage(stdio, cmd, err)
		return ExitUsage
	default:
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stdio.Err, "artclean: %s\n", line)
		}
	}
	if code == ExitTrouble && cmd == root && len(args) > 0 {
		hintCommand(stdio, root, args[0])
	}
	return code
}

// reportUsage says what was wrong with the command line, in artclean's
// words rather than pflag's, with a pointer to the help of the command
// that was run and, for a mistyped flag, the flag meant.
func reportUsage(stdio IO, cmd *cobra.Command, err error) {
	msg := err.Error()
	for _, p := range []string{"unknown flag: ", "unknown shorthand flag: "} {
		if rest, ok := strings.CutPrefix(msg, p); ok {
			msg = strings.TrimSuffix(p, ": ") + " " + rest
			if name, ok := strings.CutPrefix(rest, "--"); ok {
				var names []string
				cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
				if near := suggest.Closest(name, names); near != "" {
					msg += ": did you mean --" + near + "?"
				}
			}
		}
	}
	lines := strings.Split(msg, "\n")
	for _, line := range lines[:len(lines)-1] {
		fmt.Fprintf(stdio.Err, "artclean: %s\n", line)
	}
	last := lines[len(lines)-1]
	if !strings.Contains(last, "(see '") {
		last += fmt.Sprintf(" (see '%s --help')", cmd.CommandPath())
	}
	fmt.Fprintf(stdio.Err, "artclean: %s\n", last)
}

// hintCommand suggests a subcommand when the first argument, taken for a
// FILE that could not be read, is a near miss of one ("artclean rulse").
func hintCommand(stdio IO, root *cobra.Command, arg string) {
	if strings.ContainsAny(arg, "/.-") {
		return
	}
	if _, err := os.Stat(arg); err == nil {
		return
	}
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	if near := suggest.Closest(arg, names); near != "" {
		fmt.Fprintf(stdio.Err, "artclean: hint: did you mean 'artclean %s'?\n", near)
	}
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
  artclean -r dumps/ -o clean/         mirror a tree of dumps, cleaned
  artclean -r -i.bak dumps/            clean in place, keeping backups (sed -i.bak)
  artclean -r --check dumps/           list files cleaning would change
  artclean --field article.body a.jsonl  clean one field of each record
  artclean --explain article.txt       show what would be removed, and why
  artclean --disable teaser,date-line dump.txt
  artclean rules                       list the rules and their IDs`

// sedInPlace rewrites sed's attached backup suffix, "-i.bak", as
// "--in-place=.bak": pflag would read ".bak" as more short flags. A suffix
// starts with anything but a letter or "=" ("-i.orig", "-i~"), so that
// "-ir" stays -i with -r; nothing after "--" is touched.
func sedInPlace(args []string) []string {
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		if len(a) > 2 && strings.HasPrefix(a, "-i") {
			if c := a[2]; c != '=' && !('a' <= c|0x20 && c|0x20 <= 'z') {
				a = "--in-place=" + a[2:]
			}
		}
		out = append(out, a)
	}
	return out
}

// inPlaceValue is -i's value: a flag whose argument is optional, as sed's
// is. It reports itself as a bool so that help shows no placeholder.
type inPlaceValue struct{ opts *cleanOptions }

func (v *inPlaceValue) Set(s string) error {
	v.opts.inPlaceSet = true
	if s != "true" {
		v.opts.inPlace = s
	}
	return nil
}

func (v *inPlaceValue) String() string { return v.opts.inPlace }
func (v *inPlaceValue) Type() string   { return "bool" }

func newRootCmd(stdio IO) *cobra.Command {
	var opts cleanOptions
	root := &cobra.Command{
		Use:           "artclean [flags] [FILE...]",
		Short:         "Remove scraping noise from article text",
		Long:          rootDescription + "\n\n" + helpSections(),
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
	fl := root.Flags()
	fl.SortFlags = false
	fl.StringVarP(&opts.output, "output", "o", "", "write the cleaned text to `FILE` (atomically) instead of stdout; with -r, the output directory")
	fl.StringSliceVar(&opts.disable, "disable", nil, "turn off rules or filters: `ID`s, globs (pl/*, */teaser) or rule names (teaser)")
	fl.StringSliceVar(&opts.enable, "enable", nil, "turn on rules that are off by default (`ID`s or globs, as --disable)")
	fl.StringSliceVar(&opts.langs, "lang", nil, "use only these language packs (`LANG`s such as pl,en; default: each document's own, told from its words)")
	fl.StringVar(&opts.input, "input", "text", "what each document is (`KIND`): text, an article's text as an extractor gives it; page, every visible text of a web page, menus and footers too, which the page classifier removes (with some short unpunctuated lines of the article: see README)")
	fl.BoolVar(&opts.allPacks, "all-packs", false, "apply every language pack to every document instead of the pack of its language")
	fl.StringArrayVar(&opts.ruleFiles, "rules", nil, "add the rules in `FILE` (repeatable; see 'artclean rules show pl/teaser' for the format)")
	fl.BoolVarP(&opts.recursive, "recursive", "r", false, "clean the files under each directory (needs -o OUTDIR, -i, --check or --diff)")
	fl.VarP(&inPlaceValue{&opts}, "in-place", "i", "replace each input atomically; with SUFFIX keep a backup, as sed does (-i.bak, --in-place=.bak)")
	fl.Lookup("in-place").NoOptDefVal = "true"
	fl.StringArrayVar(&opts.include, "include", nil, "with -r, clean only files matching `GLOB` (repeatable; default *.txt *.text *.jsonl *.ndjson)")
	fl.StringArrayVar(&opts.exclude, "exclude", nil, "with -r, skip files matching `GLOB` (repeatable)")
	fl.BoolVar(&opts.hidden, "hidden", false, "with -r, also clean hidden files and folders")
	fl.BoolVar(&opts.follow, "follow", false, "with -r, follow symbolic links (loops are detected)")
	fl.BoolVarP(&opts.check, "check", "l", false, "list the files cleaning would change (gofmt -l) and exit 1 if any; write nothing")
	fl.BoolVarP(&opts.diff, "diff", "d", false, "print a unified diff of what cleaning would change (gofmt -d) and exit 1 if any; write nothing")
	fl.IntVarP(&opts.jobs, "jobs", "j", 0, "clean `N` files at once, and one long stream or a JSON Lines input's records on up to N cores (default: one per CPU; output order stays the input order)")
	fl.BoolVar(&opts.fsync, "fsync", false, "with -i: sync each file to disk before it replaces its input (slower on a disk; without it the run syncs once, at its end)")
	fl.BoolVar(&opts.resume, "resume", false, "continue an interrupted run: with -r -o skip inputs whose output is as new or newer; remove temp files a killed run left")
	fl.BoolVar(&opts.jsonl, "jsonl", false, "treat inputs as JSON Lines (automatic for *.jsonl and *.ndjson)")
	fl.StringArrayVar(&opts.fields, "field", nil, "with JSON Lines, clean the string at `PATH` (dotted, repeatable; default text)")
	fl.StringVar(&opts.badRecords, "bad-records", "keep", "with JSON Lines, what to do with a line that is not JSON (`POLICY`: keep, skip or fail)")
	fl.StringVar(&opts.maxRecord, "max-record", "256MiB", "with JSON Lines, pass a record longer than `SIZE` through unchanged, reported (exit 2), instead of holding it to clean it")
	fl.BoolVar(&opts.dropEmpty, "drop-empty", false, "with JSON Lines, leave out records whose cleaned text is empty")
	fl.BoolVar(&opts.explain, "explain", false, "print each document with its removals in place (- removed, ~ stripped, rule IDs) instead of clean text")
	fl.StringVar(&opts.report, "report", "", "write every removal to `FILE` as JSON Lines (file, doc, line, rule, action, text)")
	fl.StringVar(&opts.review, "review", "", "write a review page of what the run removed to `FILE.html` (artclean review builds one from --report)")
	fl.BoolVar(&opts.stats, "stats", false, "print per-rule counts (documents, lines, bytes) on stderr at the end")
	fl.Float64Var(&opts.maxRemoved, "max-removed", cleaner.DefaultMaxRemoved, "guard: leave a document as it came when rules would remove more than this `SHARE` of it (1: only when they would remove all)")
	fl.IntVar(&opts.maxSpan, "max-span", cleaner.DefaultMaxSpan, "guard: keep any one removal longer than this many `BYTES` in place (0: no bound)")
	fl.BoolVar(&opts.noGuard, "no-guard", false, "turn the guard off: rules may remove any span and whole documents")
	fl.StringVar(&opts.separator, "separator", "", "a line equal to `LINE` separates documents in a text dump (Go escapes: '\\f')")
	fl.StringVar(&opts.encoding, "encoding", "", "read inputs in `NAME` (windows-1250, iso-8859-2, koi8-r, …) instead of detecting it")
	fl.BoolVar(&opts.strict, "strict", false, "fail on bytes that cannot be decoded instead of replacing them with U+FFFD")
	fl.BoolVarP(&opts.text, "text", "a", false, "clean binary-looking inputs (a NUL byte in the first 8 KiB) as text instead of skipping them, as grep -a")
	fl.StringVar(&opts.color, "color", "auto", "colour --explain and --diff: `WHEN` is auto (on a terminal, unless NO_COLOR is set), always or never")
	fl.BoolVarP(&opts.quiet, "quiet", "q", false, "no progress, notes or summary on stderr (errors still)")
	fl.BoolVar(&opts.noProgress, "no-progress", false, "no progress bar")
	root.AddCommand(newRulesCmd(stdio))
	root.AddCommand(newLearnCmd(stdio))
	root.AddCommand(newReviewCmd(stdio))
	registerCompletions(root)
	return root
}
