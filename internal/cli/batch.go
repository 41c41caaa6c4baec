package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/batch"
)

// batch cleans files and directory trees: mirrored (-r -o), in place (-i)
// or checked (--check, --diff).
func (rn *run) batch(bopts *batch.Options, roots []string) error {
	ctx, stdio, opts := rn.ctx, rn.stdio, rn.opts
	color := opts.colorOn(stdio)
	switch {
	case opts.diff:
		// With --check too, the diff says more than the list: print it
		// and exit 1 all the same.
		bopts.Mode = batch.Diff
	case opts.check:
		bopts.Mode = batch.Check
	case opts.inPlaceSet:
		bopts.Mode = batch.InPlace
		bopts.Suffix = opts.inPlace
		bopts.SyncEach = opts.fsync
	default:
		bopts.Mode = batch.Mirror
		bopts.OutDir = opts.output
		bopts.Resume = opts.resume
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
		// -r D -o D would mirror the tree onto itself: every input is in
		// the output directory, and skipping it would silently do nothing.
		for _, r := range roots {
			if fi, err := os.Stat(r); err == nil && os.SameFile(fi, outInfo) {
				return usageError{fmt.Errorf("-o %s is the input tree itself: clean it in place with -i (or -i.bak to keep the originals)", opts.output)}
			}
		}
		// An output directory inside an input tree is left out of the walk:
		// its files are outputs, never inputs.
		sel.SkipDir = func(_ string, fi fs.FileInfo) bool { return os.SameFile(fi, outInfo) }
		if opts.resume {
			if n := batch.RemoveStaleTemps(opts.output); n > 0 {
				rn.note(opts.output, fmt.Errorf("removed %d temporary files left by an interrupted run", n))
			}
		}
	}
	if opts.resume && bopts.Mode == batch.InPlace {
		for _, r := range roots {
			if n := batch.RemoveStaleTemps(r); n > 0 {
				rn.note(r, fmt.Errorf("removed %d temporary files left by an interrupted run", n))
			}
		}
	}
	var walkRoots []string
	var streams []batch.Input // --check, --diff of stdin or a FIFO
	if len(roots) == 0 {
		roots = []string{"-"}
	}
	for _, r := range roots {
		stream := r == "-"
		if fi, err := os.Stat(r); err == nil && !fi.IsDir() && !fi.Mode().IsRegular() {
			stream = true
		}
		if stream && (bopts.Mode == batch.Check || bopts.Mode == batch.Diff) {
			// Read as it comes, once: the sinks compare the clean text
			// with the input as the cleaner reads it. A FIFO is opened
			// here, where an interrupt can end the wait for its writer.
			in, err := rn.openStream(r)
			if err != nil {
				rn.fail(displayName(r), err)
				continue
			}
			streams = append(streams, in)
			continue
		}
		if fi, err := os.Stat(r); err == nil && fi.IsDir() && !opts.recursive {
			rn.fail(r, errors.New("is a directory (use -r to clean a directory)"))
			continue
		}
		walkRoots = append(walkRoots, r)
	}
	// A reader of --check or --diff output that goes away (| head,
	// | less then q) ends the batch: nothing more is worth computing.
	bctx, stop := context.WithCancel(ctx)
	defer stop()
	// The walk feeds the workers as it goes: they start on the first file
	// while it lists the rest. A problem it meets is a job of the feed
	// too, told in its place among the results.
	type job struct {
		in  batch.Input
		err error // the walk's problem at in.Path
	}
	feed := batch.NewFeed[job]()
	for _, in := range streams {
		feed.Add(job{in: in})
	}
	walked := make(chan struct{})
	go func() {
		defer close(walked)
		defer feed.Close()
		// The files of one root have different relative paths: only
		// roots together can collide.
		var seen batch.Collisions
		if bopts.Mode == batch.Mirror && len(walkRoots) > 1 {
			seen = batch.Collisions{}
		}
		batch.WalkEach(walkRoots, sel, func(in batch.Input, err error) bool {
			if err == nil && seen != nil {
				err = seen.Check(in.Rel, in.Path)
			}
			feed.Add(job{in, err})
			return bctx.Err() == nil
		})
	}()
	defer func() { <-walked }()

	var bar *progress
	if showProgress(stdio, opts) {
		// The bar's total is the size of every input: the walk ends first.
		var inputs []batch.Input
		for _, j := range feed.All() {
			if j.err == nil {
				inputs = append(inputs, j.in)
			}
		}
		bar = newProgress(stdio, opts, inputs)
	}
	var outErr error
	// What --check and --diff print for an input its sink writes to a
	// spill of its own, shown in input order.
	printed := bopts.Mode == batch.Check || bopts.Mode == batch.Diff
	bopts.Color = color
	type result struct {
		batch.Result
		out *batch.Spill
	}
	if singleInput(feed, func(j job) bool { return j.err == nil }) {
		bopts.Jobs = opts.jobs // its JSON Lines records on -j workers
	}
	// A job's result is small unless it holds what the job printed: then
	// the window bounds the memory held, else it only keeps the workers
	// from waiting on one another.
	ahead := 2 * opts.jobs
	if !printed {
		ahead = 64 * opts.jobs
	}
	batch.OrderedFeed(bctx, feed, opts.jobs, ahead, func(_ int, j job) result {
		if j.err != nil {
			return result{}
		}
		var out *batch.Spill
		if printed {
			out = batch.NewSpill()
		}
		return result{batch.Process(bctx, bopts, j.in, out), out}
	}, func(_ int, j job, r result) {
		if r.out != nil {
			defer r.out.Close()
		}
		if outErr != nil {
			return
		}
		in := j.in
		if j.err != nil {
			bar.clearLine()
			if errors.Is(j.err, batch.ErrLoop) {
				rn.note(in.Path, j.err)
			} else {
				rn.fail(in.Path, j.err)
			}
			return
		}
		if bar != nil {
			bar.Add64(inputSize(in))
		}
		if len(r.Notes) > 0 || r.Status == batch.Failed || batch.IsBinary(r.Err) {
			bar.clearLine()
		}
		rn.result(in.Name(), r.Result)
		if r.out != nil {
			if _, err := r.out.WriteTo(stdio.Out); err != nil {
				outErr = err
				stop()
			}
		}
	})
	bopts.Close() // the folders it kept open: a run leaves none (umount)
	if bar != nil {
		bar.Finish()
	}
	if outErr != nil && ctx.Err() == nil {
		rn.abort()
		if errors.Is(outErr, syscall.EPIPE) {
			return nil // the reader has gone: a quiet stop, as for plain output
		}
		return writeFailure(stdio, "", outErr)
	}
	if ctx.Err() != nil {
		rn.abort()
		fmt.Fprintln(stdio.Err, "artclean: interrupted; outputs written so far are complete, no partial file was left")
		return exitError{ExitInterrupted}
	}
	switch {
	case bopts.Mode == batch.Mirror:
		if err := atomicfile.SyncDir(opts.output); err != nil {
			rn.fail(opts.output, fmt.Errorf("sync: %v", err))
		}
	case bopts.Mode == batch.InPlace && !bopts.SyncEach && rn.sum.changed > 0:
		// The files replaced were not synced one by one (as sed -i,
		// perl -i and gofmt -w never do): a run that ends has them on
		// disk all the same.
		for _, r := range walkRoots {
			if _, err := os.Stat(r); err != nil {
				continue // told already
			}
			if err := atomicfile.SyncDir(r); err != nil {
				rn.fail(r, fmt.Errorf("sync: %v", err))
			}
		}
	}
	if !opts.quiet && !opts.check && !opts.diff {
		rn.sum.print(stdio.Err)
	}
	if err := rn.finish(); err != nil {
		return err
	}
	if rn.sum.failed > 0 || rn.sum.binary > 0 {
		return exitError{ExitTrouble}
	}
	if (opts.check || opts.diff) && rn.sum.changed > 0 {
		return exitError{ExitChanges}
	}
	return nil
}

// inputSize is an input file's size, 0 for a stream.
func inputSize(in batch.Input) int64 {
	if in.Info == nil {
		return 0
	}
	return in.Info.Size()
}

// newProgress is a batch run's bar: nil unless stderr is a terminal and
// the flags let it show.
// showProgress says whether a batch shows a progress bar.
func showProgress(stdio IO, opts *cleanOptions) bool {
	return !opts.quiet && !opts.noProgress && stdio.ErrIsTerminal
}

// singleInput says whether the feed holds one job that ok accepts (an
// input, not a problem of the walk), waiting only until it holds a second
// or is closed.
func singleInput[T any](feed *batch.Feed[T], ok func(T) bool) bool {
	n := 0
	for i := 0; n < 2; i++ {
		x, more := feed.At(i)
		if !more {
			break
		}
		if ok(x) {
			n++
		}
	}
	return n == 1
}

func newProgress(stdio IO, opts *cleanOptions, inputs []batch.Input) *progress {
	if !showProgress(stdio, opts) || len(inputs) == 0 {
		return nil
	}
	var total int64
	for _, in := range inputs {
		total += inputSize(in)
	}
	return newBar(stdio, total, "cleaning "+plural(len(inputs), "file"))
}

// openStream makes an input of a stream (standard input, a FIFO) for
// --check and --diff; rn.abort and the end of the run close a FIFO.
func (rn *run) openStream(name string) (batch.Input, error) {
	if name == "-" {
		return batch.Input{Path: "-", Rel: "-", Reader: rn.stdio.In, Label: "standard input"}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return batch.Input{}, batch.UnwrapPathError(err)
	}
	rn.streams = append(rn.streams, f)
	return batch.Input{Path: name, Rel: filepath.Base(name), Reader: f}, nil
}
