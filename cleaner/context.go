package cleaner

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// A line a rule matches is noise in one place and the article's own in
// another: "Reklama" alone between paragraphs is an ad marker, but under
// it a paragraph defining advertising makes it a heading; "24 lutego 2022 r."
// above the lead is a stray date, but between paragraphs of a chronology it
// heads that day's events. So a matched line waits for the next line, and
// the verdict weighs its neighbours:
//
//   - a date line goes when it is metadata: it is a stamp (dateStamp),
//     stands at the document's end or over more noise, or stands where no
//     article text is above it (under the title, a byline, removed noise)
//     unless the document turns out to be a chronology; a date after a
//     paragraph and followed by text is a heading and stays;
//   - any matched line stays when the next line of its block continues it
//     in lower case (a sentence or a verse running through it), when it is
//     an item of a list of "label: value" lines like itself, or of a list
//     of short lines under the line that introduces it;
//   - a marker also stays when it is a list item ("- Reklama zewnętrzna"
//     is not, "- Reklama" is), a sentence among short ones in its block
//     ("Reklama." in a poem), or a heading the next paragraph takes up ("Advertisement"
//     over "an advertisement is any message…").
type context struct {
	cand      bool
	candText  []byte
	candNum   int
	candRule  *Rule
	candBlank bool // a blank line came after the candidate
	inBlock   bool // a line stood before the candidate in its block
	prevLV    int  // lvShape of that line, if kept
	head      bool // no article text came before it, a title at most

	// A date above the lead is taken for the article's date unless dates
	// also head paragraphs further down: then the document is cleaned again
	// with chronology set.
	chronology   bool
	headDates    int // dates above the lead, removed
	dateHeadings int // dates heading paragraphs in the body, kept

	prev      []byte // the start of the last line kept (prevHead bytes)
	prevEnds  bool   // it ends as a sentence does
	prevColon bool   // it ends in a colon
	prevLong  bool   // it is longer than prevHead
	prevKept  bool   // the last line was kept, not removed
	prevAny   bool   // a line came before, in this document
	titleLike bool   // the document's first kept line reads as a title
	inList    bool   // kept lines since the last one ending in ':' are short items
}

func (c *context) reset() {
	c.cand, c.candBlank, c.prevAny, c.prevKept, c.titleLike, c.inList = false, false, false, false, false, false
	c.headDates, c.dateHeadings = 0, 0
}

// prevHead is how much of the last line kept the verdicts read.
const prevHead = 128

// prefixLen is the length of t's first n bytes, shortened so as not to
// cut a rune. Only a rune that t[n] belongs to is left out: stray
// continuation bytes are invalid bytes of their own, which any cut keeps
// whole (a run of them once gave 0, and the folded comparison saw nothing).
func prefixLen(t []byte, n int) int {
	if len(t) <= n {
		return len(t)
	}
	for i := n; i >= 0 && i > n-utf8.UTFMax; i-- {
		if utf8.RuneStart(t[i]) {
			if _, size := utf8.DecodeRune(t[i:]); i < n && i+size > n {
				return i
			}
			return n
		}
	}
	return n
}

// longNext stands for a line too long to hold, which is article text.
var longNext = []byte("X")

// notePrev records the fate of the line just settled.
func (d *doc) notePrev(t []byte, kept bool) {
	d.prevAny, d.prevKept = true, kept
	if !kept {
		return
	}
	// Of the line, what the verdicts read: its start (a label, its first
	// words), how it ends, and whether it is long. A copy of the whole
	// line per line kept cost a tenth of the time on short records.
	d.prev = append(d.prev[:0], t[:prefixLen(t, prevHead)]...)
	d.prevEnds = endsSentence(t)
	d.prevColon = bytes.HasSuffix(t, []byte(":"))
	d.prevLong = len(t) > prevHead
	// A list of short lines is open under a line that introduces it
	// ("Ricavi per fonte:"); a menu's run of short lines has none.
	if d.prevColon {
		d.inList = true
	} else if d.inList && !shortItem(t) {
		d.inList = false
	}
	if d.linesOut == 0 {
		d.titleLike = runesUpTo(t, 151) <= 150 && !endsSentence(t)
	}
}

// holdCandidate holds line t, which rule r matched, until the next line.
func (d *doc) holdCandidate(r *Rule, t []byte, num int, opensBlock bool) {
	c := &d.context
	c.cand, c.candRule, c.candNum, c.candBlank = true, r, num, false
	c.candText = append(c.candText[:0], t...)
	c.inBlock = !opensBlock && c.prevAny
	c.prevLV = 0
	if !opensBlock && c.prevKept {
		c.prevLV = lvShape(c.prev)
	}
	c.head = d.linesOut == 0 || (d.linesOut == 1 && c.titleLike)
}

// resolveCandidate settles the held line now that next, the following
// non-blank line, is known (nil: the document ended).
func (d *doc) resolveCandidate(next []byte) {
	c := &d.context
	c.cand = false
	if d.candidateIsContent(next) {
		d.emit(c.candText, c.candNum)
	} else {
		d.remove(c.candRule, c.candNum, DropLine, c.candText)
	}
	if c.candBlank {
		c.candBlank = false
		d.pendingBreak = d.emitted
		d.blockStart = true
	}
}

func (d *doc) candidateIsContent(next []byte) bool {
	c := &d.context
	t := c.candText
	sameBlock := next != nil && !c.candBlank
	long := next != nil && &next[0] == &longNext[0]
	nextNoise := next != nil && !long && d.isNoise(next)
	if c.candRule.Kind == KindDateLine {
		if dateStamp(t) || next == nil || nextNoise {
			return false // a stamp, at the end, or over more noise
		}
		if (c.head || !c.afterText()) && !d.chronology {
			// Above the lead, or under a byline, it reads as the
			// article's date, unless the document turns out to be a
			// chronology (see endDoc).
			d.headDates++
			return false
		}
		d.dateHeadings++
		return true
	}
	if long {
		return false
	}
	nextText := next != nil && !nextNoise
	switch {
	case sameBlock && startsLower(next) && words(next, 3) >= 3:
		return true // a sentence or a verse runs through it
	case c.prevLV != 0 && c.prevLV == lvShape(t), sameBlock && nextText && lvShape(next) != 0 && lvShape(next) == lvShape(t):
		return true // an item of a list of "label: value" lines like itself
	case c.inList && shortItem(t) && c.inBlock && sameBlock && nextText && shortItem(next):
		return true // an item of a list of short lines under its heading
	case nextText && words(t, 4) <= 3 && words(next, 6) >= 6 && takesUp(t, next, d.fold):
		return true // a heading the next paragraph takes up
	}
	if c.candRule.Kind != KindMarker {
		return false
	}
	last, _ := utf8.DecodeLastRune(t)
	verse := func(line []byte) bool { return words(line, 7) <= 6 && endsSentence(line) }
	return listItem(t) || (last == '.' &&
		((c.inBlock && c.prevKept && !c.prevLong && c.prevEnds && words(c.prev, 7) <= 6) || (sameBlock && nextText && verse(next))))
}

// shortItem reports a line that can be an item of a list of short lines:
// one to three words of letters ("Abbonamenti", "Pubblicità", "Edicola").
func shortItem(t []byte) bool {
	return len(t) <= 100 && words(t, 4) <= 3 && bytes.IndexFunc(t, func(r rune) bool {
		return !unicode.IsLetter(r) && r != ' ' && r != '-'
	}) < 0
}

// lvShape tells the shape of a "label: value" line: 0 if t is none, 1 if
// its value starts with a digit ("Lecture : 10 minutes"), 2 otherwise. Lines
// of a list share it; a tag line over a view count do not.
func lvShape(t []byte) int {
	if !labelValue(t) {
		return 0
	}
	_, v, _ := bytes.Cut(t, []byte(":"))
	if v = bytes.TrimSpace(v); len(v) > 0 && isDigit(v[0]) {
		return 1
	}
	return 2
}

// afterText reports that the line before the candidate was kept and reads
// as article text: a sentence, a line introducing what follows, or long.
func (c *context) afterText() bool {
	return c.prevKept && (c.prevEnds || c.prevColon || c.prevLong || words(c.prev, 9) > 8)
}

// isNoise reports a line some rule would remove.
func (d *doc) isNoise(t []byte) bool {
	if d.match(t) != nil {
		return true
	}
	m := d.matchTeaser(t)
	return m.rule != nil && (m.bare || titleAfter(t[m.end:]))
}

// labelValue reports a "label: value" line, such as an item of a timetable
// ("Lecture : 10 minutes") or a fact box ("Czas pracy: 240 minut").
func labelValue(t []byte) bool {
	i := bytes.IndexByte(t, ':')
	if i <= 0 || i > 40 || len(bytes.TrimSpace(t[i+1:])) == 0 {
		return false
	}
	label := bytes.TrimSpace(t[:i])
	n := words(label, 5)
	return n >= 1 && n <= 4 && bytes.IndexFunc(label, func(r rune) bool {
		return !isWordRune(r) && r != ' ' && r != '-' && r != '(' && r != ')'
	}) < 0
}

// listItem reports a line that opens with a list bullet and ends in a word
// ("- Reklama zewnętrzna"), not one decorated on both sides ("- Reklama -").
func listItem(t []byte) bool {
	r, size := utf8.DecodeRune(t)
	switch r {
	case '-', '•', '*', '·', '▪', '‣', '◦':
	default:
		return false
	}
	if size >= len(t) || t[size] != ' ' {
		return false
	}
	last, _ := utf8.DecodeLastRune(t)
	return isWordRune(last)
}

// takesUp reports a next line that repeats the first long word of t: a
// heading and the paragraph it heads ("Kommentare" over "Kommentare zur
// Satzung können …").
func takesUp(t, next []byte, f *folder) bool {
	var word []byte
	for rest := t; len(rest) > 0 && word == nil; {
		start := bytes.IndexFunc(rest, isWordRune)
		if start < 0 {
			break
		}
		rest = rest[start:]
		end := bytes.IndexFunc(rest, notWordRune)
		if end < 0 {
			end = len(rest)
		}
		if utf8.RuneCount(rest[:end]) >= 4 {
			word = rest[:end]
		}
		rest = rest[end:]
	}
	if word == nil {
		return false
	}
	// The first five letters: a stem that inflection leaves alone
	// ("Reklama", "reklamy").
	folded := f.fold(word)
	var stemBuf [5 * utf8.UTFMax]byte
	stem := stemBuf[:0]
	for i, n := 0, 0; i < len(folded) && n < 5; n++ {
		_, size := utf8.DecodeRune(folded[i:])
		stem = append(stem, folded[i:i+size]...)
		i += size
	}
	// A paragraph that takes a heading up names it early.
	return containsFolded(next[:prefixLen(next, 300)], stem, f)
}

// containsFolded reports whether the case folding of hay contains needle,
// itself folded. Folding the whole of hay was most of takesUp's cost, so
// when needle starts with an ASCII letter hay is compared in place, ASCII
// case-blind, and folded only from a non-ASCII rune on. A needle starting
// with a letter that the folding of some non-ASCII rune holds (k: the
// Kelvin sign, n: ŉ → ʼn, f: ﬁ → fi; lettersFromFolds) takes the general
// way.
func containsFolded(hay, needle []byte, f *folder) bool {
	if len(needle) == 0 {
		return true
	}
	first := needle[0]
	if first < 'a' || first > 'z' || lettersFromFolds&(1<<(first-'a')) != 0 {
		return bytes.Contains(f.fold(hay), needle)
	}
	for i := range hay {
		// Of all bytes, only first and its upper case are first|0x20.
		if hay[i]|0x20 == first && hasFoldedPrefix(hay[i:], needle, f) {
			return true
		}
	}
	return false
}

// lettersFromFolds has a bit for each ASCII letter (a = bit 0) that the
// case folding of some non-ASCII rune contains: a, f, h, i, j, k, l, n, s,
// t, w, y (TestLettersFromFolds folds every rune to keep it true).
const lettersFromFolds = 1<<('a'-'a') | 1<<('f'-'a') | 1<<('h'-'a') | 1<<('i'-'a') | 1<<('j'-'a') |
	1<<('k'-'a') | 1<<('l'-'a') | 1<<('n'-'a') | 1<<('s'-'a') | 1<<('t'-'a') | 1<<('w'-'a') | 1<<('y'-'a')

// hasFoldedPrefix reports whether the case folding of h starts with needle.
func hasFoldedPrefix(h, needle []byte, f *folder) bool {
	for k, want := range needle {
		if k >= len(h) {
			return false
		}
		c := h[k]
		if c >= utf8.RuneSelf {
			// A folded rune is at least a byte, and its rune at most
			// utf8.UTFMax: this much of h folds to needle's length.
			end := k + prefixLen(h[k:], utf8.UTFMax*(len(needle)-k))
			return bytes.HasPrefix(f.fold(h[k:end]), needle[k:])
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != want {
			return false
		}
	}
	return true
}

// endsSentence reports a line that ends as a sentence does.
func endsSentence(t []byte) bool {
	for len(t) > 0 {
		last, size := utf8.DecodeLastRune(t)
		switch last {
		case '.', '!', '?', '…':
			return true
		case '"', '”', '»', '\'', ')':
			t = t[:len(t)-size] // a quotation or a bracket closing after it
			continue
		}
		return false
	}
	return false
}

// readsAsSentence reports a line of prose rather than a name or a source:
// seven words or more ending as a sentence ends, or eight or more with a
// clause after a comma.
func readsAsSentence(t []byte) bool {
	n := words(t, 8)
	return (n >= 7 && endsSentence(t)) || (n >= 8 && bytes.Contains(t, []byte(", ")))
}

// dateStamp reports a date line shaped as a publication stamp rather than a
// heading: with a label or a time (a colon), digits alone ("12.04.2022":
// a heading names its month), or a weekday before a full date with its
// year ("wtorek, 12 kwietnia 2022"; a diary's "Poniedziałek, 3 marca" has
// none).
func dateStamp(t []byte) bool {
	if bytes.IndexByte(t, ':') >= 0 || bytes.IndexFunc(t, unicode.IsLetter) < 0 {
		return true
	}
	first, rest, ok := bytes.Cut(t, []byte(","))
	if !ok || bytes.IndexFunc(first, notWordRune) >= 0 {
		return false
	}
	for _, f := range bytes.FieldsFunc(rest, notWordRune) {
		if len(f) == 4 && isYear(string(f)) {
			return true
		}
	}
	return false
}
