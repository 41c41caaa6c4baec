package jsonl

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/segmentio/asm/ascii"
)

// A field is cleaned as a stream, without a cleaned copy of it beside the
// record, and a long one without a decoded copy either:
//
//   - fieldReader gives the cleaner the field's text: a short field's,
//     decoded whole as the record was validated, or a long one's, decoded
//     from the literal in the record as the cleaner reads it;
//   - a short field's cleaned text is matched against the original a line
//     at a time (lineSplicer, linesplice.go); a long one's, and one with a
//     lone surrogate, here by fieldWriter, which compares what the cleaner
//     writes with the original text. While the two agree nothing is
//     written: the original bytes, escapes and all, already say it, and a
//     field the cleaner leaves as it was comes out byte for byte as it
//     came.
//   - From the first difference on, the cleaned text is escaped in the
//     record's style (see recordStyle) after the bytes that agreed. It
//     goes over the literal's own bytes that the reader has consumed (in
//     place: the cleaner's output stays behind its input and seldom
//     outgrows it; if it does, the field moves to an array of its own),
//     or, for a text the cleaner holds whole until its end (one the
//     --max-removed guard may keep), to a buffer, so that its original
//     bytes survive for the guard.

// fieldReader reads the text of a validated string literal's inside:
// decoding raw as it goes or, for a short one decoded already, from dec.
type fieldReader struct {
	raw     []byte
	dec     []byte
	decoded bool
	pos     int    // raw[:pos] (dec[:pos] if decoded) is read
	pend    []byte // decoded bytes of an escape that did not fit a read
	buf     [utf8.UTFMax]byte
}

// reset makes r read raw, decoded as dec if decoded.
func (r *fieldReader) reset(raw, dec []byte, decoded bool) {
	r.raw, r.dec, r.decoded, r.pos, r.pend = raw, dec, decoded, 0, nil
}

// atEnd reports whether all of raw is read.
// ReadInStep tells the cleaner to read a field only as far as it has
// written: fieldWriter writes the new text over the bytes already read.
func (r *fieldReader) ReadInStep() {}

func (r *fieldReader) atEnd() bool {
	if r.decoded {
		return r.pos == len(r.dec)
	}
	return r.pos == len(r.raw) && len(r.pend) == 0
}

func (r *fieldReader) Read(p []byte) (int, error) {
	if r.decoded {
		n := copy(p, r.dec[r.pos:])
		r.pos += n
		if n == 0 && len(p) > 0 {
			return 0, io.EOF
		}
		return n, nil
	}
	n := copy(p, r.pend)
	r.pend = r.pend[n:]
	for n < len(p) && r.pos < len(r.raw) {
		src := r.raw[r.pos:]
		if len(src) > len(p)-n {
			src = src[:len(p)-n]
		}
		// p's room is at least src: appendToSpecial writes into p.
		_, k := appendToSpecial(p[n:n], src)
		n += k
		r.pos += k
		if k == len(src) {
			continue
		}
		if r.raw[r.pos] != '\\' || r.pos+1 == len(r.raw) {
			// Not in a validated literal; kept as it is.
			p[n] = r.raw[r.pos]
			n++
			r.pos++
			continue
		}
		if c := simpleEscape[r.raw[r.pos+1]]; c != 0 {
			p[n] = c
			n++
			r.pos += 2
			continue
		}
		d, used := decodeEscape(r.buf[:0], r.raw[r.pos:])
		r.pos += used
		k = copy(p[n:], d)
		n += k
		r.pend = d[k:]
	}
	if n == 0 && r.atEnd() {
		return 0, io.EOF
	}
	return n, nil
}

// simpleEscape is the byte a two-byte escape stands for, by its second
// byte (0 for \\u and the invalid).
var simpleEscape = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// decodeEscape appends what the escape at s[0] (a backslash, in a
// validated literal) stands for, as appendUnescaped decodes it, and returns
// its length in s.
func decodeEscape(dst, s []byte) (out []byte, n int) {
	if len(s) < 2 {
		return append(dst, s...), len(s)
	}
	switch c := s[1]; c {
	case 'b':
		return append(dst, '\b'), 2
	case 'f':
		return append(dst, '\f'), 2
	case 'n':
		return append(dst, '\n'), 2
	case 'r':
		return append(dst, '\r'), 2
	case 't':
		return append(dst, '\t'), 2
	case 'u':
		if len(s) < 6 {
			return append(dst, s...), len(s)
		}
		r := hexRune(s[2:])
		n = 6
		if utf16.IsSurrogate(r) && len(s) >= 12 && s[6] == '\\' && s[7] == 'u' {
			if r2 := hexRune(s[8:]); r2 >= 0xDC00 && r2 < 0xE000 && r < 0xDC00 {
				r = utf16.DecodeRune(r, r2)
				n = 12
			}
		}
		return utf8.AppendRune(dst, r), n // a lone surrogate: U+FFFD
	default:
		return append(dst, c), 2 // '"', '\\', '/'
	}
}

// recordStyle is how a record's writer escaped strings, settled when a
// record's field first changes, from the record as it came: a record with
// no byte above ASCII (json.dumps with ensure_ascii, PHP's json_encode)
// gets non-ASCII characters as \uXXXX escapes, surrogate pairs for those
// beyond the BMP.
type recordStyle struct {
	settled bool
	ascii   bool
}

// fieldWriter takes a field's cleaned text from the cleaner and makes the
// field's new literal inside (see the top of this file).
//
// Escaping: quotes, backslashes and control characters are escaped,
// every other byte stays as it is, but for the style of the record (ASCII
// only) and of the field (slashes escaped as `\/` if the original escaped
// one). The final line break of the cleaned text is left out: a field
// holds text, not a file, and a clean field must come out unchanged.
type fieldWriter struct {
	raw       []byte       // the literal's inside in the record
	src       *fieldReader // reads raw for the cleaner
	rec       []byte       // the whole record, for its style
	style     *recordStyle
	n         int  // bytes of text written
	pendingNL bool // a "\n" waits to see whether text follows
	early     bool // text came before src had read all of raw

	// Until the text differs from the original, raw[:c] says it as it
	// is; unit holds the escape at raw[c:] decoded, unitK of its bytes
	// matched.
	changed bool
	c       int
	unit    [utf8.UTFMax]byte
	unitLen int
	unitRaw int
	unitK   int

	// Once changed, the new inside is out: over raw's consumed bytes
	// (inPlace) or, moved, in an array of its own when the text streamed
	// (early); otherwise appended to the side buffer after its first
	// sideFrom bytes.
	out       []byte
	sideBuf   []byte
	streamed  bool // out is written in place (or moved)
	inPlace   bool
	overwrote bool // some of raw was written over
	sideFrom  int
	ascii     bool // non-ASCII runes as \uXXXX
	slash     bool // "/" as `\/`
	carry     [utf8.UTFMax]byte
	carryLen  int // ascii: the start of a rune cut between writes
}

// reset makes w take the text of the literal inside raw, which r reads
// as it decodes it, in rec; side is where the new inside goes when it is
// not written in place.
func (w *fieldWriter) reset(raw []byte, r *fieldReader, rec []byte, style *recordStyle, side []byte) {
	*w = fieldWriter{raw: raw, src: r, rec: rec, style: style, sideBuf: side, sideFrom: len(side)}
}

func (w *fieldWriter) Write(p []byte) (int, error) {
	n := len(p)
	if n == 0 {
		return 0, nil
	}
	w.n += n
	if !w.src.atEnd() {
		w.early = true
	}
	if w.pendingNL {
		w.emit(newline)
		w.pendingNL = false
	}
	if p[n-1] == '\n' {
		p = p[:n-1]
		w.pendingNL = true
	}
	w.emit(p)
	return n, nil
}

// emit takes text that is to stay in the field.
func (w *fieldWriter) emit(t []byte) {
	if !w.changed {
		if t = w.match(t); !w.changed {
			return
		}
	}
	w.escape(t)
}

// match compares t with the original text from c on, and returns what
// follows the first difference, having switched to writing.
func (w *fieldWriter) match(t []byte) []byte {
	raw := w.raw
	for len(t) > 0 {
		if w.unitK < w.unitLen {
			if t[0] != w.unit[w.unitK] {
				w.change()
				return t
			}
			w.unitK++
			t = t[1:]
			if w.unitK == w.unitLen {
				w.c += w.unitRaw
				w.unitLen, w.unitK = 0, 0
			}
			continue
		}
		// The text agrees with raw's bytes up to an escape or a change.
		k := min(len(t), len(raw)-w.c)
		m := commonPrefix(t[:k], raw[w.c:w.c+k])
		w.c += m
		t = t[m:]
		if m == k {
			if len(t) > 0 {
				w.change() // the text goes on past the original
				return t
			}
			break
		}
		if raw[w.c] != '\\' || w.c+1 == len(raw) {
			w.change()
			return t
		}
		if c := simpleEscape[raw[w.c+1]]; c != 0 {
			if t[0] != c {
				w.change()
				return t
			}
			w.c += 2
			t = t[1:]
			continue
		}
		d, used := decodeEscape(w.unit[:0], raw[w.c:])
		if used == 6 && raw[w.c+1] == 'u' && utf16.IsSurrogate(hexRune(raw[w.c+2:])) {
			// A lone surrogate reads as U+FFFD: that is a change.
			w.change()
			return t
		}
		w.unitLen, w.unitRaw, w.unitK = len(d), used, 0
	}
	return t
}

// change starts writing: the text so far is raw[:c] and the matched
// start of the escape at c.
func (w *fieldWriter) change() {
	w.changed = true
	if !w.style.settled {
		w.style.ascii, w.style.settled = !hasHighByte(w.rec), true
	}
	w.ascii = w.style.ascii
	w.slash = hasEscapedSlash(w.raw)
	if w.early {
		// The cleaner streams: its output stays behind what it read.
		w.streamed, w.inPlace = true, true
		w.out = w.raw[:w.c]
	} else {
		w.out = append(w.sideBuf, w.raw[:w.c]...)
	}
	if w.unitK > 0 {
		k := w.unitK
		w.unitK, w.unitLen = 0, 0
		w.escape(w.unit[:k])
	}
}

// escape appends the escaped t to out.
func (w *fieldWriter) escape(t []byte) {
	if len(t) == 0 {
		return
	}
	if w.inPlace {
		w.overwrote = true
		// Only the bytes the reader has consumed may be written over:
		// beyond them append moves out to a new array (copying it).
		if w.src.pos < len(w.out) {
			w.out = append([]byte(nil), w.out...)
			w.inPlace = false
		} else {
			w.out = w.raw[:len(w.out):w.src.pos]
		}
	}
	out := w.out
	if w.ascii || w.slash || w.carryLen > 0 {
		out = w.escapeStyled(out, t)
	} else {
		for {
			var i int
			out, i = appendToSpecial(out, t)
			if i == len(t) {
				break
			}
			out = appendEscape(out, t[i])
			t = t[i+1:]
		}
	}
	if w.inPlace && unsafe.SliceData(out) != unsafe.SliceData(w.raw) {
		w.inPlace = false
	}
	w.out = out
}

// escapeStyled is escape for ASCII-only output or escaped slashes.
func (w *fieldWriter) escapeStyled(out, t []byte) []byte {
	for w.carryLen > 0 && len(t) > 0 {
		k := copy(w.carry[w.carryLen:], t)
		buf := w.carry[:w.carryLen+k]
		if !utf8.FullRune(buf) {
			w.carryLen += k // all of t
			return out
		}
		r, size := utf8.DecodeRune(buf)
		if size <= w.carryLen {
			// Not a rune's start after all: U+FFFD for a byte.
			out = appendRuneEscape(out, utf8.RuneError)
			w.carryLen = copy(w.carry[:], w.carry[size:w.carryLen])
			continue
		}
		t = t[size-w.carryLen:]
		w.carryLen = 0
		out = appendRuneEscape(out, r)
	}
	if w.ascii {
		// A rune cut at the end of t waits for the next write.
		cut := len(t) - cutRune(t)
		w.carryLen = copy(w.carry[:], t[cut:])
		t = t[:cut]
	}
	return appendEscaped(out, t, w.ascii, w.slash)
}

// cutRune returns the length of the start of a rune that t ends with, cut
// off before its end, or 0.
func cutRune(t []byte) int {
	for k := 1; k <= min(utf8.UTFMax-1, len(t)); k++ {
		switch c := t[len(t)-k]; {
		case c < utf8.RuneSelf:
			return 0
		case utf8.RuneStart(c):
			if utf8.FullRune(t[len(t)-k:]) {
				return 0
			}
			return k
		}
	}
	return 0
}

// finish ends the text and returns the field's new inside; changed is
// false when it is raw itself, the original bytes.
func (w *fieldWriter) finish() (inside []byte, changed bool) {
	// A pending "\n" ends the text: it is dropped.
	if !w.changed {
		if w.c == len(w.raw) && w.unitK == 0 {
			return w.raw, false
		}
		// The text is a shorter start of the original.
		w.change()
	}
	if w.carryLen > 0 {
		// A rune cut off at the end (the cleaner writes valid UTF-8:
		// not reached).
		w.carryLen = 0
		w.out = appendRuneEscape(w.out, utf8.RuneError) // in place, room is all of raw
	}
	if w.streamed {
		return w.out, true
	}
	return w.out[w.sideFrom:], true
}

// side returns the side buffer, with the new inside of this field if it is
// there (then inSide and the inside starts at from), for the next field.
func (w *fieldWriter) side() (buf []byte, inSide bool, from int) {
	if w.changed && !w.streamed {
		return w.out, true, w.sideFrom
	}
	return w.sideBuf, false, 0
}

var newline = []byte{'\n'}

// appendEscape appends the escape of c, a byte a JSON string cannot hold as
// it is.
func appendEscape(out []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(out, '\\', c)
	case '\n':
		return append(out, `\n`...)
	case '\t':
		return append(out, `\t`...)
	case '\r':
		return append(out, `\r`...)
	}
	return append(out, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}

// appendRuneEscape appends r as \uXXXX, or a surrogate pair of them.
func appendRuneEscape(out []byte, r rune) []byte {
	if r >= 0x10000 {
		r1, r2 := utf16.EncodeRune(r)
		return appendRuneEscape(appendRuneEscape(out, r1), r2)
	}
	return append(out, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
}

const hexDigits = "0123456789abcdef"

// jsonEscape marks the bytes a JSON string cannot hold as they are.
var jsonEscape = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c < 0x20 || c == '"' || c == '\\'
	}
	return t
}()

// specialStyled is special, also stopping at a byte above ASCII (ascii)
// and at a slash (slash).
func specialStyled(s []byte, ascii, slash bool) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var high, sl uint64
	if ascii {
		high = highs
	}
	if slash {
		sl = highs
	}
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64(s[i:])
		lt := (x - 0x20*ones) &^ x
		q := x ^ '"'*ones
		bs := x ^ '\\'*ones
		sh := x ^ '/'*ones
		m := (lt|(q-ones)&^q|(bs-ones)&^bs)&highs | x&high | (sh-ones)&^sh&sl
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; jsonEscape[c] || ascii && c >= utf8.RuneSelf || slash && c == '/' {
			return i
		}
	}
	return i
}

// commonPrefix returns the length of the common start of text and raw,
// which are as long, up to raw's first backslash (an escape, which the
// text holds decoded), comparing 32 bytes at a time.
func commonPrefix(text, raw []byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	le := binary.LittleEndian
	raw = raw[:len(text)]
	// stop has a bit set in each byte where the two differ, or raw's is
	// a backslash (a zero byte of r^'\\', found as special finds them:
	// a borrow can only mark bytes above a true one).
	stop := func(t, r uint64) uint64 {
		v := r ^ '\\'*ones
		return t ^ r | (v-ones)&^v&highs
	}
	i := 0
	for ; i+32 <= len(text); i += 32 {
		if stop(le.Uint64(text[i:]), le.Uint64(raw[i:]))|stop(le.Uint64(text[i+8:]), le.Uint64(raw[i+8:]))|
			stop(le.Uint64(text[i+16:]), le.Uint64(raw[i+16:]))|stop(le.Uint64(text[i+24:]), le.Uint64(raw[i+24:])) != 0 {
			break
		}
	}
	for ; i+8 <= len(text); i += 8 {
		if m := stop(le.Uint64(text[i:]), le.Uint64(raw[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(text) && text[i] == raw[i] && raw[i] != '\\' {
		i++
	}
	return i
}

// hasHighByte reports a byte above ASCII in b. A changed json.dumps
// record is read whole for it: 256 bytes at a time (AVX2), it costs a
// tenth of what eight at a time did, a tenth of the escaping.
func hasHighByte(b []byte) bool { return !ascii.Valid(b) }

// hasEscapedSlash reports `\/` in a literal's inside. Prose has few
// slashes: they are looked for, not the backslashes before them.
func hasEscapedSlash(raw []byte) bool {
	for i := 0; ; i++ {
		j := bytes.IndexByte(raw[i:], '/')
		if j < 0 {
			return false
		}
		i += j
		k := i
		for k > 0 && raw[k-1] == '\\' {
			k--
		}
		if (i-k)%2 == 1 {
			return true
		}
	}
}
