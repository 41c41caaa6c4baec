package jsonl

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"

	"github.com/artclean/artclean/cleaner"
)

// Records are documents of their own: with Options.Workers above 1 they
// are cleaned on several goroutines. The goroutine that calls Process reads
// the records into batches (copied out of the read buffer), hands them to
// the workers, at most 2 a worker at once, and takes them back in input
// order: it writes each batch's output and makes the calls the cleaning of
// its records made, which a worker records (a log, with copies of what a
// call may only see during the call) instead of making them. So the
// callbacks run where they ran without workers, one at a time, in the same
// order, between the same writes.
//
// What must not pay for goroutines does not: a stream of one batch is
// cleaned on the calling goroutine, as is a record too long to be decoded
// whole (maxDecoded) or over MaxRecord, at its place in the output, once
// the batches before it are written.

// batchSize is how many bytes of records a batch takes before it is handed
// on: enough to make the hand-over cheap, little enough to bound what 2
// batches a worker hold. (A variable for tests.)
var batchSize = 512 << 10

// workersStarted counts the worker goroutines started, for tests.
var workersStarted atomic.Int64

// errStopped ends a worker's batch once Process has returned.
var errStopped = errors.New("jsonl: stopped")

// A logged call's kind: what a worker did for a batch, to be done again in
// order by the goroutine that writes the output.
type callKind uint8

const (
	callWrite        callKind = iota // out[a:b] written
	callRecord                       // OnRecord(a, b, arena[i:j])
	callBadLine                      // OnBadLine(a, errs[i])
	callNoString                     // OnNoString(a)
	callFieldMissing                 // OnFieldMissing(a, strs[i], strs[i+1])
	callHooks                        // Hooks(a, b): the hooks the calls below go to
	callRemoval                      // Removal(removals[i])
	callEvent                        // Event(events[i])
	callDocEnd                       // DocEnd(docs[i])
	callGuard                        // Guard(guards[i])
	callKept                         // Kept(a, arena[i:j])
)

type call struct {
	kind callKind
	a, b int
	i, j int
}

// batch is records handed to a worker, and what cleaning them gave.
type batch struct {
	in   []byte // the lines, with their line ends
	ends []int  // where each line ends in in
	line int    // the first line's number
	base int    // the records before the batch

	st       Stats // Records counts on from base
	err      error // what stopped the batch: the records before it are done
	out      []byte
	log      []call
	arena    []byte // copies of what callbacks see only during the call
	errs     []error
	strs     []string
	removals []cleaner.Removal
	events   []cleaner.Event
	docs     []cleaner.DocStats
	guards   []cleaner.Guarded
	done     chan struct{}
}

func (b *batch) add(line []byte) {
	b.in = append(b.in, line...)
	b.ends = append(b.ends, len(b.in))
}

// Write takes a worker's output, and logs it as a call: replayed, the
// writes come between the same callbacks as without workers.
func (b *batch) Write(p []byte) (int, error) {
	n := len(b.out)
	b.out = append(b.out, p...)
	if k := len(b.log) - 1; k >= 0 && b.log[k].kind == callWrite && b.log[k].b == n {
		b.log[k].b = len(b.out)
	} else {
		b.log = append(b.log, call{kind: callWrite, a: n, b: len(b.out)})
	}
	return len(p), nil
}

func (b *batch) logCall(kind callKind, a, bb, i, j int) {
	b.log = append(b.log, call{kind: kind, a: a, b: bb, i: i, j: j})
}

// copyText keeps a copy of text in the arena and returns where.
func (b *batch) copyText(text []byte) (i, j int) {
	i = len(b.arena)
	b.arena = append(b.arena, text...)
	return i, len(b.arena)
}

// reset empties b for the records from line on, base records before.
func (b *batch) reset(line, base int) {
	b.in, b.ends, b.line, b.base = b.in[:0], b.ends[:0], line, base
	b.err, b.out, b.log, b.arena = nil, b.out[:0], b.log[:0], b.arena[:0]
	clear(b.errs)
	clear(b.strs)
	clear(b.removals)
	clear(b.events)
	b.errs, b.strs, b.removals, b.events = b.errs[:0], b.strs[:0], b.removals[:0], b.events[:0]
	b.docs, b.guards = b.docs[:0], b.guards[:0]
	fields := b.st.Fields
	for k := range fields {
		fields[k] = FieldStats{Field: fields[k].Field}
	}
	b.st = Stats{Records: base, Fields: fields}
}

// worker cleans batches with a copy of the Processor whose callbacks log
// into the batch at hand.
type worker struct {
	p     Processor
	s     *scratch
	b     *batch
	hooks cleaner.Hooks // logging hooks of the shape Hooks gives
}

func newWorker(p *Processor, shape cleaner.Hooks) *worker {
	w := &worker{p: *p, s: newScratch(p)}
	o, wo := &p.opts, &w.p.opts
	if o.OnRecord != nil {
		// The body may be written over as its field is cleaned.
		wo.OnRecord = func(record, line int, body []byte) {
			i, j := w.b.copyText(body)
			w.b.logCall(callRecord, record, line, i, j)
		}
	}
	if o.OnBadLine != nil {
		wo.OnBadLine = func(line int, err error) {
			w.b.errs = append(w.b.errs, err)
			w.b.logCall(callBadLine, line, 0, len(w.b.errs)-1, 0)
		}
	}
	if o.OnNoString != nil {
		wo.OnNoString = func(line int) { w.b.logCall(callNoString, line, 0, 0, 0) }
	}
	if o.OnFieldMissing != nil {
		wo.OnFieldMissing = func(line int, field, reason string) {
			w.b.strs = append(w.b.strs, field, reason)
			w.b.logCall(callFieldMissing, line, 0, len(w.b.strs)-2, 0)
		}
	}
	if o.Hooks != nil {
		wo.Hooks = func(record, line int) cleaner.Hooks {
			w.b.logCall(callHooks, record, line, 0, 0)
			return w.hooks
		}
	}
	h := &w.hooks
	h.OmitText = shape.OmitText
	if shape.Removal != nil {
		h.Removal = logTo(w, callRemoval, func(b *batch) *[]cleaner.Removal { return &b.removals })
	}
	if shape.Event != nil {
		event := logTo(w, callEvent, func(b *batch) *[]cleaner.Event { return &b.events })
		h.Event = func(e cleaner.Event) {
			// What they point to may be the cleaner's, reused.
			if e.Removal != nil {
				r := *e.Removal
				e.Removal = &r
			}
			if e.Guard != nil {
				g := *e.Guard
				e.Guard = &g
			}
			event(e)
		}
	}
	if shape.DocEnd != nil {
		h.DocEnd = logTo(w, callDocEnd, func(b *batch) *[]cleaner.DocStats { return &b.docs })
	}
	if shape.Guard != nil {
		h.Guard = logTo(w, callGuard, func(b *batch) *[]cleaner.Guarded { return &b.guards })
	}
	if shape.Kept != nil {
		h.Kept = func(line int, text []byte) {
			i, j := w.b.copyText(text)
			w.b.logCall(callKept, line, 0, i, j)
		}
	}
	return w
}

// logTo returns a hook that keeps its argument in the list of the batch at
// hand, logged as a call of kind.
func logTo[T any](w *worker, kind callKind, list func(*batch) *[]T) func(T) {
	return func(x T) {
		l := list(w.b)
		*l = append(*l, x)
		w.b.logCall(kind, 0, 0, len(*l)-1, 0)
	}
}

// run cleans the records of b, up to the first that fails.
func (w *worker) run(b *batch, stopped *atomic.Bool) {
	w.b = b
	start := 0
	for k, end := range b.ends {
		if stopped.Load() {
			b.err = errStopped
			break
		}
		if err := w.p.record(w.s, b, &b.st, b.in[start:end], b.line+k); err != nil {
			b.err = err
			break
		}
		start = end
	}
	w.b = nil
}

// parallel is Process with workers: the state of the calling goroutine.
type parallel struct {
	p      *Processor
	dst    io.Writer
	st     *Stats
	inline Processor // p, learning the hooks' shape
	s      *scratch  // inline's
	shape  cleaner.Hooks
	known  bool // shape is known (or there are no hooks)
	free   []*batch

	// Once the workers run:
	started bool
	jobs    chan *batch
	queue   []*batch // handed out, in input order
	stopped atomic.Bool
	wg      sync.WaitGroup
}

func (p *Processor) processParallel(dst io.Writer, src io.Reader) (Stats, error) {
	st := p.newStats()
	d := &parallel{p: p, dst: dst, st: &st, inline: *p, s: newScratch(p), known: p.opts.Hooks == nil}
	if !d.known {
		// A worker's hooks log what the caller's will be told: they
		// take the shape of the first the caller's Hooks gives.
		d.inline.opts.Hooks = func(record, line int) cleaner.Hooks {
			h := p.opts.Hooks(record, line)
			if !d.known {
				d.shape, d.known = h, true
			}
			return h
		}
	}
	defer d.stop()
	br := newSliceReader(src)
	var lb lineBuf
	defer lb.release()
	var cur *batch
	records := 0 // read so far, as st will count them
	for line := 1; ; line++ {
		rec, tooLong, err := lb.read(br, p.opts.MaxRecord)
		if len(rec) == 0 && err != nil {
			if ferr := d.flushAll(cur); ferr != nil {
				return st, ferr
			}
			return st, ignoreEOF(err)
		}
		body, _ := splitEOL(rec)
		switch {
		case tooLong || len(body) > maxDecoded:
			// In order, where the sequential path has the means.
			if ferr := d.flushAll(cur); ferr != nil {
				return st, ferr
			}
			cur = nil
			if tooLong {
				err = p.tooLong(dst, &st, rec, line, br)
			} else if rerr := d.inline.record(d.s, dst, &st, rec, line); rerr != nil {
				return st, rerr
			}
		default:
			if cur != nil && len(cur.in) >= batchSize {
				// More than one batch: the workers start.
				if ferr := d.flush(cur, false); ferr != nil {
					return st, ferr
				}
				cur = nil
			}
			if cur == nil {
				cur = d.get(line, records)
			}
			cur.add(rec)
		}
		if tooLong || !IsBlank(body) {
			records++
		}
		if err != nil {
			if ferr := d.flushAll(cur); ferr != nil {
				return st, ferr
			}
			return st, ignoreEOF(err)
		}
	}
}

// get returns an empty batch.
func (d *parallel) get(line, base int) *batch {
	var b *batch
	if n := len(d.free); n > 0 {
		b, d.free = d.free[n-1], d.free[:n-1]
	} else {
		// Room for a batch and a record past it: a batch seldom grows.
		b = &batch{done: make(chan struct{}, 1), st: d.p.newStats(),
			in: make([]byte, 0, batchSize+64<<10), out: make([]byte, 0, batchSize+64<<10)}
	}
	b.reset(line, base)
	return b
}

// flush hands b to the workers, or cleans it here if they have not started
// and last says it is the stream's last batch before a record cleaned here
// (or the hooks' shape is not known yet).
func (d *parallel) flush(b *batch, last bool) error {
	if !d.started && (last || !d.known) {
		defer func() { d.free = append(d.free, b) }()
		start := 0
		for k, end := range b.ends {
			if err := d.inline.record(d.s, d.dst, d.st, b.in[start:end], b.line+k); err != nil {
				return err
			}
			start = end
		}
		return nil
	}
	if !d.started {
		d.start()
	}
	for len(d.queue) >= cap(d.jobs) {
		if err := d.finish(); err != nil {
			return err
		}
	}
	d.queue = append(d.queue, b)
	d.jobs <- b
	// Write what is done already: the output flows, batches come back.
	for len(d.queue) > 0 && len(d.queue[0].done) > 0 {
		if err := d.finish(); err != nil {
			return err
		}
	}
	return nil
}

// flushAll flushes b (if any) as the last batch and writes every batch
// handed out.
func (d *parallel) flushAll(b *batch) error {
	if b != nil {
		if err := d.flush(b, true); err != nil {
			return err
		}
	}
	for len(d.queue) > 0 {
		if err := d.finish(); err != nil {
			return err
		}
	}
	return nil
}

func (d *parallel) start() {
	n := d.p.opts.Workers
	d.started = true
	d.jobs = make(chan *batch, 2*n)
	d.wg.Add(n)
	workersStarted.Add(int64(n))
	for range n {
		w := newWorker(d.p, d.shape)
		go func() {
			defer d.wg.Done()
			for b := range d.jobs {
				w.run(b, &d.stopped)
				b.done <- struct{}{}
			}
		}()
	}
}

// stop ends the workers: those cleaning a batch leave it at the next
// record.
func (d *parallel) stop() {
	if !d.started {
		return
	}
	d.stopped.Store(true)
	close(d.jobs)
	d.wg.Wait()
}

// finish waits for the oldest batch handed out, writes its output and
// makes its calls in order, and counts it.
func (d *parallel) finish() error {
	b := d.queue[0]
	d.queue = append(d.queue[:0], d.queue[1:]...)
	<-b.done
	err := d.replay(b)
	st := d.st
	st.Records += b.st.Records - b.base
	st.Cleaned += b.st.Cleaned
	st.Changed += b.st.Changed
	st.NoField += b.st.NoField
	st.Invalid += b.st.Invalid
	st.Dropped += b.st.Dropped
	st.TooLong += b.st.TooLong
	for k, f := range b.st.Fields {
		fs := &st.Fields[k]
		fs.Strings += f.Strings
		fs.Changed += f.Changed
		fs.Missing += f.Missing
		fs.NotString += f.NotString
	}
	if err == nil {
		err = b.err
	}
	d.free = append(d.free, b)
	return err
}

// replay writes b's output and makes the calls its records made, in their
// order.
func (d *parallel) replay(b *batch) error {
	o := &d.p.opts
	var h cleaner.Hooks
	for _, c := range b.log {
		switch c.kind {
		case callWrite:
			if _, err := d.dst.Write(b.out[c.a:c.b]); err != nil {
				return err
			}
		case callRecord:
			o.OnRecord(c.a, c.b, b.arena[c.i:c.j])
		case callBadLine:
			o.OnBadLine(c.a, b.errs[c.i])
		case callNoString:
			o.OnNoString(c.a)
		case callFieldMissing:
			o.OnFieldMissing(c.a, b.strs[c.i], b.strs[c.i+1])
		case callHooks:
			h = o.Hooks(c.a, c.b)
		case callRemoval:
			callIf(h.Removal, b.removals[c.i])
		case callEvent:
			callIf(h.Event, b.events[c.i])
		case callDocEnd:
			callIf(h.DocEnd, b.docs[c.i])
		case callGuard:
			callIf(h.Guard, b.guards[c.i])
		case callKept:
			if h.Kept != nil {
				h.Kept(c.a, b.arena[c.i:c.j])
			}
		}
	}
	return nil
}

// callIf calls f, if set (the hooks Hooks gives have the shape of the first).
func callIf[T any](f func(T), x T) {
	if f != nil {
		f(x)
	}
}
