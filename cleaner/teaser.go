package cleaner

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// A teaser advertises another article: a marker ("Czytaj także:", "Related:")
// followed by that article's title, or a bare marker line heading a short
// run of titles. The words of a marker also open ordinary sentences
// ("Czytaj więcej o tym w raporcie NIK – zachęcał rzecznik."), so a rule
// matches the shape as well as the words: what follows the marker must look
// like a title, and a run under a bare marker must be a run of titles.
const (
	// maxTeaserRunes bounds a teaser line: a title, perhaps with the first
	// sentences of the other article's lead, not a paragraph of one's own.
	maxTeaserRunes = 600
	// maxRunLine bounds one title of a run under a bare marker.
	maxRunLine = 160
	// maxRun bounds the titles a bare marker heads: a longer run is a list
	// of the article's own.
	maxRun = 12
	// minStrictWords is the fewest words of each title under a marker whose
	// words also open ordinary prose ("Polecamy:"): a list of short items
	// (dishes, names) under it is the article's own.
	minStrictWords = 5
)

// titleAfter reports whether rest, the text after a teaser phrase on its
// line, has the shape of another article's title: it opens like a title
// (a capital, a digit or a quotation of one) rather than continuing a
// sentence, and it is not a paragraph in length.
func titleAfter(rest []byte) bool {
	rest = bytes.TrimLeftFunc(rest, func(r rune) bool { return r == ' ' || isTeaserPunct(r) })
	if len(rest) == 0 {
		return true
	}
	return runesUpTo(rest, maxTeaserRunes+1) <= maxTeaserRunes && opensTitle(rest)
}

// opensTitle reports text whose first word starts with a capital letter or
// a digit, after any quotation marks, brackets or list bullets.
func opensTitle(t []byte) bool {
	for len(t) > 0 {
		r, size := utf8.DecodeRune(t)
		switch {
		case unicode.IsUpper(r), unicode.IsTitle(r), unicode.IsDigit(r):
			return true
		case unicode.IsLetter(r):
			return false
		}
		t = t[size:]
	}
	return false
}

// runTitle reports whether line t can be one title of a run under a bare
// teaser marker: short, opening like a title, and not ending as a sentence
// does (a full stop), goes on (a comma) or as a heading of its own (a colon). Under a
// strict marker each title must also have minStrictWords words.
func runTitle(t []byte, strict bool) bool {
	if runesUpTo(t, maxRunLine+1) > maxRunLine || !opensTitle(t) {
		return false
	}
	switch last, _ := utf8.DecodeLastRune(t); last {
	case ',', ';', ':', '.':
		// A title ends in a word, a question or an exclamation; a
		// sentence that ends here is the text under the run.
		return false
	}
	return !strict || words(t, minStrictWords) >= minStrictWords
}

// words counts the runs of letters and digits in t, up to limit: callers
// compare with small numbers, and a paragraph need not be read to its end.
func words(t []byte, limit int) int {
	n, in := 0, false
	for i := 0; i < len(t); {
		c := t[i]
		var w bool
		if c < utf8.RuneSelf {
			w = 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'
			i++
		} else {
			r, size := utf8.DecodeRune(t[i:])
			w = isWordRune(r)
			i += size
		}
		if w && !in {
			if n++; n >= limit {
				return n
			}
		}
		in = w
	}
	return n
}

// labelStyled reports a line whose letters are all lower case or all upper
// case: the style of a widget's label, where a sentence would open with a
// capital and go on in lower case.
func labelStyled(t []byte) bool {
	upper, lower := false, false
	for _, r := range string(t) {
		upper = upper || unicode.IsUpper(r)
		lower = lower || unicode.IsLower(r)
	}
	return !(upper && lower)
}

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

// dropTeaser reports the teaser's lines as removed and ends the hold. A
// bare strict marker that heads no run of titles ("Polecamy:" over a list
// of dishes) is the article's own, and stays.
func (d *doc) dropTeaser() {
	if d.bare && d.strict && len(d.teaser) == 1 {
		d.holding, d.bare = false, false
		d.emit(d.teaser[0].text, d.teaser[0].num)
		return
	}
	n := len(d.teaser) - 1
	for _, h := range d.teaser {
		n += len(h.text)
	}
	if d.spanGuard(d.rule, d.teaser[0].num, n) {
		d.holding, d.bare = false, false
		for _, h := range d.teaser {
			d.emit(h.text, h.num)
		}
		return
	}
	action := DropLine
	if len(d.teaser) > 1 {
		action = DropParagraph
	}
	text := d.dropped[:0]
	for i, h := range d.teaser {
		if i > 0 {
			text = append(text, '\n')
		}
		text = append(text, h.text...)
	}
	d.dropped = text
	d.remove(d.rule, d.teaser[0].num, action, text)
	d.holding, d.bare = false, false
}
