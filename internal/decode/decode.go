// Package decode turns input in any supported encoding into UTF-8, streaming.
//
// NewReader looks at a bounded prefix of the input (SniffSize bytes) to
// choose the encoding, unless one is forced:
//
//   - a byte order mark selects UTF-8 or UTF-16LE/BE (the mark is dropped);
//   - UTF-16 without a mark is recognised by its NUL bytes (ASCII-heavy text);
//   - valid UTF-8 is UTF-8;
//   - input with no valid multi-byte UTF-8 sequence is scored as each
//     candidate single-byte encoding (windows-1252, windows-1250,
//     iso-8859-2, windows-1251, koi8-r, koi8-u, ibm866) and the most
//     plausible one wins; see sniff.go;
//   - input with both valid multi-byte sequences and invalid bytes is UTF-8
//     with stray bytes of another encoding (mixed), unless the valid
//     sequences are few and read better as a single-byte encoding, like
//     the rest (then it is decoded whole in that encoding).
//
// In mixed input the valid UTF-8 sequences are never altered: only the
// invalid bytes are decoded, each on its own, in the single-byte encoding
// the statistics of the prefix favour with confidence (Info.Fallback,
// counted in Info.Redecoded), else replaced with U+FFFD. Info.InvalidLine
// tells where the first of them is.
//
// Names follow the WHATWG Encoding Standard, as browsers do: "iso-8859-1",
// "latin1" and "ascii" are labels of windows-1252, which decodes every
// ISO-8859-1 text the same way and also gives the 0x80–0x9F bytes their
// windows-1252 meaning (curly quotes, dashes) instead of C1 controls.
//
// Bytes that cannot be decoded become U+FFFD and are counted in
// Info.Replaced; with Options.Strict, Read fails with an *InvalidError
// naming the byte offset and line instead (also at the invalid bytes of
// mixed input: strict mode does not decode them as Info.Fallback). Memory
// stays bounded: the reader holds at most SniffSize bytes of input and as
// much output.
//
// Clean UTF-8 is not transformed: it is validated a block at a time, with
// SIMD where the CPU has it, and copied through.
package decode

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	asmutf8 "github.com/segmentio/asm/utf8"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// SniffSize is the size of the prefix NewReader inspects to choose an
// encoding, and of the reader's input buffer.
const SniffSize = 64 << 10

// Options configure NewReader.
type Options struct {
	// Encoding forces an encoding by a WHATWG label or an IANA name:
	// "utf-8", "windows-1250", "cp1250", "latin2", "koi8-r", "utf-16le",
	// "shift_jis", ... Empty or "auto" means detect. A byte order mark that
	// belongs to the forced encoding (UTF-8, UTF-16LE, UTF-16BE) is
	// dropped; any other is decoded as the forced encoding says.
	Encoding string
	// Strict makes Read fail with an *InvalidError at the first input that
	// cannot be decoded instead of replacing it with U+FFFD.
	Strict bool
}

// Info tells how the input is decoded. NewReader fills in everything but
// Replaced, Redecoded and InvalidLine, which are set as the input is read:
// read them after the last Read, not concurrently with Read.
type Info struct {
	// Name is the canonical name of the encoding (WHATWG, else lower-case
	// IANA): "utf-8", "utf-16le", "windows-1250", "koi8-r".
	Name string
	// BOM is set when the input started with a byte order mark (dropped).
	BOM bool
	// Detected is set when the encoding was chosen from the input, false
	// when it was forced with Options.Encoding.
	Detected bool
	// Reason says in a few words why this encoding was chosen, for
	// diagnostics such as --explain.
	Reason string
	// Replaced counts the U+FFFD characters written for input that could
	// not be decoded: one per invalid byte for UTF-8 (but for those
	// decoded as Fallback) and single-byte encodings. A U+FFFD that was validly encoded in the input does not
	// count.
	Replaced int64
	// Fallback is set when the input is UTF-8 (Name "utf-8", detected)
	// with bytes that are not valid UTF-8 in its prefix, and byte
	// statistics say with confidence which single-byte encoding they are
	// in: the canonical name of that encoding, e.g. "iso-8859-2". Each
	// invalid byte is decoded in it (valid UTF-8 is never touched), or
	// becomes U+FFFD if the encoding does not define it. Empty otherwise:
	// invalid bytes become U+FFFD.
	Fallback string
	// Redecoded counts the invalid bytes of UTF-8 input decoded as
	// Fallback. Like Replaced, it grows as the input is read.
	Redecoded int64
	// InvalidLine is the line (1-based: line feeds in the output before
	// it, plus one) of the first input replaced with U+FFFD or decoded as
	// Fallback; 0 when Replaced and Redecoded are 0. Set as the input is
	// read.
	InvalidLine int64
}

// String describes the decoding in a few words: "utf-8", "utf-8 (BOM)",
// "windows-1250 (detected)", "koi8-r (forced)".
func (i *Info) String() string {
	s := i.Name
	switch {
	case i.BOM:
		s += " (BOM)"
	case !i.Detected:
		s += " (forced)"
	case i.Name != "utf-8":
		s += " (detected)"
	}
	return s
}

// InvalidError reports input that cannot be decoded, in strict mode.
type InvalidError struct {
	Encoding string // canonical encoding name
	Offset   int64  // offset of the first invalid byte from the start of the input
	Byte     int    // the invalid byte, or -1 when the encoding has multi-byte sequences not checked byte by byte
	Line     int64  // its line, 1-based: line feeds in the output before it, plus one
}

func (e *InvalidError) Error() string {
	if e.Byte >= 0 {
		return fmt.Sprintf("invalid %s input at byte offset %d (byte 0x%02X)", e.Encoding, e.Offset, e.Byte)
	}
	return fmt.Sprintf("invalid %s input at byte offset %d", e.Encoding, e.Offset)
}

// kind selects the decoding path.
type kind uint8

const (
	kindUTF8    kind = iota
	kindUTF16LE      // IgnoreBOM: NewReader drops the BOM itself
	kindUTF16BE
	kindCharmap // stateless single-byte: invalid input is a byte the charmap maps to U+FFFD
	kindOther   // any other x/text decoder
)

// spec is a resolved encoding.
type spec struct {
	name string
	kind kind
	enc  encoding.Encoding
}

var (
	specUTF8    = spec{name: "utf-8", kind: kindUTF8, enc: unicode.UTF8}
	specUTF16LE = spec{name: "utf-16le", kind: kindUTF16LE, enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}
	specUTF16BE = spec{name: "utf-16be", kind: kindUTF16BE, enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
)

// Lookup resolves an encoding label or name, as Options.Encoding takes it,
// to its canonical name ("" and "auto" give "auto"). It lets a command line
// reject a bad --encoding before reading any input.
func Lookup(label string) (string, error) {
	if isAuto(label) {
		return "auto", nil
	}
	s, err := lookup(label)
	return s.name, err
}

// isAuto reports whether label asks for detection: "" or "auto".
func isAuto(label string) bool {
	l := strings.TrimSpace(label)
	return l == "" || strings.EqualFold(l, "auto")
}

func lookup(label string) (spec, error) {
	l := strings.ToLower(strings.TrimSpace(label))
	var (
		enc  encoding.Encoding
		name string
	)
	if e, err := htmlindex.Get(l); err == nil {
		if n, err := htmlindex.Name(e); err == nil {
			enc, name = e, n
		}
	}
	if enc == nil {
		if e, err := ianaindex.IANA.Encoding(l); err == nil && e != nil {
			if n, err := ianaindex.IANA.Name(e); err == nil {
				enc, name = e, strings.ToLower(n)
			}
		}
	}
	// WHATWG maps ISO-2022-KR and friends to "replacement", which decodes
	// anything to a single U+FFFD: not an encoding one can force.
	if enc == nil || name == "" || name == "replacement" {
		return spec{}, fmt.Errorf("unknown encoding %q", label)
	}
	switch name {
	case "utf-8":
		return specUTF8, nil
	case "utf-16le":
		return specUTF16LE, nil
	case "utf-16be":
		return specUTF16BE, nil
	}
	if _, ok := enc.(*charmap.Charmap); ok {
		return spec{name: name, kind: kindCharmap, enc: enc}, nil
	}
	return spec{name: name, kind: kindOther, enc: enc}, nil
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// NewReader returns a reader of r's content as UTF-8 and the Info that
// describes the decoding. It reads up to SniffSize bytes of r before it
// returns (less only at the end of input or on a read error, which the
// returned reader reports after the bytes read before it). The only error
// NewReader returns is for an unknown Options.Encoding.
func NewReader(r io.Reader, opts Options) (io.Reader, *Info, error) {
	var (
		s      spec
		info   = &Info{}
		bomLen int
	)
	forced := !isAuto(opts.Encoding)
	if forced {
		var err error
		if s, err = lookup(opts.Encoding); err != nil {
			return nil, nil, err
		}
	}
	br := bufio.NewReaderSize(&stickyReader{r: r}, SniffSize)
	prefix, err := br.Peek(SniffSize)
	atEOF := err != nil
	if forced {
		info.Name, info.Reason = s.name, "forced"
		var bom []byte
		switch s.kind {
		case kindUTF8:
			bom = bomUTF8
		case kindUTF16LE:
			bom = bomUTF16LE
		case kindUTF16BE:
			bom = bomUTF16BE
		}
		if bom != nil && bytes.HasPrefix(prefix, bom) {
			bomLen = len(bom)
		}
	}
	var fallback *candidate
	if !forced {
		sn := sniff(prefix, atEOF)
		s, bomLen, fallback = sn.spec, sn.bomLen, sn.fallback
		info.Name, info.Detected, info.Reason = s.name, true, sn.reason
	}
	info.BOM = bomLen > 0
	_, _ = br.Discard(bomLen) // buffered: cannot fail
	base := reader{br: br, info: info, name: s.name, strict: opts.Strict, off: int64(bomLen)}
	if s.kind == kindUTF8 {
		u := &utf8Reader{reader: base}
		if fallback != nil {
			info.Fallback = fallback.spec.name
			u.fallback = &fallback.runes
		}
		return u, info, nil
	}
	x := &xReader{reader: base, kind: s.kind, t: s.enc.NewDecoder(), dst: make([]byte, SniffSize)}
	if cm, ok := s.enc.(*charmap.Charmap); ok {
		x.undefined = undefinedBytes(cm)
	}
	return x, info, nil
}

// undefinedBytes returns the bytes a charmap decodes to U+FFFD.
func undefinedBytes(cm *charmap.Charmap) *[256]bool {
	var u [256]bool
	for b := range 256 {
		u[b] = cm.DecodeByte(byte(b)) == utf8.RuneError
	}
	return &u
}

// stickyReader remembers the first error of r: bufio.Reader reports a read
// error once and would then call r again.
type stickyReader struct {
	r   io.Reader
	err error
}

func (s *stickyReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	s.err = err
	return n, err
}

// reader holds what both decoding paths share.
type reader struct {
	br     *bufio.Reader
	info   *Info
	name   string
	strict bool
	off    int64  // input offset of the next byte in br
	lines  int64  // line feeds output, counted until info.InvalidLine is set
	err    error  // returned once pend is drained
	pend   []byte // decoded output not yet returned
	char   [utf8.UTFMax]byte
}

// invalidAfter notes that the first invalid input, if no other was
// before it, follows nl line feeds not yet counted in r.lines.
func (r *reader) invalidAfter(nl int) {
	if r.info.InvalidLine == 0 {
		r.info.InvalidLine = r.lines + int64(nl) + 1
	}
}

// line returns the line of input that follows r.lines line feeds and
// those of out.
func (r *reader) line(out []byte) int64 { return r.lines + int64(bytes.Count(out, newline)) + 1 }

// output counts the line feeds of out, while that is needed.
func (r *reader) output(out []byte) {
	if r.info.InvalidLine == 0 {
		r.lines += int64(bytes.Count(out, newline))
	}
}

var newline = []byte{'\n'}

// utf8Reader passes valid UTF-8 through and decodes each invalid byte
// with fallback, or replaces it with U+FFFD.
type utf8Reader struct {
	reader
	valid    int        // bytes at the head of br known to be valid UTF-8
	fallback *[128]rune // decoding of bytes 0x80–0xFF, or nil
}

func (d *utf8Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		switch {
		case len(d.pend) > 0:
			c := copy(p[n:], d.pend)
			d.pend = d.pend[c:]
			n += c
		case d.valid > 0:
			buf, _ := d.br.Peek(d.valid) // buffered: cannot fail
			c := copy(p[n:], buf)
			d.output(buf[:c])
			_, _ = d.br.Discard(c)
			d.valid -= c
			d.off += int64(c)
			n += c
		case d.err != nil:
			return n, d.errAfter(n)
		default:
			// Once something is read, only go on while that needs no read.
			if !d.classify(n == 0) {
				return n, nil
			}
		}
	}
	return n, nil
}

// errAfter returns the sticky error unless n bytes are being returned with
// it: then the next Read returns it.
func (r *reader) errAfter(n int) error {
	if n > 0 {
		return nil
	}
	return r.err
}

// classify looks at the buffered input and sets d.valid (a run of valid
// UTF-8), d.pend (U+FFFD for one invalid byte) or d.err. It reads from the
// underlying reader only if block; it reports whether it made progress.
func (d *utf8Reader) classify(block bool) bool {
	avail := d.br.Buffered()
	if avail == 0 {
		if !block {
			return false
		}
		if _, err := d.br.Peek(1); err != nil {
			d.err = err
			return true
		}
		avail = d.br.Buffered()
	}
	buf, _ := d.br.Peek(avail)
	if k := validPrefix(buf); k > 0 {
		d.valid = k
		return true
	}
	// buf starts with an invalid or an incomplete sequence.
	if !utf8.FullRune(buf) {
		if !block {
			return false
		}
		more, err := d.br.Peek(len(buf) + 1)
		if err == nil {
			return true // look again with one more byte
		}
		if err != io.EOF {
			d.err = err
			return true
		}
		buf = more // the input ends inside a sequence: its bytes are invalid
	}
	if d.strict {
		d.err = &InvalidError{Encoding: d.name, Offset: d.off, Byte: int(buf[0]), Line: d.line(nil)}
		return true
	}
	d.invalidAfter(0)
	r := utf8.RuneError
	if d.fallback != nil {
		r = d.fallback[buf[0]-utf8.RuneSelf] // buf[0] is not ASCII
	}
	if r == utf8.RuneError {
		d.info.Replaced++
	} else {
		d.info.Redecoded++
	}
	_, _ = d.br.Discard(1)
	d.off++
	d.pend = d.char[:utf8.EncodeRune(d.char[:], r)]
	return true
}

// validBlock is how much validPrefix hands to utf8.Valid at once: small
// enough that finding an error inside a block costs little, large enough
// for utf8.Valid to run at full speed.
const validBlock = 4 << 10

// validPrefix returns the length of the longest prefix of b made of whole,
// valid UTF-8 sequences. An incomplete sequence at the end is not part of it.
func validPrefix(b []byte) int {
	i := 0
	for i < len(b) {
		end := min(i+validBlock, len(b))
		if end < len(b) {
			// End the block on a rune start so that a valid block passes.
			for j := end; j > i && j > end-utf8.UTFMax; j-- {
				if utf8.RuneStart(b[j]) {
					end = j
					break
				}
			}
		}
		if asmutf8.Valid(b[i:end]) {
			i = end
			continue
		}
		for i < end {
			if b[i] < utf8.RuneSelf {
				i++
				continue
			}
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return i
			}
			i += size
		}
	}
	return i
}

// xReader decodes with an x/text transformer.
type xReader struct {
	reader
	t         transform.Transformer
	kind      kind
	undefined *[256]bool // kindCharmap: bytes that decode to U+FFFD
	dst       []byte
}

func (x *xReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for len(x.pend) == 0 {
		if x.err != nil {
			return 0, x.err
		}
		x.fill()
	}
	n := copy(p, x.pend)
	x.pend = x.pend[n:]
	return n, nil
}

// fill decodes the buffered input into x.pend, or sets x.err.
func (x *xReader) fill() {
	need := max(x.br.Buffered(), 1)
	for {
		src, err := x.br.Peek(need)
		if err != nil && err != io.EOF {
			x.err = err
			return
		}
		atEOF := err != nil
		if x.decode(src, atEOF) {
			return
		}
		if atEOF {
			x.err = io.EOF
			return
		}
		need = len(src) + 1 // an incomplete sequence: read on
	}
}

// decode transforms src into x.pend and consumes what it used. It reports
// whether it made progress or set x.err.
func (x *xReader) decode(src []byte, atEOF bool) bool {
	if x.strict && x.kind == kindOther {
		return x.decodeStepwise(src, atEOF)
	}
	limit := len(src)
	var bad *InvalidError
	if x.strict {
		if i := x.firstInvalid(src, atEOF); i >= 0 {
			limit = i
			bad = &InvalidError{Encoding: x.name, Offset: x.off + int64(i), Byte: -1}
			if x.kind == kindCharmap {
				bad.Byte = int(src[i])
			}
		}
	}
	nDst, nSrc, err := x.t.Transform(x.dst, src[:limit], atEOF && bad == nil)
	if err != nil && err != transform.ErrShortSrc && err != transform.ErrShortDst {
		x.err = err
		return true
	}
	out := x.dst[:nDst]
	if replaced := countFFFD(out) - x.legitFFFD(src[:nSrc]); replaced > 0 {
		x.info.Replaced += int64(replaced)
		if x.info.InvalidLine == 0 {
			x.invalidAfter(x.newlinesBeforeReplaced(out, src[:nSrc], atEOF && nSrc == len(src)))
		}
	}
	x.output(out)
	_, _ = x.br.Discard(nSrc)
	x.off += int64(nSrc)
	x.pend = out
	if bad != nil && nSrc == limit {
		bad.Line = x.line(nil)
		x.err = bad
		return true
	}
	return nDst > 0 || nSrc > 0
}

// newlinesBeforeReplaced returns the number of line feeds in out, the
// decoding of src, before the first U+FFFD that replaces invalid input.
// That is the first U+FFFD but in UTF-16, which can encode U+FFFD: there
// the line feeds are counted in src, up to the first invalid unit.
func (x *xReader) newlinesBeforeReplaced(out, src []byte, atEOF bool) int {
	if x.kind == kindUTF16LE || x.kind == kindUTF16BE {
		if i := x.firstInvalid(src, atEOF); i >= 0 {
			n := 0
			for j := 0; j+1 < i; j += 2 {
				if x.unit(src[j:]) == '\n' {
					n++
				}
			}
			return n
		}
	}
	return bytes.Count(out[:max(bytes.Index(out, fffdBytes), 0)], newline)
}

// decodeStepwise decodes one sequence per Transform call, so that an error
// has an exact offset whatever the decoder's internal state. Only strict
// mode with an encoding other than UTF-8, UTF-16 and single-byte ones
// takes this slow path.
func (x *xReader) decodeStepwise(src []byte, atEOF bool) bool {
	pos, nOut := 0, 0
	for nOut+64 <= len(x.dst) {
		w := 1
		var nDst, nSrc int
		var err error
		for {
			last := pos+w >= len(src)
			nDst, nSrc, err = x.t.Transform(x.dst[nOut:], src[pos:min(pos+w, len(src))], atEOF && last)
			if err == transform.ErrShortSrc && nSrc == 0 && !last {
				w++
				continue
			}
			break
		}
		if err != nil && err != transform.ErrShortSrc && err != transform.ErrShortDst {
			x.err = err
			break
		}
		if i := bytes.Index(x.dst[nOut:nOut+nDst], fffdBytes); i >= 0 {
			nOut += i
			x.err = &InvalidError{Encoding: x.name, Offset: x.off + int64(pos), Byte: -1, Line: x.line(x.dst[:nOut])}
			break
		}
		nOut += nDst
		pos += nSrc
		if nSrc == 0 && nDst == 0 {
			break
		}
	}
	_, _ = x.br.Discard(pos)
	x.off += int64(pos)
	x.pend = x.dst[:nOut]
	x.output(x.pend)
	return nOut > 0 || pos > 0 || x.err != nil
}

// firstInvalid returns the index of the first byte of src the decoder will
// replace with U+FFFD, or -1. For UTF-16 a high surrogate at the end of src
// is not invalid unless atEOF: its pair may follow.
func (x *xReader) firstInvalid(src []byte, atEOF bool) int {
	switch x.kind {
	case kindCharmap:
		for i, b := range src {
			if x.undefined[b] {
				return i
			}
		}
	case kindUTF16LE, kindUTF16BE:
		for i := 0; i+1 < len(src); i += 2 {
			u := x.unit(src[i:])
			switch {
			case u >= 0xD800 && u <= 0xDBFF:
				if i+3 >= len(src) {
					if atEOF {
						return i
					}
					return -1
				}
				if v := x.unit(src[i+2:]); v >= 0xDC00 && v <= 0xDFFF {
					i += 2
					continue
				}
				return i
			case u >= 0xDC00 && u <= 0xDFFF:
				return i
			}
		}
		if atEOF && len(src)%2 == 1 {
			return len(src) - 1
		}
	}
	return -1
}

// unit reads one UTF-16 code unit.
func (x *xReader) unit(b []byte) uint16 {
	if x.kind == kindUTF16LE {
		return uint16(b[0]) | uint16(b[1])<<8
	}
	return uint16(b[0])<<8 | uint16(b[1])
}

// legitFFFD counts the U+FFFD characters validly encoded in src, which
// the decoder consumed whole: only UTF-16 can encode one here.
func (x *xReader) legitFFFD(src []byte) int {
	if x.kind != kindUTF16LE && x.kind != kindUTF16BE {
		return 0
	}
	n := 0
	for i := 0; i+1 < len(src); i += 2 {
		if x.unit(src[i:]) == 0xFFFD {
			n++
		}
	}
	return n
}

var fffdBytes = []byte(string(utf8.RuneError))

func countFFFD(b []byte) int { return bytes.Count(b, fffdBytes) }

// IsInvalid reports whether err is (or wraps) an *InvalidError.
func IsInvalid(err error) bool {
	var e *InvalidError
	return errors.As(err, &e)
}

// Plain returns the text of b, a whole input held in memory, when
// NewReader would pass it through unchanged: UTF-8, chosen or forced, and
// valid throughout. The text is b without a byte order mark; the Info is
// the one NewReader would give. Otherwise ok is false and the input needs
// NewReader. A batch of small files reads each once, into memory, and
// most need no decoding at all.
func Plain(b []byte, opts Options) (text []byte, info *Info, ok bool) {
	if !asmutf8.Valid(b) {
		return nil, nil, false
	}
	// NewReader sees the end of input in its first look only when the
	// input is shorter than that look.
	prefix, atEOF := b, len(b) < SniffSize
	if !atEOF {
		prefix = b[:SniffSize]
	}
	info = &Info{}
	bomLen := 0
	if isAuto(opts.Encoding) {
		sn := sniffValid(prefix, atEOF)
		if sn.spec.kind != kindUTF8 || sn.fallback != nil {
			return nil, nil, false
		}
		bomLen = sn.bomLen
		info.Name, info.Detected, info.Reason = sn.spec.name, true, sn.reason
	} else {
		s, err := lookup(opts.Encoding)
		if err != nil || s.kind != kindUTF8 {
			return nil, nil, false
		}
		if bytes.HasPrefix(b, bomUTF8) {
			bomLen = len(bomUTF8)
		}
		info.Name, info.Reason = s.name, "forced"
	}
	info.BOM = bomLen > 0
	return b[bomLen:], info, true
}
