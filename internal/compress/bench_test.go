package compress

import (
	"bytes"
	stdgzip "compress/gzip"
	"io"
	"sync"
	"testing"
)

const benchSize = 8 << 20

var benchText = sync.OnceValue(func() []byte { return genText(benchSize, 42) })

func benchRead(b *testing.B, f Format) {
	data := benchText()
	z := compressed(b, f, data, 0)
	b.ReportMetric(float64(len(z))/float64(len(data)), "ratio")
	buf := make([]byte, 64<<10) // the batch reads through a 64 KiB bufio.Reader
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, _, err := NewReader(bytes.NewReader(z))
		if err != nil {
			b.Fatal(err)
		}
		if n, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{r}, buf); err != nil || n != int64(len(data)) {
			b.Fatal(n, err)
		}
		r.Close()
	}
}

// BenchmarkGzipRead decompresses 8 MiB of text; b.SetBytes counts the
// decompressed bytes.
func BenchmarkGzipRead(b *testing.B) { benchRead(b, Gzip) }

// BenchmarkZstdRead is BenchmarkGzipRead for zstd.
func BenchmarkZstdRead(b *testing.B) { benchRead(b, Zstd) }

// BenchmarkPlainRead is the cost of NewReader on text that is not
// compressed: detection and one more buffer.
func BenchmarkPlainRead(b *testing.B) { benchRead(b, None) }

// BenchmarkGzipReadStdlib is compress/gzip on the same data, to compare.
func BenchmarkGzipReadStdlib(b *testing.B) {
	data := benchText()
	z := compressed(b, Gzip, data, 0)
	buf := make([]byte, 64<<10)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := stdgzip.NewReader(bytes.NewReader(z))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{r}, buf); err != nil {
			b.Fatal(err)
		}
	}
}

func benchWrite(b *testing.B, f Format) {
	data := benchText()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		w, err := NewWriter(&out, f)
		if err != nil {
			b.Fatal(err)
		}
		for p := data; len(p) > 0; p = p[min(len(p), 64<<10):] {
			w.Write(p[:min(len(p), 64<<10)]) // as the 64 KiB bufio.Writer of the batch
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len())/float64(len(data)), "ratio")
}

// BenchmarkGzipWrite compresses 8 MiB of text at GzipLevel.
func BenchmarkGzipWrite(b *testing.B) { benchWrite(b, Gzip) }

// BenchmarkZstdWrite compresses 8 MiB of text at ZstdLevel.
func BenchmarkZstdWrite(b *testing.B) { benchWrite(b, Zstd) }

// BenchmarkGzipWriteStdlib is compress/gzip at its default level 6.
func BenchmarkGzipWriteStdlib(b *testing.B) {
	data := benchText()
	b.SetBytes(int64(len(data)))
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		w := stdgzip.NewWriter(&out)
		w.Write(data)
		w.Close()
	}
	b.ReportMetric(float64(out.Len())/float64(len(data)), "ratio")
}

// BenchmarkSmallFile writes and reads back a 4 KiB article, as a batch of
// many small files does: the pools make this cheap.
func BenchmarkSmallFile(b *testing.B) {
	data := genText(4<<10, 43)
	for _, f := range []Format{Gzip, Zstd} {
		b.Run(f.String(), func(b *testing.B) {
			b.ReportAllocs()
			var z bytes.Buffer
			for b.Loop() {
				z.Reset()
				w, _ := NewWriter(&z, f)
				w.Write(data)
				w.Close()
				r, _, _ := NewReader(bytes.NewReader(z.Bytes()))
				io.Copy(io.Discard, r)
				r.Close()
			}
		})
	}
}
