package cleaner

import (
	"bytes"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// A Clean call has three stages:
//   - splitting: the input into lines, separator lines, and the language
//     of each document (reading);
//   - judging: the character tier, and the line rules' verdicts on a line,
//     which depend on nothing but the line and its document's rules
//     (judging);
//   - the rule stage: processLine and what it calls, which holds every bit
//     of state that crosses lines and calls the hooks (doc.take).
//
// A short input (a file of a batch, a record's field) goes through all
// three on one goroutine, the verdicts taken only as processLine asks for
// them. A long stream, after its first readAheadAfter bytes, is split on a
// goroutine of its own into batches of lines that judges, one per core
// but one, judge in parallel; the rule stage takes the batches in order. Only the
// rule stage writes or calls hooks, on the caller's goroutine.

// readAheadAfter is how much of a stream is cleaned on one goroutine
// before the stages run apart (a variable for tests).
var readAheadAfter = 1 << 20

const (
	// batchText bounds the text of one batch of lines, batchItems its
	// lines; batchesInFlight batches at most are filled, judged or taken
	// at once: together they bound the memory of a long stream's stages.
	batchText       = 256 << 10
	batchItems      = 4096
	batchesInFlight = 4
)

// stagesRun counts the Clean calls that went into stages, for tests.
var stagesRun atomic.Int64

// inStep is implemented by a source whose reads the caller's writer
// depends on (internal/jsonl writes a field's new text over the bytes
// already read): Clean reads it in step with its writes, never ahead.
type inStep interface{ ReadInStep() }

// itemKind says what a piece of input is to the rule stage.
type itemKind uint8

const (
	itemLine      itemKind = iota // a whole line, through the character tier
	itemLong                      // a piece of a long line, as it was read
	itemSeparator                 // a separator line: a document ends
)

// item is a piece of input on its way through the stages. Its text is
// valid until the splitter's next call, or, in a lineBatch, until the
// batch is taken.
type item struct {
	kind  itemKind
	first bool // itemLong: the line's first piece
	final bool // itemLong: the line's last piece
	num   int  // its line number
	text  []byte
	// itemLine: its document's rules; itemSeparator: the next
	// document's, and lang its language ("" when not told).
	m    *matchers
	lang string
	// itemLine, once judged in a batch: the line rules' verdicts, for
	// processLine's memo.
	judged bool
	rule   *Rule
	teaser phraseMatch
}

// reading is the splitting stage's state, and the judge of the one
// goroutine path.
type reading struct {
	c      *Cleaner
	lr     *lineReader
	inLong bool
	m      *matchers // the rules of the document being split
	judge  judging
}

func (r *reading) reset(c *Cleaner, src io.Reader) {
	r.c, r.inLong, r.m = c, false, nil
	r.judge.reset(c)
	r.lr.reset(src)
}

// language returns the language of the document that starts at the next
// unread byte; set is false when nothing is to change (no detection, or
// an empty document, for which no pack is built: artclean /dev/null once
// compiled every pack).
func (r *reading) language() (lang string, set bool) {
	if r.c.detect == 0 {
		return "", false
	}
	head := r.lr.peek(detectBytes)
	return detectLanguage(head, r.c.detect), len(head) > 0
}

// startDoc picks the rules of the document about to be split, by the
// language its first bytes tell, and returns them and the language: the
// splitter decides, and the rule stage takes its word.
func (r *reading) startDoc() (*matchers, string) {
	lang, set := r.language()
	r.m = r.c.startMatchers()
	if set {
		r.m = r.c.matchersFor(lang)
	}
	return r.m, lang
}

// split reads the next piece of input into it, a whole line as it came;
// it returns false at the input's end, and then r.lr.err tells whether it
// ended with an error.
func (r *reading) split(it *item) bool {
	piece, final, ok := r.lr.next()
	if !ok {
		return false
	}
	num := r.lr.num
	if sep := r.c.separator; sep != nil && !r.inLong && final && bytes.Equal(piece, sep) {
		// The peek for the next document's language may move the
		// buffer the separator is in.
		line := &r.judge.line
		*line = append((*line)[:0], piece...)
		*it = item{kind: itemSeparator, num: num, text: *line}
		it.m, it.lang = r.startDoc()
		return true
	}
	if r.inLong || !final {
		first := !r.inLong
		r.inLong = !final
		*it = item{kind: itemLong, first: first, final: final, num: num, text: piece}
		return true
	}
	*it = item{kind: itemLine, num: num, text: piece, m: r.m}
	return true
}

// judging is the judging stage's state: a judge's own scratch space.
type judging struct {
	rules   lineRules
	line    []byte // the line in hand after the character tier
	scratch []byte // for NFC
	chars   CharStats
}

func (j *judging) reset(c *Cleaner) {
	if j.rules.fold == nil {
		j.rules.fold = newFolder()
	}
	j.rules.c, j.rules.m, j.chars = c, nil, CharStats{}
}

// clean runs the character tier on a whole line as it came and returns
// the line it leaves, in j.line or raw itself.
func (j *judging) clean(raw []byte) []byte {
	c := j.rules.c
	before := j.chars
	var st foldState
	line, moji := c.chars.cleanLine(&j.line, raw, &st, &j.chars, &j.scratch)
	// The repair runs on the line as it came, before the space filter,
	// which would turn the NBSP of "Â\u00a0" into a space and break it;
	// the character tier's pass tells whether there is anything to
	// repair, which is seldom.
	if moji && c.chars.mojibake {
		if fixed, ok := repairMojibake(raw); ok {
			j.chars = before
			j.chars.Mojibake++
			st = foldState{}
			j.line, _ = c.chars.appendLine(j.line[:0], fixed, &st, &j.chars, &j.scratch)
			line = j.line
		}
	}
	return line
}

// verdicts gives a cleaned line the line rules' verdicts.
func (j *judging) verdicts(it *item) {
	if len(it.text) == 0 {
		return
	}
	j.rules.m = it.m
	it.judged = true
	if it.rule = j.rules.matchRules(it.text); it.rule == nil {
		it.teaser = j.rules.matchTeaserRules(it.text)
	}
}

// take runs the rule stage on one piece of input.
func (d *doc) take(it *item) {
	switch it.kind {
	case itemSeparator:
		// A document boundary: the separator line stays in the output.
		d.endDoc()
		d.final.Write(it.text)
		d.final.WriteByte('\n')
		d.event(Event{Kind: EventSeparator, Line: it.num, Doc: d.num, Text: string(it.text)})
		d.startDoc(it.num + 1)
		d.m, d.lang = it.m, it.lang
	case itemLine:
		d.stats.LinesIn++
		d.guardRawLine(it.text, true)
		if it.judged {
			// processLine's memo: the verdicts on the line it is about
			// to take.
			d.memo = lineMemo{seq: d.seq + 1, at: &it.text[0], size: len(it.text),
				matched: true, rule: it.rule, teaserDone: it.rule == nil, teaser: it.teaser}
		}
		d.processLine(it.text, it.num)
	case itemLong:
		if it.first {
			d.stats.LinesIn++
			d.startLong()
		}
		d.longPiece(it.text, it.num, it.final)
	}
}

// run cleans src: on one goroutine up to readAheadAfter bytes, then, if
// there is more and a second core to use, in stages on goroutines of their own
// (runStages).
func (d *doc) run(src io.Reader) error {
	r := &d.rd
	r.reset(d.c, src)
	d.m, d.lang = r.startDoc()
	_, lockstep := src.(inStep)
	cores := d.c.cores
	if cores == 0 {
		cores = runtime.GOMAXPROCS(0)
	}
	read := 0
	var it item
	for r.split(&it) {
		if it.kind == itemLine {
			it.text = r.judge.clean(it.text)
		}
		d.take(&it)
		// Stop early when the output has gone away (a closed pipe): a
		// failed flush leaves its error in the writer.
		if _, err := d.final.Write(nil); err != nil {
			return err
		}
		if read += len(it.text) + 1; read > readAheadAfter && !lockstep && cores > 1 {
			// The splitter and the rule stage share a core: on two, one
			// judge on the other balances them (two judges, four
			// goroutines, were 15% slower, and 64 KiB batches 10%).
			if err := d.runStages(max(1, cores-1)); err != nil {
				return err
			}
			break
		}
	}
	d.stats.Chars.add(r.judge.chars)
	d.endDoc()
	if err := r.lr.err; err != io.EOF {
		d.final.Flush()
		return err
	}
	return d.final.Flush()
}

// lineBatch is a run of pieces of input on its way through the stages.
type lineBatch struct {
	raw   []byte // the pieces as they came
	text  []byte // lines the character tier changed
	items []item
	chars CharStats     // what the character tier did to them
	ready chan struct{} // closed once judged
	end   bool          // the input ends after it
}

var batchPool = sync.Pool{New: func() any {
	return &lineBatch{raw: make([]byte, 0, batchText+readSize), items: make([]item, 0, batchItems)}
}}

// runStages cleans the rest of the input in stages: the splitter and the
// judges on goroutines of their own, the rule stage on this one. It
// returns a write error; the input's own error stays in d.rd.lr.err. The
// stages' goroutines have ended when it returns: the input is the
// caller's again.
func (d *doc) runStages(judges int) error {
	stagesRun.Add(1)
	r := &d.rd
	free := make(chan *lineBatch, batchesInFlight)
	for range batchesInFlight {
		free <- batchPool.Get().(*lineBatch)
	}
	work := make(chan *lineBatch, batchesInFlight)  // to the judges
	order := make(chan *lineBatch, batchesInFlight) // to the rule stage, in order
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(work)
		defer close(order)
		for {
			var b *lineBatch
			select {
			case <-stop: // before a free batch, which may be there too
				return
			default:
			}
			select {
			case b = <-free:
			case <-stop:
				return
			}
			b.raw, b.text, b.items, b.chars, b.end = b.raw[:0], b.text[:0], b.items[:0], CharStats{}, false
			b.ready = make(chan struct{})
			for len(b.raw) < batchText && len(b.items) < batchItems {
				b.items = b.items[:len(b.items)+1]
				it := &b.items[len(b.items)-1]
				if !r.split(it) {
					b.items = b.items[:len(b.items)-1]
					b.end = true
					break
				}
				start := len(b.raw)
				b.raw = append(b.raw, it.text...)
				it.text = b.raw[start:len(b.raw):len(b.raw)]
			}
			work <- b // never blocks: as many places as batches
			order <- b
			if b.end {
				return
			}
		}
	})
	for range judges {
		wg.Go(func() {
			var j judging
			j.reset(d.c)
			for b := range work {
				j.chars = CharStats{}
				for i := range b.items {
					it := &b.items[i]
					if it.kind != itemLine {
						continue
					}
					if line := j.clean(it.text); !sameBytes(line, it.text) {
						start := len(b.text)
						b.text = append(b.text, line...)
						it.text = b.text[start:len(b.text):len(b.text)]
					}
					j.verdicts(it)
				}
				b.chars = j.chars
				close(b.ready)
			}
		})
	}
	done := false
	defer func() {
		if !done {
			// A failed write, or a panic in a hook: the other stages
			// stop at their next batch.
			close(stop)
			for b := range order {
				<-b.ready
			}
		}
		wg.Wait()
		close(free)
		for b := range free {
			batchPool.Put(b)
		}
	}()
	for b := range order {
		<-b.ready
		d.stats.Chars.add(b.chars)
		for i := range b.items {
			d.take(&b.items[i])
			if _, err := d.final.Write(nil); err != nil {
				return err
			}
		}
		free <- b
	}
	done = true
	return nil
}

// sameBytes reports whether a and b are the same bytes in memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func (s *CharStats) add(o CharStats) {
	s.NFC += o.NFC
	s.Spaces += o.Spaces
	s.Invisible += o.Invisible
	s.Invalid += o.Invalid
	s.Mojibake += o.Mojibake
	s.Controls += o.Controls
}
