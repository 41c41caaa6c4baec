package cleaner

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The character tier has no per-span report: it counts. Its IDs can be
// disabled like rules.
const (
	// IDNFC composes text to Unicode Normalization Form C.
	IDNFC = "nfc"
	// IDSpaces maps every Unicode space (NBSP, thin space, ideographic
	// space, …) to U+0020. Trimming and folding always apply to ASCII blanks.
	IDSpaces = "spaces"
	// IDInvisible removes zero-width space, word joiner, a BOM inside text
	// and soft hyphens. Zero-width joiner and non-joiner stay: emoji
	// sequences and several scripts need them.
	IDInvisible = "invisible"
	// IDControls removes C0 and C1 control characters (NUL, ESC, DEL, …)
	// but tab, which is a blank.
	IDControls = "controls"
)

// charTier holds the switches of the character tier.
type charTier struct {
	nfc, spaces, invisible, mojibake, controls bool
}

// CharStats counts what the character tier changed.
type CharStats struct {
	NFC       int // lines recomposed to NFC
	Spaces    int // non-ASCII spaces mapped to U+0020
	Invisible int // invisible characters removed
	Invalid   int // invalid UTF-8 bytes replaced with U+FFFD
	Mojibake  int // lines repaired (see IDMojibake)
	Controls  int // control characters removed
}

// foldState carries the trim-and-fold state across the pieces of one line.
type foldState struct {
	content bool // a non-space character was written on this line
	space   bool // a space is pending: written only if content follows
}

func isInvisible(r rune) bool {
	switch r {
	case '\u200B', '\u2060', '\uFEFF', '\u00AD', '\u180E':
		return true
	}
	return false
}

// appendLine appends src, one line or one piece of a long line without its
// line break, to dst with the character tier applied: spaces mapped, runs of
// blanks folded to one space, leading and trailing blanks dropped (a trailing
// one stays pending in st), invisible characters removed, invalid UTF-8
// replaced and the result composed to NFC. scratch is reused for NFC.
//
// On the way it reports whether src may hold mojibake, as mayHaveMojibake
// does, which the mojibake repair would otherwise find in a pass of its
// own: one lead character and the byte after a continuation character.
//
// The ASCII path copies runs of printable bytes at once: it is the hot loop.
func (t *charTier) appendLine(dst, src []byte, st *foldState, stats *CharStats, scratch *[]byte) (out []byte, moji bool) {
	return t.appendLineFrom(dst, src, 0, false, st, stats, scratch)
}

// cleanLine is appendLine for a whole line, into *buf, except that a line
// the character tier leaves as it is (most lines of prose: one plain run)
// is returned as it is, src itself, rather than copied.
func (t *charTier) cleanLine(buf *[]byte, src []byte, st *foldState, stats *CharStats, scratch *[]byte) (out []byte, moji bool) {
	j, moji := plainRun(src, 0)
	if j == len(src) && j > 0 {
		st.content = true
		return src, moji
	}
	*buf, moji = t.appendLineFrom((*buf)[:0], src, j, moji, st, stats, scratch)
	return *buf, moji
}

// appendLineFrom is appendLine where src[:from] is known to be a plain run
// (see plainRun) and moji tells whether it holds mojibake.
func (t *charTier) appendLineFrom(dst, src []byte, from int, moji bool, st *foldState, stats *CharStats, scratch *[]byte) (out []byte, mojiOut bool) {
	start := len(dst)
	// Every rune below U+0300 is in NFC and never composes with a
	// neighbour, and all of them have UTF-8 lead bytes below 0xCC: a line
	// without such a byte (ASCII, Polish, Czech, German, French …) needs no
	// NFC work at all.
	mayNeedNFC := false
	if from > 0 {
		dst = st.flushSpace(dst)
		dst = append(dst, src[:from]...)
	}
	for i := from; i < len(src); {
		// Printable ASCII and letters of U+00C0–U+02FF (ó, ą, ł, ß …) are
		// never a space, an invisible or a control character, and need no
		// NFC work (a combining mark after them takes the slow path): such
		// runs, most of a line, are copied whole.
		if j, m := plainRun(src, i); j > i {
			dst = st.flushSpace(dst)
			dst = append(dst, src[i:j]...)
			i, moji = j, moji || m
			continue
		}
		c := src[i]
		moji = moji || c-0xC3 < 3 && mojiAt(src, i)
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\v' || c == '\f':
				st.space = true
			case t.controls:
				stats.Controls++ // c < ' ' or DEL: plainRun took the rest
			default:
				dst = st.flushSpace(dst)
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			stats.Invalid++
			dst = st.flushSpace(dst)
			dst = utf8.AppendRune(dst, utf8.RuneError)
		case t.spaces && unicode.IsSpace(r):
			stats.Spaces++
			st.space = true
		case t.invisible && isInvisible(r):
			stats.Invisible++
		case t.controls && r >= 0x80 && r <= 0x9F:
			stats.Controls++
		default:
			mayNeedNFC = mayNeedNFC || c >= 0xCC
			dst = st.flushSpace(dst)
			dst = append(dst, src[i-size:i]...)
		}
	}
	if mayNeedNFC && t.nfc {
		seg := dst[start:]
		if norm.NFC.QuickSpan(seg) != len(seg) {
			stats.NFC++
			*scratch = norm.NFC.Append((*scratch)[:0], seg...)
			dst = append(dst[:start], *scratch...)
		}
	}
	return dst, moji
}

// plainRun returns the end of the run from i of printable ASCII and
// two-byte characters with lead bytes 0xC3–0xCB, with single spaces between
// them: text the character filters leave as it is. A space may not start
// or end the run, nor follow another, as those are trimmed or folded.
//
// It also reports whether the run holds a lead byte where mojiAt finds
// mojibake, for appendLine.
//
// It is the hot loop of the character tier: plainWords takes eight bytes at
// a time, Polish letters included, and only the last few bytes of src go
// byte by byte.
func plainRun(src []byte, i int) (end int, moji bool) {
	if i < len(src) && src[i] == ' ' {
		return i, false // a space may not start the run
	}
	i, done, moji := plainWords(src, i)
	if done {
		return i, moji
	}
	for i < len(src) {
		c := src[i]
		switch {
		case c > ' ' && c < 0x7F:
			i++
		case c >= 0xC3 && c <= 0xCB && i+1 < len(src) && src[i+1]&0xC0 == 0x80:
			moji = moji || c <= 0xC5 && mojiAt(src, i)
			i += 2
		case c == ' ' && i+1 < len(src) && src[i+1] > ' ' && src[i+1] < 0x7F:
			// Between two plain characters a space stays as it is: the
			// run did not start with it, so a character came before.
			i += 2
		case c == ' ' && i+2 < len(src) && src[i+1]-0xC3 <= 0xCB-0xC3 && src[i+2]&0xC0 == 0x80:
			i++ // before a letter such as the ż of "że": the next turn takes it
		default:
			return i, moji
		}
	}
	return i, moji
}

// plainWords is plainRun word by word, from an i that is not a space. It
// returns where the run ends and true, or where it stopped, fewer than ten
// bytes before the end of src, and false; and whether mojiAt holds at a
// lead byte of the run.
func plainWords(src []byte, i int) (end int, done, moji bool) {
	le := binary.LittleEndian
	// A space first in a word follows a character of the run: i is not a
	// space. carry is 0x80 if the previous word ended with a lead byte
	// that plainOK found a continuation byte after: this word's first.
	carry := uint64(0)
	if useAVX2 && i+34 <= len(src) {
		if i, carry, done, moji = plainVector(src, i); done {
			return i, true, moji
		}
	}
	// Two words a turn: a fifth faster than one on long runs. Each word's
	// test is spelled out: as a function the compiler does not inline it,
	// and plainRun loses a quarter of its speed.
	for ; i+17 < len(src); i += 16 {
		b := src[i : i+18 : i+18]
		ok, lead := plainOK(le.Uint64(b), le.Uint64(b[1:]), le.Uint64(b[2:]))
		bad := ^(ok | carry) & msb
		if c := mojiCandidates(le.Uint64(b), le.Uint64(b[2:]), bad); c != 0 {
			moji = moji || mojiIn(src, i, c)
		}
		if bad != 0 {
			return i + bits.TrailingZeros64(bad)/8, true, moji
		}
		carry = lead >> 56 & 0x80
		ok, lead = plainOK(le.Uint64(b[8:]), le.Uint64(b[9:]), le.Uint64(b[10:]))
		bad = ^(ok | carry) & msb
		if c := mojiCandidates(le.Uint64(b[8:]), le.Uint64(b[10:]), bad); c != 0 {
			moji = moji || mojiIn(src, i+8, c)
		}
		if bad != 0 {
			return i + 8 + bits.TrailingZeros64(bad)/8, true, moji
		}
		carry = lead >> 56 & 0x80
	}
	if i+9 < len(src) {
		b := src[i : i+10 : i+10]
		ok, lead := plainOK(le.Uint64(b), le.Uint64(b[1:]), le.Uint64(b[2:]))
		bad := ^(ok | carry) & msb
		if c := mojiCandidates(le.Uint64(b), le.Uint64(b[2:]), bad); c != 0 {
			moji = moji || mojiIn(src, i, c)
		}
		if bad != 0 {
			return i + bits.TrailingZeros64(bad)/8, true, moji
		}
		carry = lead >> 56 & 0x80
		i += 8
	}
	return i + int(carry>>7), false, moji
}

// mojiCandidates marks (0x80) the bytes of w, eight bytes of src, that may
// start mojibake (see mojiAt): a byte 0xC3–0xC5 two bytes before a byte of
// 0x80 or more (the top bits of after, the eight bytes from two on), up to
// the first byte bad marks.
func mojiCandidates(w, after, bad uint64) uint64 {
	v := w &^ msb
	c := w & (v + 0x3D*lsb) &^ (v + 0x3A*lsb) & after & msb
	if bad != 0 {
		c &= bad&-bad - 1 // the bytes before the run ends
	}
	return c
}

// mojiIn reports whether mojiAt holds at a byte of src from i on that
// candidates marks.
func mojiIn(src []byte, i int, candidates uint64) bool {
	for ; candidates != 0; candidates &= candidates - 1 {
		if mojiAt(src, i+bits.TrailingZeros64(candidates)/8) {
			return true
		}
	}
	return false
}

const (
	lsb = 0x0101010101010101 // 0x01 in every byte
	msb = 0x8080808080808080 // 0x80 in every byte
)

// plainOK tests eight bytes of src at once: w holds them in little-endian
// order, next the eight bytes from one on and after those from two on, so
// that byte k of next is the byte after byte k of w. The answer for byte k
// is the top bit of byte k of ok and lead; the low seven bits are noise. ok
// marks the bytes that may be in a run: printable ASCII, a space before
// printable ASCII or before a lead byte 0xC3–0xCB that has a continuation
// byte after it, such a lead byte (marked in lead too) and the continuation
// byte after one. A continuation byte first in w is not ok: only the caller
// knows the byte before it.
//
// The sums add constants to the low seven bits of each byte (v) only, so
// that no carry spills into the next byte.
func plainOK(w, next, after uint64) (ok, lead uint64) {
	v, vn := w&^msb, next&^msb
	// 0x20–0x7E: v+0x60 reaches 0x80, v+0x01 does not, top bit clear.
	ascii := (v + 0x60*lsb) &^ (v + 0x01*lsb) &^ w
	// The same for next, from 0x21: printable ASCII.
	printableNext := (vn + 0x5F*lsb) &^ (vn + 0x01*lsb) &^ next
	// 0xC3–0xCB (v 0x43–0x4B, top bit set) before 0b10xxxxxx.
	lead = w & (v + 0x3D*lsb) &^ (v + 0x34*lsb) & next &^ (next << 1)
	leadNext := next & (vn + 0x3D*lsb) &^ (vn + 0x34*lsb) & after &^ (after << 1)
	// ASCII from 0x21, or a space before printable ASCII or a lead.
	return ascii&((v+0x5F*lsb)|printableNext|leadNext) | lead | lead<<8, lead
}

// flushSpace writes a pending space before content, but never at the start of
// a line.
func (st *foldState) flushSpace(dst []byte) []byte {
	if st.space && st.content {
		dst = append(dst, ' ')
	}
	st.space = false
	st.content = true
	return dst
}
