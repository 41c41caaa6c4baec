package decode

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// benchInput is about 8 MiB of text: Polish, Russian and German paragraphs.
func benchInput() string {
	var b strings.Builder
	for b.Len() < 8<<20 {
		for _, lang := range []string{"pl", "ru", "de", "pl"} {
			for _, p := range paragraphs[lang] {
				b.WriteString(p)
				b.WriteString("\n\n")
			}
		}
	}
	return b.String()
}

// onlyReader hides bytes.Reader's WriteTo so that io.CopyBuffer really
// copies through the buffer.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// onlyWriter hides io.Discard's ReadFrom.
type onlyWriter struct{ w io.Writer }

func (o onlyWriter) Write(p []byte) (int, error) { return o.w.Write(p) }

func benchDecode(b *testing.B, data []byte, opts Options) {
	buf := make([]byte, 32<<10)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, _, err := NewReader(bytes.NewReader(data), opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.CopyBuffer(onlyWriter{io.Discard}, onlyReader{r}, buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCopyBaseline is the floor: the same copy without decoding.
func BenchmarkCopyBaseline(b *testing.B) {
	data := []byte(benchInput())
	buf := make([]byte, 32<<10)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := io.CopyBuffer(onlyWriter{io.Discard}, onlyReader{bytes.NewReader(data)}, buf); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeUTF8(b *testing.B) {
	benchDecode(b, []byte(benchInput()), Options{})
}

func BenchmarkDecodeASCII(b *testing.B) {
	benchDecode(b, bytes.Repeat([]byte("The quick brown fox jumps over the lazy dog.\n"), 8<<20/45), Options{})
}

func BenchmarkDecodeWindows1250(b *testing.B) {
	var s strings.Builder
	for s.Len() < 8<<20 {
		for _, p := range paragraphs["pl"] {
			s.WriteString(p)
			s.WriteString("\n\n")
		}
	}
	benchDecode(b, mustEncode(b, "windows-1250", s.String()), Options{})
}

func BenchmarkDecodeUTF16LE(b *testing.B) {
	data := append([]byte{0xFF, 0xFE}, mustEncode(b, "utf-16le", benchInput())...)
	benchDecode(b, data, Options{})
}

// BenchmarkSniff measures detection of a legacy encoding on a full
// SniffSize prefix.
func BenchmarkSniff(b *testing.B) {
	data := mustEncode(b, "windows-1250", strings.Repeat(paragraphs["pl"][0]+"\n", SniffSize/len(paragraphs["pl"][0])+1))[:SniffSize]
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		sniff(data, false)
	}
}

// BenchmarkUTF8Valid is the validation alone, for comparison with
// BenchmarkDecodeUTF8.
func BenchmarkUTF8Valid(b *testing.B) {
	data := []byte(benchInput())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if !utf8.Valid(data) {
			b.Fatal("invalid")
		}
	}
}
