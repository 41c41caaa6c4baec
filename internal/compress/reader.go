package compress

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// MaxZstdWindow is the largest zstd window NewReader accepts: 128 MiB, the
// default limit of the reference zstd decoder (windowLog 27), so whatever
// "zstd -d" decompresses without --memory, artclean reads too. The window
// is the history a decoder must keep, so it bounds the decoder's memory;
// a frame declares its window and gets what it declares: files made with
// zstd levels 1 to 19, or by NewWriter, need at most 8 MiB, small files
// less. Files made with --long or --ultra levels 21 and 22 may need 128 MiB;
// larger windows (--long=28 and up) are refused with a *DataError.
const MaxZstdWindow = 128 << 20

// readBufSize is the buffer between the source and a decompressor: big
// enough that a file is read in few system calls.
const readBufSize = 64 << 10

// Errors that a *DataError matches with errors.Is.
var (
	// ErrTruncated: the data ends before the archive does.
	ErrTruncated = errors.New("truncated compressed data")
	// ErrCorrupt: the data is not a valid archive of its format (or is a
	// zstd archive that needs a window over MaxZstdWindow).
	ErrCorrupt = errors.New("corrupt compressed data")
)

// DataError is an error in the compressed data itself, as opposed to an
// error reading it (which NewReader's reader returns unchanged). It matches
// ErrTruncated or ErrCorrupt with errors.Is, and unwraps to the
// decompressor's own error (io.ErrUnexpectedEOF, gzip.ErrChecksum,
// zstd.ErrWindowSizeExceeded, …).
type DataError struct {
	Format    Format
	Truncated bool  // the data ends early; otherwise it is corrupt or too large
	Err       error // the decompressor's error
}

func (e *DataError) Error() string {
	if e.Truncated {
		return "truncated " + e.Format.String() + " data"
	}
	if errors.Is(e.Err, zstd.ErrWindowSizeExceeded) || errors.Is(e.Err, zstd.ErrDecoderSizeExceeded) {
		return fmt.Sprintf("zstd window larger than the %d MiB limit (made with --long or --ultra?)", MaxZstdWindow>>20)
	}
	msg := e.Err.Error()
	for _, p := range []string{"gzip: ", "flate: ", "zstd: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return "corrupt " + e.Format.String() + " data: " + msg
}

// Is makes errors.Is(err, ErrTruncated) and errors.Is(err, ErrCorrupt) work.
func (e *DataError) Is(target error) bool {
	return target == ErrTruncated && e.Truncated || target == ErrCorrupt && !e.Truncated
}

func (e *DataError) Unwrap() error { return e.Err }

// errClosed is returned by Read after Close.
var errClosed = errors.New("compress: read after Close")

// NewReader detects the format of r by its magic bytes and returns a reader
// of the decompressed data, or of the data as it is for None, and the
// format it found. The error is only an error reading the first bytes;
// everything wrong with the archive, its header included, comes from Read.
//
// Concatenated gzip members and zstd frames (and zstd skippable frames) are
// read as one stream, as gzip -d and zstd -d do. Data that ends early or is
// damaged makes Read return a *DataError, never a clean io.EOF, with one
// exception no reader can catch: a cut exactly between two members or
// frames. Checksums are verified (gzip's CRC-32 always, zstd's when the
// frame has one), so treat the data as tentative until io.EOF. Errors from
// r itself (an I/O error, a cancelled context) come back unchanged.
//
// The reader decompresses on the calling goroutine and holds a 64 KiB
// input buffer, the format's window (32 KiB for gzip; for zstd what the
// frame declares, at most MaxZstdWindow, 8 MiB for NewWriter's output) and
// small buffers. Close releases them, to pools that later readers reuse;
// it does not close r.
func NewReader(r io.Reader) (io.ReadCloser, Format, error) {
	src := &sourceReader{r: r}
	br := bufReaders.Get().(*bufio.Reader)
	br.Reset(src)
	f, err := Detect(br)
	if err != nil {
		putBufReader(br)
		return nil, None, err
	}
	d := &reader{format: f, src: src, br: br, dec: br}
	switch f {
	case Gzip:
		// A *bufio.Reader is an io.ByteReader, so gzip reads no further
		// than its stream, and flate takes its fast path for it.
		zr := gzipReaders.Get().(*gzip.Reader)
		d.gz = zr
		if err := zr.Reset(br); err != nil {
			d.fail(err)
			break
		}
		d.dec = zr
	case Zstd:
		zr, err := getZstdReader(br)
		if err != nil {
			putBufReader(br)
			return nil, None, err // bad options: a bug, not bad data
		}
		d.zd, d.dec = zr, zr
		d.zstdPool = zstdPoolable(br)
	}
	return d, f, nil
}

// Pools of the buffers every reader needs: a batch of many small files
// would otherwise allocate and clear 64 KiB, and for gzip another 40 KiB
// of decompressor state, for each.
var (
	bufReaders  = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, readBufSize) }}
	gzipReaders = sync.Pool{New: func() any { return new(gzip.Reader) }}
)

// zstdReaders pools zstd decoders, which keep their history buffer, as
// large as the window of the frames they decoded, for the next stream.
// Only decoders whose first frame needs at most poolZstdWindow go back to
// the pool, so that one file with a huge window does not keep its memory
// for the rest of a batch. (A later frame in the same stream may need more;
// that is rare, and MaxZstdWindow bounds it anyway.)
var zstdReaders sync.Pool

// poolZstdWindow is the window of zstd -19 and of NewWriter.
const poolZstdWindow = 8 << 20

func getZstdReader(br *bufio.Reader) (*zstd.Decoder, error) {
	if zr, ok := zstdReaders.Get().(*zstd.Decoder); ok {
		if zr.Reset(br) == nil {
			return zr, nil
		}
		zr.Close()
	}
	return zstd.NewReader(br,
		zstd.WithDecoderConcurrency(1), // decode in Read: no goroutines
		zstd.WithDecoderLowmem(true),
		zstd.WithDecoderMaxWindow(MaxZstdWindow),
	)
}

// zstdPoolable tells from the first frame header in br whether its decoder
// may go back to the pool.
func zstdPoolable(br *bufio.Reader) bool {
	head, _ := br.Peek(zstd.HeaderMaxSize)
	var h zstd.Header
	if h.Decode(head) != nil || h.Skippable {
		return true // the decoder stops at the header, or cannot tell
	}
	window := h.WindowSize
	if h.SingleSegment {
		window = h.FrameContentSize
	}
	return window <= poolZstdWindow
}

func putBufReader(br *bufio.Reader) {
	br.Reset(nil) // drop the source
	bufReaders.Put(br)
}

// sourceReader remembers the first error other than io.EOF that reading
// the source gave, so that an I/O error is not reported as bad data.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
}

// reader is what NewReader returns.
type reader struct {
	format Format
	src    *sourceReader
	br     *bufio.Reader // pooled
	gz     *gzip.Reader  // pooled
	zd     *zstd.Decoder
	// zstdPool: zd goes back to the pool on Close.
	zstdPool bool
	dec      io.Reader // br, gz or zd
	err      error     // sticky: io.EOF, a *DataError, a source error, errClosed
}

func (d *reader) Read(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	n, err := d.dec.Read(p)
	if err != nil {
		if err == io.EOF {
			d.err = err
		} else {
			err = d.fail(err)
		}
	}
	return n, err
}

// fail classifies err from a decompressor and makes it sticky.
func (d *reader) fail(err error) error {
	switch {
	case d.src.err != nil:
		// The source failed; the decompressor's error only follows from it.
		err = d.src.err
	case d.format == None:
	case errors.Is(err, io.ErrUnexpectedEOF), err == io.EOF:
		err = &DataError{Format: d.format, Truncated: true, Err: io.ErrUnexpectedEOF}
	default:
		err = &DataError{Format: d.format, Err: err}
	}
	d.err = err
	return err
}

// Close releases the decompressor and returns its buffers to the pools.
// It does not close the source.
func (d *reader) Close() error {
	if d.err == errClosed {
		return nil
	}
	d.err = errClosed
	if d.zd != nil {
		if d.zstdPool {
			d.zd.Reset(nil) // drop the source
			zstdReaders.Put(d.zd)
		} else {
			d.zd.Close()
		}
	}
	if d.gz != nil {
		gzipReaders.Put(d.gz) // holds d.br, which is reset below
	}
	putBufReader(d.br)
	*d = reader{err: errClosed}
	return nil
}
