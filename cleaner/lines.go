package cleaner

import (
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const (
	// maxLine is the longest line the paragraph tier sees whole. A longer
	// line is cut into pieces and streamed through: no rule matches a line
	// that long, so memory stays bounded whatever the input.
	maxLine = 64 << 10
	// readSize is the reader's buffer: room for a whole maxLine line and a
	// read of as much again.
	readSize = 4 * maxLine
)

// lineReader splits a byte stream into lines ended by "\n", "\r\n" or "\r".
// Lines up to maxLine bytes come whole; longer ones come in pieces cut at
// points where neither UTF-8 nor NFC composition can be split.
type lineReader struct {
	r      io.Reader
	buf    []byte
	lo, hi int   // unread bytes are buf[lo:hi]
	err    error // sticky read error, io.EOF at the end
	skipLF bool  // the last line ended with "\r": a "\n" next belongs to it
	inLine bool  // the last piece did not end its line
	num    int   // number of the current line, from 1
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: r, buf: make([]byte, readSize)}
}

// reset makes lr read r from the start, keeping its buffer.
func (lr *lineReader) reset(r io.Reader) {
	*lr = lineReader{r: r, buf: lr.buf}
}

// next returns the next piece of input: a whole line (final true) or a piece
// of a long line (final false until its last piece). The piece has no line
// break and is valid until the next call. ok is false at the end of input;
// then lr.err tells whether it ended with an error.
func (lr *lineReader) next() (piece []byte, final, ok bool) {
	for {
		if lr.skipLF && lr.lo < lr.hi {
			if lr.buf[lr.lo] == '\n' {
				lr.lo++
			}
			lr.skipLF = false
		}
		data := lr.buf[lr.lo:lr.hi]
		// A line comes whole only if it is at most maxLine bytes, however
		// much of it one read brought in: otherwise whether rules see a
		// line would depend on the reader's read sizes.
		i := indexEOL(data)
		if i >= 0 && (i <= maxLine || lr.inLine) {
			piece = data[:i]
			lr.lo += i + 1
			if data[i] == '\r' {
				lr.skipLF = true
			}
			lr.startPiece()
			lr.inLine = false
			return piece, true, true
		}
		if i > maxLine || len(data) > maxLine {
			if i >= 0 {
				data = data[:i]
			}
			cut := safeCut(data)
			lr.lo += cut
			lr.startPiece()
			lr.inLine = true
			return data[:cut], false, true
		}
		if lr.err != nil {
			if len(data) == 0 && !lr.inLine {
				return nil, false, false
			}
			lr.lo = lr.hi
			lr.startPiece()
			lr.inLine = false
			return data, true, true
		}
		lr.fill()
	}
}

// peek returns up to n of the next unread bytes, reading as needed; it
// consumes nothing.
func (lr *lineReader) peek(n int) []byte {
	for lr.hi-lr.lo < n && lr.err == nil {
		lr.fill()
	}
	return lr.buf[lr.lo:min(lr.hi, lr.lo+n)]
}

func (lr *lineReader) startPiece() {
	if !lr.inLine {
		lr.num++
	}
}

// fill moves the unread bytes to the front and reads more.
func (lr *lineReader) fill() {
	if lr.lo > 0 {
		lr.hi = copy(lr.buf, lr.buf[lr.lo:lr.hi])
		lr.lo = 0
	}
	// Retry a reader that returns 0, nil a few times, as bufio does.
	for range 100 {
		n, err := lr.r.Read(lr.buf[lr.hi:])
		if n < 0 || n > len(lr.buf)-lr.hi {
			panic("cleaner: reader returned an invalid count")
		}
		lr.hi += n
		if err != nil {
			lr.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	lr.err = io.ErrNoProgress
}

// indexEOL returns the index of the first "\n" or "\r" in b, or -1.
func indexEOL(b []byte) int {
	if useAVX2 && len(b) >= 32 {
		// One pass for both bytes, where two searches cost two calls a
		// line.
		return indexEOLVector(b)
	}
	i := bytes.IndexByte(b, '\n')
	lim := b
	if i >= 0 {
		lim = b[:i]
	}
	if j := bytes.IndexByte(lim, '\r'); j >= 0 {
		return j
	}
	return i
}

// safeCut returns where to cut a long line's buffered bytes: just before the
// last rune that starts an NFC segment (never composes with what precedes
// it) and that the character tier keeps, so that cleaning the pieces gives
// what cleaning the whole line gives. Any ASCII byte is such a rune. A rune
// the buffer may hold only part of, or an invisible character (removed
// before NFC, so what follows it could compose across the cut), is not.
// Text with no such rune is cut at the last rune start.
func safeCut(b []byte) int {
	for i := len(b) - 1; i > 0; i-- {
		if b[i] < utf8.RuneSelf {
			return i
		}
		if !utf8.RuneStart(b[i]) {
			continue
		}
		if r, size := utf8.DecodeRune(b[i:]); (r != utf8.RuneError || size > 1) && !isInvisible(r) &&
			norm.NFC.Properties(b[i:]).BoundaryBefore() {
			return i
		}
	}
	for i := len(b) - 1; i > 0; i-- {
		if utf8.RuneStart(b[i]) {
			return i
		}
	}
	return len(b)
}
