package cleaner

import (
	"encoding/binary"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// IDMojibake repairs text that was UTF-8, was decoded as windows-1252,
// windows-1250 or ISO-8859-2 and encoded again: "Ã³" for "ó", "Ä…" for
// "ą", "Ĺ‚" for "ł", "â€ž" for "„". It is on by default.
const IDMojibake = "mojibake"

// How repairMojibake works. UTF-8 writes a non-ASCII character as a lead
// byte and one to three continuation bytes (0x80–0xBF). Read as a
// single-byte encoding, each byte becomes a character of its own: the lead
// byte one of a few letters (Ã Ä Å Â â in windows-1252; Ă Ä Ĺ Â â in
// windows-1250), the continuation bytes punctuation, symbols or letters.
// The repair maps such a run back to its bytes with the same charmap and
// decodes them as UTF-8.
//
// It is precise rather than eager: a run is repaired only when
//
//   - its lead byte is one of the few that start the characters text uses
//     (0xC2–0xC5 for Latin-1 and Latin Extended-A, 0xC8 for Romanian ș ț,
//     0xD0–0xD2 for Cyrillic, 0xE2 for punctuation and symbols, 0xEF for a
//     BOM or U+FFFD, 0xF0 for emoji), and it decodes to a character of
//     that block that text uses (no C1 controls, no Latvian or Turkish
//     letters that clean "Ä“" or "Ä°" would turn into);
//   - the result fits the case of its neighbours as they read after the
//     repair: no small letter before a capital or after two capitals
//     (Romanian "MĂŞTI", Slovak "DEVÄŤ" are clean), no capital between
//     small letters;
//   - a Cyrillic result touches no ASCII letter;
//   - it is strong, or the line has a strong one for the same charmap.
//     Weak are: two characters whose second is closing punctuation at the
//     end of a word, not after a small letter ("Ä…", "Å”": a word in
//     capitals may end so; "sÄ…" is mojibake), two
//     capitals inside a word in capitals (Slovak "DĹŽKA"), and a Cyrillic
//     letter with no Cyrillic repair beside it;
//   - the repaired line has fewer such runs than before: double mojibake
//     ("ÃƒÂ³") takes two rounds, each must make progress.
//
// The charmap that repairs the most runs on a line wins. Run over every
// word of the Polish, German, French, Spanish, Czech, Slovak, Hungarian,
// Russian and Ukrainian spelling dictionaries, in lower case, title case,
// capitals, quoted and glued to the next word (56 million lines), it
// changes none.
//
// A U+FFFD in mangled text means the decoder lost a byte (x/text's
// windows-1252 has no 0x81, 0x8D, 0x8F, 0x90, 0x9D): that run is ambiguous
// and stays. A C1 control is the byte of the same value, as WHATWG's
// decoders give for bytes the encoding leaves undefined (and ISO-8859-x
// for all of 0x80–0x9F).

// mojiMap is an encoding UTF-8 is misread as: its decoding table as
// WHATWG defines it (x/text's, with a C1 control for each byte x/text
// leaves undefined) and the inverse.
type mojiMap struct {
	dec [256]rune
	enc map[rune]byte
}

func newMojiMap(cm *charmap.Charmap) *mojiMap {
	m := &mojiMap{enc: map[rune]byte{}}
	for b := range 256 {
		r := cm.DecodeByte(byte(b))
		if r == utf8.RuneError && b >= 0x80 && b < 0xA0 {
			r = rune(b)
		}
		m.dec[b] = r
		if b >= 0x80 && r != utf8.RuneError {
			m.enc[r] = byte(b)
		}
	}
	return m
}

// byteOf returns the byte m encodes r as.
func (m *mojiMap) byteOf(r rune) (byte, bool) {
	if r < utf8.RuneSelf {
		return byte(r), true
	}
	b, ok := m.enc[r]
	return b, ok
}

// mojiMaps are the encodings UTF-8 is most often misread as, in order of
// preference when two repair as many runs. ISO-8859-2 and ISO-8859-1 turn
// 0x80–0x9F into C1 controls where windows-1250 and windows-1252 have
// punctuation and letters. They and mojiCont are made on first use, by
// the first line that may hold mojibake: most runs see none, and making
// them cost every start-up a tenth of a millisecond.
var mojiMaps = sync.OnceValue(func() []*mojiMap {
	return []*mojiMap{
		newMojiMap(charmap.Windows1252),
		newMojiMap(charmap.Windows1250),
		newMojiMap(charmap.ISO8859_2),
		newMojiMap(charmap.ISO8859_1),
	}
})

// mojiLead has bit d&0x3F of word c-0xC3 set when the UTF-8 bytes c, d
// (c in 0xC3–0xC5) encode a character that some mojiMap reads a lead byte
// as. It is data, so that the pre-check of every line costs no call and
// start-up builds nothing; TestMojiLead derives it from the charmaps.
var mojiLead = [3]uint64{0x000180040007013c, 0x0200000000039004, 0x0000000000000088}

// mojiCont holds the characters some mojiMap reads a continuation byte
// (0x80–0xBF) as.
var mojiCont = sync.OnceValue(func() map[rune]bool {
	m := map[rune]bool{}
	for _, mm := range mojiMaps() {
		for b := 0x80; b < 0xC0; b++ {
			m[mm.dec[b]] = true
		}
	}
	delete(m, utf8.RuneError)
	return m
})

func isMojiLead(b byte) bool {
	switch b {
	case 0xC2, 0xC3, 0xC4, 0xC5, 0xC8, 0xD0, 0xD1, 0xD2, 0xE2, 0xEF, 0xF0:
		return true
	}
	return false
}

// extAOK are the Latin Extended-A letters a repair may produce: those of
// Polish, Czech, Slovak, Hungarian, Slovene, Croatian, Romanian and French.
const extAOK = "ĂăĄąĆćČčĎďĐđĘęĚěĹĺĽľŁłŃńŇňŐőŒœŔŕŘřŚśŞşŠšŢţŤťŮůŰűŸŹźŻżŽž"

// mojiTarget reports whether r, decoded from a sequence that starts with
// lead, is a character a repair may produce.
func mojiTarget(lead byte, r rune) bool {
	switch lead {
	case 0xC2:
		return r >= 0xA0 // NBSP, « » ° § © …
	case 0xC3:
		return true // À–ÿ
	case 0xC4, 0xC5:
		return strings.ContainsRune(extAOK, r)
	case 0xC8:
		return r >= 0x218 && r <= 0x21B // Ș ș Ț ț
	case 0xD0, 0xD1:
		return r <= 0x45F // Cyrillic, Ѐ–џ
	case 0xD2:
		return r == 0x490 || r == 0x491 // Ґ ґ
	case 0xE2:
		return r <= 0x27BF // punctuation, currency, letterlike, arrows, shapes, dingbats
	case 0xEF:
		return r == 0xFEFF || r == utf8.RuneError
	case 0xF0:
		return r >= 0x1F000 && r <= 0x1FAFF // emoji
	}
	return false
}

// weakFollower holds the characters that may follow a capital letter at
// the end of a word in clean text.
const weakFollower = "”“»…–—’‘›\u00A0"

// mojiFix is one run to repair: line[start:end] becomes r.
type mojiFix struct {
	start, end int
	r          rune
	lead       rune // the mangled lead character
	second     rune // and the one after it
	weak       bool // repaired only with a strong run on the line
	cyr        bool // r is Cyrillic
}

// findMojibake returns the runs of line m would repair, strong and weak
// ones; fixes is reused.
func findMojibake(m *mojiMap, line []byte, fixes []mojiFix) []mojiFix {
	fixes = fixes[:0]
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRune(line[i:])
		next := i + size
		if r < 0xC0 || r > 0x17F {
			i = next
			continue
		}
		lead, ok := m.byteOf(r)
		if !ok || !isMojiLead(lead) {
			i = next
			continue
		}
		var seq [utf8.UTFMax]byte
		seq[0] = lead
		n := 2
		switch {
		case lead >= 0xF0:
			n = 4
		case lead >= 0xE0:
			n = 3
		}
		j, good := next, true
		var second rune
		for k := 1; k < n && good; k++ {
			if j >= len(line) {
				good = false
				break
			}
			c, csize := utf8.DecodeRune(line[j:])
			b, ok := m.byteOf(c)
			good = ok && b >= 0x80 && b <= 0xBF && c != utf8.RuneError
			seq[k] = b
			if k == 1 {
				second = c
			}
			j += csize
		}
		if !good {
			i = next
			continue
		}
		t, tsize := utf8.DecodeRune(seq[:n])
		if tsize != n || !mojiTarget(lead, t) {
			i = next
			continue
		}
		cyr := t >= 0x400 && t <= 0x491
		if cyr && (asciiLetterBefore(line, i) || asciiLetterAt(line, j)) {
			i = next
			continue
		}
		// A capital, closing punctuation and the end of a word: clean
		// unless a small letter comes before the capital.
		weak := n == 2 && strings.ContainsRune(weakFollower, second) && !letterAt(line, j) && !lowerBefore(line, i)
		fixes = append(fixes, mojiFix{start: i, end: j, r: t, lead: r, second: second, weak: weak, cyr: cyr})
		i = j
	}
	// Judge each run by its neighbours as they will read after the repair.
	kept := fixes[:0]
	for k, f := range fixes {
		prevFix := k > 0 && fixes[k-1].end == f.start
		nextFix := k+1 < len(fixes) && fixes[k+1].start == f.end
		prev, prev2 := runesBefore(line, fixes, k)
		next := rune(0)
		if nextFix {
			next = fixes[k+1].r
		} else if f.end < len(line) {
			next, _ = utf8.DecodeRune(line[f.end:])
		}
		if caseClash(prev2, prev, f.r, next) {
			continue
		}
		if f.cyr {
			// A lone Cyrillic letter ("Ńś" → "ќ") is weak: the letters of
			// a mangled Cyrillic word come side by side.
			f.weak = !(prevFix && fixes[k-1].cyr) && !(nextFix && fixes[k+1].cyr)
		}
		if unicode.IsUpper(f.lead) && unicode.IsUpper(f.second) && (unicode.IsUpper(prev) || unicode.IsUpper(next)) {
			// Two capitals in a word in capitals: Slovak "DĹŽKA" is
			// clean, and so is "DEVÄŤ".
			f.weak = true
		}
		kept = append(kept, f)
	}
	// Weak runs count only with a strong one beside them.
	for _, f := range kept {
		if !f.weak {
			return kept
		}
	}
	return kept[:0]
}

// runesBefore returns the two characters before fixes[k] as the line will
// read after the repair (0 at the start of the line).
func runesBefore(line []byte, fixes []mojiFix, k int) (prev, prev2 rune) {
	pos, j := fixes[k].start, k-1
	var rs [2]rune
	for n := 0; n < 2 && pos > 0; n++ {
		if j >= 0 && fixes[j].end == pos {
			rs[n], pos = fixes[j].r, fixes[j].start
			j--
			continue
		}
		r, size := utf8.DecodeLastRune(line[:pos])
		rs[n], pos = r, pos-size
	}
	return rs[0], rs[1]
}

// caseClash reports whether r, between prev2 prev and next, gives a small
// letter before a capital ("MĂŞTI" → "MêTI") or after two capitals
// ("DEVÄŤ" → "DEVč"), or a capital between two small letters: clean
// capitals read as mojibake.
func caseClash(prev2, prev, r, next rune) bool {
	switch {
	case unicode.IsLower(r):
		return unicode.IsUpper(next) || unicode.IsUpper(prev) && unicode.IsUpper(prev2)
	case unicode.IsUpper(r):
		return unicode.IsLower(prev) && unicode.IsLower(next)
	}
	return false
}

func asciiLetterBefore(line []byte, i int) bool {
	return i > 0 && isASCIILetter(line[i-1])
}

func asciiLetterAt(line []byte, i int) bool {
	return i < len(line) && isASCIILetter(line[i])
}

func isASCIILetter(c byte) bool {
	c |= 0x20
	return 'a' <= c && c <= 'z'
}

func lowerBefore(line []byte, i int) bool {
	r, _ := utf8.DecodeLastRune(line[:i])
	return unicode.IsLower(r)
}

func letterAt(line []byte, i int) bool {
	if i >= len(line) {
		return false
	}
	r, _ := utf8.DecodeRune(line[i:])
	return unicode.IsLetter(r)
}

// mayHaveMojibake is the cheap pre-check: it looks for a lead character
// (UTF-8 0xC3–0xC5 and a second byte from mojiLead) followed by a
// continuation character (mojiCont). Eight bytes at a time, it skips words
// with no byte in 0xC0–0xC7: ASCII, Cyrillic and most other text.
func mayHaveMojibake(s []byte) bool {
	i := 0
	// A candidate is three bytes >= 0x80 in a row (a lead character and
	// the first byte of the next): a lone Polish letter between ASCII is
	// not. Loads of eight bytes, six apart, see every such triple whole.
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 6 {
		w := binary.LittleEndian.Uint64(s[i:])
		hi := w & highs
		// ... and the first of them in 0xC0–0xC7: Polish text has
		// triples of high bytes at every „, ” or –, which this skips.
		// (A zero-byte test: its false hits sit above true ones.)
		v := w&0xF8F8F8F8F8F8F8F8 ^ 0xC0*ones
		if hi&(hi>>8)&(hi>>16)&(v-ones)&^v == 0 {
			continue
		}
		for j := i; j < i+6; j++ {
			if s[j]-0xC3 < 3 && mojiAt(s, j) {
				return true
			}
		}
	}
	for ; i < len(s); i++ {
		if s[i]-0xC3 < 3 && mojiAt(s, i) {
			return true
		}
	}
	return false
}

// mojiAt reports whether a lead character and a continuation character
// start at s[i], whose byte is in 0xC3–0xC5.
func mojiAt(s []byte, i int) bool {
	if i+2 >= len(s) || s[i+1] < 0x80 || s[i+2] < 0x80 || mojiLead[s[i]-0xC3]>>(s[i+1]&0x3F)&1 == 0 {
		return false
	}
	r, _ := utf8.DecodeRune(s[i+2:])
	return mojiCont()[r]
}

// repairMojibake repairs the mojibake in one line (see IDMojibake). It
// returns the line itself and false when there is nothing to repair.
// Invalid UTF-8 in the line stays as it is.
func repairMojibake(line []byte) ([]byte, bool) {
	if !mayHaveMojibake(line) {
		return line, false
	}
	out, changed := line, false
	runs := mojibakeRuns(out)
	for len(runs) > 0 {
		next := make([]byte, 0, len(out))
		last := 0
		for _, f := range runs {
			next = append(next, out[last:f.start]...)
			next = utf8.AppendRune(next, f.r)
			last = f.end
		}
		next = append(next, out[last:]...)
		var left []mojiFix
		if mayHaveMojibake(next) {
			left = mojibakeRuns(next)
		}
		// Each round must leave fewer suspicious runs than it found.
		if len(left) >= len(runs) {
			break
		}
		out, changed, runs = next, true, left
	}
	return out, changed
}

// mojibakeRuns returns the runs to repair in line: those of the charmap
// that finds the most.
func mojibakeRuns(line []byte) []mojiFix {
	var fixes, best []mojiFix
	for _, m := range mojiMaps() {
		fixes = findMojibake(m, line, fixes)
		if len(fixes) > len(best) {
			best, fixes = fixes, best
		}
	}
	return best
}
