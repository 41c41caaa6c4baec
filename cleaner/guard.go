package cleaner

import (
	"bytes"
	"fmt"
	"slices"
)

// maxGuard bounds what the --max-removed guard holds of one document (its
// cleaned output and its original lines): a larger document is cleaned
// without the guard, and DocStats says so.
const maxGuard = 1 << 20

// pendingEvent is an event the guard holds; a removal's Removal is held by
// value, so that holding one allocates nothing of its own.
type pendingEvent struct {
	Event
	rm Removal
}

// event passes an event on, or queues it while the guard decides.
func (d *doc) event(e Event) {
	if d.guarding {
		d.pending = append(d.pending, pendingEvent{Event: e})
		return
	}
	d.deliver(e)
}

func (d *doc) deliver(e Event) {
	if e.Kind == EventRemove && d.hooks.Removal != nil {
		d.hooks.Removal(*e.Removal)
	}
	if d.hooks.Event != nil {
		d.hooks.Event(e)
	}
}

// endDoc settles a document: a held teaser is dropped, the guard decides
// and DocEnd is told.
func (d *doc) endDoc() {
	d.settle()
	if d.guarding && d.headDates > 0 && d.dateHeadings > 0 && !d.chronology {
		// Some dates head paragraphs: those that looked stray were
		// headings too.
		d.recleanAsChronology()
	}
	if d.guarding && d.markWholeDoc() {
		// Rules that read the whole document found lines to drop: the
		// line rules run again without them.
		d.reclean()
	}
	d.lineDrop = d.lineDrop[:0]
	ds := DocStats{Doc: d.num, Line: d.firstLine, Kept: d.kept, Removed: d.removed, Lang: d.lang}
	if d.guarding {
		ds.Guarded = d.c.guard
		if reason := d.docGuard(ds); reason != "" {
			// Too much would go: leave the document as it came.
			ds.KeptWhole = true
			d.stats.KeptWhole++
			d.writeWhole()
			g := Guarded{Rule: d.heaviestRule(), Doc: d.num, Line: d.firstLine, Bytes: int(d.removed), Reason: reason, Whole: true}
			d.pending = d.pending[:0]
			d.guardKept(g)
		} else {
			d.final.Write(d.guardOut.Bytes())
		}
		d.flushGuard()
	}
	if d.hooks.DocEnd != nil {
		d.hooks.DocEnd(ds)
	}
}

// settle decides what still waits at the end of a document.
func (d *doc) settle() {
	if d.cand {
		d.resolveCandidate(nil)
	}
	if d.holding {
		d.endHold()
	}
}

// recleanAsChronology cleans the document again from the lines the guard
// holds, with the dates above the lead taken for headings: further down,
// dates head paragraphs, so the first one does too.
func (d *doc) recleanAsChronology() {
	d.chronology = true
	d.reclean()
}

// markWholeDoc runs the rules that read a whole document at once (the page
// classifier, repeated text) over the lines the guard holds, and marks in
// lineDrop the lines they drop. It reports whether any is marked.
func (d *doc) markWholeDoc() bool {
	// The whole page's classifier, or else the edges'.
	furniture := d.m.furniture
	if furniture == nil || !d.c.enabled[furniture.ID] {
		furniture = d.m.edges
	}
	if furniture != nil && !d.c.enabled[furniture.ID] {
		furniture = nil
	}
	repeat := d.m.repeat != nil && d.c.enabled[d.m.repeat.ID]
	if furniture == nil && !repeat {
		return false
	}
	d.lines = d.lines[:0]
	for raw := d.guardRaw.Bytes(); len(raw) > 0; {
		line, rest, _ := bytes.Cut(raw, []byte{'\n'})
		d.lines = append(d.lines, line)
		raw = rest
	}
	// Furniture first: a line that repeats the menu's text vouches for
	// nothing.
	any := false
	if furniture != nil {
		any = d.markFurniture(furniture) || any
	}
	if repeat {
		any = d.markRepeats(d.m.repeat) || any
	}
	return any
}

// drop marks line i of the document for rule r.
func (d *doc) drop(i int, r *Rule) {
	if len(d.lineDrop) < len(d.lines) {
		d.lineDrop = slices.Grow(d.lineDrop[:0], len(d.lines))[:len(d.lines)]
		clear(d.lineDrop)
	}
	if d.lineDrop[i] == nil {
		d.lineDrop[i] = r
	}
}

// markFurniture marks the lines the page classifier finds to be a page's
// furniture: the rules then see the article's lines as neighbours, not the
// menu's.
func (d *doc) markFurniture(r *Rule) bool {
	text := make([][]byte, 0, len(d.lines))
	at := make([]int, 0, len(d.lines))
	for i, l := range d.lines {
		if len(l) > 0 {
			text = append(text, l)
			at = append(at, i)
		}
	}
	langs := d.c.detect
	if i := slices.Index(stopWords().langs, d.lang); i >= 0 {
		langs = 1 << i
	}
	if langs == 0 {
		langs = ^uint32(0)
	}
	classes := classifyPage(text, langs, d.ruleLine)
	from, to := 0, len(classes)
	if r.Edges {
		// Only the runs before the first and after the last line that
		// is not furniture.
		for from < len(classes) && classes[from] == classBad {
			from++
		}
		for to > from && classes[to-1] == classBad {
			to--
		}
		if from < minEdgeRun {
			from = 0
		}
		if len(classes)-to < minEdgeRun {
			to = len(classes)
		}
	}
	any := false
	for k, c := range classes {
		if c == classBad && (!r.Edges || k < from || k >= to) {
			d.drop(at[k], r)
			any = true
		}
	}
	return any
}

// ruleLine reports a line a rule matches, or that a teaser phrase opens
// ("Zobacz również inne artykuły:"), as the page classifier asks.
func (d *doc) ruleLine(t []byte) bool {
	return d.match(t) != nil || d.matchTeaser(t).rule != nil
}

// minEdgeRun is the fewest furniture lines at an edge that go: one line
// above an article may be its title or its kicker.
const minEdgeRun = 2

// reclean cleans the document again from the lines the guard holds.
func (d *doc) reclean() {
	lines := append([]byte(nil), d.guardRaw.Bytes()...)
	d.stats.LinesOut -= d.linesOut
	d.guardOut.Reset()
	d.guardRaw.Reset()
	d.pending = d.pending[:0]
	d.kept, d.removed, d.furnRemoved, d.linesOut = 0, 0, 0, 0
	d.started, d.emitted, d.pendingBreak, d.blockStart = false, false, false, true
	d.holding, d.held = false, d.held[:0]
	d.context.reset()
	num := d.firstLine
	for len(lines) > 0 {
		line, rest, _ := bytes.Cut(lines, []byte{'\n'})
		lines = rest
		d.guardRawLine(line, true)
		if i := num - d.firstLine; i < len(d.lineDrop) && d.lineDrop[i] != nil {
			// The whole document's verdict comes before any line rule.
			r := d.lineDrop[i]
			if r.Kind == KindFurniture {
				d.furnRemoved += int64(len(line))
			}
			d.remove(r, num, DropLine, line)
		} else {
			d.processLine(line, num)
		}
		num++
	}
	d.settle()
}

// minShareGuard is the fewest bytes removed for the share test to apply: a
// short note with a marker and a date ("Tekst.\nReklama\n12.04.2022") loses
// more than half to rules that do right, and a few lines are no loss a
// guard must stop.
const minShareGuard = 200

// writeWhole writes the document the guard keeps as the character tier
// left it: every line, in the text model's layout (one blank line between
// paragraphs), no rule applied.
func (d *doc) writeWhole() {
	d.stats.LinesOut -= d.linesOut
	wrote, pending := false, false
	for rest := d.guardRaw.Bytes(); len(rest) > 0; {
		line, after, _ := bytes.Cut(rest, []byte{'\n'})
		rest = after
		if len(line) == 0 {
			pending = wrote
			continue
		}
		if pending {
			d.final.WriteByte('\n')
			pending = false
		}
		d.final.Write(line)
		d.final.WriteByte('\n')
		d.stats.LinesOut++
		wrote = true
	}
}

// docGuard says why the guard keeps a whole document, or "".
func (d *doc) docGuard(ds DocStats) string {
	switch {
	case ds.Removed == 0 || !d.c.guard:
		return ""
	case ds.Kept == 0:
		return "the rules would remove all of it"
	}
	// A page's furniture is most of a page: the share bound is for the
	// rules that read an article's lines.
	ds.Removed -= d.furnRemoved
	ds.Kept += d.furnRemoved
	if ds.Removed > minShareGuard && ds.Share() > d.c.maxRemoved {
		return fmt.Sprintf("the rules would remove %.0f%% of it, over the %.0f%% bound", 100*ds.Share(), 100*d.c.maxRemoved)
	}
	return ""
}

// heaviestRule is the rule that removed most bytes of the document, of
// the removals the guard holds.
func (d *doc) heaviestRule() string {
	by := map[string]int{}
	best := ""
	for _, p := range d.pending {
		if p.Kind != EventRemove {
			continue
		}
		id := p.rm.Rule
		by[id] += p.rm.Bytes
		if best == "" || by[id] > by[best] {
			best = id
		}
	}
	return best
}

// guardKept reports text the guard kept in place.
func (d *doc) guardKept(g Guarded) {
	d.stats.Guarded++
	if d.hooks.Guard != nil {
		d.hooks.Guard(g)
	}
	if d.hooks.Event != nil {
		d.event(Event{Kind: EventGuard, Doc: g.Doc, Line: g.Line, Guard: &g})
	}
}

// spanGuard reports whether one removal of text would be longer than the
// guard allows, and if so reports it: the caller keeps the text.
func (d *doc) spanGuard(r *Rule, num int, n int) bool {
	if d.c.maxSpan == 0 || n <= d.c.maxSpan {
		return false
	}
	d.guardKept(Guarded{Rule: r.ID, Doc: d.num, Line: num, Bytes: n,
		Reason: fmt.Sprintf("one span of %d bytes, over the %d-byte bound", n, d.c.maxSpan)})
	return true
}

// flushGuard delivers what the guard held and ends guarding.
func (d *doc) flushGuard() {
	d.guarding = false
	for i := range d.pending {
		p := &d.pending[i]
		if p.Kind == EventRemove {
			p.Removal = &p.rm
		}
		d.deliver(p.Event)
	}
	d.pending = d.pending[:0]
	d.guardOut.Reset()
	d.guardRaw.Reset()
	d.w = d.final
}

// guardRawLine records an original line for the guard, and gives up on the
// guard for a document too large to hold.
func (d *doc) guardRawLine(piece []byte, final bool) {
	if !d.guarding {
		return
	}
	d.guardRaw.Write(piece)
	if final {
		d.guardRaw.WriteByte('\n')
	}
	if d.guardRaw.Len()+d.guardOut.Len() > maxGuard {
		d.final.Write(d.guardOut.Bytes())
		d.flushGuard()
	}
}
