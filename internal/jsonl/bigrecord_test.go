package jsonl

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/artclean/artclean/cleaner"
)

// bigRecordSize is the length of the one record TestBigRecordMemory cleans.
const bigRecordSize = 100 << 20

// bigRecordShapes: a record {"id":1,"text":"<unit repeated>"} and the
// field's value once cleaned (out units; "" when the record must come out
// byte-identical). tooLong shapes set MaxRecord below the record's length.
var bigRecordShapes = map[string]struct {
	unit, last, out string // the text is unit repeated, then last
	maxRecord       int
}{
	// Every other line an ad marker: the field changes all along.
	"changed": {`Linia artykułu z \"ąę\".\nReklama\n`, "", `Linia artykułu z \"ąę\".\n`, 0},
	// json.dumps (ensure_ascii) escapes: the changed text keeps them.
	"changed-ascii": {`Linia artyku\u0142u z \"\u0105\u0119\".\nReklama\n`, "", `Linia artyku\u0142u z \"\u0105\u0119\".\n`, 0},
	// Nothing to clean: the record must come out as it came.
	"unchanged": {`Linia artyku\u0142u z \"\u0105\u0119\" \/ ąę.\n`, "Koniec.", "", 0},
	// Over MaxRecord: passed through, never held whole.
	"too-long": {`Linia artykułu z \"ąę\".\nReklama\n`, "", "", 16 << 20},
}

// TestBigRecordMemory cleans one 100 MiB record in a child process and
// bounds the child's peak RSS: the record is held once, and cleaning it
// costs little more (about twice the record in all, Go's collector
// included). The output is checked while it streams.
func TestBigRecordMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("cleans 400 MiB of records; skipped with -short")
	}
	if runtime.GOOS != "linux" {
		t.Skip("reads the child's peak RSS from /proc/self/status")
	}
	for _, name := range []string{"changed", "changed-ascii", "unchanged", "too-long"} {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBigRecordMemoryChild$", "-test.v")
			cmd.Env = append(os.Environ(), "ARTCLEAN_BIGRECORD_SHAPE="+name)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child failed: %v\n%s", err, out)
			}
			m := regexp.MustCompile(`bigrecord ok: VmHWM (\d+) kB, base (\d+) kB, peak heap (\d+) B, allocated (\d+) B`).FindSubmatch(out)
			if m == nil {
				t.Fatalf("child did not run the check:\n%s", out)
			}
			num := func(b []byte) float64 { n, _ := strconv.ParseInt(string(b), 10, 64); return float64(n) }
			rss, base, heap, alloc := num(m[1])*1024, num(m[2])*1024, num(m[3]), num(m[4])
			t.Logf("%s: peak RSS %.0f MiB (%.0f MiB before), peak heap %.0f MiB, allocated %.0f MiB, for a %d MiB record",
				name, rss/(1<<20), base/(1<<20), heap/(1<<20), alloc/(1<<20), bigRecordSize>>20)
			bound := 2.0 * bigRecordSize
			if max := bigRecordShapes[name].maxRecord; max > 0 {
				bound = 3.0 * float64(max)
			}
			if rss-base > bound {
				t.Errorf("%s: peak RSS grew by %.0f MiB, bound %.0f MiB", name, (rss-base)/(1<<20), bound/(1<<20))
			}
		})
	}
}

// TestBigRecordMemoryChild is the child half of TestBigRecordMemory.
func TestBigRecordMemoryChild(t *testing.T) {
	name := os.Getenv("ARTCLEAN_BIGRECORD_SHAPE")
	if name == "" {
		t.Skip("run by TestBigRecordMemory")
	}
	shape := bigRecordShapes[name]
	const head, tail = `{"id":1,"text":"`, `"}` + "\n"
	n := (bigRecordSize - len(head) - len(shape.last) - len(tail)) / len(shape.unit)
	in := func() io.Reader {
		return io.MultiReader(strings.NewReader(head), &repeatReader{unit: shape.unit, n: n}, strings.NewReader(shape.last), strings.NewReader(tail))
	}
	want := in()
	if shape.out != "" {
		last := strings.TrimSuffix(shape.out, `\n`)
		want = io.MultiReader(strings.NewReader(head), &repeatReader{unit: shape.out, n: n - 1},
			strings.NewReader(last), strings.NewReader(tail))
	}
	c, err := cleaner.New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(c, Options{MaxRecord: shape.maxRecord})
	if err != nil {
		t.Fatal(err)
	}
	// Warm up on a small record, so that the base RSS holds the cleaner's
	// own buffers.
	if _, err := p.Process(io.Discard, strings.NewReader(head+shape.unit+tail)); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	base, err := peakRSS()
	if err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	alloc0 := ms.TotalAlloc
	var peakHeap atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64() + s[1].Value.Uint64(); v > peakHeap.Load() {
				peakHeap.Store(v)
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	check := &expectWriter{want: want}
	st, err := p.Process(check, in())
	close(stop)
	<-sampled
	if err != nil {
		t.Fatal(err)
	}
	if err := check.done(); err != nil {
		t.Fatal(err)
	}
	if st.Records != 1 || (shape.maxRecord > 0) != (st.TooLong == 1) {
		t.Fatalf("stats %+v", st)
	}
	runtime.ReadMemStats(&ms)
	hwm, err := peakRSS()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("bigrecord ok: VmHWM %d kB, base %d kB, peak heap %d B, allocated %d B\n", hwm, base, peakHeap.Load(), ms.TotalAlloc-alloc0)
}

// peakRSS reads this process's resident-set high-water mark, in kB.
func peakRSS() (int64, error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}

// repeatReader yields unit n times without holding more than one unit.
type repeatReader struct {
	unit string
	n    int
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 && r.n > 0 {
		k := copy(p, r.unit[r.off:])
		p, total, r.off = p[k:], total+k, r.off+k
		if r.off == len(r.unit) {
			r.off, r.n = 0, r.n-1
		}
	}
	if total == 0 {
		return 0, io.EOF
	}
	return total, nil
}

// expectWriter checks that what is written is what want reads.
type expectWriter struct {
	want io.Reader
	off  int64
	buf  []byte
	err  error
}

func (w *expectWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	for rest := p; len(rest) > 0; {
		k := min(len(rest), 64<<10)
		if cap(w.buf) < k {
			w.buf = make([]byte, 64<<10)
		}
		got, err := io.ReadFull(w.want, w.buf[:k])
		if !bytes.Equal(w.buf[:got], rest[:got]) || err != nil {
			i := 0
			for i < got && w.buf[i] == rest[i] {
				i++
			}
			w.err = fmt.Errorf("output differs at byte %d: got %.40q, want %.40q (%v)", w.off+int64(i), rest[i:], w.buf[i:got], err)
			return 0, w.err
		}
		w.off += int64(k)
		rest = rest[k:]
	}
	return len(p), nil
}

func (w *expectWriter) done() error {
	if w.err != nil {
		return w.err
	}
	if n, _ := io.Copy(io.Discard, w.want); n > 0 {
		return fmt.Errorf("output ends %d bytes early, at %d", n, w.off)
	}
	return nil
}
