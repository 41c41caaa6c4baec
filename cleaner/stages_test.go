package cleaner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"

	"github.com/artclean/artclean/internal/corpus"
)

// cleanRun is what a Clean call showed: its output, its stats, its error
// and every hook call in order.
type cleanRun struct {
	out   string
	stats Stats
	err   error
	log   []string
}

// cleanLogged cleans src with every hook set, the stages apart after
// after bytes (one goroutine throughout when negative).
func cleanLogged(t *testing.T, c *Cleaner, dst io.Writer, src io.Reader, after int) cleanRun {
	t.Helper()
	defer func(n int) { readAheadAfter = n }(readAheadAfter)
	readAheadAfter = after
	if after < 0 {
		readAheadAfter = math.MaxInt
	}
	var run cleanRun
	logf := func(format string, a ...any) { run.log = append(run.log, fmt.Sprintf(format, a...)) }
	h := Hooks{
		Removal: func(r Removal) { logf("removal %+v", r) },
		Event: func(e Event) {
			// The pointers' targets, not their addresses.
			var rm Removal
			var g Guarded
			if e.Removal != nil {
				rm = *e.Removal
			}
			if e.Guard != nil {
				g = *e.Guard
			}
			e.Removal, e.Guard = nil, nil
			logf("event %+v %+v %+v", e, rm, g)
		},
		DocEnd: func(ds DocStats) { logf("docend %+v", ds) },
		Guard:  func(g Guarded) { logf("guard %+v", g) },
		Kept:   func(line int, text []byte) { logf("kept %d %q", line, text) },
	}
	var out bytes.Buffer
	if dst == nil {
		dst = &out
	}
	run.stats, run.err = c.Clean(dst, src, &h)
	run.out = out.String()
	return run
}

// stagesInputs are texts that take every path of the stages: separators
// with documents in other languages, long lines, mojibake, invalid UTF-8,
// NBSP, CRLF and lone CR, a guarded document, blank runs.
func stagesInputs(t *testing.T) map[string]string {
	t.Helper()
	var gen bytes.Buffer
	if _, err := corpus.Generate(&gen, corpus.Options{Seed: 7, Size: 600 << 10, Format: corpus.FormatText}); err != nil {
		t.Fatal(err)
	}
	var dev []string
	for _, lang := range []string{"en", "de"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "devset", lang, "*.txt"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			dev = append(dev, string(b))
		}
	}
	if len(dev) == 0 {
		t.Fatal("no devset documents")
	}
	odd := "Zaﾅｼﾃｳﾅつ gﾄ凖嘸ｺ jaﾅｺniﾄ\x87.\r\nTekst\u00a0z\u00a0twardymi spacjami\rI\xff\xfe zły bajt.\n\n\nReklama\n" +
		strings.Repeat("Bardzo długa linia bez końca ", 5000) + "\nREKLAMA\n"
	docs := append([]string{gen.String()[:200<<10], odd}, dev...)
	return map[string]string{
		"corpus":     gen.String(),
		"separated":  strings.Join(append(docs, docs...), "\n---\n"),
		"odd":        strings.Repeat(odd, 40),
		"long-first": strings.Repeat("x", 3*maxLine) + "\n" + gen.String()[:100<<10],
	}
}

// TestStagesSameAsOneGoroutine: whatever the point where the stages go
// apart, the output, the stats and the hooks' calls, in order, are those of
// cleaning on one goroutine.
func TestStagesSameAsOneGoroutine(t *testing.T) {
	cleaners := map[string][]Option{
		"default":   nil,
		"separator": {WithSeparator("---")},
		"pages":     {WithSeparator("---"), WithPages()},
		"no-guard":  {WithSeparator("---"), WithoutGuard()},
		// Three judges: batches judged out of order, taken in order.
		"judges": {WithSeparator("---"), WithCores(4)},
	}
	for cname, opts := range cleaners {
		c, err := New(opts...)
		if err != nil {
			t.Fatal(err)
		}
		for name, in := range stagesInputs(t) {
			// Reads of odd sizes move where lines and batches break (and
			// where a long line is cut into pieces, which Kept shows).
			want := cleanLogged(t, c, nil, iotest.HalfReader(strings.NewReader(in)), -1)
			for _, after := range []int{0, 1000, 150 << 10} {
				src := iotest.HalfReader(strings.NewReader(in))
				got := cleanLogged(t, c, nil, src, after)
				if got.err != nil || want.err != nil {
					t.Fatalf("%s/%s: errors %v, %v", cname, name, got.err, want.err)
				}
				if got.out != want.out {
					t.Errorf("%s/%s, apart after %d: output differs from one goroutine's", cname, name, after)
				}
				if got.stats != want.stats {
					t.Errorf("%s/%s, apart after %d: stats %+v, want %+v", cname, name, after, got.stats, want.stats)
				}
				if i := firstLogDiff(got.log, want.log); i >= 0 {
					t.Errorf("%s/%s, apart after %d: hook call %d of %d differs:\n%.300s\nwant\n%.300s", cname, name, after, i, len(got.log), at(got.log, i), at(want.log, i))
				}
			}
		}
	}
}

// firstDiff returns the first index where a and b differ, or -1.
func firstLogDiff(a, b []string) int {
	for i := range max(len(a), len(b)) {
		if at(a, i) != at(b, i) || i >= len(a) || i >= len(b) {
			return i
		}
	}
	return -1
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(none)"
}

// failAfter fails every write once n bytes are written.
type failAfter struct{ n int }

var errFull = errors.New("disk full")

func (w *failAfter) Write(p []byte) (int, error) {
	if w.n < len(p) {
		k := max(w.n, 0)
		w.n = -1
		return k, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// watchedReader counts reads and fails the test on a read after Clean has
// returned: the input is the caller's then.
type watchedReader struct {
	r        io.Reader
	returned atomic.Bool
	reads    atomic.Int64
	t        *testing.T
}

func (w *watchedReader) Read(p []byte) (int, error) {
	if w.returned.Load() {
		w.t.Error("the input was read after Clean returned")
	}
	w.reads.Add(1)
	return w.r.Read(p)
}

// TestStagesWriteError: a failed write stops every stage; Clean returns
// the error and reads nothing after it has returned.
func TestStagesWriteError(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	in := stagesInputs(t)["corpus"]
	for _, n := range []int{10, 70 << 10, 300 << 10} {
		src := &watchedReader{r: iotest.HalfReader(strings.NewReader(in)), t: t}
		run := cleanLogged(t, c, &failAfter{n: n}, src, 0)
		src.returned.Store(true)
		if !errors.Is(run.err, errFull) {
			t.Errorf("write failing after %d bytes: error %v, want %v", n, run.err, errFull)
		}
	}
}

// TestStagesReadError: a failed read ends the output where one goroutine
// ends it, with the same error.
func TestStagesReadError(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	in := stagesInputs(t)["corpus"]
	errRead := errors.New("device gone")
	src := func() io.Reader {
		return io.MultiReader(strings.NewReader(in[:400<<10]), iotest.ErrReader(errRead))
	}
	want := cleanLogged(t, c, nil, src(), -1)
	got := cleanLogged(t, c, nil, src(), 0)
	if !errors.Is(got.err, errRead) || !errors.Is(want.err, errRead) {
		t.Fatalf("errors %v and %v, want %v", got.err, want.err, errRead)
	}
	if got.out != want.out || !reflect.DeepEqual(got.log, want.log) {
		t.Error("output or hook calls before the read error differ from one goroutine's")
	}
}

// inStepReader is a source that says its reads and the writes go together.
type inStepReader struct{ io.Reader }

func (inStepReader) ReadInStep() {}

// TestStagesInStep: a source that says its reads and the writes go
// together is read on one goroutine, in step with the writes, however long;
// any other long one is cleaned in stages.
func TestStagesInStep(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	in := stagesInputs(t)["corpus"]
	for _, inStep := range []bool{true, false} {
		var src io.Reader = strings.NewReader(in)
		if inStep {
			src = inStepReader{src}
		}
		before := stagesRun.Load()
		if run := cleanLogged(t, c, nil, src, 0); run.err != nil {
			t.Fatal(run.err)
		}
		if ran := stagesRun.Load() > before; ran == inStep {
			t.Errorf("in-step source %v: cleaned in stages %v", inStep, ran)
		}
	}
}

// TestStagesOneCore: WithCores(1) keeps a long stream on one goroutine.
func TestStagesOneCore(t *testing.T) {
	for _, cores := range []int{1, 2} {
		c, err := New(WithCores(cores))
		if err != nil {
			t.Fatal(err)
		}
		before := stagesRun.Load()
		if run := cleanLogged(t, c, nil, strings.NewReader(stagesInputs(t)["corpus"]), 0); run.err != nil {
			t.Fatal(run.err)
		}
		if ran := stagesRun.Load() > before; ran != (cores > 1) {
			t.Errorf("WithCores(%d): cleaned in stages %v", cores, ran)
		}
	}
	if _, err := New(WithCores(-1)); err == nil {
		t.Error("WithCores(-1): no error")
	}
}

// TestEmptyDocumentRace: an empty document reads no rules while another
// goroutine builds every pack's (go test -race).
func TestEmptyDocumentRace(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan bool)
	go func() {
		ok := true
		for {
			select {
			case <-stop:
				done <- ok
				return
			default:
			}
			ok = ok && c.CleanString("") == ""
		}
	}()
	// No language: every pack's rules are built now.
	c.CleanString("1234 5678\n")
	close(stop)
	if !<-done {
		t.Error("an empty document came out not empty")
	}
}
