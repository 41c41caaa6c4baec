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
	if in.Reader != nil || !in.regular() || o.Explain {
		return false
	}
	switch o.Mode {
	case Mirror, InPlace, Check, Diff:
		return true
	}
	return false
}

// errNotPlain sends an input back to the streaming path: it is large,
// compressed or not UTF-8.
var errNotPlain = errors.New("not plain text")

// whole is a small file read whole.
type whole struct {
	raw  *[]byte // the buffer it was read into, to be given back with putBytes
	text []byte  // its text, in raw
	enc  *decode.Info
	info fs.FileInfo // of the open file: fresher than the walk's, and at no look-up of the path
}

// readWhole reads a small, uncompressed UTF-8 file whole (wholeFile says
// which). It returns errNotPlain, having kept nothing, for an input the
// streaming path must take.
func (o *Options) readWhole(ctx context.Context, in Input) (w whole, err error) {
	if !o.wholeFile(in) {
		return w, errNotPlain
	}
	if err := ctx.Err(); err != nil {
		return w, err
	}
	rb := getBytes()
	b, err := o.readFile(in.Path, (*rb)[:0], wholeMax+1, func(fi fs.FileInfo) error {
		in.setInfo(fi)
		w.info = fi
		if !fi.Mode().IsRegular() || fi.Size() > wholeMax {
			return errNotPlain
		}
		return nil
	})
	*rb = b
	if err == nil && (len(b) > wholeMax || compress.Sniff(b) != compress.None) {
		err = errNotPlain
	}
	if err == nil {
		var ok bool
		if w.text, w.enc, ok = decode.Plain(b, decode.Options{Encoding: o.Encoding, Strict: o.Strict}); !ok {
			err = errNotPlain
		}
	}
	if err != nil {
		putBytes(rb)
		return whole{}, err
	}
	w.raw = rb
	return w, nil
}

// sameContent reports whether the regular file at path holds exactly b.
func sameContent(path string, b []byte) bool {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(b)) {
		return false
	}
	old := getBytes()
	defer putBytes(old)
	got, err := atomicfile.ReadFile(path, (*old)[:0], len(b)+1, nil)
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
