package compress

import (
	"bytes"
	stdgzip "compress/gzip"
	"errors"
	"io"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// fuzzMaxOut bounds what a fuzz input may decompress to: zstd turns four
// bytes into 128 KiB, so a small input can claim gigabytes.
const fuzzMaxOut = 4 << 20

func fuzzSeeds(f *testing.F) {
	text := genText(3000, 20)
	gz, zs := compressed(f, Gzip, text, 0), compressed(f, Zstd, text, 0)
	for _, seed := range [][]byte{
		nil,
		[]byte("Reklama\n\nTekst.\n"),
		gz, zs,
		gz[:len(gz)/2], zs[:len(zs)/2], gz[:len(gz)-4], zs[:len(zs)-2],
		slices(gz, gz), slices(zs, skippable(3, []byte("x")), zs),
		stdGzip(f, text, 9, stdgzip.Header{Name: "a", Comment: "b", Extra: []byte("c")}),
		zstdFrame(f, text, zstd.WithEncoderCRC(false)),
		compressed(f, Gzip, nil, 0), compressed(f, Zstd, nil, 0),
		[]byte("\x1f\x8b"), []byte("\x28\xb5\x2f\xfd"), []byte("\x50\x2a\x4d\x18"),
		zstdHeaderWindow(27), zstdHeaderWindow(28),
		slices(gz, []byte("garbage")),
	} {
		f.Add(seed)
	}
}

// FuzzNewReader feeds arbitrary bytes to NewReader: it must never panic or
// hang; plain data comes back as it is; every error is a *DataError (the
// source never fails); and gzip agrees with compress/gzip on what is valid
// and what it holds.
func FuzzNewReader(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, format, err := NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("NewReader: %v", err)
		}
		got, err := io.ReadAll(io.LimitReader(r, fuzzMaxOut+1))
		if cerr := r.Close(); cerr != nil {
			t.Fatalf("Close: %v", cerr)
		}
		if format != detect(data) {
			t.Fatalf("format %v, detect says %v", format, detect(data))
		}
		if len(got) > fuzzMaxOut {
			return // a bomb: stopped reading it
		}
		if format == None {
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("plain data: %v, equal %v", err, bytes.Equal(got, data))
			}
			return
		}
		var de *DataError
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("error %v (%T) is not a *DataError", err, err)
		}
		if err != nil && de.Format != format {
			t.Fatalf("error for %v data says %v", format, de.Format)
		}
		if format == Gzip {
			sr, serr := stdgzip.NewReader(bytes.NewReader(data))
			var want []byte
			if serr == nil {
				want, serr = io.ReadAll(io.LimitReader(sr, fuzzMaxOut+1))
			}
			if len(want) > fuzzMaxOut {
				t.Fatalf("compress/gzip reads over %d bytes, we read %d", fuzzMaxOut, len(got))
			}
			if (err == nil) != (serr == nil) {
				t.Fatalf("we say %v, compress/gzip says %v", err, serr)
			}
			if err == nil && !bytes.Equal(got, want) {
				t.Fatalf("we read %d bytes, compress/gzip %d, different", len(got), len(want))
			}
		}
	})
}

// maxRoundTrip bounds the inputs FuzzRoundTrip compresses. The cost is
// less the execution (a few hundred bytes round-trip about 5,000 times a
// second per worker under coverage) than minimizing an input the fuzzer
// finds interesting: the minimizer tries O(n²) cuts of it and, as coverage
// counts loop iterations, a longer input keeps getting "new coverage".
// With 1 to 4 KiB inputs both workers spent most of a run minimizing, for
// up to a minute an input. Large inputs, many blocks, long offsets and
// zstd's 4-stream literals (1 KiB and up) are TestRoundTrip's and
// TestTruncated's.
const maxRoundTrip = 512

// FuzzRoundTrip: whatever is written comes back, in both formats, and a
// cut anywhere but at the end is an error. NewWriter and NewReader pool
// their compressors, so executions after the first reuse them.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte(""), uint16(0))
	f.Add([]byte("Reklama\n\nTekst artykułu.\n"), uint16(3))
	f.Add(genText(maxRoundTrip/2, 21), uint16(300))
	f.Add(randomBytes(maxRoundTrip/4, 5), uint16(100))        // incompressible: stored/raw blocks
	f.Add(bytes.Repeat([]byte("a"), maxRoundTrip), uint16(9)) // runs: RLE blocks
	f.Fuzz(func(t *testing.T, data []byte, cut uint16) {
		if len(data) > maxRoundTrip {
			t.Skip("larger than maxRoundTrip")
		}
		for _, format := range []Format{Gzip, Zstd} {
			z := compressed(t, format, data, 0)
			got, gotF, err := readAll(z, nil, nil)
			if err != nil || gotF != format || !bytes.Equal(got, data) {
				t.Fatalf("%v: %v, %v, equal %v", format, gotF, err, bytes.Equal(got, data))
			}
			c := int(cut) % len(z)
			if c < 4 {
				continue // too short to be recognised
			}
			if _, _, err := readAll(z[:c], nil, nil); !errors.Is(err, ErrTruncated) {
				t.Fatalf("%v cut at %d of %d: %v", format, c, len(z), err)
			}
		}
	})
}
