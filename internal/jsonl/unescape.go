package jsonl

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// appendUnescaped appends the text of raw, a JSON string literal with its
// quotes, to dst. It decodes as gjson does (Result.Str), lone surrogates
// becoming U+FFFD, but into a buffer the caller reuses: gjson would
// allocate a string per record. ok reports whether the inside was valid
// JSON (no control byte, every escape known and complete).
func appendUnescaped(dst, raw []byte) (out []byte, ok bool) {
	if len(raw) < 2 {
		return dst, false
	}
	out, _, ok, _ = unescape(dst, raw[1:len(raw)-1], false, nil)
	return out, ok
}

// appendStringValue decodes a string literal's inside, from b[0] (just
// after its opening quote), to dst as appendUnescaped does, and returns the
// index of its closing quote. ok is false if the inside is not valid JSON
// or no quote closes it; lone reports a lone surrogate. The validator
// finds and decodes the field it looks for with it, walking the article
// text once.
func appendStringValue(dst, b []byte, ends *[]lineEnd) (out []byte, closing int, ok, lone bool) {
	out, closing, ok, lone = unescape(dst, b, true, ends)
	return out, closing, ok && closing < len(b), lone
}

// unescape decodes s to dst up to its end or, if quoteEnds, its first
// unescaped quote, and returns the index where it stopped. ok is false at
// a control byte or a bad escape; lone reports a lone surrogate (decoded
// as U+FFFD). If ends is not nil, the line breaks of the text are
// appended to it (see lineEnd), offsets counted from dst's end and s's
// start.
//
// It is the validator's pass over nearly all of a record, and json.dumps
// records have an escape every 16 bytes of Polish: dst is grown once,
// the runs between escapes are copied 32 bytes at a time (AVX2, storing
// before testing) or, near the end or without AVX2, eight at a time, and
// a \u escape is decoded by table, not by calls per escape. Every escape
// is longer than what it stands for, so the text never outgrows s: dst's
// room for len(s) bytes is enough, and bytes stored ahead of a special
// byte stay within it. (Eight bytes at a time first, AVX2 only for a run
// past 16 bytes, took 4% more instructions on json.dumps records and 1.5%
// more on raw UTF-8 ones: Callgrind, 3000 records.)
func unescape(dst, s []byte, quoteEnds bool, ends *[]lineEnd) (out []byte, end int, ok, lone bool) {
	base := len(dst)
	buf := slices.Grow(dst, len(s))
	buf = buf[:cap(buf)]
	n := base // buf[:n] is the text so far; n-base <= i
	i := 0
	le := binary.LittleEndian
	for {
		// A run of bytes that stand for themselves.
		if useAVX2 && len(s)-i >= 32 {
			k := copyToSpecialAVX2(buf[n:n+len(s)-i], s[i:])
			i += k
			n += k
			if i == len(s) {
				return buf[:n], i, true, lone
			}
			goto escape
		}
		for i+8 <= len(s) {
			w := le.Uint64(s[i:])
			le.PutUint64(buf[n:], w)
			if m := specialMask(w); m != 0 {
				k := bits.TrailingZeros64(m) / 8
				i += k
				n += k
				goto escape
			}
			i += 8
			n += 8
		}
		for i < len(s) && !jsonEscape[s[i]] {
			buf[n] = s[i]
			i++
			n++
		}
		if i == len(s) {
			return buf[:n], i, true, lone
		}
	escape:
		switch c := s[i]; {
		case c == '\\':
		case c == '"':
			if quoteEnds {
				return buf[:n], i, true, lone
			}
			// A quote inside raw: appendUnescaped's caller found the
			// literal's end (gjson's span), so it is kept as it is.
			buf[n] = c
			n++
			i++
			continue
		default: // a control byte
			return buf[:n], i, false, lone
		}
		if i+1 == len(s) {
			// A backslash cannot end a literal's inside: it would
			// escape the closing quote.
			return buf[:n], i, false, lone
		}
		if c := s[i+1]; c != 'u' {
			d := simpleEscape[c]
			if d == 0 {
				return buf[:n], i + 2, false, lone
			}
			if d == '\n' && ends != nil {
				*ends = append(*ends, lineEnd{d: n - base, c: i, next: i + 2})
			}
			buf[n] = d
			n++
			i += 2
			continue
		}
		if len(s)-i < 6 {
			return buf[:n], i + 2, false, lone
		}
		r := hexRune(s[i+2:])
		if r < 0 {
			return buf[:n], i + 2, false, lone
		}
		at := i
		i += 6
		switch {
		case r < 0x80:
			if r == '\n' && ends != nil {
				*ends = append(*ends, lineEnd{d: n - base, c: at, next: i})
			}
			buf[n] = byte(r)
			n++
		case r < 0x800:
			buf[n] = 0xC0 | byte(r>>6)
			buf[n+1] = 0x80 | byte(r)&0x3F
			n += 2
			// json.dumps writes a word's letters as escapes side by
			// side ("\u017c\u00f3\u0142"): the next is taken here.
			for len(s)-i >= 6 && s[i] == '\\' && s[i+1] == 'u' {
				r = hexRune(s[i+2:])
				if r < 0x80 || r >= 0x800 {
					break
				}
				buf[n] = 0xC0 | byte(r>>6)
				buf[n+1] = 0x80 | byte(r)&0x3F
				n += 2
				i += 6
			}
		default:
			if utf16.IsSurrogate(r) {
				if len(s)-i >= 6 && s[i] == '\\' && s[i+1] == 'u' {
					if r2 := hexRune(s[i+2:]); r2 >= 0xDC00 && r2 < 0xE000 && r < 0xDC00 {
						r = utf16.DecodeRune(r, r2)
						i += 6
					}
				}
				if utf16.IsSurrogate(r) {
					lone = true
				}
			}
			n += utf8.EncodeRune(buf[n:], r) // a lone surrogate: U+FFFD
		}
	}
}

// specialMask has the high bit set in each byte of w (eight bytes, little
// endian) that a JSON string cannot hold as it is: a quote, a backslash or
// a control byte. A byte below 0x20 has no high bit and borrows when 0x20
// is subtracted; x ^ '"' and x ^ '\\' are zero exactly at those bytes. A
// borrow only ever corrupts bytes above a true hit, so the lowest set bit
// is right.
func specialMask(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	lt := (w - 0x20*ones) &^ w
	q := w ^ '"'*ones
	bs := w ^ '\\'*ones
	return (lt | (q-ones)&^q | (bs-ones)&^bs) & highs
}

// hexVal is the value of a hex digit, by its byte, or -1.
var hexVal = func() (t [256]int8) {
	for c := range 256 {
		t[c] = -1
		switch {
		case c >= '0' && c <= '9':
			t[c] = int8(c - '0')
		case c >= 'a' && c <= 'f':
			t[c] = int8(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			t[c] = int8(c - 'A' + 10)
		}
	}
	return t
}()

// hexRune reads four hex digits, or returns -1 if they are not.
func hexRune(s []byte) rune {
	a, b, c, d := rune(hexVal[s[0]]), rune(hexVal[s[1]]), rune(hexVal[s[2]]), rune(hexVal[s[3]])
	if a|b|c|d < 0 {
		return -1
	}
	return a<<12 | b<<8 | c<<4 | d
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string literal starting at i
// (len(b) if it is not closed).
func skipString(b []byte, i int) int {
	if q := closingQuote(b, i); q >= 0 {
		return q + 1
	}
	return len(b)
}

// closingQuote returns the index of the quote that closes the string
// literal whose opening quote is b[open], or -1 if none does.
func closingQuote(b []byte, open int) int {
	for i := open + 1; ; i++ {
		// Article text is long: jump from quote to quote.
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return -1
		}
		i += j
		// A quote after an odd number of backslashes is escaped.
		k := i
		for k-1 > open && b[k-1] == '\\' {
			k--
		}
		if (i-k)%2 == 0 {
			return i
		}
	}
}

// skipValue returns the index after the value starting at i: a string, an
// object or array (strings inside skipped whole), or a scalar.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = skipString(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	return i
}

// keyEquals compares a raw key literal with a name, decoding escapes only
// when the key has some.
func keyEquals(raw []byte, name string) bool {
	inner := raw[1 : len(raw)-1]
	if len(inner) == len(name) && string(inner) == name {
		return true
	}
	for _, c := range inner {
		if c == '\\' {
			var buf [64]byte
			text, _ := appendUnescaped(buf[:0], raw)
			return string(text) == name
		}
	}
	return false
}
