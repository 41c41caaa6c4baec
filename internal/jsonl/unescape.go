package jsonl

import (
	"bytes"
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
func unescape(dst, s []byte, quoteEnds bool, ends *[]lineEnd) (out []byte, end int, ok, lone bool) {
	base := len(dst)
	i := 0
	for i < len(s) {
		var n int
		dst, n = appendToSpecial(dst, s[i:])
		if i += n; i == len(s) {
			break
		}
		switch c := s[i]; {
		case c < 0x20:
			return dst, i, false, lone
		case c == '"':
			if quoteEnds {
				return dst, i, true, lone
			}
			// A quote inside raw: appendUnescaped's caller found the
			// literal's end (gjson's span), so it is kept as it is.
			dst = append(dst, c)
			i++
			continue
		}
		if i+1 == len(s) {
			// A backslash cannot end a literal's inside: it would
			// escape the closing quote.
			return dst, i, false, lone
		}
		c := s[i+1]
		i += 2
		switch c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			if ends != nil {
				*ends = append(*ends, lineEnd{d: len(dst) - base, c: i - 2, next: i})
			}
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			if len(s)-i < 4 || !isHex(s[i]) || !isHex(s[i+1]) || !isHex(s[i+2]) || !isHex(s[i+3]) {
				return dst, i, false, lone
			}
			r := hex4(s[i:])
			i += 4
			if utf16.IsSurrogate(r) && len(s)-i >= 6 && s[i] == '\\' && s[i+1] == 'u' {
				if r2 := hex4(s[i+2:]); r2 >= 0xDC00 && r2 < 0xE000 && r < 0xDC00 {
					r = utf16.DecodeRune(r, r2)
					i += 6
				}
			}
			if utf16.IsSurrogate(r) {
				lone = true
			}
			if r == '\n' && ends != nil {
				*ends = append(*ends, lineEnd{d: len(dst) - base, c: i - 6, next: i})
			}
			dst = utf8.AppendRune(dst, r) // a lone surrogate: U+FFFD
		case '"', '\\', '/':
			dst = append(dst, c)
		default:
			return dst, i, false, lone
		}
	}
	return dst, i, true, lone
}

// hex4 reads four hex digits (validated JSON has them).
func hex4(s []byte) rune {
	var r rune
	for _, c := range s[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return utf8.RuneError
		}
		r = r<<4 | rune(c)
	}
	return r
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
