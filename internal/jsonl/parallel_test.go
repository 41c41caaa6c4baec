package jsonl

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/corpus"
)

// parallelInput is generated records mixed with every kind of line Process
// tells apart: blank lines, invalid JSON, records without the field or with
// it as another type, records the guard keeps whole or in part, empty
// fields, lone surrogates, json.dumps escapes, CRLF, records over
// maxDecoded and over MaxRecord (as the test sets them), and a last line
// without a line end. lead records without the field come first.
func parallelInput(t testing.TB, size int64, lead int) []byte {
	t.Helper()
	var gen bytes.Buffer
	if _, err := corpus.Generate(&gen, corpus.Options{Seed: 7, Size: size, Format: corpus.FormatJSONL}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for i := range lead {
		fmt.Fprintf(&out, "{\"id\":%d,\"body\":\"none\"}\n", -i)
	}
	long := strings.Repeat("Zdanie artykułu, które się ciągnie. ", 400)  // over maxDecoded below
	huge := strings.Repeat("Zdanie artykułu, które się ciągnie. ", 3000) // over MaxRecord below
	i := 0
	for line := range bytes.Lines(gen.Bytes()) {
		i++
		rec := bytes.TrimSuffix(line, []byte("\n"))
		switch i % 29 {
		case 3:
			out.WriteString("\n  \r\n")
		case 5:
			out.WriteString("{\"id\":" + strconv.Itoa(i) + ", \"text\": broken\n")
		case 7:
			fmt.Fprintf(&out, "{\"id\":%d,\"body\":\"no text\"}\n", i)
		case 9:
			fmt.Fprintf(&out, "{\"id\":%d,\"text\":42,\"title\":null,\"meta\":{\"x\":[1]}}\n", i)
		case 11:
			// The rules would empty it: the guard keeps it whole.
			fmt.Fprintf(&out, "{\"id\":%d,\"text\":\"Reklama\\n\\nREKLAMA\\n\\nCzytaj więcej: Inny tekst\"}\n", i)
		case 13:
			fmt.Fprintf(&out, "{\"id\":%d,\"text\":\"\",\"title\":\"Reklama\"}\n", i)
		case 15:
			fmt.Fprintf(&out, "{\"id\":%d,\"text\":\"Tekst x\\ud800y.\\nReklama\\nKoniec.\"}\n", i)
		case 17:
			fmt.Fprintf(&out, "{\"id\":%d,\"text\":\"%s\\nReklama\\n%s\"}\n", i, long, long[:100])
		case 19:
			if i%58 == 19 {
				fmt.Fprintf(&out, "{\"id\":%d,\"text\":\"%s\"}\n", i, huge)
			}
		case 21:
			// A span over the guard's bound: kept in place.
			fmt.Fprintf(&out, "{\"id\":%d,\"text\":\"Akapit.\\nCzytaj też: %s\\nKoniec.\"}\n", i, long[:3000])
		}
		if i%3 == 0 {
			rec = asciiEscaped(rec)
		}
		// A title on some records, for several fields.
		if i%4 == 1 {
			rec = append([]byte(`{"title":"Reklama\nTytuł, REKLAMA",`), rec[1:]...)
		}
		if i%10 == 0 {
			rec = append(rec, '\r')
		}
		out.Write(rec)
		out.WriteByte('\n')
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n"))
}

// asciiEscaped writes every non-ASCII character of rec as json.dumps does.
func asciiEscaped(rec []byte) []byte {
	var b []byte
	for _, r := range string(rec) {
		switch {
		case r < 0x80:
			b = append(b, byte(r))
		case r > 0xffff:
			r -= 0x10000
			b = fmt.Appendf(b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
		default:
			b = fmt.Appendf(b, `\u%04x`, r)
		}
	}
	return b
}

// warmCleaner returns a Cleaner whose rules for documents of no known
// language are built. The cleaner reads them unguarded at the end of an
// empty document (startDoc's d.m = &d.c.matchers, then markWholeDoc) while
// another goroutine may be building them (allMatchers): a data race of the
// cleaner's own, between any two goroutines cleaning with one Cleaner, that
// go test -race would blame on the workers here.
func warmCleaner(t testing.TB, opts ...cleaner.Option) *cleaner.Cleaner {
	t.Helper()
	c, err := cleaner.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	c.CleanString("1234 5678\n")
	return c
}

// goid is the calling goroutine's id.
func goid() string {
	var buf [64]byte
	s := string(buf[:runtime.Stack(buf[:], false)])
	s = strings.TrimPrefix(s, "goroutine ")
	return s[:strings.IndexByte(s, ' ')]
}

// callLog is every callback Process makes, in order, with its values, as
// the CLI's would see them: Hooks' record and line are kept in variables
// the hooks read, as the CLI's tallies do (which is not safe for
// concurrent calls: go test -race tells).
type callLog struct {
	calls        []string
	record, line int
	caller       string // the goroutine that calls Process
	t            testing.TB
}

func (l *callLog) add(format string, args ...any) {
	l.calls = append(l.calls, fmt.Sprintf(format, args...))
}

func (l *callLog) onCaller(what string) {
	if g := goid(); g != l.caller {
		l.t.Errorf("%s called on goroutine %s, not the caller's %s", what, g, l.caller)
	}
}

// hookSet says which callbacks a test sets.
type hookSet struct {
	callbacks bool // OnRecord, OnBadLine, OnNoString, OnFieldMissing
	hooks     bool
	event     bool
	kept      bool
	omitText  bool
}

func (l *callLog) options(opts Options, hs hookSet) Options {
	if hs.callbacks {
		opts.OnRecord = func(record, line int, body []byte) {
			l.onCaller("OnRecord")
			l.add("record %d %d %q", record, line, body)
		}
		opts.OnBadLine = func(line int, err error) { l.add("bad %d %v", line, err) }
		opts.OnNoString = func(line int) { l.add("nostring %d", line) }
		opts.OnFieldMissing = func(line int, field, reason string) { l.add("missing %d %s %s", line, field, reason) }
	}
	if !hs.hooks {
		return opts
	}
	h := cleaner.Hooks{
		Removal: func(r cleaner.Removal) { l.add("removal %d %d %+v", l.record, l.line, r) },
		DocEnd:  func(ds cleaner.DocStats) { l.add("docend %d %d %+v", l.record, l.line, ds) },
		Guard:   func(g cleaner.Guarded) { l.add("guard %d %d %+v", l.record, l.line, g) },
	}
	h.OmitText = hs.omitText
	if hs.event {
		h.Event = func(e cleaner.Event) {
			rm, g := e.Removal, e.Guard
			e.Removal, e.Guard = nil, nil
			s := fmt.Sprintf("event %d %d %+v", l.record, l.line, e)
			if rm != nil {
				s += fmt.Sprintf(" removal %+v", *rm)
			}
			if g != nil {
				s += fmt.Sprintf(" guard %+v", *g)
			}
			l.add("%s", s)
		}
	}
	if hs.kept {
		h.Kept = func(line int, text []byte) { l.add("kept %d %d %d %q", l.record, l.line, line, text) }
	}
	opts.Hooks = func(record, line int) cleaner.Hooks {
		l.onCaller("Hooks")
		l.record, l.line = record, line
		l.add("hooks %d %d", record, line)
		return h
	}
	return opts
}

// run is one Process call and all it told.
type run struct {
	out   string
	st    Stats
	err   error
	calls []string
}

func runProcess(t testing.TB, c *cleaner.Cleaner, opts Options, hs hookSet, workers int, src io.Reader) run {
	t.Helper()
	l := &callLog{caller: goid(), t: t}
	opts = l.options(opts, hs)
	opts.Workers = workers
	p, err := New(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	st, err := p.Process(&out, src)
	return run{out.String(), st, err, l.calls}
}

// sameRun reports how got differs from want.
func sameRun(t *testing.T, got, want run) {
	t.Helper()
	if got.out != want.out {
		t.Errorf("output differs: %d bytes, want %d; first difference at byte %d", len(got.out), len(want.out), firstDiff(got.out, want.out))
	}
	if !reflect.DeepEqual(got.st, want.st) {
		t.Errorf("stats\n%+v\nwant\n%+v", got.st, want.st)
	}
	if fmt.Sprint(got.err) != fmt.Sprint(want.err) {
		t.Errorf("error %v, want %v", got.err, want.err)
	}
	if len(got.calls) != len(want.calls) {
		t.Errorf("%d calls, want %d", len(got.calls), len(want.calls))
	}
	for i := range min(len(got.calls), len(want.calls)) {
		if got.calls[i] != want.calls[i] {
			t.Errorf("call %d:\n%.300s\nwant\n%.300s", i, got.calls[i], want.calls[i])
			break
		}
	}
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// small makes batches, maxDecoded and MaxRecord small, so that a test
// input of a few hundred KiB takes many batches and some records take the
// sequential path.
func small(t *testing.T) {
	defer func(b, d int) {
		t.Cleanup(func() { batchSize, maxDecoded = b, d })
	}(batchSize, maxDecoded)
	batchSize, maxDecoded = 8<<10, 12<<10
}

const smallMaxRecord = 64 << 10

// Workers change nothing: the output, the Stats and every call, in order,
// are those of the sequential path.
func TestWorkersSameAsSequential(t *testing.T) {
	small(t)
	in := parallelInput(t, 400<<10, 0)
	lead := parallelInput(t, 100<<10, 600) // no string field in the first batches
	guarded := warmCleaner(t, cleaner.WithMaxSpan(2000))
	unguarded := warmCleaner(t, cleaner.WithoutGuard()) // records of noise come out empty
	for _, tc := range []struct {
		name string
		c    *cleaner.Cleaner
		in   []byte
		opts Options
		hs   hookSet
	}{
		{"everything", guarded, in, Options{}, hookSet{callbacks: true, hooks: true, event: true, kept: true}},
		{"cli", guarded, in, Options{Fields: []string{"text", "title"}, DropEmpty: true, Bad: SkipBad}, hookSet{callbacks: true, hooks: true, omitText: true}},
		{"removal text", guarded, in, Options{Fields: []string{"title", "text", "meta.x"}}, hookSet{hooks: true}},
		{"no callbacks", guarded, in, Options{Fields: []string{"text", "/title"}, DropEmpty: true}, hookSet{}},
		{"callbacks only", guarded, in, Options{Bad: SkipBad}, hookSet{callbacks: true}},
		{"late field", guarded, lead, Options{}, hookSet{callbacks: true, hooks: true, kept: true}},
		{"drop empty", unguarded, in, Options{Fields: []string{"text", "title"}, DropEmpty: true}, hookSet{callbacks: true, hooks: true, event: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.MaxRecord = smallMaxRecord
			want := runProcess(t, tc.c, tc.opts, tc.hs, 1, bytes.NewReader(tc.in))
			if want.err != nil {
				t.Fatal(want.err)
			}
			if want.st.TooLong == 0 || want.st.Invalid == 0 || want.st.Changed == 0 || tc.hs.hooks && tc.c == guarded && !hasCall(want.calls, "guard ") ||
				tc.opts.DropEmpty && tc.c == unguarded && want.st.Dropped == 0 {
				t.Fatalf("the input misses a case: %+v", want.st)
			}
			for _, workers := range []int{2, 3, 8} {
				got := runProcess(t, tc.c, tc.opts, tc.hs, workers, bytes.NewReader(tc.in))
				sameRun(t, got, want)
			}
		})
	}
	// At the default batch size too.
	batchSize = 256 << 10
	big := parallelInput(t, 2<<20, 0)
	hs := hookSet{callbacks: true, hooks: true, event: true, kept: true}
	want := runProcess(t, guarded, Options{MaxRecord: smallMaxRecord}, hs, 1, bytes.NewReader(big))
	got := runProcess(t, guarded, Options{MaxRecord: smallMaxRecord}, hs, 2, bytes.NewReader(big))
	sameRun(t, got, want)
}

// hasCall reports whether a call starts with prefix.
func hasCall(calls []string, prefix string) bool {
	for _, c := range calls {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// FailBad stops at the first invalid record in input order, with what came
// before it written and told; a read error comes after the records read.
func TestWorkersStopInOrder(t *testing.T) {
	small(t)
	in := parallelInput(t, 300<<10, 0)
	c := warmCleaner(t)
	hs := hookSet{callbacks: true, hooks: true, kept: true}
	// The first bad line far into the input: past many batches.
	clean := bytes.ReplaceAll(in, []byte(", \"text\": broken"), []byte(`,"text":"fixed"`))
	lines := bytes.SplitAfter(clean, []byte("\n"))
	lines[len(lines)*2/3] = []byte("{bad\n")
	failAt := bytes.Join(lines, nil)
	errRead := errors.New("read failed")
	for _, tc := range []struct {
		name string
		src  func() io.Reader
		opts Options
	}{
		{"fail first bad", func() io.Reader { return bytes.NewReader(failAt) }, Options{Bad: FailBad}},
		{"fail mixed", func() io.Reader { return bytes.NewReader(in) }, Options{Bad: FailBad}},
		{"read error", func() io.Reader {
			return io.MultiReader(bytes.NewReader(in[:len(in)/2]), iotest.ErrReader(errRead))
		}, Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.MaxRecord = smallMaxRecord
			want := runProcess(t, c, tc.opts, hs, 1, tc.src())
			if want.err == nil {
				t.Fatal("no error")
			}
			got := runProcess(t, c, tc.opts, hs, 2, tc.src())
			sameRun(t, got, want)
		})
	}
}

var errWrite = errors.New("write failed")

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errWrite
	}
	w.n -= len(p)
	return len(p), nil
}

// A failed write stops the workers at once: Process returns the error and
// leaves no goroutine behind.
func TestWorkersWriteError(t *testing.T) {
	small(t)
	in := parallelInput(t, 600<<10, 0)
	c := warmCleaner(t)
	before := runtime.NumGoroutine()
	for _, n := range []int{0, 1, 20 << 10, 200 << 10} {
		p, err := New(c, Options{Workers: 2, Hooks: func(int, int) cleaner.Hooks { return cleaner.Hooks{} }})
		if err != nil {
			t.Fatal(err)
		}
		// A deadlock fails at once, not at go test's timeout.
		watchdog := time.AfterFunc(30*time.Second, func() { panic(fmt.Sprintf("after %d bytes: Process does not return", n)) })
		_, err = p.Process(&failingWriter{n: n}, bytes.NewReader(in))
		watchdog.Stop()
		if !errors.Is(err, errWrite) {
			t.Errorf("after %d bytes: error %v, want %v", n, err, errWrite)
		}
	}
	// Process waits for its workers: none is left running (one that has
	// called wg.Done may take a moment to end).
	after := runtime.NumGoroutine()
	for i := 0; i < 100 && after > before; i++ {
		time.Sleep(10 * time.Millisecond)
		after = runtime.NumGoroutine()
	}
	if after > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines, %d before:\n%s", after, before, buf[:runtime.Stack(buf, true)])
	}
}

// A few records cost no goroutine; a stream of many batches starts the
// workers (which is what lets this test fail).
func TestWorkersSmallInput(t *testing.T) {
	small(t)
	c := warmCleaner(t)
	p, err := New(c, Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	started := workersStarted.Load()
	for _, in := range []string{"", "\n", `{"text":"Tekst.\nReklama\nKoniec."}`, "{\"text\":\"a\"}\nbad\n{\"text\":\"b\"}\n", string(parallelInput(t, 6<<10, 0))} {
		if _, err := p.Process(io.Discard, strings.NewReader(in)); err != nil {
			t.Fatal(err)
		}
	}
	if n := workersStarted.Load() - started; n != 0 {
		t.Errorf("small inputs started %d workers", n)
	}
	if _, err := p.Process(io.Discard, bytes.NewReader(parallelInput(t, 100<<10, 0))); err != nil {
		t.Fatal(err)
	}
	if n := workersStarted.Load() - started; n != 4 {
		t.Errorf("a large input started %d workers, want 4", n)
	}
}
