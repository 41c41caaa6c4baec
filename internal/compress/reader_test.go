package compress

import (
	"bytes"
	stdgzip "compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/klauspost/compress/zstd"
)

// compressed returns data compressed by NewWriter, written in pieces of
// chunk bytes (all at once for chunk 0).
func compressed(t testing.TB, f Format, data []byte, chunk int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, f)
	if err != nil {
		t.Fatal(err)
	}
	for rest := data; len(rest) > 0; {
		n := len(rest)
		if chunk > 0 && chunk < n {
			n = chunk
		}
		if _, err := w.Write(rest[:n]); err != nil {
			t.Fatal(err)
		}
		rest = rest[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func stdGzip(t testing.TB, data []byte, level int, hdr stdgzip.Header) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := stdgzip.NewWriterLevel(&buf, level)
	if err != nil {
		t.Fatal(err)
	}
	w.Header = hdr
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zstdFrame returns data as one zstd frame made with opts.
func zstdFrame(t testing.TB, data []byte, opts ...zstd.EOption) []byte {
	t.Helper()
	e, err := zstd.NewWriter(nil, append([]zstd.EOption{zstd.WithEncoderConcurrency(1)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	return e.EncodeAll(data, nil)
}

// skippable returns a zstd skippable frame holding payload.
func skippable(nibble byte, payload []byte) []byte {
	b := []byte{0x50 | nibble, 0x2a, 0x4d, 0x18, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(b[4:], uint32(len(payload)))
	return append(b, payload...)
}

// readAll reads z through NewReader, with the source wrapped by in and
// the result wrapped by out (either may be nil).
func readAll(z []byte, in, out func(io.Reader) io.Reader) ([]byte, Format, error) {
	var src io.Reader = bytes.NewReader(z)
	if in != nil {
		src = in(src)
	}
	r, f, err := NewReader(src)
	if err != nil {
		return nil, f, err
	}
	defer r.Close()
	var rr io.Reader = r
	if out != nil {
		rr = out(rr)
	}
	got, err := io.ReadAll(rr)
	return got, f, err
}

func randomBytes(n int, seed uint64) []byte {
	b := make([]byte, n)
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

type input struct {
	name string
	data []byte
}

// inputs returns the round-trip inputs, made on first use (not in the fuzz
// workers, which never need them).
var inputs = sync.OnceValue(func() []input {
	return []input{
		{"empty", nil},
		{"one byte", []byte("x")},
		{"small", genText(3000, 1)},
		{"3MiB text", genText(3<<20, 2)},
		{"1MiB random", randomBytes(1<<20, 3)},
	}
})

var wrappers = []struct {
	name    string
	in, out func(io.Reader) io.Reader
}{
	{"plain", nil, nil},
	{"OneByteReader source", iotest.OneByteReader, nil},
	{"HalfReader source", iotest.HalfReader, nil},
	{"DataErrReader source", iotest.DataErrReader, nil},
	{"OneByteReader result", nil, iotest.OneByteReader},
	{"HalfReader result", nil, iotest.HalfReader},
}

func TestRoundTrip(t *testing.T) {
	for _, f := range []Format{None, Gzip, Zstd} {
		for _, in := range inputs() {
			for _, chunk := range []int{0, 1000} {
				z := compressed(t, f, in.data, chunk)
				for _, w := range wrappers {
					if len(in.data) > 1<<20 && w.name != "plain" && (chunk != 0 || testing.Short()) {
						continue
					}
					name := fmt.Sprintf("%v/%s/chunk%d/%s", f, in.name, chunk, w.name)
					got, gotF, err := readAll(z, w.in, w.out)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					wantF := f
					if f == None {
						wantF = detect(in.data) // plain input is whatever it looks like
					}
					if gotF != wantF {
						t.Errorf("%s: format %v, want %v", name, gotF, wantF)
					}
					if !bytes.Equal(got, in.data) {
						t.Fatalf("%s: got %d bytes, want %d, differ", name, len(got), len(in.data))
					}
				}
			}
		}
	}
}

func TestEmptyOutputIsAnArchive(t *testing.T) {
	for _, f := range []Format{Gzip, Zstd} {
		z := compressed(t, f, nil, 0)
		if len(z) == 0 || detect(z) != f {
			t.Errorf("%v: empty output is %x, want a %v archive", f, z, f)
		}
	}
}

func TestReadStdlibGzip(t *testing.T) {
	data := genText(200<<10, 4)
	hdrs := []stdgzip.Header{
		{},
		{Name: "café-ó.txt", Comment: "scraped", Extra: []byte("ex"), OS: 3},
	}
	for _, level := range []int{stdgzip.NoCompression, stdgzip.BestSpeed, stdgzip.DefaultCompression, stdgzip.BestCompression, stdgzip.HuffmanOnly} {
		for i, hdr := range hdrs {
			z := stdGzip(t, data, level, hdr)
			got, f, err := readAll(z, nil, nil)
			if err != nil || f != Gzip || !bytes.Equal(got, data) {
				t.Errorf("level %d header %d: %v, %v, equal %v", level, i, f, err, bytes.Equal(got, data))
			}
		}
	}
}

func TestStdlibReadsOurGzip(t *testing.T) {
	for _, in := range inputs() {
		z := compressed(t, Gzip, in.data, 777)
		r, err := stdgzip.NewReader(bytes.NewReader(z))
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, in.data) {
			t.Fatalf("%s: compress/gzip read %d bytes, %v", in.name, len(got), err)
		}
	}
}

func TestMultiMemberGzip(t *testing.T) {
	a, b := genText(70<<10, 5), []byte("drugi artykuł\n")
	z := slices(
		stdGzip(t, a, 6, stdgzip.Header{Name: "a"}),
		compressed(t, Gzip, nil, 0), // an empty member
		compressed(t, Gzip, b, 0),
		stdGzip(t, a, 1, stdgzip.Header{}),
	)
	want := slices(a, b, a)
	for _, w := range wrappers {
		got, _, err := readAll(z, w.in, w.out)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s: %d bytes, %v; want %d bytes", w.name, len(got), err, len(want))
		}
	}
}

func TestMultiFrameZstd(t *testing.T) {
	a, b := genText(300<<10, 6), []byte("drugi artykuł\n")
	z := slices(
		skippable(0, []byte("pzstd-like header")),
		zstdFrame(t, a),                             // single segment, content size
		compressed(t, Zstd, nil, 0),                 // an empty frame
		skippable(0xf, nil),                         // an empty skippable frame
		zstdFrame(t, b, zstd.WithEncoderCRC(false)), // no checksum
		compressed(t, Zstd, a, 4096),                // streamed, several blocks
		zstdFrame(t, a, zstd.WithEncoderLevel(zstd.SpeedBestCompression)),
		skippable(7, []byte("trailing skippable frame")),
	)
	want := slices(a, b, a, a)
	for _, w := range wrappers {
		got, f, err := readAll(z, w.in, w.out)
		if err != nil || f != Zstd || !bytes.Equal(got, want) {
			t.Fatalf("%s: %v, %d bytes, %v; want %d bytes", w.name, f, len(got), err, len(want))
		}
	}
}

func slices(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// cuts returns the lengths to cut an archive of n bytes to: every length in
// the header and trailer regions, and a sample in between.
func cuts(n int) []int {
	var out []int
	for c := 0; c < n; c++ {
		if c < 80 || c >= n-80 || c%211 == 0 {
			out = append(out, c)
		}
	}
	return out
}

func TestTruncated(t *testing.T) {
	type archive struct {
		name       string
		f          Format
		z          []byte
		boundaries []int // cuts that leave a valid shorter archive
	}
	small, big := genText(3000, 7), genText(120<<10, 8)
	gzA, gzB := stdGzip(t, small, 6, stdgzip.Header{Name: "a.txt", Comment: "c", Extra: []byte("xyz")}), compressed(t, Gzip, big, 0)
	zsA, zsB := compressed(t, Zstd, big, 0), zstdFrame(t, small, zstd.WithEncoderCRC(false))
	archives := []archive{
		{"gzip small with header fields", Gzip, gzA, nil},
		{"gzip big", Gzip, gzB, nil},
		{"gzip empty", Gzip, compressed(t, Gzip, nil, 0), nil},
		{"gzip two members", Gzip, slices(gzA, gzB), []int{len(gzA)}},
		{"zstd big", Zstd, zsA, nil},
		{"zstd small no checksum", Zstd, zsB, nil},
		{"zstd empty", Zstd, compressed(t, Zstd, nil, 0), nil},
		{"zstd two frames", Zstd, slices(zsA, zsB), []int{len(zsA)}},
		{"zstd skippable first", Zstd, slices(skippable(1, []byte("meta")), zsB), []int{12}},
	}
	for _, a := range archives {
		full, _, err := readAll(a.z, nil, nil)
		if err != nil {
			t.Fatalf("%s: whole archive: %v", a.name, err)
		}
		for _, c := range cuts(len(a.z)) {
			got, f, err := readAll(a.z[:c], nil, nil)
			switch {
			case f == None:
				// Too short to hold the magic: plain text.
				if c >= 4 || err != nil || !bytes.Equal(got, a.z[:c]) {
					t.Fatalf("%s cut at %d: read as plain %q, %v", a.name, c, got, err)
				}
			case containsInt(a.boundaries, c):
				if err != nil || !bytes.HasPrefix(full, got) {
					t.Fatalf("%s cut at boundary %d: %v", a.name, c, err)
				}
			default:
				if !errors.Is(err, ErrTruncated) {
					t.Fatalf("%s cut at %d of %d: got %d bytes and error %v, want a truncation error", a.name, c, len(a.z), len(got), err)
				}
				if want := "truncated " + a.f.String() + " data"; err.Error() != want {
					t.Fatalf("%s cut at %d: message %q, want %q", a.name, c, err, want)
				}
				if !errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, ErrCorrupt) {
					t.Fatalf("%s cut at %d: %v should wrap io.ErrUnexpectedEOF and not be ErrCorrupt", a.name, c, err)
				}
				if !bytes.HasPrefix(full, got) {
					t.Fatalf("%s cut at %d: the %d bytes read before the error are not a prefix of the data", a.name, c, len(got))
				}
			}
		}
		// Byte by byte reads find the same truncation.
		if _, _, err := readAll(a.z[:len(a.z)*2/3], iotest.OneByteReader, iotest.OneByteReader); !errors.Is(err, ErrTruncated) {
			t.Fatalf("%s: one byte at a time: %v", a.name, err)
		}
	}
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// TestCorrupt flips bytes all over archives: reading must fail with a
// *DataError or give exactly the original data (a flip in metadata that no
// checksum covers, such as the gzip modification time), never other data
// with a clean EOF.
func TestCorrupt(t *testing.T) {
	small, big := genText(2000, 9), genText(100<<10, 10)
	for _, f := range []Format{Gzip, Zstd} {
		for _, data := range [][]byte{small, big} {
			z := compressed(t, f, data, 0)
			magic := 2
			if f == Zstd {
				magic = 4
			}
			failed, same := 0, 0
			for pos := magic; pos < len(z); pos++ {
				if len(z) > 4096 && pos > 200 && pos < len(z)-200 && pos%97 != 0 {
					continue
				}
				for _, flip := range []byte{0x01, 0x80, 0xff} {
					bad := bytes.Clone(z)
					bad[pos] ^= flip
					got, gotF, err := readAll(bad, nil, nil)
					if gotF != f {
						t.Fatalf("%v pos %d: detected as %v", f, pos, gotF)
					}
					if err == nil {
						if !bytes.Equal(got, data) {
							t.Fatalf("%v: flipping %#x at %d of %d gives other data with no error", f, flip, pos, len(z))
						}
						same++
						continue
					}
					var de *DataError
					if !errors.As(err, &de) || de.Format != f {
						t.Fatalf("%v pos %d: error %v (%T) is not a %v *DataError", f, pos, err, err, f)
					}
					if !strings.HasPrefix(err.Error(), "corrupt "+f.String()+" data: ") && !strings.HasPrefix(err.Error(), "truncated "+f.String()+" data") &&
						!strings.HasPrefix(err.Error(), "zstd window") {
						t.Fatalf("%v pos %d: message %q", f, pos, err)
					}
					failed++
				}
			}
			t.Logf("%v, %d bytes: %d flips failed, %d were harmless metadata", f, len(z), failed, same)
			if failed == 0 {
				t.Fatalf("%v: no flip was caught", f)
			}
		}
	}
}

// TestPoolReuse alternates damaged and good archives: a pooled decoder that
// failed must decode the next stream correctly.
func TestPoolReuse(t *testing.T) {
	data := genText(150<<10, 18)
	for _, f := range []Format{Gzip, Zstd} {
		good := compressed(t, f, data, 0)
		bad := bytes.Clone(good)
		bad[len(bad)/2] ^= 0x55
		for i := 0; i < 20; i++ {
			if _, _, err := readAll(bad, nil, nil); err == nil {
				t.Fatalf("%v: the damaged archive read cleanly", f)
			}
			if _, _, err := readAll(good[:len(good)-i-1], nil, nil); err == nil {
				t.Fatalf("%v: the truncated archive read cleanly", f)
			}
			got, _, err := readAll(good, nil, nil)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("%v round %d: %v", f, i, err)
			}
		}
	}
}

func TestTrailingGarbage(t *testing.T) {
	data := genText(5000, 11)
	for _, f := range []Format{Gzip, Zstd} {
		for _, tail := range []string{"garbage after the archive", "\x00\x00\x00\x00\x00\x00\x00\x00", "\x00", "ab"} {
			z := slices(compressed(t, f, data, 0), []byte(tail))
			got, _, err := readAll(z, nil, nil)
			if err == nil {
				t.Errorf("%v + %q: no error", f, tail)
				continue
			}
			var de *DataError
			if !errors.As(err, &de) {
				t.Errorf("%v + %q: %v is not a *DataError", f, tail, err)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("%v + %q: the data before the garbage was not all read", f, tail)
			}
		}
	}
}

func TestCorruptMessages(t *testing.T) {
	data := genText(5000, 12)
	gz := compressed(t, Gzip, data, 0)
	gz[len(gz)-8] ^= 1 // CRC-32
	zs := compressed(t, Zstd, data, 0)
	zs[len(zs)-1] ^= 1 // xxhash checksum
	for _, tc := range []struct {
		z    []byte
		want string
	}{
		{gz, "corrupt gzip data: invalid checksum"},
		{[]byte("\x1f\x8b\x07\x00\x00\x00\x00\x00\x00\x00"), "corrupt gzip data: invalid header"},
		{zs, "corrupt zstd data: "},
	} {
		_, _, err := readAll(tc.z, nil, nil)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || !errors.Is(err, ErrCorrupt) || errors.Is(err, ErrTruncated) {
			t.Errorf("error %v, want one starting %q matching ErrCorrupt", err, tc.want)
		}
	}
}

// zstdHeaderWindow returns a zstd frame of one empty last block whose header
// declares a window of 1<<log bytes.
func zstdHeaderWindow(log int) []byte {
	return []byte{0x28, 0xb5, 0x2f, 0xfd, 0x00, byte(log-10) << 3, 0x01, 0x00, 0x00}
}

func TestZstdWindowLimit(t *testing.T) {
	if !testing.Short() { // the decoder allocates the window
		got, _, err := readAll(zstdHeaderWindow(27), nil, nil)
		if err != nil || len(got) != 0 {
			t.Fatalf("a 128 MiB window: %q, %v; want it accepted", got, err)
		}
	}
	_, _, err := readAll(zstdHeaderWindow(28), nil, nil)
	if !errors.Is(err, zstd.ErrWindowSizeExceeded) || !strings.Contains(err.Error(), "128 MiB") {
		t.Fatalf("a 256 MiB window: %v; want the limit error", err)
	}
	var de *DataError
	if !errors.As(err, &de) || de.Format != Zstd || de.Truncated {
		t.Fatalf("a 256 MiB window: %#v", err)
	}
	// A single-segment frame's window is its content size.
	hdr := []byte{0x28, 0xb5, 0x2f, 0xfd, 0xe0} // single segment, 8-byte content size
	hdr = binary.LittleEndian.AppendUint64(hdr, 1<<30)
	_, _, err = readAll(append(hdr, 0x01, 0x00, 0x00), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "128 MiB") {
		t.Fatalf("a single-segment frame of 1 GiB: %v; want the limit error", err)
	}
}

var errBoom = errors.New("boom: input/output error")

// TestSourceErrors: an error from the source comes back as it is, not as
// bad data, wherever it happens.
func TestSourceErrors(t *testing.T) {
	data := genText(100<<10, 13)
	for _, f := range []Format{None, Gzip, Zstd} {
		z := compressed(t, f, data, 0)
		for _, at := range []int{0, 1, 3, 10, len(z) / 2, len(z) - 1} {
			src := io.MultiReader(bytes.NewReader(z[:at]), iotest.ErrReader(errBoom))
			r, _, err := NewReader(src)
			if err == nil {
				_, err = io.Copy(io.Discard, r)
				r.Close()
			}
			var de *DataError
			if !errors.Is(err, errBoom) || errors.As(err, &de) {
				t.Errorf("%v, error after %d bytes: got %v, want %v", f, at, err, errBoom)
			}
		}
	}
	// A cancelled context, the way the batch reads.
	ctx, cancel := context.WithCancel(context.Background())
	z := compressed(t, Zstd, data, 0)
	r, _, err := NewReader(ctxReader{ctx, bytes.NewReader(z)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Read(make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := io.Copy(io.Discard, r); !errors.Is(err, context.Canceled) {
		t.Fatalf("after cancel: %v", err)
	}
}

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if len(p) > 100 {
		p = p[:100] // small reads, so that the cancel lands mid-stream
	}
	return c.r.Read(p)
}

func TestStickyErrorsAndClose(t *testing.T) {
	z := compressed(t, Gzip, genText(10000, 14), 0)
	r, _, err := NewReader(bytes.NewReader(z[:len(z)/2]))
	if err != nil {
		t.Fatal(err)
	}
	_, err1 := io.Copy(io.Discard, r)
	n, err2 := r.Read(make([]byte, 100))
	if err1 == nil || n != 0 || err2 != err1 {
		t.Fatalf("errors %v then %d, %v; want the same error again", err1, n, err2)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := r.Read(make([]byte, 1)); err == nil {
		t.Fatal("Read after Close succeeded")
	}
	// EOF is sticky too.
	r, _, _ = NewReader(bytes.NewReader(compressed(t, Zstd, []byte("abc"), 0)))
	io.ReadAll(r)
	if n, err := r.Read(make([]byte, 10)); n != 0 || err != io.EOF {
		t.Fatalf("Read after EOF: %d, %v", n, err)
	}
	r.Close()
}

func TestWriterClose(t *testing.T) {
	for _, f := range []Format{None, Gzip, Zstd} {
		var buf bytes.Buffer
		w, err := NewWriter(&buf, f)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("abc"))
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatalf("%v: second Close: %v", f, err)
		}
		if f != None {
			if _, err := w.Write([]byte("more")); err == nil {
				t.Fatalf("%v: Write after Close succeeded", f)
			}
		}
		got, _, err := readAll(buf.Bytes(), nil, nil)
		if err != nil || string(got) != "abc" {
			t.Fatalf("%v: %q, %v", f, got, err)
		}
	}
	if _, err := NewWriter(io.Discard, Format(42)); err == nil {
		t.Fatal("NewWriter with an unknown format succeeded")
	}
}

type errWriter struct{ n int }

func (w *errWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errBoom
	}
	return len(p), nil
}

func TestWriterErrors(t *testing.T) {
	data := randomBytes(1<<20, 15)
	for _, f := range []Format{Gzip, Zstd} {
		w, _ := NewWriter(&errWriter{n: 1000}, f)
		_, err := w.Write(data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if !errors.Is(err, errBoom) {
			t.Fatalf("%v: %v, want %v", f, err, errBoom)
		}
		// The pooled compressor that saw the error works again.
		for i := 0; i < 3; i++ {
			z := compressed(t, f, data[:5000], 0)
			if got, _, err := readAll(z, nil, nil); err != nil || !bytes.Equal(got, data[:5000]) {
				t.Fatalf("%v after an error: %v", f, err)
			}
		}
	}
}

// TestPooledWritersAreIndependent writes many outputs at once from several
// goroutines: pooled compressors must not share state.
func TestPooledWritersAreIndependent(t *testing.T) {
	const n = 16
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			f := []Format{Gzip, Zstd}[i%2]
			data := genText(20000+i*1000, uint64(i))
			var buf bytes.Buffer
			w, _ := NewWriter(&buf, f)
			for j := 0; j < len(data); j += 999 {
				w.Write(data[j:min(j+999, len(data))])
				runtime.Gosched()
			}
			w.Close()
			got, _, err := readAll(buf.Bytes(), nil, nil)
			if err == nil && !bytes.Equal(got, data) {
				err = fmt.Errorf("writer %d: output differs", i)
			}
			errs <- err
		}()
	}
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// TestNoGoroutines: readers and writers work on the caller's goroutine, so
// a batch with many open files does not start goroutines per file.
func TestNoGoroutines(t *testing.T) {
	data := genText(300<<10, 16)
	zs := map[Format][]byte{Gzip: compressed(t, Gzip, data, 0), Zstd: compressed(t, Zstd, data, 0)}
	before := runtime.NumGoroutine()
	var open []io.Closer
	for i := 0; i < 20; i++ {
		for _, f := range []Format{Gzip, Zstd} {
			r, _, err := NewReader(bytes.NewReader(zs[f]))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.ReadFull(r, make([]byte, 100<<10)); err != nil {
				t.Fatal(err)
			}
			w, _ := NewWriter(io.Discard, f)
			w.Write(data[:100<<10])
			open = append(open, r, w)
		}
	}
	if now := runtime.NumGoroutine(); now > before {
		t.Errorf("%d goroutines with 80 open readers and writers, %d before", now, before)
	}
	for _, c := range open {
		c.Close()
	}
}

// TestReadMemory: decompressing a large stream allocates about the window,
// whatever the size of the data.
func TestReadMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	data := genText(24<<20, 17)
	for _, tc := range []struct {
		f     Format
		limit uint64
	}{{Gzip, 1 << 20}, {Zstd, 12 << 20}} {
		z := compressed(t, tc.f, data, 0)
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		r, _, err := NewReader(bytes.NewReader(z))
		if err != nil {
			t.Fatal(err)
		}
		n, err := io.CopyBuffer(io.Discard, r, make([]byte, 32<<10))
		r.Close()
		runtime.ReadMemStats(&m1)
		if err != nil || n != int64(len(data)) {
			t.Fatalf("%v: %d bytes, %v", tc.f, n, err)
		}
		alloc := m1.TotalAlloc - m0.TotalAlloc
		t.Logf("%v: reading %d MiB allocated %.2f MiB", tc.f, len(data)>>20, float64(alloc)/(1<<20))
		if alloc > tc.limit {
			t.Errorf("%v: reading allocated %d bytes, want at most %d", tc.f, alloc, tc.limit)
		}
	}
}
