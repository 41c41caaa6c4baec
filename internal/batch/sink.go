package batch

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/compress"
	udiff "github.com/aymanbagabas/go-udiff"
)

// A sink is where the clean text of one input goes in an output mode, and
// what is made of it once the input is cleaned: written on, compared with
// the input, committed over it or beside it, or diffed. Process, the
// engine, cleans into whichever sink the mode picks (Options.newSink) and
// knows no mode itself.
//
// A sink that compares sees the input's text as the cleaner reads it
// (start wraps the source), so every input is read once, in every mode.
type sink interface {
	// start returns the reader the cleaner is to read src through and the
	// writer it is to write the clean text to.
	start(src *textReader) (io.Reader, io.Writer, error)
	// finish settles an input cleaned without error: res.Status says
	// whether the text changed, and an output is committed or left.
	finish(res *Result) error
	// abort drops what start made and finish did not commit; it is
	// always called, last.
	abort()
}

// newSink returns the sink of the output mode for in; w is the writer of
// ToWriter, outPath the output of Mirror.
func (o *Options) newSink(in Input, outPath string, w io.Writer) sink {
	switch o.Mode {
	case Mirror:
		return &fileSink{in: in, target: outPath, mirror: true}
	case InPlace:
		target := in.Path
		// A symbolic link stays a link: its target is rewritten, as sed
		// --follow-symlinks and gofmt -w do.
		if real, err := filepath.EvalSymlinks(in.Path); err == nil {
			target = real
		}
		return &fileSink{in: in, target: target, suffix: o.Suffix}
	case Check:
		return &checkSink{}
	case Diff:
		return &diffSink{in: in}
	}
	return writerSink{w}
}

// writerSink writes the clean text on (standard output); every input
// counts as changed.
type writerSink struct{ w io.Writer }

func (s writerSink) start(src *textReader) (io.Reader, io.Writer, error) { return src, s.w, nil }
func (s writerSink) finish(res *Result) error                            { res.Status = Changed; return nil }
func (s writerSink) abort()                                              {}

// checkSink only tells whether cleaning changes the input.
type checkSink struct{ same sameText }

func (s *checkSink) start(src *textReader) (io.Reader, io.Writer, error) {
	s.same.r = src
	return &s.same, &s.same, nil
}

func (s *checkSink) finish(res *Result) error {
	res.Status = s.same.status()
	return nil
}

func (s *checkSink) abort() {}

// fileSink writes the clean text to a file atomically, compressed as its
// input was: the mirror of the input under the output folder, or the input
// itself (in place, with a backup if asked). An output that would not
// change is left alone, mtime and all.
type fileSink struct {
	in     Input
	target string
	mirror bool   // Mirror; else InPlace
	suffix string // InPlace: the backup's suffix, "" for none
	same   sameText
	af     *atomicfile.File
	zw     io.WriteCloser // compresses as the input was
}

func (s *fileSink) start(src *textReader) (io.Reader, io.Writer, error) {
	if s.mirror {
		if err := os.MkdirAll(filepath.Dir(s.target), 0o755); err != nil {
			return nil, nil, UnwrapPathError(err)
		}
	}
	af, err := atomicfile.Create(s.target, s.in.Info.Mode().Perm())
	if err != nil {
		if !s.mirror {
			// The report names the input already; what failed is the
			// temporary file in its folder.
			return nil, nil, fmt.Errorf("cannot create a temporary file beside it: %v", UnwrapPathError(err))
		}
		return nil, nil, fmt.Errorf("%s: %v", s.target, UnwrapPathError(err))
	}
	s.af = af
	// An in-place output replaces the only copy: it is synced before the
	// rename. A mirrored one can be made again from its input: the whole
	// tree is synced once at the end (fsync per file was four fifths of a
	// batch of small files).
	af.NoSync = s.mirror
	if s.zw, err = compress.NewWriter(af, src.Format); err != nil {
		return nil, nil, err
	}
	s.same.r = src
	return &s.same, io.MultiWriter(&s.same, s.zw), nil
}

func (s *fileSink) finish(res *Result) error {
	if err := s.zw.Close(); err != nil { // the archive's trailer
		return err
	}
	res.Status = s.same.status()
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
	if s.suffix != "" {
		// From the file itself: a hard link to a symbolic link would show
		// the new text.
		if err := backup(s.target, s.in.Path+s.suffix); err != nil {
			return fmt.Errorf("backup: %v", err)
		}
	}
	return s.af.Commit()
}

func (s *fileSink) abort() {
	if s.af != nil {
		s.af.Abort()
	}
}

// diffSink keeps the input's text and the clean text for a unified diff.
type diffSink struct {
	in       Input
	old, new bytes.Buffer
}

func (s *diffSink) start(src *textReader) (io.Reader, io.Writer, error) {
	if s.in.Info.Size() > maxDiffSize {
		return nil, nil, fmt.Errorf("too large to diff (over %d MiB)", maxDiffSize>>20)
	}
	return io.TeeReader(src, &s.old), &s.new, nil
}

func (s *diffSink) finish(res *Result) error {
	name := filepath.ToSlash(s.in.Name())
	res.Diff = udiff.Unified("a/"+name, "b/"+name, s.old.String(), s.new.String())
	res.Status = Changed
	if res.Diff == "" {
		res.Status = Unchanged
	}
	return nil
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
	differs bool
}

func (s *sameText) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if !s.differs {
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
