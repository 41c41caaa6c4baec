package jsonl

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// validator checks that a record is one JSON value, as encoding/json.Valid
// does (RFC 8259; string contents are not checked for UTF-8, which the
// decoder has already replaced). It exists for speed: nearly all of a
// record is its article text, which a byte-at-a-time validator (gjson's)
// spent as long on as cleaning the text's ASCII; stringEnd skips through
// it instead. Nesting is kept on a stack, not in recursion, so any depth
// works.
type validator struct {
	inObject []bool // the open containers, innermost last: true for an object

	// find, when set, is an object-key path (unescaped names) whose value
	// valid also locates, as findValue would: kind is what it is, and
	// found the span of a string, quotes included (start -1 if none).
	// The record is walked once, not twice.
	find  []string
	found span
	kind  valueKind
	// With decode, the string found is decoded into text as it is
	// checked (walking the article text once, not twice); lone reports
	// a lone surrogate in it.
	decode bool
	text   []byte
	ends   []lineEnd // text's line breaks
	lone   bool
	// matched is how many names of find the open objects' keys match: the
	// objects at depths 1 to matched+1 are on the path. A later duplicate
	// of a key on the path drops what an earlier one led to: the last
	// counts.
	matched int
	// Set by a matching key for the value after it.
	wantString, wantObject bool
}

// valid reports whether b is one JSON value with optional whitespace around.
func (v *validator) valid(b []byte) bool {
	stack := v.inObject[:0]
	defer func() { v.inObject = stack[:0] }()
	v.found, v.kind = span{-1, -1}, kindMissing
	v.matched, v.wantString, v.wantObject = 0, false, false
	i := skipSpace(b, 0)
	for {
		// A value starts at i.
		if i >= len(b) {
			return false
		}
		var ok bool
		if v.wantString || v.wantObject {
			switch {
			case v.wantString:
				v.kind = kindAt(b[i])
				if b[i] == '"' {
					start := i
					if v.decode {
						var q int
						v.ends = v.ends[:0]
						v.text, q, ok, v.lone = appendStringValue(v.text[:0], b[i+1:], &v.ends)
						i += q + 2
					} else {
						i, ok = stringEnd(b, i+1)
					}
					if !ok {
						return false
					}
					v.found, v.wantString = span{start, i}, false
					goto ended
				}
			case b[i] == '{':
				v.matched++
			}
			v.wantString, v.wantObject = false, false
		}
		switch c := b[i]; c {
		case '{', '[':
			i = skipSpace(b, i+1)
			if i < len(b) && b[i] == closing(c) {
				i++
				v.leave(len(stack))
				break
			}
			stack = append(stack, c == '{')
			if c == '{' {
				if i, ok = v.objectKey(b, i, len(stack)); !ok {
					return false
				}
			}
			continue
		case '"':
			if i, ok = stringEnd(b, i+1); !ok {
				return false
			}
		case 't':
			if i, ok = word(b, i, "true"); !ok {
				return false
			}
		case 'f':
			if i, ok = word(b, i, "false"); !ok {
				return false
			}
		case 'n':
			if i, ok = word(b, i, "null"); !ok {
				return false
			}
		default:
			if i, ok = number(b, i); !ok {
				return false
			}
		}
	ended:
		// A value ended at i: close containers until one goes on.
		for {
			i = skipSpace(b, i)
			if len(stack) == 0 {
				return i == len(b)
			}
			if i >= len(b) {
				return false
			}
			object := stack[len(stack)-1]
			if b[i] == ',' {
				i = skipSpace(b, i+1)
				if object {
					if i, ok = v.objectKey(b, i, len(stack)); !ok {
						return false
					}
				}
				break
			}
			if (object && b[i] != '}') || (!object && b[i] != ']') {
				return false
			}
			stack = stack[:len(stack)-1]
			v.leave(len(stack))
			i++
		}
	}
}

// leave notes that a container closed, depth containers staying open: if
// it was the innermost object on the path, its parent is.
func (v *validator) leave(depth int) {
	if v.matched >= depth {
		v.matched = depth - 1
	}
}

func closing(open byte) byte {
	if open == '{' {
		return '}'
	}
	return ']'
}

// objectKey checks `"key" :` at i, in the object at depth (1 for the
// outermost), and returns where the value may start.
func (v *validator) objectKey(b []byte, i, depth int) (int, bool) {
	if i >= len(b) || b[i] != '"' {
		return i, false
	}
	start := i
	i, ok := stringEnd(b, i+1)
	if !ok {
		return i, false
	}
	if len(v.find) > 0 && v.matched == depth-1 && keyEquals(b[start:i], v.find[depth-1]) {
		// This key, not an earlier duplicate, leads on.
		v.found, v.kind = span{-1, -1}, kindMissing
		if depth == len(v.find) {
			v.wantString = true
		} else {
			v.wantObject = true
		}
	}
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != ':' {
		return i, false
	}
	return skipSpace(b, i+1), true
}

func word(b []byte, i int, w string) (int, bool) {
	if len(b)-i < len(w) || string(b[i:i+len(w)]) != w {
		return i, false
	}
	return i + len(w), true
}

// number checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at i.
func number(b []byte, i int) (int, bool) {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(b, i)
	default:
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return i, false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return i, false
		}
		i = j
	}
	return i, true
}

func digits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// stringEnd checks the inside of a string literal from i, just after its
// opening quote, and returns the index after its closing quote.
//
// Article text has a quote or an escape every few dozen bytes. The bytes
// between them are skipped 32 at a time (indexSpecial, AVX2), stopping
// only at a backslash, the closing quote or a control character: one pass
// over the text. (Byte class by byte class it was slow; jumping from
// quote to quote, then from backslash to backslash, then looking for
// control characters took three.)
func stringEnd(b []byte, i int) (int, bool) {
	for {
		i += indexSpecial(b[i:])
		if i >= len(b) {
			return len(b), false
		}
		if c := b[i]; c == '"' {
			return i + 1, true
		} else if c < 0x20 || i+1 == len(b) {
			return i, false
		}
		// A backslash.
		switch b[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
		case 'u':
			if len(b)-i < 6 || hexRune(b[i+2:]) < 0 {
				return i, false
			}
			i += 6
		default:
			return i, false
		}
	}
}

// indexSpecial is special, 32 bytes at a time with AVX2.
func indexSpecial(s []byte) int {
	if useAVX2 && len(s) >= 32 {
		return indexSpecialAVX2(s)
	}
	return special(s)
}

// appendToSpecial appends src, up to its first byte that a JSON string
// cannot hold as it is, to dst, and returns the index of that byte, or
// len(src). With AVX2 the copy and the search are one pass over the
// bytes, 32 at a time: decoding and escaping the cleaned field spent as
// long looking for quotes, backslashes and controls as copying.
func appendToSpecial(dst, src []byte) ([]byte, int) {
	if useAVX2 && len(src) >= 32 {
		dst = slices.Grow(dst, len(src))
		n := copyToSpecialAVX2(dst[len(dst):len(dst)+len(src)], src)
		return dst[:len(dst)+n], n
	}
	i := special(src)
	return append(dst, src[:i]...), i
}

// special returns the index of the first byte of s that a JSON string
// cannot hold as it is (a quote, a backslash or a control character), or
// len(s). It tests eight bytes at a time.
func special(s []byte) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if m := specialMask(binary.LittleEndian.Uint64(s[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if jsonEscape[s[i]] {
			return i
		}
	}
	return i
}
