package jsonl

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// A short field is decoded whole while the record is validated, and its
// line breaks are noted as it is (lineEnd). The cleaner works a line at a
// time and mostly keeps lines as they are or drops them, so its output is
// matched against the original a line at a time too (lineSplicer): a line
// found among the original's next lines is copied as the original's bytes,
// escapes and all, and only a line the cleaning changed is escaped anew.
// Matching only up to the first change and escaping everything after it
// spent, on json.dumps records (a \uXXXX escape every 16 bytes of Polish),
// as long on the escaping as on the cleaning: nearly every record has a
// change in its first lines.

// lineEnd is the end of a line of a decoded field: d is where its "\n" is
// in the text, c where the escape of that "\n" starts in the literal and
// next where it ends (the next line starts). The last line, with no "\n",
// ends at the text's and the literal's end (c == next).
type lineEnd struct{ d, c, next int }

// maxAhead bounds how many of the original's lines are looked through for
// a line of the cleaned text: the cleaner drops a few lines at a time (of
// the lines kept in 3000 generated records, 6600 were found one or two
// lines on, 300 more than 16 on), and a changed line, found nowhere (9600
// of them), costs no more than this.
const maxAhead = 32

// lineSplicer takes the cleaned text of a decoded field from the cleaner
// and makes the field's new literal inside, as fieldWriter does for a field
// decoded as it is read; see the top of this file.
type lineSplicer struct {
	raw   []byte    // the literal's inside in the record
	dec   []byte    // its text
	ends  []lineEnd // of the lines of dec, the last one included
	rec   []byte    // the whole record, for its style
	style *recordStyle
	n     int // bytes of text written

	next int // the first line of dec not yet matched
	// While contig, the new inside is raw[:c]: every line so far was the
	// original's next one. After that it is out[sideFrom:], appended to
	// the side buffer.
	contig   bool
	c        int
	out      []byte
	sideBuf  []byte
	sideFrom int

	// The "\n" after the last line waits to see whether text follows (the
	// text's final line break is left out); nlLine is the original line
	// that the line before it matched, or -1.
	nlPend bool
	nlLine int
	part   []byte // a line cut between writes, reused from field to field

	styled       bool // ascii and slash are set
	ascii, slash bool

	// A plain field has few escapes (a raw UTF-8 record's: a quote, a
	// line break now and then): escaping its text is a copy that stops
	// at a quote, no dearer than copying the original's bytes, and its
	// text after the first change is escaped anew (rest), one pass, not
	// matched line by line, compared and copied. It comes out as the
	// original's bytes where these were the usual escapes.
	plain, rest bool
}

// reset makes s take the text of the literal inside raw, decoded as dec
// with its line breaks at ends (the last line's end is added here), in
// rec; side is where the new inside goes when it is not raw's bytes.
func (s *lineSplicer) reset(raw, dec []byte, ends []lineEnd, rec []byte, style *recordStyle, side []byte) {
	part := s.part[:0]
	if cap(part) > maxKeep {
		part = nil
	}
	*s = lineSplicer{raw: raw, dec: dec, ends: append(ends, lineEnd{d: len(dec), c: len(raw), next: len(raw)}),
		rec: rec, style: style, contig: true, sideBuf: side, sideFrom: len(side), nlLine: -1, part: part,
		plain: len(raw)-len(dec) <= len(raw)/32}
}

func (s *lineSplicer) Write(p []byte) (int, error) {
	n := len(p)
	s.n += n
	for len(p) > 0 {
		if len(s.part) == 0 {
			if s.rest {
				s.escapeRest(p)
				break
			}
			if p = s.matchLines(p); len(p) == 0 || s.plain && s.cutPlain(p) {
				break
			}
		}
		k := bytes.IndexByte(p, '\n')
		if k < 0 {
			s.part = append(s.part, p...)
			break
		}
		line := p[:k]
		if len(s.part) > 0 {
			s.part = append(s.part, line...)
			line = s.part
		}
		s.line(line)
		s.part = s.part[:0]
		s.nlPend = true
		p = p[k+1:]
	}
	return n, nil
}

// matchLines takes the whole lines at the start of p that are the
// original's next lines as they are, and returns the rest of p. Most of a
// cleaned text is: one comparison of p with the original text, not a line
// at a time, finds them (splitting the text into lines, comparing each
// and copying each cost half as much again).
func (s *lineSplicer) matchLines(p []byte) []byte {
	i := s.next
	from := s.textStart(i)
	if i >= len(s.ends)-1 || len(p) <= s.ends[i].d-from {
		return p // not a whole line, or the last line (no "\n" to match)
	}
	k := commonLen(p, s.dec[from:])
	// Lines i to j-1 match, and the "\n" after each.
	j := i
	for j < len(s.ends)-1 && s.ends[j].d < from+k {
		j++
	}
	if j == i {
		return p
	}
	if s.nlPend {
		s.newline()
	}
	start, end := s.lineStart(i), s.ends[j-1].c
	if s.contig && s.c == start {
		s.c = end
	} else {
		s.diverge()
		s.out = append(s.out, s.raw[start:end]...)
	}
	s.next = j
	// The last "\n" waits, as Write's do: it may end the text.
	s.nlPend, s.nlLine = true, j-1
	return p[s.ends[j-1].d+1-from:]
}

// cutPlain, for a plain field, finds where p, at the start of the
// original's next line, first differs from it, keeps the original's bytes
// up to there and escapes the rest of p, and of the text, anew. It does
// nothing (false) if p does not differ within the line.
func (s *lineSplicer) cutPlain(p []byte) bool {
	i := s.next
	if i >= len(s.ends) {
		return false
	}
	from, to := s.textStart(i), s.ends[i].d
	m := commonLen(p, s.dec[from:to])
	if m == len(p) || m == to-from {
		return false
	}
	for m > 0 && !utf8.RuneStart(s.dec[from+m]) {
		m-- // the escape of a rune starts at its first byte
	}
	if s.nlPend {
		s.newline()
	}
	start := s.lineStart(i)
	r := start + rawSkip(s.raw[start:s.ends[i].c], m)
	if s.contig && s.c == start {
		s.c = r
		s.diverge()
	} else {
		s.diverge()
		s.out = append(s.out, s.raw[start:r]...)
	}
	s.rest = true
	s.escapeRest(p[m:])
	return true
}

// rawSkip returns where in rw, a literal's inside, its text's first m
// bytes end (m at a rune's start).
func rawSkip(rw []byte, m int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	r := 0
	for m > 0 {
		// rw holds at least the m bytes of text: escapes are longer.
		if m >= 8 {
			if x := binary.LittleEndian.Uint64(rw[r:]) ^ '\\'*ones; (x-ones)&^x&highs == 0 {
				r += 8
				m -= 8
				continue
			}
		}
		if rw[r] != '\\' {
			r++
			m--
			continue
		}
		n, used := escapeSize(rw[r:])
		r += used
		m -= n
	}
	return r
}

// escapeSize returns how many bytes of text the escape at e[0] (in a
// validated literal) stands for, and its own length.
func escapeSize(e []byte) (n, used int) {
	if e[1] != 'u' {
		return 1, 2
	}
	switch r := hexRune(e[2:]); {
	case r < 0x80:
		return 1, 6
	case r < 0x800:
		return 2, 6
	case r >= 0xD800 && r < 0xDC00 && len(e) >= 12 && e[6] == '\\' && e[7] == 'u':
		if r2 := hexRune(e[8:]); r2 >= 0xDC00 && r2 < 0xE000 {
			return 4, 12
		}
	}
	return 3, 6 // a lone surrogate too: U+FFFD
}

// commonLen returns the length of the common start of a and b.
func commonLen(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	// Long blocks first: most of the text agrees, and a call per 64
	// bytes cost as much as the comparing.
	for i+512 <= n && string(a[i:i+512]) == string(b[i:i+512]) {
		i += 512
	}
	for i+64 <= n && string(a[i:i+64]) == string(b[i:i+64]) {
		i += 64
	}
	for i+8 <= n && binary.LittleEndian.Uint64(a[i:]) == binary.LittleEndian.Uint64(b[i:]) {
		i += 8
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// escapeRest escapes p, text after a whole line, holding back a final
// "\n" (see rest).
func (s *lineSplicer) escapeRest(p []byte) {
	if s.nlPend {
		s.newline()
	}
	if p[len(p)-1] == '\n' {
		p = p[:len(p)-1]
		s.nlPend, s.nlLine = true, -1
	}
	s.out = s.escape(s.out, p)
}

// line takes a line of the cleaned text, without its "\n".
func (s *lineSplicer) line(t []byte) {
	if s.nlPend {
		s.newline()
	}
	if s.rest {
		s.out = s.escape(s.out, t)
		s.nlLine = -1
		return
	}
	i := s.find(t)
	s.nlLine = i
	if i < 0 {
		s.diverge()
		s.out = s.escape(s.out, t)
		return
	}
	start := s.lineStart(i)
	if s.contig && s.c == start {
		s.c = s.ends[i].c
	} else {
		s.diverge()
		s.out = append(s.out, s.raw[start:s.ends[i].c]...)
	}
	s.next = i + 1
}

// lineStart is where line i starts in raw.
func (s *lineSplicer) lineStart(i int) int {
	if i == 0 {
		return 0
	}
	return s.ends[i-1].next
}

// textStart is where line i starts in dec.
func (s *lineSplicer) textStart(i int) int {
	if i == 0 {
		return 0
	}
	return s.ends[i-1].d + 1
}

// find returns the first of the original's next lines that is t, or -1.
func (s *lineSplicer) find(t []byte) int {
	for i := s.next; i < len(s.ends) && i < s.next+maxAhead; i++ {
		if from, to := s.textStart(i), s.ends[i].d; to-from == len(t) && string(s.dec[from:to]) == string(t) {
			return i
		}
	}
	return -1
}

// newline writes the "\n" after a line: the original's escape of it when
// the line was an original one that had a "\n" after it.
func (s *lineSplicer) newline() {
	s.nlPend = false
	if i := s.nlLine; i >= 0 && i < len(s.ends)-1 {
		e := s.ends[i]
		if s.contig && s.c == e.c {
			s.c = e.next
			return
		}
		s.diverge()
		s.out = append(s.out, s.raw[e.c:e.next]...)
		return
	}
	s.diverge()
	s.out = s.escape(s.out, newline)
}

// diverge ends contig: the new inside is no longer raw's start. A plain
// field's rest is escaped anew.
func (s *lineSplicer) diverge() {
	if s.contig {
		s.contig = false
		s.out = append(s.sideBuf, s.raw[:s.c]...)
		s.rest = s.plain
	}
}

// escape appends t escaped in the record's style and the field's.
func (s *lineSplicer) escape(out, t []byte) []byte {
	if !s.styled {
		if !s.style.settled {
			s.style.ascii, s.style.settled = !hasHighByte(s.rec), true
		}
		s.ascii, s.slash, s.styled = s.style.ascii, hasEscapedSlash(s.raw), true
	}
	return appendEscaped(out, t, s.ascii, s.slash)
}

// finish ends the text and returns the field's new inside; changed is
// false when it is raw itself, the original bytes.
func (s *lineSplicer) finish() (inside []byte, changed bool) {
	if len(s.part) > 0 {
		s.line(s.part) // text after the last "\n"
		s.part = s.part[:0]
	}
	// A pending "\n" ends the text: it is dropped.
	if s.contig {
		if s.c == len(s.raw) {
			return s.raw, false
		}
		s.diverge() // the text is a shorter start of the original
	}
	return s.out[s.sideFrom:], true
}

// side returns the side buffer, with the new inside of this field if it is
// there (then inSide and the inside starts at from), for the next field.
func (s *lineSplicer) side() (buf []byte, inSide bool, from int) {
	if !s.contig {
		return s.out, true, s.sideFrom
	}
	return s.sideBuf, false, 0
}

// appendEscaped appends t, valid UTF-8, escaped as a JSON string's inside:
// quotes, backslashes and control characters escaped, and, if ascii, every
// character above ASCII as \uXXXX, and if slash, every "/" as `\/`. (An
// invalid byte, which the cleaner does not write, is U+FFFD in ASCII.)
func appendEscaped(out, t []byte, ascii, slash bool) []byte {
	if !ascii && !slash {
		for {
			var i int
			out, i = appendToSpecial(out, t)
			if i == len(t) {
				return out
			}
			out = appendEscape(out, t[i])
			t = t[i+1:]
		}
	}
	for len(t) > 0 {
		i := specialStyled(t, ascii, slash)
		out = append(out, t[:i]...)
		if i == len(t) {
			break
		}
		switch c := t[i]; {
		case c == '/':
			out = append(out, '\\', '/')
			t = t[i+1:]
		case c >= 0xC2 && c < 0xE0 && i+1 < len(t) && t[i+1]&0xC0 == 0x80:
			// Two bytes, below U+0800: most letters of European
			// languages, decoded here, not by a call per letter.
			r := rune(c&0x1F)<<6 | rune(t[i+1]&0x3F)
			out = append(out, '\\', 'u', '0', hexDigits[r>>8], hexDigits[r>>4&0xF], hexDigits[r&0xF])
			t = t[i+2:]
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(t[i:])
			out = appendRuneEscape(out, r)
			t = t[i+size:]
		default:
			out = appendEscape(out, c)
			t = t[i+1:]
		}
	}
	return out
}
