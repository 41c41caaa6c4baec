package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/batch"
	"github.com/artclean/artclean/internal/compress"
	"github.com/artclean/artclean/internal/config"
	"github.com/artclean/artclean/internal/corpus"
	"github.com/artclean/artclean/internal/decode"
	"github.com/artclean/artclean/internal/jsonl"
)

type cleanOptions struct {
	output     string
	disable    []string
	enable     []string
	langs      []string
	allPacks   bool
	input      string // text or page
	ruleFiles  []string
	recursive  bool
	inPlace    string // backup suffix, "" for none
	inPlaceSet bool   // -i was given
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
	fsync      bool // -i: sync each file before its rename
	jsonl      bool
	fields     []string
	badRecords string
	dropEmpty  bool
	explain    bool
	report     string
	review     string // --review FILE.html
	stats      bool
	maxRemoved float64
	maxSpan    int
	noGuard    bool
	color      string
	text       bool
	maxRecord  string
	separator  string
	encoding   string
	strict     bool
}

// newCleaner builds the Cleaner the flags ask for. A rule file that cannot
// be read or parsed is a failure (exit 1) naming FILE:LINE; bad IDs or
// languages are usage errors.
func (o *cleanOptions) newCleaner() (*cleaner.Cleaner, error) {
	rules, err := loadRuleFiles(o.ruleFiles)
	if err != nil {
		return nil, err
	}
	sep, err := unescapeFlag(o.separator)
	if err != nil {
		return nil, usageError{fmt.Errorf("--separator: %v", err)}
	}
	cfg := config.Cleaner{Rules: rules, Disable: o.disable, Enable: o.enable, Langs: o.langs,
		MaxRemoved: o.maxRemoved, MaxSpan: o.maxSpan, NoGuard: o.noGuard, AllPacks: o.allPacks, Separator: sep,
		// -j bounds the cores a run keeps busy, one long stream's too.
		Cores: o.jobs}
	if o.maxSpan == 0 {
		cfg.MaxSpan = -1 // --max-span 0: no bound
	}
	switch o.input {
	case "", "text":
	case "page":
		cfg.Pages = true
	default:
		return nil, usageError{fmt.Errorf("--input %q: want text or page", o.input)}
	}
	c, err := cfg.New()
	if err != nil {
		return nil, usageError{err}
	}
	return c, nil
}

// unescapeFlag reads Go escapes (\\f, \\x0c, \\t) in a flag value, so that a
// form feed can be given without the shell's help.
func unescapeFlag(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	return strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
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
	maxRecord, err := corpus.ParseSize(o.maxRecord)
	if err != nil || maxRecord < 1 || maxRecord > 1<<40 {
		return nil, fmt.Errorf("--max-record takes a size such as 64MiB, not %q", o.maxRecord)
	}
	jo := &jsonl.Options{Fields: o.fields, Bad: jsonl.BadRecords(o.badRecords), DropEmpty: o.dropEmpty, MaxRecord: int(maxRecord)}
	// Validate now: a bad --field is a usage error, not a failure per file.
	if _, err := jsonl.New(c, *jo); err != nil {
		return nil, err
	}
	if o.encoding != "" {
		if _, err := decode.Lookup(o.encoding); err != nil {
			return nil, err
		}
	}
	return &batch.Options{Cleaner: c, JSONL: jo, ForceJSONL: o.jsonl, Report: o.report != "",
		Encoding: o.encoding, Strict: o.strict, SkipBinary: !o.text}, nil
}

func (o *cleanOptions) batchMode() bool {
	return o.recursive || o.inPlaceSet || o.check || o.diff
}

func (o *cleanOptions) validate(files []string) error {
	if o.jobs == 0 {
		o.jobs = runtime.NumCPU()
	}
	switch {
	case o.explain && (o.recursive || o.inPlaceSet || o.check || o.diff):
		return errors.New("--explain prints to stdout or -o FILE: it does not go with -r, -i, --check or --diff")
	case o.inPlaceSet && o.output != "":
		return errors.New("-i and -o do not go together: clean in place or write elsewhere")
	case (o.check || o.diff) && (o.output != "" || o.inPlaceSet):
		return errors.New("--check and --diff write nothing: drop -o and -i")
	case o.recursive && o.output == "" && !o.inPlaceSet && !o.check && !o.diff:
		return errors.New("-r needs somewhere to write: add -o OUTDIR to mirror the tree, or -i to clean in place (or --check, --diff)")
	case o.jobs < 0:
		return fmt.Errorf("-j needs at least 1 worker (0: one per CPU), not %d", o.jobs)
	case !(o.maxRemoved > 0 && o.maxRemoved <= 1):
		return fmt.Errorf("--max-removed takes a share above 0 and at most 1 (such as 0.5), not %g", o.maxRemoved)
	case o.color != "auto" && o.color != "always" && o.color != "never":
		return fmt.Errorf("--color takes auto, always or never, not %q", o.color)
	case o.maxSpan < 0:
		return fmt.Errorf("--max-span takes a number of bytes (0: no bound), not %d", o.maxSpan)
	case o.resume && !(o.recursive && o.output != "") && !o.inPlaceSet:
		return errors.New("--resume goes with -r -o OUTDIR or -i")
	}
	// --check and --diff read a stream too (as gofmt -l and diff do);
	// -r and -i need files.
	streams := (o.check || o.diff) && !o.recursive
	if o.batchMode() {
		for _, f := range files {
			if f == "-" && !streams {
				return errors.New("standard input cannot be cleaned in place or mirrored; name files")
			}
		}
		if len(files) == 0 && !streams {
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
	bopts, err := opts.batchOptions(c)
	if err != nil {
		return usageError{err}
	}
	if opts.report != "" {
		if err := refuseInputAsOutput("--report", opts.report, files); err != nil {
			return usageError{err}
		}
	}
	if opts.review != "" {
		if err := refuseInputAsOutput("--review", opts.review, files); err != nil {
			return usageError{err}
		}
	}
	rn, err := newRun(ctx, stdio, opts)
	if err != nil {
		return err
	}
	if rn.review != nil {
		bopts.Watch = rn.watch
	}
	defer rn.abort()
	if opts.batchMode() {
		return rn.batch(bopts, files)
	}
	return rn.toOutput(bopts, files)
}

// toOutput cleans the inputs, in order, to stdout or to the -o file.
func (rn *run) toOutput(bopts *batch.Options, files []string) error {
	ctx, stdio, opts := rn.ctx, rn.stdio, rn.opts
	if len(files) == 0 {
		files = []string{"-"}
	}
	if opts.output != "" {
		if err := refuseInputAsOutput("-o", opts.output, files); err != nil {
			return usageError{err}
		}
	}
	var out io.Writer = stdio.Out
	var af *atomicfile.File
	closeOut := func() error { return nil }
	if opts.output != "" {
		var err error
		if af, err = atomicfile.Create(opts.output, 0o644); err != nil {
			return fmt.Errorf("%s: %w", opts.output, batch.UnwrapPathError(err))
		}
		defer af.Abort()
		out = af
		// -o out.txt.gz compresses; the writer is closed before the commit.
		if f := compress.FromName(opts.output); f != compress.None {
			zw, err := compress.NewWriter(af, f)
			if err != nil {
				return err
			}
			out, closeOut = zw, zw.Close
		}
	} else {
		bopts.Color = opts.explain && opts.colorOn(stdio)
	}
	bopts.Explain = opts.explain
	bopts.Mode = batch.ToWriter
	bw := bufio.NewWriterSize(out, 64<<10)

	var failed, succeeded int
	var err error
	if opts.jobs > 1 && len(files) > 1 && !slices.Contains(files, "-") {
		failed, succeeded, err = rn.parallel(bopts, bw, files)
	} else {
		// One input at a time: -j's workers clean its JSON Lines records.
		bopts.Jobs = opts.jobs
		failed, succeeded, err = rn.sequential(bopts, bw, files)
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
	if err := closeOut(); err != nil {
		return writeFailure(stdio, opts.output, err)
	}
	if af != nil && succeeded > 0 {
		if err := af.Commit(); err != nil {
			return writeFailure(stdio, opts.output, err)
		}
	}
	if err := rn.finish(); err != nil {
		return err
	}
	if failed > 0 {
		return exitError{ExitTrouble}
	}
	return nil
}

// sequential streams each input to w in turn. It returns an error only for
// a failed write, which ends the run.
func (rn *run) sequential(bopts *batch.Options, w io.Writer, files []string) (failed, succeeded int, err error) {
	for _, name := range files {
		if rn.ctx.Err() != nil {
			break
		}
		in, statErr := statInput(name, rn.stdio.In)
		r := batch.Result{Status: batch.Failed, Err: statErr}
		if statErr == nil {
			r = batch.Process(rn.ctx, bopts, in, w)
		}
		if r.WriteFailed {
			return failed, succeeded, r.Err
		}
		if rn.result(displayName(name), r) {
			failed++
		} else {
			succeeded++
		}
	}
	return failed, succeeded, nil
}

// parallel cleans files on several workers; each output is held in a spill
// buffer (memory, then a temp file) and written in input order.
func (rn *run) parallel(bopts *batch.Options, w io.Writer, files []string) (failed, succeeded int, err error) {
	type result struct {
		res   batch.Result
		spill *batch.Spill
	}
	// A failed write (the reader of stdout has gone) stops the workers:
	// nothing more can be shown.
	ctx, stop := context.WithCancel(rn.ctx)
	defer stop()
	warned := false
	batch.Ordered(ctx, len(files), rn.opts.jobs, func(i int) result {
		sp := batch.NewSpill()
		in, statErr := statInput(files[i], nil)
		if statErr != nil {
			return result{res: batch.Result{Status: batch.Failed, Err: statErr}, spill: sp}
		}
		return result{res: batch.Process(ctx, bopts, in, sp), spill: sp}
	}, func(i int, r result) {
		defer r.spill.Close()
		if err != nil {
			return
		}
		if r.spill.NoTemp != nil && !warned {
			warned = true
			rn.note("TMPDIR", fmt.Errorf("no room for outputs waiting their turn (%v): they are held in memory", batch.UnwrapPathError(r.spill.NoTemp)))
		}
		if rn.result(files[i], r.res) {
			failed++
		} else {
			succeeded++
		}
		if r.res.Status != batch.Failed {
			if _, werr := r.spill.WriteTo(w); werr != nil {
				err = werr
				stop()
			}
		}
	})
	return failed, succeeded, err
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
	return exitError{ExitTrouble}
}

// refuseInputAsOutput keeps an output (-o, --report) from overwriting an
// input: that is what in-place editing is for, and it must be asked for.
func refuseInputAsOutput(flag, output string, files []string) error {
	ofi, err := os.Stat(output)
	if err != nil {
		return nil
	}
	for _, name := range files {
		if name == "-" {
			continue
		}
		if fi, err := os.Stat(name); err == nil && os.SameFile(fi, ofi) {
			return fmt.Errorf("%s %s is also an input; use -i to clean in place", flag, output)
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

// colorOn says whether --explain and --diff are in colour: always, never,
// or (auto) on a terminal unless NO_COLOR is set (no-color.org).
func (o *cleanOptions) colorOn(stdio IO) bool {
	switch o.color {
	case "always":
		return true
	case "never":
		return false
	}
	return stdio.OutIsTerminal && os.Getenv("NO_COLOR") == ""
}
