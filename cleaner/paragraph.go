package cleaner

import (
	"bufio"
	"bytes"
	"io"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// byteWriter is where a document's output goes: the final writer, or the
// guard's buffer while the guard decides.
type byteWriter interface {
	io.Writer
	io.ByteWriter
}

// doc is the state of one Clean call; doc objects are pooled.
type doc struct {
	lineRules               // c, the rules of the document's language
	final     *bufio.Writer // the caller's writer
	w         byteWriter    // final, or &guardOut
	hooks     Hooks
	stats     Stats

	// Per document (a Clean call, or a part between separator lines).
	num          int
	firstLine    int
	lang         string   // the language told from the document's start, or ""
	kept         int64    // bytes of kept lines
	furnRemoved  int64    // bytes of removed page furniture
	lines        [][]byte // the held document's lines, for the rules that read it whole
	lineDrop     []*Rule  // by line of the document: the whole-document rule that drops it
	linesOut     int      // lines written
	removed      int64    // bytes of removed text
	started      bool     // a line was written: document-start rules are done
	emitted      bool     // some output was written
	pendingBreak bool     // a blank line came after the last output line
	blockStart   bool     // the next non-blank line opens a block

	// The --max-removed guard: the document's output, its original lines
	// and its events wait here until the document ends.
	guarding bool
	guardOut bytes.Buffer
	guardRaw bytes.Buffer
	pending  []pendingEvent

	// A teaser waiting to see whether short lines continue it: teaser holds
	// the lines that go in any case (the teaser line, a bare marker's
	// headline), held the continuation lines on trial.
	context // a line a rule matched, waiting for the next line

	holding bool
	bare    bool // the teaser line is a bare marker, heading a run of titles
	strict  bool // its phrase also opens ordinary prose
	// headMarker: the bare marker came before any kept line: it heads no run.
	headMarker bool
	mayWrap    bool // the teaser opened its block and is short: lines may continue it
	teaser     []heldLine
	dropped    []byte // a dropped teaser's text, reused
	rule       *Rule
	held       []heldLine

	line      []byte    // the current line after the character tier
	scratch   []byte    // for NFC
	memo      lineMemo  // the rules' verdicts on the line in hand
	seq       int       // processLine calls so far: names the line in hand
	long      foldState // trim-and-fold state of a long line
	longWrote bool      // part of the long line was written
	rd        reading   // the reading stage (stages.go)
}

type heldLine struct {
	text []byte
	num  int
}

var docPool = sync.Pool{New: func() any {
	return &doc{
		final:     bufio.NewWriterSize(nil, 64<<10),
		lineRules: lineRules{fold: newFolder()},
		line:      make([]byte, 0, 1024),
		rd:        reading{lr: newLineReader(nil)},
	}
}}

// getDoc takes a doc from the pool, ready to clean into dst: per-call
// buffers (64 KiB out, 256 KiB in) are reused, which matters when millions
// of small records are cleaned one by one.
func getDoc(c *Cleaner, dst io.Writer, hooks Hooks) *doc {
	d := docPool.Get().(*doc)
	d.c, d.hooks, d.stats = c, hooks, Stats{}
	d.final.Reset(dst)
	d.num = 0
	d.startDoc(1)
	return d
}

func putDoc(d *doc) {
	d.final.Reset(nil)
	d.rd.reset(nil, nil)
	d.c, d.hooks = nil, Hooks{}
	d.guardOut.Reset()
	d.guardRaw.Reset()
	if d.guardOut.Cap() > 2*maxGuard || d.guardRaw.Cap() > 2*maxGuard {
		d.guardOut, d.guardRaw = bytes.Buffer{}, bytes.Buffer{}
	}
	if cap(d.dropped) > 1<<20 {
		d.dropped = nil
	}
	d.pending = d.pending[:0]
	docPool.Put(d)
}

// startDoc resets the per-document state for the document starting at line.
func (d *doc) startDoc(line int) {
	d.num++
	d.firstLine = line
	d.m, d.lang = d.c.startMatchers(), ""
	d.kept, d.removed = 0, 0
	d.linesOut = 0
	d.started, d.emitted, d.pendingBreak, d.blockStart = false, false, false, true
	d.holding, d.bare, d.held = false, false, d.held[:0]
	d.context.reset()
	d.chronology = false
	d.furnRemoved = 0
	d.guarding = d.c.guard || d.c.holdWhole
	d.w = d.final
	if d.guarding {
		d.w = &d.guardOut
	}
}

// processLine runs the paragraph tier on one whole line.
func (d *doc) processLine(t []byte, num int) {
	d.seq++
	if len(t) == 0 {
		if d.cand {
			d.candBlank = true // the blank line's effect waits for the verdict
			return
		}
		if d.holding {
			d.endHold()
		}
		d.pendingBreak = d.emitted
		d.blockStart = true
		return
	}
	if d.cand {
		d.resolveCandidate(t)
	}
	opensBlock := d.blockStart
	d.blockStart = false
	if d.holding {
		short := runesUpTo(t, maxWrapWidth+1) <= maxWrapWidth
		switch {
		case d.bare && !d.headMarker && len(d.held) == 0 && len(d.teaser) <= maxRun && runTitle(t, d.strict):
			// One more title of the run under a bare marker.
			d.teaser = append(d.teaser, heldLine{text: append([]byte(nil), t...), num: num})
			return
		case d.mayWrap && short && startsLower(t) && len(d.held) < maxContinuation && (!d.bare || len(d.teaser) > 1):
			d.held = append(d.held, heldLine{text: append([]byte(nil), t...), num: num})
			return
		}
		d.releaseHold()
		d.processLine(t, num)
		return
	}
	if !d.started {
		if t = d.stripLeading(t, num); len(t) == 0 {
			return
		}
	}
	if r := d.match(t); r != nil {
		if d.spanGuard(r, num, len(t)) {
			d.emit(t, num)
			return
		}
		if r.Kind != KindLeading {
			// Whether the line is noise or the article's own (a heading, a
			// list item, a line of verse) can take the next line to tell.
			d.holdCandidate(r, t, num, opensBlock)
			return
		}
		d.remove(r, num, DropLine, t)
		return
	}
	m := d.matchTeaser(t)
	if m.rule != nil && !m.bare && !titleAfter(t[m.end:]) {
		if runesUpTo(t, maxTeaserRunes+1) > maxTeaserRunes && d.c.guard {
			// A marker opening a whole paragraph (a document flattened
			// to one line, say) is worth a word: the line stays.
			d.guardKept(Guarded{Rule: m.rule.ID, Doc: d.num, Line: num, Bytes: len(t),
				Reason: "a teaser marker opens a paragraph, not a title"})
		}
		m.rule = nil
	}
	if m.rule != nil {
		// A strict phrase styled as a label ("polecamy", "POLECAMY"), not
		// as the start of a sentence, is a widget's heading.
		strict := m.strict && !labelStyled(t)
		d.holding, d.rule, d.bare, d.strict = true, m.rule, m.bare, strict
		// Other articles' titles follow the article; above its first
		// line a bare marker is a button ("Read more" in a cookie
		// banner) over the article's own headline: it goes alone.
		d.headMarker = m.bare && d.linesOut == 0
		d.mayWrap = opensBlock && runesUpTo(t, maxWrapWidth+1) <= maxWrapWidth
		d.teaser = append(d.teaser[:0], heldLine{text: append([]byte(nil), t...), num: num})
		return
	}
	if len(d.m.inline) > 0 || d.c.extra != nil && len(d.c.extra.inline) > 0 {
		if t = d.stripInline(t, num); len(t) == 0 {
			return
		}
	}
	d.emit(t, num)
}

// startsLower reports a line that begins with a lower-case letter: the
// continuation of a sentence rather than a new paragraph.
func startsLower(t []byte) bool {
	r, _ := utf8.DecodeRune(t)
	return unicode.IsLower(r)
}

// lineMemo keeps the line rules' verdicts on one line. A line after a
// candidate is matched twice, once as the candidate's context (isNoise)
// and once as a line of its own: the second time reads the first's.
type lineMemo struct {
	seq        int   // the processLine call it was kept in, 0: none
	at         *byte // where the line's bytes are, and how many: a
	size       int   // line cut or rewritten since is another line
	matched    bool
	rule       *Rule
	teaserDone bool
	teaser     phraseMatch
}

// memoFor returns the memo of verdicts on t, the line in hand, emptied
// first if it held another line's.
func (d *doc) memoFor(t []byte) *lineMemo {
	m := &d.memo
	if len(t) == 0 || m.seq != d.seq || m.at != &t[0] || m.size != len(t) {
		*m = lineMemo{seq: d.seq, size: len(t)}
		if len(t) > 0 {
			m.at = &t[0]
		}
	}
	return m
}

// match returns the first rule that removes the whole line t, or nil.
// Teasers, which may take following lines too, are matched apart.
func (d *doc) match(t []byte) *Rule {
	if m := d.memoFor(t); !m.matched {
		m.matched, m.rule = true, d.matchRules(t)
	}
	return d.memo.rule
}

// lineRules is what the verdicts of the line rules on a line depend on:
// the Cleaner and the matchers of the document's language; and their
// scratch space. The reading stage has one of its own.
type lineRules struct {
	c        *Cleaner
	m        *matchers // the rules for the document's language
	fold     *folder
	pat      patternScratch
	dateToks []string // the date recogniser's tokens
}

func (d *lineRules) matchRules(t []byte) *Rule {
	if d.keptByRule(t) {
		return nil
	}
	r := d.m.matchLine(t, d)
	if r == nil && d.c.extra != nil {
		r = d.c.extra.matchLine(t, d)
	}
	if r != nil && r.KeepSentences && readsAsSentence(t) {
		return nil
	}
	return r
}

func (m *matchers) matchLine(t []byte, d *lineRules) *Rule {
	if r := m.markers.match(t, d.fold); r != nil {
		return r
	}
	if r := m.dates.match(t, d.fold, &d.dateToks); r != nil {
		return r
	}
	if pm := m.prefixes.match(t, d.fold); pm.rule != nil {
		return pm.rule
	}
	return m.patterns.match(t, &d.pat)
}

// matchTeaser returns the teaser phrase line t starts with, if any.
func (d *doc) matchTeaser(t []byte) phraseMatch {
	if m := d.memoFor(t); !m.teaserDone {
		m.teaserDone, m.teaser = true, d.matchTeaserRules(t)
	}
	return d.memo.teaser
}

func (d *lineRules) matchTeaserRules(t []byte) phraseMatch {
	if d.keptByRule(t) {
		return phraseMatch{}
	}
	if m := d.m.teasers.match(t, d.fold); m.rule != nil {
		return m
	}
	if x := d.c.extra; x != nil {
		return x.teasers.match(t, d.fold)
	}
	return phraseMatch{}
}

// stripLeading removes a leading metadata token from the line that would
// start the output: lines removed before it do not count.
func (d *doc) stripLeading(t []byte, num int) []byte {
	leading := d.m.leading
	if x := d.c.extra; x != nil {
		leading = slices.Concat(leading, x.leading)
	}
	for _, p := range leading {
		if !mayStartWith(t, p.prefixes) {
			continue
		}
		if loc := p.re.get().FindIndex(t); loc != nil && loc[1] > 0 {
			d.remove(p.rule, num, Strip, t[:loc[1]])
			return bytes.TrimLeft(t[loc[1]:], " ")
		}
	}
	return t
}

func (d *doc) remove(r *Rule, num int, a Action, text []byte) {
	if a != Strip && a != StripSpan {
		d.notePrev(nil, false)
	}
	d.removed += int64(len(text))
	if d.hooks.Removal == nil && d.hooks.Event == nil && !d.guarding {
		return
	}
	rm := Removal{Rule: r.ID, Doc: d.num, Line: num, Action: a, Bytes: len(text), Lines: bytes.Count(text, []byte("\n")) + 1}
	if (d.hooks.Removal != nil && !d.hooks.OmitText) || d.hooks.Event != nil {
		rm.Text = string(text)
	}
	switch {
	case d.guarding:
		d.pending = append(d.pending, pendingEvent{Event: Event{Kind: EventRemove, Line: num, Doc: d.num}, rm: rm})
		return
	case d.hooks.Event == nil:
		d.hooks.Removal(rm) // the usual case: no Event to build
		return
	}
	// A copy for the Event, so that rm itself does not escape: taking
	// its address here had every removal allocate, Event or not.
	held := rm
	d.event(Event{Kind: EventRemove, Line: num, Doc: d.num, Removal: &held})
}

// emit writes a kept line, after a paragraph break if one is pending.
func (d *doc) emit(t []byte, num int) {
	d.notePrev(t, true)
	d.writeBreak()
	d.w.Write(t)
	d.w.WriteByte('\n')
	d.kept += int64(len(t))
	d.stats.LinesOut++
	d.linesOut++
	if d.hooks.Kept != nil {
		d.hooks.Kept(num, t)
	}
	if d.hooks.Event != nil {
		d.event(Event{Kind: EventKeep, Line: num, Doc: d.num, Text: string(t)})
	}
}

func (d *doc) writeBreak() {
	d.started = true
	if d.pendingBreak && d.emitted {
		d.w.WriteByte('\n')
		if d.hooks.Event != nil {
			d.event(Event{Kind: EventBreak, Doc: d.num})
		}
	}
	d.pendingBreak = false
	d.emitted = true
}

// startLong prepares for a line longer than maxLine. No rule matches such a
// line, so a held teaser is settled first and the line streams through.
func (d *doc) startLong() {
	if d.cand {
		d.resolveCandidate(longNext)
	}
	for d.holding {
		d.releaseHold()
	}
	d.long, d.longWrote = foldState{}, false
}

// longPiece cleans and writes one piece of a long line.
func (d *doc) longPiece(piece []byte, num int, final bool) {
	d.line, _ = d.c.chars.appendLine(d.line[:0], piece, &d.long, &d.stats.Chars, &d.scratch)
	d.guardRawLine(d.line, final)
	t := d.line
	if !d.longWrote {
		// A leading token stripped from an earlier piece may have left a
		// pending space at the start of this one.
		t = bytes.TrimLeft(t, " ")
	}
	if !d.started && len(t) > 0 {
		t = d.stripLeading(t, num)
	}
	if len(t) > 0 {
		if !d.longWrote {
			d.longWrote = true
			d.blockStart = false
			d.writeBreak()
		}
		d.w.Write(t)
		d.kept += int64(len(t))
		if d.hooks.Kept != nil {
			d.hooks.Kept(num, t)
		}
		if d.hooks.Event != nil {
			d.event(Event{Kind: EventKeep, Line: num, Doc: d.num, Text: string(t), Partial: !final})
		}
	} else if final && d.longWrote && d.hooks.Event != nil {
		d.event(Event{Kind: EventKeep, Line: num, Doc: d.num})
	}
	if !final {
		return
	}
	switch {
	case d.longWrote:
		d.w.WriteByte('\n')
		d.stats.LinesOut++
		d.linesOut++
	case !d.long.content:
		d.processLine(nil, num) // a long line of spaces is a blank line
	}
}
