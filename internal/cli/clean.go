package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/atomicfile"
)

type cleanOptions struct {
	output  string
	disable []string
}

func runClean(ctx context.Context, stdio IO, opts *cleanOptions, files []string) error {
	c, err := cleaner.New(cleaner.WithDisabled(opts.disable...))
	if err != nil {
		return usageError{err}
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
			return fmt.Errorf("%s: %w", opts.output, unwrapPath(err))
		}
		defer af.Abort()
		out = af
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	w := &trackWriter{w: bw}

	failed, succeeded := 0, 0
	for _, name := range files {
		if ctx.Err() != nil {
			return exitError{ExitInterrupted}
		}
		err := cleanOne(ctx, c, w, stdio.In, name)
		switch {
		case err == nil:
			succeeded++
			continue
		case w.err != nil:
			return writeFailure(stdio, opts.output, w.err)
		case ctx.Err() != nil:
			return exitError{ExitInterrupted}
		}
		failed++
		fmt.Fprintf(stdio.Err, "artclean: %s: %v\n", displayName(name), unwrapPath(err))
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

// cleanOne cleans the named input ("-" for stdin) into w.
func cleanOne(ctx context.Context, c *cleaner.Cleaner, w io.Writer, stdin io.Reader, name string) error {
	var src io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return errors.New("is a directory")
		}
		src = f
	}
	return c.Clean(w, ctxReader{ctx, src})
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
	fmt.Fprintf(stdio.Err, "artclean: %s: write error: %v\n", name, unwrapPath(err))
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
			return fmt.Errorf("-o %s is also an input; write elsewhere (the input is never overwritten)", output)
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

// unwrapPath drops the operation and path of an *fs.PathError: messages name
// the file once, in front.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// trackWriter remembers a write error, so that a failed Clean can be told
// apart: bad input (go on with the next file) or bad output (stop).
type trackWriter struct {
	w   io.Writer
	err error
}

func (t *trackWriter) Write(p []byte) (int, error) {
	n, err := t.w.Write(p)
	if err != nil && t.err == nil {
		t.err = err
	}
	return n, err
}

// ctxReader stops a long read when the run is interrupted.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
