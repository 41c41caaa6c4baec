// Package compress reads and writes the compressed inputs and outputs of
// artclean: gzip and zstd, detected by their magic bytes rather than by the
// file name, and decompressed while streaming.
//
// It uses github.com/klauspost/compress rather than the standard library.
// The standard library has no zstd, and klauspost/compress/zstd is the Go
// ecosystem's standard zstd: pure Go (no cgo), streaming, with a limit on
// the window a hostile or huge file may demand, and synchronous decoding
// for many small files. Its gzip package is a drop-in for compress/gzip
// that decompresses at least as fast and compresses about four times
// faster at the same level for output a few percent larger (see
// GzipLevel). One well-maintained module covers both formats.
//
// Reading: NewReader peeks at the first bytes, picks the format, and returns
// a reader that streams the decompressed text in bounded memory. A damaged
// archive is never mistaken for a short clean one: truncation and corruption
// come out of Read as a *DataError ("truncated gzip data", "corrupt zstd
// data: …"), so a caller that writes through an atomic file can abort and
// leave no partial output. The caller names the file, as for any other error.
//
// Writing: NewWriter compresses to the format an output should have, which
// FromName tells from an output name (-o out.txt.gz) and which a mirrored
// output takes from its input.
package compress

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Format is a compression format.
type Format int

// The formats.
const (
	None Format = iota // not compressed
	Gzip               // gzip, RFC 1952
	Zstd               // Zstandard, RFC 8878
)

// String returns "none", "gzip" or "zstd".
func (f Format) String() string {
	switch f {
	case None:
		return "none"
	case Gzip:
		return "gzip"
	case Zstd:
		return "zstd"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Ext returns the usual file name extension of the format: ".gz", ".zst",
// or "" for None.
func (f Format) Ext() string {
	switch f {
	case Gzip:
		return ".gz"
	case Zstd:
		return ".zst"
	}
	return ""
}

// Magic bytes.
var (
	gzipMagic = []byte{0x1f, 0x8b}             // RFC 1952 ID1 ID2
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd} // RFC 8878 frame magic, little-endian 0xFD2FB528
)

// isSkippable reports whether b starts with the magic of a zstd skippable
// frame (0x184D2A50 to 0x184D2A5F, little-endian). Such a frame may open a
// valid zstd stream: pzstd writes one before every frame.
func isSkippable(b []byte) bool {
	return len(b) >= 4 && b[0]&0xf0 == 0x50 && b[1] == 0x2a && b[2] == 0x4d && b[3] == 0x18
}

// Detect tells the format of the data in br from its magic bytes without
// consuming anything: gzip starts with 1f 8b, zstd with 28 b5 2f fd (or a
// skippable frame). Data too short to hold a magic, including empty data,
// is None. The error is only a read error other than io.EOF.
//
// Plain text cannot be mistaken for either: 8b and b5 are UTF-8
// continuation bytes, which never follow 1f or 28 in valid UTF-8, and a
// skippable frame's 18 is a control character.
func Detect(br *bufio.Reader) (Format, error) {
	head, err := br.Peek(4)
	if err != nil && err != io.EOF {
		return None, err
	}
	return detect(head), nil
}

func detect(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, gzipMagic):
		return Gzip
	case bytes.HasPrefix(head, zstdMagic), isSkippable(head):
		return Zstd
	}
	return None
}

// FromName returns the format that a file name's extension asks for:
// .gz or .gzip is Gzip, .zst or .zstd is Zstd, in any case; anything else
// is None. Use it to choose the compression of an output that does not
// exist yet (-o out.txt.gz); use Detect or NewReader for inputs, whose
// names may lie.
func FromName(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".gz", ".gzip":
		return Gzip
	case ".zst", ".zstd":
		return Zstd
	}
	return None
}

// StripExt removes one compression extension from name: a.txt.gz → a.txt,
// b.jsonl.ZST → b.jsonl. Other names come back unchanged.
func StripExt(name string) string {
	if FromName(name) == None {
		return name
	}
	return name[:len(name)-len(filepath.Ext(name))]
}

// Base returns name without its compression extension and the format that
// extension names, so that a pattern such as *.txt can be matched against
// the base of a.txt.gz: Base("a.txt.gz") is ("a.txt", Gzip) and
// Base("a.txt") is ("a.txt", None).
func Base(name string) (base string, f Format) {
	return StripExt(name), FromName(name)
}

// Sniff returns the format of data whose first bytes are head, as Detect
// does for a reader.
func Sniff(head []byte) Format { return detect(head) }
