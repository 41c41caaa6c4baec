package cleaner

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/transform"
)

// folder case-folds short byte strings without allocating. A cases.Caser
// keeps state, so each document gets its own.
type folder struct {
	caser cases.Caser
	buf   []byte
}

func newFolder() *folder {
	return &folder{caser: cases.Fold(), buf: make([]byte, 256)}
}

// fold returns the Unicode case folding of b, valid until the next call.
func (f *folder) fold(b []byte) []byte {
	// Folding maps rune by rune, and nearly every rune of the scripts the
	// packs serve folds to one rune: a table does those, without the
	// general machinery's cost per call.
	dst := f.buf[:0]
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		fr := foldOne(r)
		if fr < 0 {
			return f.foldSlow(b)
		}
		dst = utf8.AppendRune(dst, fr)
		i += size
	}
	f.buf = dst
	return dst
}

// foldRune returns the case folding of r, valid until the next call: for
// the runes foldOne has no answer for.
func (f *folder) foldRune(r rune) []byte {
	var b [utf8.UTFMax]byte
	return f.foldSlow(b[:utf8.EncodeRune(b[:], r)])
}

func (f *folder) foldSlow(b []byte) []byte {
	for {
		f.caser.Reset()
		// The whole capacity: the fast path leaves a short length.
		nDst, _, err := f.caser.Transform(f.buf[:cap(f.buf)], b, true)
		if err != transform.ErrShortDst {
			return f.buf[:nDst]
		}
		f.buf = make([]byte, 2*cap(f.buf)+len(b))
	}
}

// foldTable maps a rune below U+2100 (Latin, Greek, Cyrillic, general
// punctuation) to its case folding when that is one rune, else to 0.
// It is computed by TestCaseTables and shipped as data: filling it in init
// took a millisecond of every start.
var foldTable = &foldTableData

// foldOne returns the case folding of r when the table has it as one rune,
// else -1.
func foldOne(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r < rune(len(foldTable)) && foldTable[r] != 0:
		return rune(foldTable[r])
	}
	return -1
}

func foldString(s string) string {
	return cases.Fold().String(s)
}

// isWordRune reports letters, digits and combining marks: what a phrase is
// made of, as opposed to the punctuation, symbols and spaces around it.
func isWordRune(r rune) bool {
	if r < 0x300 {
		// No combining mark comes before U+0300, and unicode.IsMark has
		// no fast path for Latin-1: it searched its table for every
		// space and comma.
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func notWordRune(r rune) bool { return !isWordRune(r) }
