package batch

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/compress"
	"github.com/artclean/artclean/internal/decode"
)

// wholeMax is the largest file read whole into memory, and the most clean
// text a file sink holds before it streams: such a file is read in one
// call, cleaned from memory and compared with its output in memory. A
// worker holds at most about three times this much.
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

// wholeFile reports whether Process reads in whole (readWhole).
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

// readWhole reads a small, uncompressed UTF-8 file whole (wholeFile says
// which): raw is the buffer it was read into, to be given back with
// putBytes, and text the file's text in it. It returns errNotPlain, having
// kept nothing, for an input the streaming path must take.
func (o *Options) readWhole(ctx context.Context, in Input) (raw *[]byte, text []byte, enc *decode.Info, err error) {
	if !o.wholeFile(in) {
		return nil, nil, nil, errNotPlain
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	rb := getBytes()
	b, err := atomicfile.ReadFile(in.Path, (*rb)[:0], wholeMax+1)
	*rb = b
	if err == nil && (len(b) > wholeMax || compress.Sniff(b) != compress.None) {
		err = errNotPlain
	}
	if err == nil {
		var ok bool
		if text, enc, ok = decode.Plain(b, decode.Options{Encoding: o.Encoding, Strict: o.Strict}); !ok {
			err = errNotPlain
		}
	}
	if err != nil {
		putBytes(rb)
		return nil, nil, nil, err
	}
	return rb, text, enc, nil
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
// folders of a mirrored tree are made for its first file only. It reports
// whether this batch made dir itself: nothing was in it then, and every
// output written there since is one of the batch's own, each of a
// different input (DropCollisions), so an output in it is new and need not
// be looked for (sameContent, the target's permission bits).
func (o *Options) mkdirAll(dir string) (made bool, err error) {
	if v, ok := o.made.Load(dir); ok {
		return v.(bool), nil
	}
	err = os.Mkdir(dir, 0o755)
	switch {
	case err == nil:
		made = true
	case errors.Is(err, fs.ErrNotExist):
		if err = os.MkdirAll(filepath.Dir(dir), 0o755); err == nil {
			if err = os.Mkdir(dir, 0o755); err == nil {
				made = true
			}
		}
	}
	if err != nil && errors.Is(err, fs.ErrExist) {
		// There before the batch, or made by another worker a moment
		// ago: either way, not known to be empty.
		if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() {
			err = nil
		}
	}
	if err != nil {
		return false, err
	}
	v, _ := o.made.LoadOrStore(dir, made)
	return v.(bool), nil
}
