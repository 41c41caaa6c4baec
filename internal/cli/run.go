package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/batch"
	"github.com/artclean/artclean/internal/jsonl"
	"github.com/artclean/artclean/internal/review"
)

// run is one cleaning run over many inputs: it reports each input's result
// in input order and sums them up for the summary, --stats and --report.
type run struct {
	ctx   context.Context
	stdio IO
	opts  *cleanOptions
	sum   summary

	report    *atomicfile.File // --report, written atomically at the end
	reportBuf *bufio.Writer
	reportErr error
	temps     []string   // temporary files of spooled streams, removed by abort
	streams   []*os.File // FIFOs opened for --check and --diff, closed by abort and finish

	review *review.Collector // --review, written at the end
}

func newRun(ctx context.Context, stdio IO, opts *cleanOptions) (*run, error) {
	rn := &run{ctx: ctx, stdio: stdio, opts: opts, sum: summary{rules: map[string]*batch.RuleStats{}}}
	if opts.report != "" {
		f, err := atomicfile.Create(opts.report, 0o644)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", opts.report, batch.UnwrapPathError(err))
		}
		rn.report, rn.reportBuf = f, bufio.NewWriter(f)
	}
	if opts.review != "" {
		rn.review = review.New(review.DefaultK)
	}
	return rn, nil
}

// result reports one input's result and reports whether it failed:
// unreadable, or with parts (records) that could not be cleaned.
func (rn *run) result(name string, r batch.Result) bool {
	if r.Report != nil {
		if rn.reportErr == nil {
			_, rn.reportErr = r.Report.WriteTo(rn.reportBuf)
		}
		r.Report.Close()
	}
	if r.Status == batch.Failed && rn.ctx.Err() != nil {
		return true // interrupted: not this input's fault, and not reported
	}
	rn.sum.add(name, r)
	if f, ok := r.Watcher.(*review.File); ok && rn.review != nil {
		rn.review.Add(f, r.BytesIn, r.BytesOut)
	}
	w := rn.stdio.Err
	for _, n := range r.Notes {
		fmt.Fprintf(w, "artclean: %s:%s\n", name, n)
	}
	if !rn.opts.quiet {
		for _, n := range r.Warnings {
			fmt.Fprintf(w, "artclean: %s:%s\n", name, n)
		}
		if r.MoreWarnings > 0 {
			fmt.Fprintf(w, "artclean: %s: %d more warnings not shown\n", name, r.MoreWarnings)
		}
	}
	if r.MoreNotes > 0 {
		fmt.Fprintf(w, "artclean: %s: %d more problems not shown\n", name, r.MoreNotes)
	}
	if e := r.Encoding; e != nil && e.Name != "utf-8" && e.Detected && !rn.opts.quiet {
		fmt.Fprintf(w, "artclean: %s: read as %s\n", name, e)
	}
	if e := r.Encoding; e != nil && e.Redecoded > 0 && !rn.opts.quiet {
		// Valid UTF-8 stays as it is; only the stray bytes are read in
		// the legacy encoding they fit.
		fmt.Fprintf(w, "artclean: %s:%d: %d bytes that are not UTF-8 read as %s\n", name, e.InvalidLine, e.Redecoded, e.Fallback)
	}
	if r.Replaced > 0 && !rn.opts.quiet {
		at := ""
		if e := r.Encoding; e != nil && e.InvalidLine > 0 {
			at = fmt.Sprintf(":%d", e.InvalidLine)
		}
		fmt.Fprintf(w, "artclean: %s%s: %d undecodable bytes replaced with U+FFFD (--strict makes this an error)\n", name, at, r.Replaced)
	}
	switch r.Status {
	case batch.Failed:
		var le *jsonl.LineError
		if errors.As(r.Err, &le) {
			fmt.Fprintf(w, "artclean: %s:%d: %v\n", name, le.Line, le.Err)
		} else {
			fmt.Fprintf(w, "artclean: %s: %v\n", name, r.Err)
		}
		rn.sum.failed++
		return true
	case batch.Skipped:
		if batch.IsBinary(r.Err) {
			// Skipped, as grep does, but never silently: the run exits 2.
			fmt.Fprintf(w, "artclean: %s: %v (-a cleans it as text)\n", name, r.Err)
			rn.sum.binary++
			return true
		}
	}
	if r.Bad > 0 {
		rn.sum.failed++ // cleaned, but with records that could not be
		return true
	}
	return false
}

// watch makes the --review watcher of one input (batch.Options.Watch).
func (rn *run) watch(in batch.Input) batch.Watcher {
	return rn.review.NewFile(in.Name(), review.Source(in.Dir, in.Name()))
}

// fail reports an input that could not even be started.
func (rn *run) fail(name string, err error) {
	rn.sum.seen++
	rn.sum.failed++
	fmt.Fprintf(rn.stdio.Err, "artclean: %s: %v\n", name, err)
}

// note tells something that is not a failure, unless -q.
func (rn *run) note(name string, err error) {
	if !rn.opts.quiet {
		fmt.Fprintf(rn.stdio.Err, "artclean: %s: %v\n", name, err)
	}
}

// finish writes --stats and commits --report.
func (rn *run) finish() error {
	rn.closeStreams()
	if rn.opts.stats {
		rn.sum.printStats(rn.stdio.Err)
	}
	if rn.review != nil {
		if err := rn.review.WriteFile(rn.opts.review, "artclean review"); err != nil {
			return fmt.Errorf("%s: %v", rn.opts.review, batch.UnwrapPathError(err))
		}
	}
	if rn.report == nil {
		return nil
	}
	err := rn.reportErr
	if err == nil {
		err = rn.reportBuf.Flush()
	}
	if err == nil {
		err = rn.report.Commit()
	}
	if err != nil {
		rn.report.Abort()
		return fmt.Errorf("%s: %v", rn.opts.report, batch.UnwrapPathError(err))
	}
	return nil
}

// abort drops the unfinished report.
func (rn *run) abort() {
	if rn.report != nil {
		rn.report.Abort()
	}
	for _, t := range rn.temps {
		os.Remove(t)
	}
	rn.temps = nil
	rn.closeStreams()
}

func (rn *run) closeStreams() {
	for _, f := range rn.streams {
		f.Close()
	}
	rn.streams = nil
}

// summary counts what a run did, for the closing lines on stderr.
type summary struct {
	seen, changed, unchanged, skipped, failed int
	bytesIn, bytesOut                         int64
	docs, guarded, binary                     int
	rules                                     map[string]*batch.RuleStats
	heavy                                     []heavyDoc
	moreHeavy                                 int
}

type heavyDoc struct {
	file string
	batch.HeavyDoc
}

func (s *summary) add(name string, r batch.Result) {
	s.seen++
	switch r.Status {
	case batch.Changed:
		s.changed++
	case batch.Unchanged:
		s.unchanged++
	case batch.Skipped:
		s.skipped++
	}
	s.bytesIn += r.BytesIn
	s.bytesOut += r.BytesOut
	s.docs += r.Docs
	s.guarded += r.Guarded
	for id, rs := range r.Rules {
		t := s.rules[id]
		if t == nil {
			t = &batch.RuleStats{}
			s.rules[id] = t
		}
		t.Docs += rs.Docs
		t.Lines += rs.Lines
		t.Bytes += rs.Bytes
	}
	for _, h := range r.Heavy {
		if len(s.heavy) < 100 {
			s.heavy = append(s.heavy, heavyDoc{name, h})
		} else {
			s.moreHeavy++
		}
	}
	s.moreHeavy += r.MoreHeavy
}

// ruleIDs are the rules that removed something, most lines first.
func (s *summary) ruleIDs() []string {
	return batch.RuleIDs(s.rules, func(rs *batch.RuleStats) int64 { return int64(rs.Lines) })
}

func (s *summary) print(w io.Writer) {
	fmt.Fprintf(w, "artclean: %s: %d changed, %d unchanged, %d skipped, %d failed; %s in, %s out\n",
		plural(s.seen, "file"), s.changed, s.unchanged, s.skipped, s.failed, humanBytes(s.bytesIn), humanBytes(s.bytesOut))
	ids := s.ruleIDs()
	if len(ids) == 0 {
		return
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s %d", id, s.rules[id].Lines)
	}
	fmt.Fprintf(w, "artclean: removals: %s\n", strings.Join(parts, ", "))
}

// printStats writes the --stats table: per rule, the documents it touched
// and the lines and bytes it removed; then the documents that lost more
// than half of their text, which deserve a look.
func (s *summary) printStats(w io.Writer) {
	batch.WriteRuleTable(w, s.ruleIDs(), func(id string) (int64, int64, int64) {
		rs := s.rules[id]
		return int64(rs.Docs), int64(rs.Lines), rs.Bytes
	}, int64(s.docs))
	if s.guarded > 0 {
		fmt.Fprintf(w, "guard: %d spans or documents kept in place (see the warnings above; --no-guard turns it off)\n", s.guarded)
	}
	if len(s.heavy) == 0 {
		return
	}
	fmt.Fprintf(w, "documents that lost more than half of their text:\n")
	for _, h := range s.heavy {
		kept := ""
		if h.KeptWhole {
			kept = " (left as it came)"
		}
		fmt.Fprintf(w, "  %s: document %d (line %d): %.0f%%%s\n", h.file, h.Doc, h.Line, 100*h.Share, kept)
	}
	if s.moreHeavy > 0 {
		fmt.Fprintf(w, "  … and %d more\n", s.moreHeavy)
	}
}

// plural is "1 file", "2 files".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
