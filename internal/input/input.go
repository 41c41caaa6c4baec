// Package input reads an input's bytes as text, the one way every front end
// (the command line, the Beam pipeline) does: decompressed (gzip, zstd: told
// by their first bytes), decoded to UTF-8 (a BOM, the legacy encoding the
// bytes show, or a label given), and told apart from binary data.
package input

import (
	"bufio"
	"bytes"
	"io"

	"github.com/artclean/artclean/internal/compress"
	"github.com/artclean/artclean/internal/decode"
)

// Options say how an input's bytes are read as text.
type Options struct {
	Encoding string // a WHATWG label ("iso-8859-2"); "" tells it from the bytes
	Strict   bool   // bytes that cannot be decoded are an error, not U+FFFD
}

// BufferSize is the size of the buffer a Text reads through.
const BufferSize = 64 << 10

// BinaryPeek is how much of a text is looked at for a NUL byte, as grep
// does.
const BinaryPeek = 8 << 10

// Text is an input opened for cleaning: decompressed and decoded while it
// is read.
type Text struct {
	*bufio.Reader
	Format compress.Format // its compression, which an output of it keeps
	Enc    *decode.Info    // its character encoding
	dec    io.Closer
}

// Open reads r as text. br, if not nil, is the buffer to read through
// (reused from input to input by a caller that opens many small ones);
// otherwise one of BufferSize is made. Close releases the decompressor; r
// stays the caller's to close. The error is only an error reading the first
// bytes of r or an unknown Options.Encoding: what is wrong with the data
// comes from Read.
func Open(r io.Reader, o Options, br *bufio.Reader) (*Text, error) {
	dec, format, err := compress.NewReader(r)
	if err != nil {
		return nil, err
	}
	text, enc, err := decode.NewReader(dec, decode.Options{Encoding: o.Encoding, Strict: o.Strict})
	if err != nil {
		dec.Close()
		return nil, err
	}
	if br == nil {
		br = bufio.NewReaderSize(text, BufferSize)
	} else {
		br.Reset(text)
	}
	return &Text{Reader: br, Format: format, Enc: enc, dec: dec}, nil
}

// Binary reports a NUL byte in the first BinaryPeek bytes of the text: a
// file that is not text at all, which is skipped unless asked for (-a).
func (t *Text) Binary() bool {
	head, _ := t.Peek(BinaryPeek)
	return bytes.IndexByte(head, 0) >= 0
}

// Close releases what reading the text holds.
func (t *Text) Close() error { return t.dec.Close() }
