package batch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/atomicfile"
	udiff "github.com/aymanbagabas/go-udiff"
)

// Mode is what a batch does with each cleaned file.
type Mode int

// The batch modes.
const (
	ToWriter Mode = iota // write to the io.Writer given to Process (stdout)
	Mirror               // write OutDir/Rel
	InPlace              // replace the input, keeping a backup with Suffix
	Check                // only tell whether cleaning would change the file
	Diff                 // a unified diff of what cleaning would change
)

// Options configure Process.
type Options struct {
	Mode    Mode
	Cleaner *cleaner.Cleaner
	OutDir  string // Mirror
	Suffix  string // InPlace: backup suffix, "" for none
	Resume  bool   // Mirror: skip inputs whose output is newer
	// SkipBinary skips files with a NUL byte in their first 8 KiB, as grep
	// does, instead of cleaning them.
	SkipBinary bool
}

// Status is the outcome for one file.
type Status int

// The outcomes.
const (
	Unchanged Status = iota
	Changed
	Skipped // binary, or resumed
	Failed
)

// Result is what Process did with one input.
type Result struct {
	Status   Status
	Err      error          // Failed: what went wrong; Skipped: why (a note)
	BytesIn  int64          // bytes read
	BytesOut int64          // bytes of cleaned output
	Removals map[string]int // rule ID → removals
	Diff     string         // Diff mode
}

// maxDiffSize bounds what --diff holds in memory: a diff needs both texts.
const maxDiffSize = 64 << 20

// binaryPeek is how much of a file is looked at for a NUL byte, as grep does.
const binaryPeek = 8 << 10

// errBinary marks a file skipped for holding NUL bytes.
var errBinary = errors.New("binary file skipped")

// Process cleans one input as opts say. w is the destination in ToWriter
// mode. Errors are in the Result, never returned: a batch goes on.
func Process(ctx context.Context, opts *Options, in Input, w io.Writer) (res Result) {
	fail := func(err error) Result {
		res.Status, res.Err = Failed, err
		return res
	}
	if !in.Info.Mode().IsRegular() && opts.Mode != ToWriter {
		return fail(errors.New("not a regular file"))
	}
	var outPath string
	if opts.Mode == Mirror {
		outPath = filepath.Join(opts.OutDir, filepath.FromSlash(in.Rel))
		if opts.Resume {
			if fi, err := os.Stat(outPath); err == nil && fi.ModTime().After(in.Info.ModTime()) {
				res.Status, res.Err = Skipped, errors.New("output is newer (resumed)")
				return res
			}
		}
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return fail(UnwrapPathError(err))
	}
	defer f.Close()
	counted := &countReader{r: ContextReader{ctx, f}}
	src := bufio.NewReaderSize(counted, 64<<10)
	if head, _ := src.Peek(binaryPeek); opts.SkipBinary && bytes.IndexByte(head, 0) >= 0 {
		res.Status, res.Err = Skipped, errBinary
		return res
	}
	report := func(r cleaner.Removal) {
		if res.Removals == nil {
			res.Removals = map[string]int{}
		}
		res.Removals[r.Rule]++
	}
	// Each mode cleans into its own destination; cmp tells whether the
	// output differs from the input by reading the input a second time.
	var dst io.Writer
	var cmp *cmpWriter
	var af *atomicfile.File
	var buf *bytes.Buffer
	switch opts.Mode {
	case ToWriter:
		dst = w
	case Mirror, InPlace:
		if cmp, err = newCmpWriter(in.Path); err != nil {
			return fail(err)
		}
		defer cmp.Close()
		target := in.Path
		if opts.Mode == Mirror {
			target = outPath
			if err := os.MkdirAll(filepath.Dir(outPath), 0o755); err != nil {
				return fail(UnwrapPathError(err))
			}
		}
		if af, err = atomicfile.Create(target, in.Info.Mode().Perm()); err != nil {
			return fail(fmt.Errorf("%s: %v", target, UnwrapPathError(err)))
		}
		defer af.Abort()
		dst = io.MultiWriter(cmp, af)
	case Check:
		if cmp, err = newCmpWriter(in.Path); err != nil {
			return fail(err)
		}
		defer cmp.Close()
		dst = cmp
	case Diff:
		if in.Info.Size() > maxDiffSize {
			return fail(fmt.Errorf("too large to diff (over %d MiB)", maxDiffSize>>20))
		}
		buf = &bytes.Buffer{}
		dst = buf
	}
	out := &countWriter{w: dst}
	bw := bufio.NewWriterSize(out, 64<<10)
	_, err = opts.Cleaner.CleanReport(bw, src, report)
	if err == nil {
		err = bw.Flush()
	}
	res.BytesIn, res.BytesOut = counted.n, out.n
	if err != nil {
		if ctx.Err() != nil {
			return fail(ctx.Err())
		}
		return fail(UnwrapPathError(err))
	}
	res.Status = Changed
	if cmp != nil && !cmp.differs() {
		res.Status = Unchanged
	}
	switch opts.Mode {
	case Mirror:
		if err := af.Commit(); err != nil {
			return fail(fmt.Errorf("%s: %v", outPath, UnwrapPathError(err)))
		}
	case InPlace:
		if res.Status == Unchanged {
			return res // leave the file (and its mtime) alone
		}
		if opts.Suffix != "" {
			if err := backup(in.Path, in.Path+opts.Suffix); err != nil {
				return fail(fmt.Errorf("backup: %v", err))
			}
		}
		if err := af.Commit(); err != nil {
			return fail(UnwrapPathError(err))
		}
	case Diff:
		old, err := os.ReadFile(in.Path)
		if err != nil {
			return fail(UnwrapPathError(err))
		}
		res.Diff = udiff.Unified("a/"+filepath.ToSlash(in.Path), "b/"+filepath.ToSlash(in.Path), string(old), buf.String())
		if res.Diff == "" {
			res.Status = Unchanged
		}
	}
	return res
}

// backup keeps the original under a new name: a hard link costs nothing and
// leaves the original in place until the rename; a copy is the fallback.
func backup(path, to string) error {
	os.Remove(to)
	if err := os.Link(path, to); err == nil {
		return nil
	}
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	fi, err := src.Stat()
	if err != nil {
		return err
	}
	af, err := atomicfile.Create(to, fi.Mode().Perm())
	if err != nil {
		return err
	}
	defer af.Abort()
	if _, err := io.Copy(af, src); err != nil {
		return err
	}
	return af.Commit()
}

// tempName matches the temporary files atomicfile creates.
var tempName = regexp.MustCompile(`^\..+\.artclean-[0-9]+$`)

// RemoveStaleTemps deletes temporary files that a killed run left under dir.
// It returns how many it removed.
func RemoveStaleTemps(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && tempName.MatchString(d.Name()) {
			if os.Remove(p) == nil {
				n++
			}
		}
		return nil
	})
	return n
}

// cmpWriter compares what is written with a file, read a second time.
type cmpWriter struct {
	f    *os.File
	r    *bufio.Reader
	diff bool
	buf  []byte
}

func newCmpWriter(path string) (*cmpWriter, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, UnwrapPathError(err)
	}
	return &cmpWriter{f: f, r: bufio.NewReaderSize(f, 64<<10)}, nil
}

func (c *cmpWriter) Write(p []byte) (int, error) {
	if c.diff {
		return len(p), nil
	}
	if cap(c.buf) < len(p) {
		c.buf = make([]byte, len(p))
	}
	b := c.buf[:len(p)]
	if n, _ := io.ReadFull(c.r, b); n != len(p) || !bytes.Equal(b, p) {
		c.diff = true
	}
	return len(p), nil
}

// differs reports whether the written bytes differ from the file's.
func (c *cmpWriter) differs() bool {
	if !c.diff {
		if _, err := c.r.ReadByte(); err == nil {
			c.diff = true // the file has more
		}
	}
	return c.diff
}

func (c *cmpWriter) Close() error { return c.f.Close() }

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ContextReader stops a long read when the run is interrupted.
type ContextReader struct {
	Ctx context.Context
	R   io.Reader
}

func (c ContextReader) Read(p []byte) (int, error) {
	if err := c.Ctx.Err(); err != nil {
		return 0, err
	}
	return c.R.Read(p)
}

// IsBinary reports an error from Process that means the file was skipped
// because it holds NUL bytes.
func IsBinary(err error) bool { return errors.Is(err, errBinary) }
