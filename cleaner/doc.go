package cleaner

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"
)

// Teaser paragraphs come in two layouts. Where paragraphs are separated by
// blank lines, a teaser paragraph may be hard-wrapped: a marker line, then a
// few short continuation lines. Where each line is a paragraph (common in
// JSON Lines dumps), the lines after a teaser are article text. The two are
// told apart by shape, never by guessing from the first line alone:
//
//   - the teaser line itself always goes;
//   - the lines after it go too only if the teaser line opened its block
//     (first line after a blank line or the start of the document), the block
//     ends (blank line or end of input) within maxContinuation more lines, and
//     every line of it, the teaser line included, is at most maxWrapWidth
//     characters: the shape of one paragraph wrapped at a fixed column.
//
// A long line anywhere in the block means one paragraph per line, so only
// the teaser line goes and the others are cleaned as usual. Holding back at
// most maxContinuation short lines keeps memory bounded.
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

	started      bool // a non-blank line was seen: document-start rules are done
	emitted      bool // some output was written
	pendingBreak bool // a blank line came after the last output line
	blockStart   bool // the next non-blank line opens a block

	// A teaser line waiting to see whether short lines continue it.
	holding bool
	teaser  heldLine
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
		if len(d.held) < maxContinuation && utf8.RuneCount(t) <= maxWrapWidth {
			d.held = append(d.held, heldLine{text: append([]byte(nil), t...), num: num})
			return
		}
		d.releaseHold()
		d.processLine(t, num)
		return
	}
	if !d.started {
		d.started = true
		if t = d.stripLeading(t, num); len(t) == 0 {
			return
		}
	}
	if r := d.match(t); r != nil {
		if r.Kind == KindTeaser && opensBlock && utf8.RuneCount(t) <= maxWrapWidth {
			d.holding, d.rule = true, r
			d.teaser = heldLine{text: append(d.teaser.text[:0], t...), num: num}
			return
		}
		d.remove(r, num, DropLine, t)
		return
	}
	d.emit(t)
}

// match returns the first rule that removes the whole line t, or nil.
func (d *doc) match(t []byte) *Rule {
	c := d.c
	if r := c.markers.match(t, d.fold); r != nil {
		return r
	}
	if r := c.dates.match(t, d.fold); r != nil {
		return r
	}
	if r := c.prefixes.match(t, d.fold); r != nil {
		return r
	}
	for _, p := range c.patterns {
		if p.re.Match(t) {
			return p.rule
		}
	}
	return c.teasers.match(t, d.fold)
}

// stripLeading removes a leading metadata token from the first line.
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
	text := d.teaser.text
	for _, h := range d.held {
		text = append(append(text, '\n'), h.text...)
	}
	action := DropLine
	if len(d.held) > 0 {
		action = DropParagraph
	}
	d.remove(d.rule, d.teaser.num, action, text)
	d.holding, d.held = false, d.held[:0]
}

// releaseHold drops the held teaser line alone and runs the lines held after
// it through the paragraph tier as ordinary lines: the block turned out not
// to be a hard-wrapped teaser.
func (d *doc) releaseHold() {
	d.remove(d.rule, d.teaser.num, DropLine, d.teaser.text)
	held := d.held
	d.holding, d.held = false, nil
	for _, h := range held {
		d.processLine(h.text, h.num)
	}
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
	if !d.started && len(t) > 0 {
		d.started = true
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
