package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/decode"
	"github.com/artclean/artclean/internal/explain"
	"github.com/artclean/artclean/internal/input"
	"github.com/artclean/artclean/internal/jsonl"
)

// Mode is what a batch does with each cleaned file.
type Mode int

// The batch modes.
const (
	ToWriter Mode = iota // write to the io.Writer given to Process (stdout)
	Mirror               // write OutDir/Rel
	InPlace              // replace the input, keeping a backup with Suffix
	Check                // only tell whether cleaning would change the file
	Diff                 // a unified diff of what cleaning would change
)

// Options configure Process.
type Options struct {
	Mode    Mode
	Cleaner *cleaner.Cleaner
	OutDir  string // Mirror
	Suffix  string // InPlace: backup suffix, "" for none
	Resume  bool   // Mirror: skip inputs whose output is not older
	// SyncEach (InPlace) syncs each new file to disk before it replaces
	// its input. Without it nothing is synced here: the caller syncs the
	// file system once the batch is done (atomicfile.SyncDir), as for
	// Mirror. A file replaced by rename is never seen half written by a
	// reader or after a kill either way; only a power cut during the
	// batch tells them apart (see fileSink.create).
	SyncEach bool
	// SkipBinary skips files with a NUL byte in their first 8 KiB, as grep
	// does, instead of cleaning them.
	SkipBinary bool
	// JSONL cleans JSON Lines inputs: files named *.jsonl or *.ndjson, or
	// every input with ForceJSONL. Nil treats every input as text.
	JSONL      *jsonl.Options
	ForceJSONL bool
	// Jobs is how many goroutines may clean one input: the records of a
	// JSON Lines input are cleaned on that many (jsonl.Options.Workers),
	// in the same order and with the same output. 0 or 1 cleans them on
	// the goroutine that calls Process. A caller cleaning several inputs
	// at once gives each 1: its workers are busy already.
	Jobs int
	// Explain writes the explain view (internal/explain) instead of clean
	// text, in colour with Color (which also colours Diff).
	Explain, Color bool
	// Report collects a JSON Lines report of every removal in
	// Result.Report.
	Report bool
	// Encoding forces the inputs' character encoding ("" detects it);
	// Strict makes undecodable bytes an error instead of U+FFFD.
	Encoding string
	Strict   bool
	// Watch, if set, makes a Watcher for each input cleaned (--review):
	// it sees the cleaning beside the batch's own tallies, from the
	// goroutine that cleans the input, and comes back in Result.Watcher.
	Watch func(in Input) Watcher

	// made holds the output folders already made (Mirror), each with
	// whether this batch made it: Options are for one batch, whose
	// inputs have different outputs.
	made sync.Map

	foldersOnce sync.Once
	folders     *folders // the folders small files are written in
}

// Watcher sees one input's cleaning through the cleaner's hooks.
type Watcher interface {
	Hooks() cleaner.Hooks
	// Record is told of each JSON Lines record before its fields are
	// cleaned; body is only valid during the call.
	Record(record, line int, body []byte)
}

// Status is the outcome for one file.
type Status int

// The outcomes.
const (
	Unchanged Status = iota
	Changed
	Skipped // binary, or resumed
	Failed
)

// maxNotes bounds the messages kept for one file (bad records and the like).
const maxNotes = 20

// Result is what Process did with one input.
type Result struct {
	Status Status
	Err    error // Failed: what went wrong; Skipped: why (a note)
	// WriteFailed says Err came from the destination, not the input: a
	// batch writing to stdout stops there.
	WriteFailed  bool
	Notes        []string // messages about parts of the file, "LINE: text"; at most maxNotes
	MoreNotes    int      // notes left out
	Warnings     []string // what the guard kept, fields that are not strings…: "LINE: text" or " text"; at most maxNotes; -q silences them
	MoreWarnings int      // warnings left out
	Bad          int      // parts that could not be cleaned (invalid records): the run fails
	BytesIn      int64    // bytes read
	BytesOut     int64    // bytes of cleaned output
	Rules        map[string]*RuleStats
	Docs         int        // documents (records, or parts between separators)
	KeptWhole    int        // documents the guard left as they came
	Guarded      int        // spans and documents the guard kept in place
	Heavy        []HeavyDoc // documents that lost more than half, at most maxHeavy
	MoreHeavy    int
	Report       *Spill       // JSON Lines removal report (Options.Report); the caller closes it
	Records      *jsonl.Stats // JSON Lines inputs
	Encoding     *decode.Info // the input's encoding, as read or detected
	Replaced     int64        // undecodable bytes replaced with U+FFFD
	Watcher      Watcher      // Options.Watch's, once the input was cleaned
}

// warn keeps a warning about the file's line (0: the whole file).
func (r *Result) warn(line int, msg string) {
	switch {
	case len(r.Warnings) >= maxNotes:
		r.MoreWarnings++
	case line > 0:
		r.Warnings = append(r.Warnings, fmt.Sprintf("%d: %s", line, msg))
	default:
		r.Warnings = append(r.Warnings, " "+msg)
	}
}

func (r *Result) note(line int, err error) {
	if len(r.Notes) < maxNotes {
		r.Notes = append(r.Notes, fmt.Sprintf("%d: %v", line, err))
	} else {
		r.MoreNotes++
	}
}

// maxDiffSize bounds what --diff holds in memory: a diff needs both texts.
const maxDiffSize = 64 << 20

// errBinary marks a file skipped for holding NUL bytes.
var errBinary = errors.New("binary file, skipped")

// IsJSONL reports a file name that holds JSON Lines.
func IsJSONL(name string) bool {
	for _, ext := range []string{".gz", ".zst"} {
		name = strings.TrimSuffix(name, ext)
	}
	return strings.HasSuffix(name, ".jsonl") || strings.HasSuffix(name, ".ndjson")
}

// Process cleans one input as opts say, into the sink of opts.Mode, which
// prints to w what the mode prints (nil: nothing). Errors are in the
// Result, never returned: a batch goes on.
func Process(ctx context.Context, opts *Options, in Input, w io.Writer) (res Result) {
	fail := func(err error) Result {
		res.Status, res.Err = Failed, err
		return res
	}
	if in.Reader == nil && !in.regular() && opts.Mode != ToWriter {
		return fail(errors.New("not a regular file"))
	}
	var outPath string
	if opts.Mode == Mirror {
		outPath = filepath.Join(opts.OutDir, filepath.FromSlash(in.Rel))
		if opts.Resume {
			// As make does: an output as new as its input is up to date.
			// (File times are coarse: one written within a few ms of its
			// input often has the same time.)
			if fi, err := os.Stat(outPath); err == nil && !fi.ModTime().Before(in.Info.ModTime()) {
				res.Status, res.Err = Skipped, errors.New("output is up to date (resumed)")
				return res
			}
		}
	}
	// A small file is read whole, in one call, and most need no decoding;
	// any other input streams.
	var t text
	var bytesIn func() int64
	if w, err := opts.readWhole(ctx, in); err == nil {
		defer putBytes(w.raw)
		t, res.Encoding = text{r: bytes.NewReader(w.text), all: w.text, info: w.info}, w.enc
		bytesIn = func() int64 { return int64(len(*w.raw)) }
	} else if err != errNotPlain {
		return fail(UnwrapPathError(err))
	} else {
		src, err := opts.openText(ctx, in)
		if err != nil {
			return fail(err)
		}
		defer src.close()
		t, res.Encoding = text{r: src, format: src.Format}, src.Enc
		bytesIn = func() int64 { return src.raw.n }
		defer func() { res.Replaced = src.Enc.Replaced }()
	}
	t.enc = res.Encoding
	if opts.SkipBinary && isBinary(t) {
		res.Status, res.Err = Skipped, errBinary
		return res
	}
	sk := opts.newSink(in, outPath, w)
	defer sk.abort()
	r, dst, err := sk.start(t)
	if err != nil {
		return fail(err)
	}
	out := &countWriter{w: dst}
	var view *explain.Writer
	if es, ok := sk.(*explainSink); ok {
		view = es.view
	}
	err = opts.cleanStream(out, r, in, &res, view)
	if err == nil {
		err = sk.finish(&res)
	}
	res.BytesIn, res.BytesOut = bytesIn(), out.n
	if err != nil {
		if ctx.Err() != nil {
			return fail(ctx.Err())
		}
		res.WriteFailed = out.err != nil
		return fail(UnwrapPathError(err))
	}
	return res
}

// isBinary reports a NUL byte in the first bytes of the text, as grep tells
// a binary file.
func isBinary(t text) bool {
	if t.all != nil {
		return bytes.IndexByte(t.all[:min(len(t.all), input.BinaryPeek)], 0) >= 0
	}
	return t.r.(*textReader).Binary()
}

// RuleStats counts one rule's removals (see CountRemoval).
type RuleStats struct {
	Docs    int   // documents (records) it removed something from
	Lines   int   // lines removed
	Bytes   int64 // bytes removed
	lastDoc int   // the last document counted in Docs
}

// HeavyDoc is a document that lost more than half of its text.
type HeavyDoc struct {
	Doc, Line int
	Share     float64
	KeptWhole bool // the --max-removed guard left it as it came
}

// maxHeavy bounds the heavy documents listed per file.
const maxHeavy = 100

// tally collects a file's removals and documents.
type tally struct {
	res    *Result
	report io.Writer // JSON Lines removal report, or nil
	name   string
	enc    *json.Encoder
}

// removal counts a removal of document doc at input line; textLine is the
// line within a JSON Lines record's field (0 for text).
func (t *tally) removal(doc, line, textLine int, r cleaner.Removal) {
	t.res.Rules = CountRemoval(t.res.Rules, doc, r)
	if t.report != nil {
		if t.enc == nil {
			t.enc = json.NewEncoder(t.report)
			t.enc.SetEscapeHTML(false)
		}
		t.enc.Encode(reportLine{File: t.name, Doc: doc, Line: line, TextLine: textLine, Rule: r.Rule, Action: string(r.Action), Text: r.Text})
	}
}

// guard notes text the guard kept in place, at input line.
func (t *tally) guard(line int, g cleaner.Guarded) {
	t.res.Guarded++
	what := "text"
	if g.Whole {
		what = "the document"
	}
	t.res.warn(line, fmt.Sprintf("guard: kept %s (%d bytes) that %s would remove: %s", what, g.Bytes, g.Rule, g.Reason))
}

func (t *tally) docEnd(doc, line int, ds cleaner.DocStats) {
	res := t.res
	res.Docs++
	if ds.KeptWhole {
		res.KeptWhole++
	}
	if ds.Share() > 0.5 {
		if len(res.Heavy) < maxHeavy {
			res.Heavy = append(res.Heavy, HeavyDoc{Doc: doc, Line: line, Share: ds.Share(), KeptWhole: ds.KeptWhole})
		} else {
			res.MoreHeavy++
		}
	}
}

// reportLine is one line of --report.
type reportLine struct {
	File     string `json:"file"`
	Doc      int    `json:"doc"`
	Line     int    `json:"line"`
	TextLine int    `json:"text_line,omitempty"` // line within a JSON Lines record's field
	Rule     string `json:"rule"`
	Action   string `json:"action"`
	Text     string `json:"text"`
}

// cleanStream cleans src into dst as text or as JSON Lines records, and
// tells the cleaner's events to the tallies, the Watcher and xw, the view
// of an explain sink (nil for none).
func (o *Options) cleanStream(dst io.Writer, src io.Reader, in Input, res *Result, xw *explain.Writer) error {
	t := &tally{res: res, name: in.Path}
	c := o.Cleaner
	if in.Dir != "" {
		c = c.In(map[string]string{"dir": in.Dir})
	}
	if o.Report {
		res.Report = NewSpill()
		t.report = res.Report
	}
	var watch cleaner.Hooks
	if o.Watch != nil {
		res.Watcher = o.Watch(in)
		watch = res.Watcher.Hooks()
	}
	bw := writers.Get().(*bufio.Writer)
	bw.Reset(dst)
	defer func() {
		bw.Reset(nil) // holds no destination while pooled
		writers.Put(bw)
	}()
	out := io.Writer(bw)
	if xw != nil {
		// The explain sink drops the text; unbuffered, a failed view
		// stops the cleaner at once.
		out = dst
	}
	if o.JSONL != nil && (o.ForceJSONL || IsJSONL(in.Path)) {
		jo := *o.JSONL
		// -j: with one input at a time (the caller's choice), its
		// records use the CPUs that files would; records are
		// independent documents, written in order all the same.
		jo.Workers = o.Jobs
		// The hooks of a record are made once, not a pair of closures a
		// record: the tally learns the record from Hooks' call.
		var record, line int
		plain := cleaner.Hooks{
			Removal:  func(r cleaner.Removal) { t.removal(record, line, r.Line, r) },
			DocEnd:   func(ds cleaner.DocStats) { t.docEnd(record, line, ds) },
			Guard:    func(g cleaner.Guarded) { t.guard(line, g) },
			OmitText: t.report == nil, // only counted
		}
		jo.Hooks = func(rec, ln int) cleaner.Hooks {
			record, line = rec, ln
			h := plain
			if xw != nil {
				first := true
				h.Event = func(e cleaner.Event) {
					if first {
						xw.Header("record %d (line %d)", record, line)
						first = false
					}
					xw.Event(e)
				}
			}
			return chainHooks(h, watch)
		}
		if res.Watcher != nil {
			jo.OnRecord = res.Watcher.Record
		}
		jo.OnBadLine = func(line int, err error) {
			res.Bad++
			res.note(line, err)
		}
		jo.OnFieldMissing = func(line int, field, reason string) {
			// A record without the field passes through, as documented;
			// one that has it as another type is worth a word.
			if reason != jsonl.ReasonMissing {
				res.warn(line, fmt.Sprintf("--field %s is a %s, not a string: record passed through", field, reason))
			}
		}
		p, err := jsonl.New(c, jo)
		if err != nil {
			return err
		}
		st, err := p.Process(out, src)
		res.Records = &st
		if err != nil {
			return err
		}
		if valid := st.Records - st.Invalid - st.TooLong; valid > 0 {
			for _, fs := range st.Fields {
				if fs.Strings == 0 {
					res.warn(0, fmt.Sprintf("--field %s matched no record of %d: nothing was cleaned there", fs.Field, valid))
				}
			}
		}
	} else {
		h := cleaner.Hooks{
			Removal:  func(r cleaner.Removal) { t.removal(r.Doc, r.Line, 0, r) },
			DocEnd:   func(ds cleaner.DocStats) { t.docEnd(ds.Doc, ds.Line, ds) },
			Guard:    func(g cleaner.Guarded) { t.guard(g.Line, g) },
			OmitText: t.report == nil,
		}
		if xw != nil {
			h.Event = xw.Event
		}
		h = chainHooks(h, watch)
		if _, err := c.Clean(out, src, &h); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// chainHooks calls b's hooks after a's; b is usually unset (no Watch), and
// then a is returned as it is, at no cost.
func chainHooks(a, b cleaner.Hooks) cleaner.Hooks {
	if b.Removal == nil && b.Event == nil && b.DocEnd == nil && b.Guard == nil && b.Kept == nil {
		return a
	}
	// Text is left out only when neither wants it.
	a.OmitText = a.OmitText && (b.OmitText || b.Removal == nil)
	a.Removal = chain(a.Removal, b.Removal)
	a.Event = chain(a.Event, b.Event)
	a.DocEnd = chain(a.DocEnd, b.DocEnd)
	a.Guard = chain(a.Guard, b.Guard)
	if f, g := a.Kept, b.Kept; f == nil {
		a.Kept = g
	} else if g != nil {
		a.Kept = func(line int, text []byte) { f(line, text); g(line, text) }
	}
	return a
}

func chain[T any](f, g func(T)) func(T) {
	switch {
	case g == nil:
		return f
	case f == nil:
		return g
	}
	return func(x T) { f(x); g(x) }
}

// writers are cleanStream's output buffers, reused from input to input.
var writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// textReader is an input opened for cleaning: decompressed while it is read.
type textReader struct {
	*input.Text
	raw   *countReader // the input's bytes as stored
	close func()
}

// openText opens an input and returns a reader of its text: decompressed
// and decoded to UTF-8.
func (o *Options) openText(ctx context.Context, in Input) (*textReader, error) {
	var r io.Reader = in.Reader
	closeFile := func() {}
	if r == nil {
		f, err := os.Open(in.Path)
		if err != nil {
			return nil, UnwrapPathError(err)
		}
		r, closeFile = f, func() { f.Close() }
	}
	raw := &countReader{r: ContextReader{ctx, r}}
	text, err := input.Open(raw, input.Options{Encoding: o.Encoding, Strict: o.Strict}, nil)
	if err != nil {
		closeFile()
		return nil, err
	}
	return &textReader{Text: text, raw: raw, close: func() { text.Close(); closeFile() }}, nil
}

// backup keeps the original under a new name: a hard link costs nothing and
// leaves the original in place until the rename; a copy is the fallback.
func backup(path, to string) error {
	os.Remove(to)
	if err := os.Link(path, to); err == nil {
		return nil
	}
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	fi, err := src.Stat()
	if err != nil {
		return err
	}
	af, err := atomicfile.Create(to, fi.Mode().Perm())
	if err != nil {
		return err
	}
	defer af.Abort()
	if _, err := io.Copy(af, src); err != nil {
		return err
	}
	return af.Commit()
}

// tempName matches the temporary files atomicfile creates.
var tempName = regexp.MustCompile(`^\..+\.artclean-[0-9]+$`)

// RemoveStaleTemps deletes temporary files that a killed run left under dir.
// It returns how many it removed.
func RemoveStaleTemps(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && tempName.MatchString(d.Name()) {
			if os.Remove(p) == nil {
				n++
			}
		}
		return nil
	})
	return n
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error // the first write error
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// ContextReader stops a long read when the run is interrupted.
type ContextReader struct {
	Ctx context.Context
	R   io.Reader
}

func (c ContextReader) Read(p []byte) (int, error) {
	if err := c.Ctx.Err(); err != nil {
		return 0, err
	}
	return c.R.Read(p)
}

// IsBinary reports an error from Process that means the file was skipped
// because it holds NUL bytes.
func IsBinary(err error) bool { return errors.Is(err, errBinary) }
