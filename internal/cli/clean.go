package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/batch"
	"github.com/artclean/artclean/internal/jsonl"
)

type cleanOptions struct {
	output     string
	disable    []string
	enable     []string
	langs      []string
	ruleFiles  []string
	recursive  bool
	inPlace    string // backup suffix; see inPlaceSet
	inPlaceSet bool
	include    []string
	exclude    []string
	hidden     bool
	follow     bool
	check      bool
	diff       bool
	jobs       int
	quiet      bool
	noProgress bool
	resume     bool
	jsonl      bool
	fields     []string
	badRecords string
	dropEmpty  bool
}

// newCleaner builds the Cleaner the flags ask for. A rule file that cannot
// be read or parsed is a failure (exit 1) naming FILE:LINE; bad IDs or
// languages are usage errors.
func (o *cleanOptions) newCleaner() (*cleaner.Cleaner, error) {
	rules, err := loadRuleFiles(o.ruleFiles)
	if err != nil {
		return nil, err
	}
	c, err := cleaner.New(
		cleaner.WithRules(rules...),
		cleaner.WithDisabled(o.disable...),
		cleaner.WithEnabled(o.enable...),
		cleaner.WithLanguages(o.langs...),
	)
	if err != nil {
		return nil, usageError{err}
	}
	return c, nil
}

// loadRuleFiles parses user rule files in order.
func loadRuleFiles(names []string) ([]*cleaner.Rule, error) {
	var all []*cleaner.Rule
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, batch.UnwrapPathError(err))
		}
		rules, err := cleaner.ParseRules(name, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, rules...)
	}
	return all, nil
}

// batchOptions are the options every way of cleaning files shares.
func (o *cleanOptions) batchOptions(c *cleaner.Cleaner) (*batch.Options, error) {
	jo := &jsonl.Options{Fields: o.fields, Bad: jsonl.BadRecords(o.badRecords), DropEmpty: o.dropEmpty}
	// Validate now: a bad --field is a usage error, not a failure per file.
	if _, err := jsonl.New(c, *jo); err != nil {
		return nil, err
	}
	return &batch.Options{Cleaner: c, JSONL: jo, ForceJSONL: o.jsonl}, nil
}

// noSuffix is -i's value when given without one: pflag needs a non-empty
// default for a flag whose value is optional.
const noSuffix = "\x00"

func (o *cleanOptions) batchMode() bool {
	return o.recursive || o.inPlaceSet || o.check || o.diff
}

func (o *cleanOptions) validate(files []string) error {
	switch {
	case o.inPlaceSet && o.output != "":
		return errors.New("-i and -o do not go together: clean in place or write elsewhere")
	case o.check && o.diff:
		return errors.New("--check and --diff do not go together")
	case (o.check || o.diff) && (o.output != "" || o.inPlaceSet):
		return errors.New("--check and --diff write nothing: drop -o and -i")
	case o.recursive && o.output == "" && !o.inPlaceSet && !o.check && !o.diff:
		return errors.New("-r needs somewhere to write: add -o OUTDIR to mirror the tree, or -i to clean in place (or --check, --diff)")
	case o.jobs < 1:
		return fmt.Errorf("-j needs at least 1 worker, not %d", o.jobs)
	case o.resume && !(o.recursive && o.output != "") && !o.inPlaceSet:
		return errors.New("--resume goes with -r -o OUTDIR or -i")
	}
	if o.batchMode() {
		for _, f := range files {
			if f == "-" {
				return errors.New("standard input cannot be cleaned in place, mirrored or checked; name files")
			}
		}
		if len(files) == 0 {
			return errors.New("name the files or directories to clean")
		}
	}
	if err := batch.ValidateGlobs(o.include); err != nil {
		return err
	}
	return batch.ValidateGlobs(o.exclude)
}

func runClean(ctx context.Context, stdio IO, opts *cleanOptions, files []string) error {
	if err := opts.validate(files); err != nil {
		return usageError{err}
	}
	c, err := opts.newCleaner()
	if err != nil {
		return err
	}
	if opts.batchMode() {
		return runBatch(ctx, stdio, opts, c, files)
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	if opts.output != "" {
		if err := refuseInputAsOutput(opts.output, files); err != nil {
			return usageError{err}
		}
	}
	var out io.Writer = stdio.Out
	var af *atomicfile.File
	if opts.output != "" {
		if af, err = atomicfile.Create(opts.output, 0o644); err != nil {
			return fmt.Errorf("%s: %w", opts.output, batch.UnwrapPathError(err))
		}
		defer af.Abort()
		out = af
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	bopts, err := opts.batchOptions(c)
	if err != nil {
		return usageError{err}
	}
	bopts.Mode = batch.ToWriter

	var failed, succeeded int
	if opts.jobs > 1 && len(files) > 1 && !containsStdin(files) {
		failed, succeeded, err = cleanParallel(ctx, stdio, bopts, bw, files, opts.jobs)
	} else {
		failed, succeeded, err = cleanSequential(ctx, stdio, bopts, bw, files)
	}
	if err != nil {
		return writeFailure(stdio, opts.output, err)
	}
	if ctx.Err() != nil {
		return exitError{ExitInterrupted}
	}
	if err := bw.Flush(); err != nil {
		return writeFailure(stdio, opts.output, err)
	}
	if af != nil && succeeded > 0 {
		if err := af.Commit(); err != nil {
			return writeFailure(stdio, opts.output, err)
		}
	}
	if failed > 0 {
		return exitError{ExitFailure}
	}
	return nil
}

// cleanSequential streams each input to w in turn. It returns an error only
// for a failed write, which ends the run.
func cleanSequential(ctx context.Context, stdio IO, bopts *batch.Options, w io.Writer, files []string) (failed, succeeded int, err error) {
	for _, name := range files {
		if ctx.Err() != nil {
			break
		}
		in, statErr := statInput(name, stdio.In)
		r := batch.Result{Status: batch.Failed, Err: statErr}
		if statErr == nil {
			r = batch.Process(ctx, bopts, in, w)
		}
		if r.WriteFailed {
			return failed, succeeded, r.Err
		}
		if reportResult(ctx, stdio, displayName(name), r) {
			failed++
		} else {
			succeeded++
		}
	}
	return failed, succeeded, nil
}

// cleanParallel cleans files on several workers; each output is held in a
// spill buffer (memory, then a temp file) and written in input order.
func cleanParallel(ctx context.Context, stdio IO, bopts *batch.Options, w io.Writer, files []string, jobs int) (failed, succeeded int, err error) {
	type result struct {
		res   batch.Result
		spill *batch.Spill
	}
	batch.Ordered(ctx, len(files), jobs, func(i int) result {
		sp := batch.NewSpill()
		in, statErr := statInput(files[i], nil)
		if statErr != nil {
			return result{res: batch.Result{Status: batch.Failed, Err: statErr}, spill: sp}
		}
		return result{res: batch.Process(ctx, bopts, in, sp), spill: sp}
	}, func(i int, r result) {
		defer r.spill.Close()
		if reportResult(ctx, stdio, files[i], r.res) {
			failed++
		} else {
			succeeded++
		}
		if r.res.Status != batch.Failed && err == nil {
			if _, werr := r.spill.WriteTo(w); werr != nil {
				err = werr
			}
		}
	})
	return failed, succeeded, err
}

// reportResult prints what went wrong with one input and reports whether it
// counts as failed: unreadable, or with parts (records) that could not be
// cleaned.
func reportResult(ctx context.Context, stdio IO, name string, r batch.Result) bool {
	for _, n := range r.Notes {
		fmt.Fprintf(stdio.Err, "artclean: %s:%s\n", name, n)
	}
	if r.MoreNotes > 0 {
		fmt.Fprintf(stdio.Err, "artclean: %s: %d more problems not shown\n", name, r.MoreNotes)
	}
	if r.Status == batch.Failed {
		var le *jsonl.LineError
		switch {
		case ctx.Err() != nil:
		case errors.As(r.Err, &le):
			fmt.Fprintf(stdio.Err, "artclean: %s:%d: %v\n", name, le.Line, le.Err)
		default:
			fmt.Fprintf(stdio.Err, "artclean: %s: %v\n", name, r.Err)
		}
		return true
	}
	return r.Bad > 0
}

// statInput describes a named input; "-" is standard input.
func statInput(name string, stdin io.Reader) (batch.Input, error) {
	if name == "-" {
		return batch.Input{Path: "-", Rel: "-", Reader: stdin}, nil
	}
	fi, err := os.Stat(name)
	if err != nil {
		return batch.Input{}, batch.UnwrapPathError(err)
	}
	if fi.IsDir() {
		return batch.Input{}, errors.New("is a directory (use -r to clean a directory)")
	}
	return batch.Input{Path: name, Rel: name, Info: fi}, nil
}

func containsStdin(files []string) bool {
	for _, f := range files {
		if f == "-" {
			return true
		}
	}
	return false
}

// writeFailure reports an error writing the output. A closed pipe on stdout
// is how "artclean big.txt | head" ends: quietly and successfully.
func writeFailure(stdio IO, output string, err error) error {
	if output == "" && errors.Is(err, syscall.EPIPE) {
		return nil
	}
	name := output
	if name == "" {
		name = "standard output"
	}
	fmt.Fprintf(stdio.Err, "artclean: %s: write error: %v\n", name, batch.UnwrapPathError(err))
	return exitError{ExitFailure}
}

// refuseInputAsOutput keeps -o from overwriting an input: that is what
// in-place editing is for, and it must be asked for by name.
func refuseInputAsOutput(output string, files []string) error {
	ofi, err := os.Stat(output)
	if err != nil {
		return nil
	}
	for _, name := range files {
		if name == "-" {
			continue
		}
		if fi, err := os.Stat(name); err == nil && os.SameFile(fi, ofi) {
			return fmt.Errorf("-o %s is also an input; use -i to clean in place", output)
		}
	}
	return nil
}

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}
