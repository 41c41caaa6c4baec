package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/compress"
	"github.com/artclean/artclean/internal/decode"
	udiff "github.com/aymanbagabas/go-udiff"
)

// wholeMax is the largest file read whole into memory: such a file is read
// once, cleaned from memory and compared with its output in memory, where
// the streaming path reads it a second time to tell whether cleaning
// changed it. A worker holds at most about three times this much.
const wholeMax = 4 << 20

// buffers are reused from file to file: a batch of small files otherwise
// spends more time allocating and collecting buffers than cleaning.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 2*wholeMax {
		return // one outsized output must not stay pinned
	}
	b.Reset()
	buffers.Put(b)
}

// rawBuffers hold files as read.
var rawBuffers = sync.Pool{New: func() any { return new([]byte) }}

func getBytes() *[]byte { return rawBuffers.Get().(*[]byte) }

func putBytes(b *[]byte) {
	if cap(*b) > 2*wholeMax {
		return
	}
	*b = (*b)[:0]
	rawBuffers.Put(b)
}

// wholeFile reports whether Process takes in by processWhole.
func (o *Options) wholeFile(in Input) bool {
	if in.Reader != nil || !in.Info.Mode().IsRegular() || in.Info.Size() > wholeMax || o.Explain {
		return false
	}
	switch o.Mode {
	case Mirror, InPlace, Check, Diff:
		return true
	}
	return false
}

// errNotPlain sends an input back to the streaming path: it is compressed,
// not UTF-8, or has grown past wholeMax since it was listed.
var errNotPlain = errors.New("not plain text")

// processWhole is Process for a small, uncompressed UTF-8 file: read once,
// cleaned from memory, compared with its output in memory. An input in
// place that cleaning does not change is not written at all. It returns
// errNotPlain, having written nothing, for an input the streaming path
// must take.
func (o *Options) processWhole(ctx context.Context, in Input, outPath string) (res Result, err error) {
	fail := func(err error) (Result, error) {
		res.Status, res.Err = Failed, err
		return res, nil
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	rb := getBytes()
	defer putBytes(rb)
	raw, err := atomicfile.ReadFile(in.Path, (*rb)[:0], wholeMax+1)
	*rb = raw
	if err != nil {
		return fail(UnwrapPathError(err))
	}
	if len(raw) > wholeMax || compress.Sniff(raw) != compress.None {
		return res, errNotPlain
	}
	text, enc, ok := decode.Plain(raw, decode.Options{Encoding: o.Encoding, Strict: o.Strict})
	if !ok {
		return res, errNotPlain
	}
	res.Encoding = enc
	res.BytesIn = int64(len(raw))
	if o.SkipBinary && bytes.IndexByte(text[:min(len(text), binaryPeek)], 0) >= 0 {
		res.Status, res.Err = Skipped, errBinary
		return res, nil
	}
	out := getBuffer()
	defer putBuffer(out)
	if err := o.cleanStream(out, bytes.NewReader(text), in, &res); err != nil {
		if ctx.Err() != nil {
			return fail(ctx.Err())
		}
		return fail(UnwrapPathError(err))
	}
	res.BytesOut = int64(out.Len())
	res.Status = Changed
	if bytes.Equal(out.Bytes(), text) {
		res.Status = Unchanged
	}
	switch o.Mode {
	case Diff:
		name := filepath.ToSlash(in.Name())
		res.Diff = udiff.Unified("a/"+name, "b/"+name, string(text), out.String())
		if res.Diff == "" {
			res.Status = Unchanged
		}
	case InPlace:
		if res.Status == Unchanged {
			return res, nil // the file (and its mtime) is left alone
		}
		target := in.Path
		if real, err := filepath.EvalSymlinks(in.Path); err == nil {
			target = real // a symbolic link stays a link
		}
		if o.Suffix != "" {
			// The backup is made once the new text is safe in its
			// temporary file, and only then.
			af, err := atomicfile.Create(target, in.Info.Mode().Perm())
			if err != nil {
				return fail(fmt.Errorf("cannot create a temporary file beside it: %v", UnwrapPathError(err)))
			}
			defer af.Abort()
			if _, err := af.Write(out.Bytes()); err != nil {
				return fail(UnwrapPathError(err))
			}
			if err := backup(target, in.Path+o.Suffix); err != nil {
				return fail(fmt.Errorf("backup: %v", err))
			}
			if err := af.Commit(); err != nil {
				return fail(UnwrapPathError(err))
			}
			return res, nil
		}
		// An in-place output replaces the only copy: synced before the
		// rename.
		if err := atomicfile.WriteFile(target, out.Bytes(), in.Info.Mode().Perm(), true); err != nil {
			if ce := (*atomicfile.CreateError)(nil); errors.As(err, &ce) {
				// The report names the input already; what failed is
				// the temporary file in its folder.
				return fail(fmt.Errorf("cannot create a temporary file beside it: %v", UnwrapPathError(err)))
			}
			return fail(UnwrapPathError(err))
		}
	case Mirror:
		if sameContent(outPath, out.Bytes()) {
			return res, nil // the output is up to date: left alone, mtime and all
		}
		if err := o.mkdirAll(filepath.Dir(outPath)); err != nil {
			return fail(UnwrapPathError(err))
		}
		// A mirrored output can be made again from its input: the tree is
		// synced once at the end, not file by file.
		if err := atomicfile.WriteFile(outPath, out.Bytes(), in.Info.Mode().Perm(), false); err != nil {
			return fail(fmt.Errorf("%s: %v", outPath, UnwrapPathError(err)))
		}
	}
	return res, nil
}

// sameContent reports whether the regular file at path holds exactly b.
func sameContent(path string, b []byte) bool {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(b)) {
		return false
	}
	old := getBytes()
	defer putBytes(old)
	got, err := atomicfile.ReadFile(path, (*old)[:0], len(b)+1)
	*old = got
	if err != nil {
		return false
	}
	return bytes.Equal(got, b)
}

// mkdirAll is os.MkdirAll, once per directory of a batch: the output
// folders of a mirrored tree are made for its first file only.
func (o *Options) mkdirAll(dir string) error {
	if _, ok := o.made.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	o.made.Store(dir, struct{}{})
	return nil
}
