package batch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"

	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/compress"
	"github.com/artclean/artclean/internal/decode"
	"github.com/artclean/artclean/internal/explain"
	udiff "github.com/aymanbagabas/go-udiff"
)

// A sink is where the clean text of one input goes in an output mode, and
// what is made of it once the input is cleaned: written on, compared with
// the input, committed over it or beside it, or diffed. What a mode prints
// for an input (its clean text, its name, its diff) the sink writes to the
// writer Process is given, so nothing of the document returns to the
// caller but the structured Result. Process, the
// engine, cleans into whichever sink the mode picks (Options.newSink) and
// knows no mode itself.
//
// A sink that compares sees the input's text as the cleaner reads it
// (start wraps the source), so every input is read once, in every mode.
type sink interface {
	// start returns the reader the cleaner is to read the text through
	// and the writer it is to write the clean text to.
	start(t text) (io.Reader, io.Writer, error)
	// finish settles an input cleaned without error: res.Status says
	// whether the text changed, and an output is committed or left.
	finish(res *Result) error
	// abort drops what start made and finish did not commit; it is
	// always called, last.
	abort()
}

// text is an input's text as a sink gets it: a stream, and all of it when
// a small file was read whole (then nothing of it is copied to compare).
type text struct {
	r      io.Reader
	all    []byte          // the whole text, or nil
	format compress.Format // the input's compression, which an output keeps
	enc    *decode.Info    // its character encoding
	info   fs.FileInfo     // of the file as it was read whole, or nil
}

// newSink returns the sink of the output mode for in; w is where the mode
// prints (the clean text, the names of Check, the diffs of Diff), outPath
// the output of Mirror.
func (o *Options) newSink(in Input, outPath string, w io.Writer) sink {
	if w == nil {
		w = io.Discard // a caller that wants only the Result
	}
	if o.Explain {
		return &explainSink{w: w, color: o.Color}
	}
	switch o.Mode {
	case Mirror:
		return &fileSink{o: o, in: in, target: outPath, mirror: true}
	case InPlace:
		target := in.Path
		// A symbolic link stays a link: its target is rewritten, as sed
		// --follow-symlinks and gofmt -w do. (A link among the folders
		// above it needs no resolving: the temporary file and the rename
		// are in the folder it leads to all the same.)
		if !in.noLink {
			if real, err := filepath.EvalSymlinks(in.Path); err == nil {
				target = real
			}
		}
		return &fileSink{o: o, in: in, target: target, suffix: o.Suffix}
	case Check:
		return &checkSink{w: w, name: in.Name()}
	case Diff:
		return &diffSink{w: w, in: in, color: o.Color}
	}
	return writerSink{w}
}

// writerSink writes the clean text on (standard output); every input
// counts as changed.
type writerSink struct{ w io.Writer }

func (s writerSink) start(t text) (io.Reader, io.Writer, error) { return t.r, s.w, nil }
func (s writerSink) finish(res *Result) error                   { res.Status = Changed; return nil }
func (s writerSink) abort()                                     {}

// explainSink shows the document with every removal in place (--explain)
// instead of its clean text: the view is made from the cleaner's events
// (cleanStream gives them to view), and the clean text is dropped.
type explainSink struct {
	w     io.Writer
	color bool
	bw    *bufio.Writer
	view  *explain.Writer
}

func (s *explainSink) start(t text) (io.Reader, io.Writer, error) {
	s.bw = writers.Get().(*bufio.Writer)
	s.bw.Reset(s.w)
	if t.enc != nil && t.enc.Name != "utf-8" {
		fmt.Fprintf(s.bw, "# encoding: %s: %s\n", t.enc, t.enc.Reason)
	}
	s.view = explain.New(s.bw, s.color)
	// Writing the clean text fails once the view's reader has gone,
	// which stops the cleaner.
	return t.r, viewErr{s.view}, nil
}

func (s *explainSink) finish(res *Result) error {
	res.Status = Changed
	if err := s.view.Flush(); err != nil {
		return err
	}
	return s.bw.Flush()
}

func (s *explainSink) abort() {
	if s.bw != nil {
		s.bw.Reset(nil) // holds no destination while pooled
		writers.Put(s.bw)
		s.bw = nil
	}
}

// viewErr discards what is written to it, failing once its view has failed.
type viewErr struct{ x *explain.Writer }

func (v viewErr) Write(p []byte) (int, error) {
	if err := v.x.Err(); err != nil {
		return 0, err
	}
	return len(p), nil
}

// checkSink tells whether cleaning changes the input, and prints its name
// if it does (as gofmt -l).
type checkSink struct {
	w    io.Writer
	name string
	same sameText
}

func (s *checkSink) start(t text) (io.Reader, io.Writer, error) {
	s.same.reset(t)
	return &s.same, &s.same, nil
}

func (s *checkSink) finish(res *Result) error {
	res.Status = s.same.status()
	if res.Status == Changed {
		_, err := io.WriteString(s.w, s.name+"\n")
		return err
	}
	return nil
}

func (s *checkSink) abort() {}

// fileSink writes the clean text to a file atomically, compressed as its
// input was: the mirror of the input under the output folder, or the input
// itself (in place, with a backup if asked). An output that would not
// change is left alone, mtime and all.
//
// Clean text of an uncompressed input is held in memory up to wholeMax and
// written whole at the end: a file that does not change is then never
// written at all, and a small one costs one write. Past that, or for a
// compressed output, it streams to a temporary file.
type fileSink struct {
	o      *Options
	in     Input
	target string
	mirror bool   // Mirror; else InPlace
	suffix string // InPlace: the backup's suffix, "" for none
	format compress.Format
	info   fs.FileInfo // text.info
	same   sameText
	held   *bytes.Buffer // the clean text while it is held, or nil
	af     *atomicfile.File
	zw     io.WriteCloser // compresses into af as the input was
}

func (s *fileSink) start(t text) (io.Reader, io.Writer, error) {
	s.format, s.info = t.format, t.info
	s.same.reset(t)
	if t.format == compress.None {
		s.held = getBuffer()
	} else if err := s.create(); err != nil {
		return nil, nil, err
	}
	return &s.same, io.MultiWriter(&s.same, writerFunc(s.write)), nil
}

// write holds clean text, or streams it once there is too much to hold.
func (s *fileSink) write(p []byte) (int, error) {
	if s.held != nil {
		if s.held.Len()+len(p) <= wholeMax {
			return s.held.Write(p)
		}
		if err := s.create(); err != nil {
			return 0, err
		}
		if _, err := s.zw.Write(s.held.Bytes()); err != nil {
			return 0, err
		}
		putBuffer(s.held)
		s.held = nil
	}
	return s.zw.Write(p)
}

// create starts the temporary file the output streams to.
func (s *fileSink) create() error {
	if s.mirror {
		if _, err := s.o.mkdirAll(filepath.Dir(s.target)); err != nil {
			return UnwrapPathError(err)
		}
	}
	af, err := atomicfile.Create(s.target, s.in.Info.Mode().Perm())
	if err != nil {
		return s.createError(err)
	}
	s.af = af
	// Outputs are synced once, when the batch is done (SyncDir), not one
	// by one: fsync per file was four fifths of a mirrored batch of small
	// files, and made -i on ext4 a sixth slower (2,000 files: 1.02 s
	// against 0.87 s; perl -i 0.67 s). An in-place output replaces the
	// only copy, so --fsync (SyncEach) syncs each before its rename;
	// sed -i, perl -i and gofmt -w never do.
	af.NoSync = s.mirror || !s.o.SyncEach
	s.zw, err = compress.NewWriter(af, s.format)
	return err
}

func (s *fileSink) createError(err error) error {
	if !s.mirror {
		// The report names the input already; what failed is the
		// temporary file in its folder.
		return fmt.Errorf("cannot create a temporary file beside it: %v", UnwrapPathError(err))
	}
	return fmt.Errorf("%s: %v", s.target, UnwrapPathError(err))
}

func (s *fileSink) finish(res *Result) error {
	res.Status = s.same.status()
	if s.held != nil {
		return s.finishHeld(res)
	}
	if err := s.zw.Close(); err != nil { // the archive's trailer
		return err
	}
	if s.mirror {
		if s.af.Matches(s.target) {
			return nil // the output is up to date: left alone, mtime and all
		}
		if err := s.af.Commit(); err != nil {
			return fmt.Errorf("%s: %v", s.target, UnwrapPathError(err))
		}
		return nil
	}
	if res.Status == Unchanged {
		return nil // the file (and its mtime) is left alone
	}
	if err := s.backup(); err != nil {
		return err
	}
	return s.af.Commit()
}

// finishHeld writes the clean text held in memory, if it is to be written.
func (s *fileSink) finishHeld(res *Result) error {
	out := s.held.Bytes()
	info := s.in.Info
	if s.info != nil {
		info = s.info
	}
	perm := info.Mode().Perm()
	if s.mirror {
		made, err := s.o.mkdirAll(filepath.Dir(s.target))
		if err != nil {
			return UnwrapPathError(err)
		}
		var flags atomicfile.Flags
		if made {
			flags = atomicfile.Known // new in a new folder: nothing to compare or keep
		} else if sameContent(s.target, out) {
			return nil // the output is up to date: left alone, mtime and all
		}
		if err := s.o.writeFile(s.target, out, perm, flags); err != nil {
			return fmt.Errorf("%s: %v", s.target, UnwrapPathError(err))
		}
		return nil
	}
	if res.Status == Unchanged {
		return nil // the file (and its mtime) is left alone
	}
	if s.suffix != "" {
		// The backup is made once the new text is safe in its temporary
		// file, and only then.
		if err := s.create(); err != nil {
			return err
		}
		if _, err := s.af.Write(out); err != nil {
			return err
		}
		if err := s.backup(); err != nil {
			return err
		}
		return s.af.Commit()
	}
	var flags atomicfile.Flags
	if s.o.SyncEach {
		flags = atomicfile.Sync
	}
	if s.info != nil {
		// The target is the file just read: a regular file, with perm.
		flags |= atomicfile.Known
	}
	if err := s.o.writeFile(s.target, out, perm, flags); err != nil {
		if ce := (*atomicfile.CreateError)(nil); errors.As(err, &ce) {
			return s.createError(err)
		}
		return err
	}
	return nil
}

// backup keeps the input as it was under its name with the suffix, if one
// is asked for. It is taken from the file itself: a hard link to a
// symbolic link would show the new text.
func (s *fileSink) backup() error {
	if s.suffix == "" {
		return nil
	}
	if err := backup(s.target, s.in.Path+s.suffix); err != nil {
		return fmt.Errorf("backup: %v", err)
	}
	return nil
}

func (s *fileSink) abort() {
	if s.af != nil {
		s.af.Abort()
	}
	if s.held != nil {
		putBuffer(s.held)
		s.held = nil
	}
}

// writerFunc is a function that is an io.Writer.
type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// diffSink keeps the input's text and the clean text, and prints the
// unified diff of the two (in colour with color) if they differ.
type diffSink struct {
	w     io.Writer
	in    Input
	color bool
	old   []byte
	new   bytes.Buffer
}

func (s *diffSink) start(t text) (io.Reader, io.Writer, error) {
	tooLarge := fmt.Errorf("too large to diff (over %d MiB)", maxDiffSize>>20)
	if s.in.Info != nil && s.in.Info.Size() > maxDiffSize {
		return nil, nil, tooLarge
	}
	if t.all != nil {
		s.old = t.all
		return t.r, &s.new, nil
	}
	// A stream's size is known only as it is read.
	return io.TeeReader(t.r, writerFunc(func(p []byte) (int, error) {
		if len(s.old)+len(p) > maxDiffSize {
			return 0, tooLarge
		}
		s.old = append(s.old, p...)
		return len(p), nil
	})), &s.new, nil
}

func (s *diffSink) finish(res *Result) error {
	name := filepath.ToSlash(s.in.Name())
	d := udiff.Unified("a/"+name, "b/"+name, string(s.old), s.new.String())
	if d == "" {
		res.Status = Unchanged
		return nil
	}
	res.Status = Changed
	if s.color {
		d = explain.ColorDiff(d)
	}
	_, err := io.WriteString(s.w, d)
	return err
}

func (s *diffSink) abort() {}

// sameText tells whether the clean text equals the input's text from the
// one reading of the input: it is the reader the cleaner reads the input
// through and the writer of the clean text. Clean text is written only
// after the input it comes from has been read, so while the two agree the
// text written is a prefix of the text read: what is read waits in pending
// until the output reaches it (at most what the cleaner holds back, such
// as a guarded document), and nothing is kept once they differ.
type sameText struct {
	r       io.Reader
	buf     []byte // buf[off:] is read and not yet written
	off     int
	whole   bool // buf is the whole text, known from the start
	differs bool
}

// reset starts on the text t.
func (s *sameText) reset(t text) {
	*s = sameText{r: t.r, buf: t.all, whole: t.all != nil}
}

func (s *sameText) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if !s.differs && !s.whole {
		if s.off > len(s.buf)/2 {
			s.buf = s.buf[:copy(s.buf, s.buf[s.off:])]
			s.off = 0
		}
		s.buf = append(s.buf, p[:n]...)
	}
	return n, err
}

func (s *sameText) Write(p []byte) (int, error) {
	switch pending := s.buf[s.off:]; {
	case s.differs:
	case len(p) > len(pending) || !bytes.Equal(p, pending[:len(p)]):
		s.differs, s.buf, s.off = true, nil, 0
	default:
		s.off += len(p)
	}
	return len(p), nil
}

// status says whether the output, written whole, is the input's text.
func (s *sameText) status() Status {
	if s.differs || s.off < len(s.buf) {
		return Changed
	}
	return Unchanged
}
