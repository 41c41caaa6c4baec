package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/batch"
	"github.com/schollz/progressbar/v3"
)

// summary counts what a batch did, for the closing lines on stderr.
type summary struct {
	seen, changed, unchanged, skipped, failed int
	bytesIn, bytesOut                         int64
	removals                                  map[string]int
}

func (s *summary) add(r batch.Result) {
	s.seen++
	switch r.Status {
	case batch.Changed:
		s.changed++
	case batch.Unchanged:
		s.unchanged++
	case batch.Skipped:
		s.skipped++
	case batch.Failed:
		s.failed++
	}
	s.bytesIn += r.BytesIn
	s.bytesOut += r.BytesOut
	for id, n := range r.Removals {
		s.removals[id] += n
	}
}

func (s *summary) print(w io.Writer) {
	fmt.Fprintf(w, "artclean: %d files: %d changed, %d unchanged, %d skipped, %d failed; %s in, %s out\n",
		s.seen, s.changed, s.unchanged, s.skipped, s.failed, humanBytes(s.bytesIn), humanBytes(s.bytesOut))
	if len(s.removals) == 0 {
		return
	}
	ids := make([]string, 0, len(s.removals))
	for id := range s.removals {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if s.removals[ids[i]] != s.removals[ids[j]] {
			return s.removals[ids[i]] > s.removals[ids[j]]
		}
		return ids[i] < ids[j]
	})
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s %d", id, s.removals[id])
	}
	fmt.Fprintf(w, "artclean: removals: %s\n", strings.Join(parts, ", "))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// runBatch cleans files and directory trees: mirrored (-r -o), in place (-i)
// or checked (--check, --diff).
func runBatch(ctx context.Context, stdio IO, opts *cleanOptions, c *cleaner.Cleaner, roots []string) error {
	bopts, err := opts.batchOptions(c)
	if err != nil {
		return usageError{err}
	}
	bopts.SkipBinary = true
	switch {
	case opts.check:
		bopts.Mode = batch.Check
	case opts.diff:
		bopts.Mode = batch.Diff
	case opts.inPlaceSet:
		bopts.Mode = batch.InPlace
		if opts.inPlace != noSuffix {
			bopts.Suffix = opts.inPlace
		}
	default:
		bopts.Mode = batch.Mirror
		bopts.OutDir = opts.output
		bopts.Resume = opts.resume
	}
	sum := summary{removals: map[string]int{}}
	note := func(path string, err error) {
		if !opts.quiet {
			fmt.Fprintf(stdio.Err, "artclean: %s: %v\n", path, err)
		}
	}
	fail := func(path string, err error) {
		sum.seen++
		sum.failed++
		fmt.Fprintf(stdio.Err, "artclean: %s: %v\n", path, err)
	}

	sel := batch.Selection{Include: opts.include, Exclude: opts.exclude, Hidden: opts.hidden, Follow: opts.follow}
	if bopts.Mode == batch.Mirror {
		if err := os.MkdirAll(opts.output, 0o755); err != nil {
			return fmt.Errorf("%s: %v", opts.output, batch.UnwrapPathError(err))
		}
		outInfo, err := os.Stat(opts.output)
		if err != nil {
			return fmt.Errorf("%s: %v", opts.output, batch.UnwrapPathError(err))
		}
		// An output directory inside an input tree is left out of the walk:
		// its files are outputs, never inputs.
		sel.SkipDir = func(_ string, fi fs.FileInfo) bool { return os.SameFile(fi, outInfo) }
		if opts.resume {
			if n := batch.RemoveStaleTemps(opts.output); n > 0 {
				note(opts.output, fmt.Errorf("removed %d temporary files left by an interrupted run", n))
			}
		}
	}
	if opts.resume && bopts.Mode == batch.InPlace {
		for _, r := range roots {
			if n := batch.RemoveStaleTemps(r); n > 0 {
				note(r, fmt.Errorf("removed %d temporary files left by an interrupted run", n))
			}
		}
	}
	var walkRoots []string
	for _, r := range roots {
		if fi, err := os.Stat(r); err == nil && fi.IsDir() && !opts.recursive {
			fail(r, errors.New("is a directory (use -r to clean a directory)"))
			continue
		}
		walkRoots = append(walkRoots, r)
	}
	inputs := batch.Walk(walkRoots, sel, func(path string, err error) {
		if errors.Is(err, batch.ErrLoop) {
			note(path, err)
			return
		}
		fail(path, err)
	})
	if bopts.Mode == batch.Mirror {
		inputs = dropCollisions(inputs, fail)
	}

	bar := newProgress(stdio, opts, inputs)
	batch.Ordered(ctx, len(inputs), opts.jobs, func(i int) batch.Result {
		return batch.Process(ctx, bopts, inputs[i], nil)
	}, func(i int, r batch.Result) {
		in := inputs[i]
		if bar != nil {
			bar.Add64(in.Info.Size())
		}
		if r.Status == batch.Failed && ctx.Err() != nil {
			return // interrupted: not a failure of this file
		}
		sum.add(r)
		if len(r.Notes) > 0 || r.Status == batch.Failed {
			bar.clearLine()
			if reportResult(ctx, stdio, in.Path, r) && r.Status != batch.Failed {
				sum.failed++ // cleaned, but with records that could not be
			}
		}
		switch {
		case r.Status == batch.Skipped:
			if batch.IsBinary(r.Err) {
				bar.clearLine()
				note(in.Path, r.Err)
			}
		case r.Status == batch.Changed && opts.check:
			fmt.Fprintln(stdio.Out, in.Path)
		case r.Status == batch.Changed && opts.diff:
			io.WriteString(stdio.Out, r.Diff)
		}
	})
	if bar != nil {
		bar.Finish()
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stdio.Err, "artclean: interrupted; outputs written so far are complete, no partial file was left")
		return exitError{ExitInterrupted}
	}
	if !opts.quiet && !opts.check && !opts.diff {
		sum.print(stdio.Err)
	}
	if sum.failed > 0 || opts.check && sum.changed > 0 {
		return exitError{ExitFailure}
	}
	return nil
}

// dropCollisions reports inputs from different roots that would be written
// to the same output path, and keeps the first of each.
func dropCollisions(inputs []batch.Input, fail func(string, error)) []batch.Input {
	first := map[string]string{}
	kept := inputs[:0]
	for _, in := range inputs {
		if prev, dup := first[in.Rel]; dup {
			fail(in.Path, fmt.Errorf("would overwrite the output of %s (same relative path %s)", prev, in.Rel))
			continue
		}
		first[in.Rel] = in.Path
		kept = append(kept, in)
	}
	return kept
}

// progress is a progress bar on a terminal; nil elsewhere.
type progress struct{ *progressbar.ProgressBar }

func newProgress(stdio IO, opts *cleanOptions, inputs []batch.Input) *progress {
	if opts.quiet || opts.noProgress || !stdio.ErrIsTerminal || len(inputs) == 0 {
		return nil
	}
	var total int64
	for _, in := range inputs {
		total += in.Info.Size()
	}
	return &progress{progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(stdio.Err),
		progressbar.OptionSetDescription(fmt.Sprintf("cleaning %d files", len(inputs))),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100e6),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionUseIECUnits(true),
	)}
}

// clearLine makes room for a message above the bar.
func (p *progress) clearLine() {
	if p != nil {
		p.Clear()
	}
}
