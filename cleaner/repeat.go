package cleaner

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Repeated text: pages set a sentence of the article apart as a pull quote,
// give the headline twice (the page's and the article's), repeat a caption.
// The words are in the document already, so the copy that stands apart can
// go with nothing lost: a line in quotation marks goes when its text is part
// of a longer line of the document, and a headline or caption (no sentence
// end) goes when the same line came just above it. Only a line that is a paragraph of its own counts;
// lines the document-wide rules already drop vouch for nothing.

const (
	repeatMinWords = 6   // shorter lines repeat by nature ("Tak, to prawda.")
	repeatMaxBytes = 400 // a pull quote is a sentence or two
	repeatNear     = 3   // a line given twice within this many lines is a double
)

// markRepeats marks the lines that repeat the document's own text for r.
func (d *doc) markRepeats(r *Rule) bool {
	any := false
	for i, l := range d.lines {
		if len(l) > repeatMaxBytes || len(l) == 0 || d.lineDropped(i) {
			continue
		}
		// Only a line set whole as a quotation is looked for inside the
		// paragraphs: a paragraph of prose that says again what the lead
		// said is the article's, and an unpunctuated line may be the
		// wrapped part of a paragraph said twice. The cheap tests first:
		// this runs on every document.
		twin := -1
		if !endsSentence(l) {
			// Given twice in a row, a headline or a caption is the
			// page's doing; a paragraph said twice may be the author's.
			twin = d.twinAbove(i)
		}
		quote := twin < 0 && quoteShaped(l)
		if twin < 0 && !quote || !d.standsApart(i) {
			continue
		}
		core := quoteCore(l)
		if words(core, repeatMinWords) < repeatMinWords {
			continue
		}
		if twin >= 0 && !d.sameBlock(twin, i) || quote && d.quoted(i, core) {
			d.drop(i, r)
			any = true
		}
	}
	return any
}

// twinAbove returns the line just above i (within repeatNear lines) that is
// the same as line i, or -1.
func (d *doc) twinAbove(i int) int {
	for j := max(0, i-repeatNear); j < i; j++ {
		if len(d.lines[j]) == len(d.lines[i]) && !d.lineDropped(j) && bytes.Equal(d.lines[j], d.lines[i]) {
			return j
		}
	}
	return -1
}

func (d *doc) lineDropped(i int) bool { return i < len(d.lineDrop) && d.lineDrop[i] != nil }

// sameBlock reports the lines around j and around i alike: a block of lines
// repeated, as a refrain is, rather than one line given twice.
func (d *doc) sameBlock(j, i int) bool {
	if i-j < 2 {
		return false
	}
	alike := func(a, b int) bool {
		return a >= 0 && b < len(d.lines) && len(d.lines[a]) > 0 && bytes.Equal(d.lines[a], d.lines[b])
	}
	return alike(j-1, i-1) || alike(j+1, i+1)
}

// quoted reports line i's core found inside a longer line of the document
// that stays: the paragraph the pull quote was taken from.
func (d *doc) quoted(i int, core []byte) bool {
	for j, m := range d.lines {
		if j != i && len(m) > len(d.lines[i]) && !d.lineDropped(j) && bytes.Contains(m, core) {
			return true
		}
	}
	return false
}

// quoteCore is t without the quotation marks, dashes and final punctuation a
// pull quote is set in: „Tak nie może być” → Tak nie może być.
func quoteCore(t []byte) []byte {
	return bytes.TrimFunc(t, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Pi, r) || unicode.Is(unicode.Pf, r) ||
			unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pe, r) || r == '"' || r == '\'' ||
			r == '.' || r == '!' || r == '?' || r == '…' || r == '–' || r == '—' || r == '-' || r == utf8.RuneError
	})
}

// standsApart reports line i a paragraph of its own: not the wrapped part of
// a longer one (no lower-case start, no lower-case line after it, the line
// before ends a sentence or a block).
func (d *doc) standsApart(i int) bool {
	l := d.lines[i]
	if continues(l) || i+1 < len(d.lines) && continues(d.lines[i+1]) {
		return false
	}
	return i == 0 || len(d.lines[i-1]) == 0 || endsSentence(d.lines[i-1]) || !endsSentence(l)
}

// continues reports a line whose first letter is lower-case, after any
// quotation marks or dashes: the rest of a sentence wrapped above it.
func continues(t []byte) bool {
	i := bytes.IndexFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	return i >= 0 && startsLower(t[i:])
}

// quoteShaped reports a line set whole in quotation marks: it opens with
// one and closes with one after its last word (a sentence that ends in a
// quotation opens with its own words).
func quoteShaped(t []byte) bool {
	first, _ := utf8.DecodeRune(t)
	if !isQuoteMark(first) {
		return false
	}
	last, _ := utf8.DecodeLastRune(bytes.TrimRight(t, ".!?… "))
	return isQuoteMark(last)
}

func isQuoteMark(r rune) bool {
	if r < utf8.RuneSelf {
		// The initial and final quotation marks (Pi, Pf) are none of
		// them ASCII: a line's first letter costs no table search.
		return r == '"'
	}
	return unicode.Is(unicode.Pi, r) || unicode.Is(unicode.Pf, r) || r == '"' || r == '„' || r == '»' || r == '«'
}
