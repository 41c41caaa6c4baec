package cleaner

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// The memory bound: a 1 GiB input, in three shapes that defeat line- or
// paragraph-buffering, is cleaned in a child process whose peak RSS must stay
// under 64 MiB, and its output must be exactly what is expected: nothing lost.
const (
	memBoundInput = 1 << 30
	memBoundRSS   = 64 << 20
)

// memBoundShapes: each repeats in (input unit) and out (its clean form);
// tail is what the end of the output loses (the final separator).
var memBoundShapes = map[string]struct{ in, out, tail string }{
	// Many paragraphs with ad markers between them.
	"paragraphs": {"Prezydenci Rosji i Białorusi złożyli wizytę.\n\nReklama\n\n", "Prezydenci Rosji i Białorusi złożyli wizytę.\n\n", "\n"},
	// No line break at all: one 1 GiB line.
	"no-newline": {"słowo  ąę\u00a0", "słowo ąę ", " "},
	// One 1 GiB paragraph of short lines, ad markers inside it.
	"one-paragraph": {"Linia artykułu z ąę.\nReklama\n", "Linia artykułu z ąę.\n", ""},
}

func TestMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("cleans 3 GiB; skipped with -short")
	}
	if runtime.GOOS != "linux" {
		t.Skip("reads the child's peak RSS from /proc/self/status")
	}
	for name := range memBoundShapes {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryBoundChild$", "-test.v")
			cmd.Env = append(os.Environ(), "ARTCLEAN_MEMBOUND_SHAPE="+name)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child failed: %v\n%s", err, out)
			}
			// The child reports its own VmHWM. rusage's Maxrss is no good
			// here: Go starts children with vfork, and Linux folds the
			// parent's high-water mark into the child's at exec, so a
			// parent that once grew (other tests) would be measured.
			m := regexp.MustCompile(`membound ok: VmHWM (\d+) kB`).FindSubmatch(out)
			if m == nil {
				t.Fatalf("child did not run the check:\n%s", out)
			}
			kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
			rss := kb << 10
			t.Logf("%s: peak RSS %.1f MiB", name, float64(rss)/(1<<20))
			if rss > memBoundRSS {
				t.Errorf("%s: peak RSS %d MiB, bound %d MiB", name, rss>>20, memBoundRSS>>20)
			}
		})
	}
}

// TestMemoryBoundChild is the child half of TestMemoryBound.
func TestMemoryBoundChild(t *testing.T) {
	name := os.Getenv("ARTCLEAN_MEMBOUND_SHAPE")
	if name == "" {
		t.Skip("run by TestMemoryBound")
	}
	shape := memBoundShapes[name]
	n := memBoundInput / len(shape.in)
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	last := strings.TrimSuffix(shape.out, shape.tail)
	if !strings.HasSuffix(last, "\n") {
		last += "\n"
	}
	check := &patternWriter{unit: shape.out, units: n, lastUnit: last}
	if _, err := c.Clean(check, &repeatReader{unit: shape.in, n: n}, nil); err != nil {
		t.Fatal(err)
	}
	if err := check.done(); err != nil {
		t.Fatal(err)
	}
	hwm, err := peakRSS()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("membound ok: VmHWM %d kB\n", hwm)
}

// peakRSS reads this process's resident-set high-water mark, in kB, from
// /proc/self/status: it belongs to the address space made at exec.
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
	for len(p) > 0 {
		if r.n == 0 {
			if total == 0 {
				return 0, io.EOF
			}
			break
		}
		k := copy(p, r.unit[r.off:])
		p, total, r.off = p[k:], total+k, r.off+k
		if r.off == len(r.unit) {
			r.off, r.n = 0, r.n-1
		}
	}
	return total, nil
}

// patternWriter checks, while streaming, that what is written is unit
// repeated units-1 times followed by lastUnit.
type patternWriter struct {
	unit, lastUnit string
	units          int
	pos            int64 // bytes checked
	err            error
}

func (w *patternWriter) expectedAt(i int64) (byte, bool) {
	u := int64(len(w.unit))
	full := int64(w.units-1) * u
	if i < full {
		return w.unit[i%u], true
	}
	if i-full < int64(len(w.lastUnit)) {
		return w.lastUnit[i-full], true
	}
	return 0, false
}

func (w *patternWriter) Write(p []byte) (int, error) {
	for _, b := range p {
		if w.err != nil {
			break
		}
		want, ok := w.expectedAt(w.pos)
		if !ok || want != b {
			w.err = fmt.Errorf("output differs at byte %d: got %q, want %q (in range %v)", w.pos, b, want, ok)
		}
		w.pos++
	}
	return len(p), nil
}

func (w *patternWriter) done() error {
	if w.err != nil {
		return w.err
	}
	if total := int64(w.units-1)*int64(len(w.unit)) + int64(len(w.lastUnit)); w.pos != total {
		return fmt.Errorf("output has %d bytes, want %d: something was lost", w.pos, total)
	}
	return nil
}
