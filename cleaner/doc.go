package cleaner

import (
	"bufio"
	"bytes"
	"io"
	"unicode"
	"unicode/utf8"
)

// Teaser paragraphs come in two layouts. Where paragraphs are separated by
// blank lines, a teaser paragraph may be hard-wrapped: a marker line, then a
// few short continuation lines. Where each line is a paragraph (common in
// JSON Lines dumps), the lines after a teaser are article text. The two are
// told apart by shape and by what the lines say, never by the first line
// alone:
//
//   - the teaser line itself always goes;
//   - a bare marker line ("CZYTAJ TAKŻE:", "Zobacz też >>") announces a
//     headline: the next line of its block goes with it if it is short;
//   - any further line goes only if it visibly continues the teaser's
//     sentence (it starts with a lower-case letter), and only when the teaser
//     opened its block, every line of it is at most maxWrapWidth characters
//     and the block ends (blank line or end of input) within maxContinuation
//     lines: the shape of one paragraph wrapped at a fixed column.
//
// A line that breaks these conditions ends the teaser: what was held back on
// trial is cleaned as ordinary lines. Holding back at most maxContinuation
// short lines keeps memory bounded.
const (
	maxContinuation = 5
	maxWrapWidth    = 100
)

// doc is the state of one Clean call.
type doc struct {
	c      *Cleaner
	w      *bufio.Writer
	report func(Removal)
	stats  Stats
	fold   *folder

	started      bool // a line was written: document-start rules are done
	emitted      bool // some output was written
	pendingBreak bool // a blank line came after the last output line
	blockStart   bool // the next non-blank line opens a block

	// A teaser waiting to see whether short lines continue it: teaser holds
	// the lines that go in any case (the teaser line, a bare marker's
	// headline), held the continuation lines on trial.
	holding bool
	bare    bool // the teaser line is a bare marker, waiting for its headline
	mayWrap bool // the teaser opened its block and is short: lines may continue it
	teaser  []heldLine
	rule    *Rule
	held    []heldLine

	line      []byte    // the current line after the character tier
	scratch   []byte    // for NFC
	long      foldState // trim-and-fold state of a long line
	longWrote bool      // part of the long line was written
}

type heldLine struct {
	text []byte
	num  int
}

func newDoc(c *Cleaner, dst io.Writer, report func(Removal)) *doc {
	return &doc{
		c:          c,
		w:          bufio.NewWriterSize(dst, 64<<10),
		report:     report,
		fold:       newFolder(),
		blockStart: true,
		line:       make([]byte, 0, 1024),
	}
}

func (d *doc) run(src io.Reader) error {
	lr := newLineReader(src)
	inLong := false
	for {
		piece, final, ok := lr.next()
		if !ok {
			break
		}
		if !inLong && final {
			var st foldState
			d.line = d.c.chars.appendLine(d.line[:0], piece, &st, &d.stats.Chars, &d.scratch)
			d.stats.LinesIn++
			d.processLine(d.line, lr.num)
		} else {
			if !inLong {
				d.stats.LinesIn++
				d.startLong()
			}
			inLong = !final
			d.longPiece(piece, lr.num, final)
		}
		if d.w.Buffered() == 0 || d.w.Available() < maxLine {
			// Stop early when the output has gone away (a closed pipe).
			if err := d.w.Flush(); err != nil {
				return err
			}
		}
	}
	if d.holding {
		d.endHold()
	}
	if lr.err != io.EOF {
		d.w.Flush()
		return lr.err
	}
	return d.w.Flush()
}

// processLine runs the paragraph tier on one whole line.
func (d *doc) processLine(t []byte, num int) {
	if len(t) == 0 {
		if d.holding {
			d.endHold()
		}
		d.pendingBreak = d.emitted
		d.blockStart = true
		return
	}
	opensBlock := d.blockStart
	d.blockStart = false
	if d.holding {
		short := utf8.RuneCount(t) <= maxWrapWidth
		switch {
		case d.bare && short:
			d.bare = false
			d.teaser = append(d.teaser, heldLine{text: append([]byte(nil), t...), num: num})
			return
		case d.mayWrap && short && startsLower(t) && len(d.held) < maxContinuation:
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
		d.remove(r, num, DropLine, t)
		return
	}
	if r, bare := d.c.teasers.match(t, d.fold); r != nil {
		d.holding, d.rule, d.bare = true, r, bare
		d.mayWrap = opensBlock && utf8.RuneCount(t) <= maxWrapWidth
		d.teaser = append(d.teaser[:0], heldLine{text: append([]byte(nil), t...), num: num})
		return
	}
	d.emit(t)
}

// startsLower reports a line that begins with a lower-case letter: the
// continuation of a sentence rather than a new paragraph.
func startsLower(t []byte) bool {
	r, _ := utf8.DecodeRune(t)
	return unicode.IsLower(r)
}

// match returns the first rule that removes the whole line t, or nil.
// Teasers, which may take following lines too, are matched apart.
func (d *doc) match(t []byte) *Rule {
	c := d.c
	if r := c.markers.match(t, d.fold); r != nil {
		return r
	}
	if r := c.dates.match(t, d.fold); r != nil {
		return r
	}
	if r, _ := c.prefixes.match(t, d.fold); r != nil {
		return r
	}
	for _, p := range c.patterns {
		if p.re.Match(t) {
			return p.rule
		}
	}
	return nil
}

// stripLeading removes a leading metadata token from the line that would
// start the output: lines removed before it do not count.
func (d *doc) stripLeading(t []byte, num int) []byte {
	for _, p := range d.c.leading {
		if loc := p.re.FindIndex(t); loc != nil && loc[1] > 0 {
			d.remove(p.rule, num, Strip, t[:loc[1]])
			return bytes.TrimLeft(t[loc[1]:], " ")
		}
	}
	return t
}

// endHold drops a held teaser and its continuation lines as one paragraph:
// its block has ended within the bound.
func (d *doc) endHold() {
	d.teaser = append(d.teaser, d.held...)
	d.held = d.held[:0]
	d.dropTeaser()
}

// releaseHold drops the teaser and runs the lines held on trial after it
// through the paragraph tier as ordinary lines: the block turned out not to
// be a hard-wrapped teaser.
func (d *doc) releaseHold() {
	d.dropTeaser()
	held := d.held
	d.held = nil
	for _, h := range held {
		d.processLine(h.text, h.num)
	}
}

// dropTeaser reports the teaser's lines as removed and ends the hold.
func (d *doc) dropTeaser() {
	action := DropLine
	if len(d.teaser) > 1 {
		action = DropParagraph
	}
	var text []byte
	for i, h := range d.teaser {
		if i > 0 {
			text = append(text, '\n')
		}
		text = append(text, h.text...)
	}
	d.remove(d.rule, d.teaser[0].num, action, text)
	d.holding, d.bare = false, false
}

func (d *doc) remove(r *Rule, num int, a Action, text []byte) {
	if d.report != nil {
		d.report(Removal{Rule: r.ID, Line: num, Action: a, Text: string(text)})
	}
}

// emit writes a kept line, after a paragraph break if one is pending.
func (d *doc) emit(t []byte) {
	d.writeBreak()
	d.w.Write(t)
	d.w.WriteByte('\n')
	d.stats.LinesOut++
}

func (d *doc) writeBreak() {
	d.started = true
	if d.pendingBreak && d.emitted {
		d.w.WriteByte('\n')
	}
	d.pendingBreak = false
	d.emitted = true
}

// startLong prepares for a line longer than maxLine. No rule matches such a
// line, so a held teaser is settled first and the line streams through.
func (d *doc) startLong() {
	for d.holding {
		d.releaseHold()
	}
	d.long, d.longWrote = foldState{}, false
}

// longPiece cleans and writes one piece of a long line.
func (d *doc) longPiece(piece []byte, num int, final bool) {
	d.line = d.c.chars.appendLine(d.line[:0], piece, &d.long, &d.stats.Chars, &d.scratch)
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
	}
	if !final {
		return
	}
	switch {
	case d.longWrote:
		d.w.WriteByte('\n')
		d.stats.LinesOut++
	case !d.long.content:
		d.processLine(nil, num) // a long line of spaces is a blank line
	}
}
