package decode

import (
	"bytes"
	"fmt"
	"math"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// sniff chooses the encoding of input that starts with prefix (all of the
// input when atEOF). It returns the encoding, the length of a byte order
// mark to drop and the reason for the choice.
func sniff(prefix []byte, atEOF bool) (spec, int, string) {
	switch {
	case bytes.HasPrefix(prefix, bomUTF8):
		return specUTF8, len(bomUTF8), "byte order mark"
	case bytes.HasPrefix(prefix, bomUTF16LE):
		return specUTF16LE, len(bomUTF16LE), "byte order mark"
	case bytes.HasPrefix(prefix, bomUTF16BE):
		return specUTF16BE, len(bomUTF16BE), "byte order mark"
	}
	if s, ok := sniffUTF16(prefix); ok {
		return s, 0, "no byte order mark; NUL bytes in every other position"
	}
	valid, invalid := utf8Stats(prefix, atEOF)
	switch {
	case invalid == 0 && valid == 0:
		return specUTF8, 0, "ASCII"
	case invalid == 0:
		return specUTF8, 0, "valid UTF-8"
	case valid >= 2*invalid:
		return specUTF8, 0, fmt.Sprintf("UTF-8 with errors (%d valid multi-byte sequences, %d invalid ones)", valid, invalid)
	}
	best, second := scoreCandidates(prefix)
	reason := fmt.Sprintf("not UTF-8 (%d invalid sequences); byte statistics favour %s (score %d) over %s (score %d)",
		invalid, best.c.spec.name, best.score, second.c.spec.name, second.score)
	if best.c.sameAs(second.c, prefix) {
		reason = fmt.Sprintf("not UTF-8 (%d invalid sequences); byte statistics favour %s (score %d), which %s reads the same",
			invalid, best.c.spec.name, best.score, second.c.spec.name)
	}
	return best.c.spec, 0, reason
}

// sniffUTF16 recognises UTF-16 without a byte order mark by the NUL bytes
// that ASCII characters leave in every other position.
func sniffUTF16(p []byte) (spec, bool) {
	n := len(p) / 2
	if n < 8 {
		return spec{}, false
	}
	var even, odd int
	for i := 0; i+1 < len(p); i += 2 {
		if p[i] == 0 {
			even++
		}
		if p[i+1] == 0 {
			odd++
		}
	}
	// Text has no NUL bytes; UTF-16 has one in every ASCII character and
	// in no byte of the other parity but for rare characters (U+0100,
	// U+0400, …). Spaces alone make a tenth of the characters of text.
	switch {
	case odd*10 >= n && even*8 <= odd:
		return specUTF16LE, true
	case even*10 >= n && odd*8 <= even:
		return specUTF16BE, true
	}
	return spec{}, false
}

// utf8Stats counts the valid multi-byte sequences and the runs of invalid
// bytes in p. An incomplete sequence at the end is not counted unless atEOF.
func utf8Stats(p []byte, atEOF bool) (valid, invalid int) {
	inRun := false
	for i := 0; i < len(p); {
		if p[i] < utf8.RuneSelf {
			i++
			inRun = false
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		switch {
		case r != utf8.RuneError || size > 1:
			valid++
			inRun = false
		case !atEOF && !utf8.FullRune(p[i:]):
			return valid, invalid
		default:
			if !inRun {
				invalid++
			}
			inRun = true
		}
		i += size
	}
	return valid, invalid
}

// Character classes for scoring.
const (
	clsOther      = iota // ASCII spaces and punctuation
	clsDigit             // ASCII digit
	clsLetter            // a letter
	clsPunct             // neutral non-ASCII punctuation: NBSP, dashes, apostrophes, °
	clsWordEdge          // quotes and such: not between two letters
	clsStandalone        // © § ± € £ №: not touching a letter
	clsSymbol            // rare symbols (¶ ¬ ˇ ¤, box drawing) and C0 controls
	clsBad               // C1 control or byte the encoding does not define
)

// Scripts of letters.
const (
	scriptLatin = iota
	scriptCyrillic
	scriptOther
)

type charInfo struct {
	cls      uint8
	script   uint8
	upper    bool
	nonASCII bool
	single   bool   // a common one-letter word: à è é ò ó ù, в и к о с у я а і
	langs    uint32 // bit i: languages[i] has the (lower-case) letter
}

// languages lists the non-ASCII letters of the languages whose text the
// candidates encode. A decoding whose letters fit one language is more
// plausible than one that mixes letters of several.
var languages = []struct{ name, letters string }{
	{"pl", "ąćęłńóśźż"},
	{"cs", "áčďéěíňóřšťúůýž"},
	{"sk", "áäčďéíĺľňóôŕšťúýž"},
	{"hu", "áéíóöőúüű"},
	{"hr-sl", "čćđšž"},
	{"ro", "ăâîșțşţ"},
	{"de", "äöüß"},
	{"fr", "àâæçéèêëîïôœùûüÿ"},
	{"es", "áéíñóúü"},
	{"it", "àèéìíîòóù"},
	{"pt", "àáâãçéêíóôõú"},
	{"nl", "áéèëïóöü"},
	{"sv-fi", "åäöé"},
	{"da-no", "æøåé"},
	{"is", "áðéíóúýþæö"},
	{"ca", "àçèéíïòóú"},
	{"ru", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"},
	{"uk", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"},
	{"be", "абвгдеёжзійклмнопрстуўфхцчшыьэюя"},
	{"bg", "абвгдежзийклмнопрстуфхцчшщъьюя"},
	{"sr-mk", "абвгдђѓежзѕијклљмнњопрстћќуфхцчџш"},
}

var langMask = func() map[rune]uint32 {
	m := map[rune]uint32{}
	for i, l := range languages {
		for _, r := range l.letters {
			m[r] |= 1 << i
		}
	}
	return m
}()

// candidate is a single-byte encoding detection may choose.
type candidate struct {
	spec  spec
	runes [128]rune     // bytes 0x80–0xFF decoded
	tbl   [256]charInfo // every byte classified
}

// candidates, in order of preference when scores tie.
var candidates = func() []*candidate {
	var cs []*candidate
	for _, name := range []string{"windows-1252", "windows-1250", "iso-8859-2", "windows-1251", "koi8-r", "koi8-u", "ibm866"} {
		s, err := lookup(name)
		if err != nil {
			panic(err)
		}
		cm := s.enc.(*charmap.Charmap)
		c := &candidate{spec: s}
		copy(c.tbl[:128], asciiInfo[:])
		for b := range 128 {
			c.runes[b] = cm.DecodeByte(byte(0x80 + b))
			c.tbl[0x80+b] = classify(c.runes[b])
		}
		cs = append(cs, c)
	}
	return cs
}()

var asciiInfo = func() (t [128]charInfo) {
	for b := range 128 {
		switch {
		case 'a' <= b && b <= 'z':
			t[b] = charInfo{cls: clsLetter, script: scriptLatin}
		case 'A' <= b && b <= 'Z':
			t[b] = charInfo{cls: clsLetter, script: scriptLatin, upper: true}
		case '0' <= b && b <= '9':
			t[b] = charInfo{cls: clsDigit}
		case b < ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f':
			t[b] = charInfo{cls: clsSymbol}
		}
	}
	return t
}()

// classify describes a non-ASCII character for scoring.
func classify(r rune) charInfo {
	ci := charInfo{nonASCII: true}
	switch {
	case r == utf8.RuneError || (r >= 0x80 && r < 0xA0):
		ci.cls = clsBad
	case strings.ContainsRune("\u00A0\u00AD’‘–—·°", r):
		ci.cls = clsPunct
	case strings.ContainsRune("«»„“”‚‹›…•®™¿¡†", r):
		ci.cls = clsWordEdge
	case strings.ContainsRune("©§±€£№", r):
		ci.cls = clsStandalone
	case strings.ContainsRune("µªºƒ", r) || !unicode.IsLetter(r) || unicode.Is(unicode.Lm, r):
		ci.cls = clsSymbol
	default:
		ci.cls = clsLetter
		ci.upper = unicode.IsUpper(r)
		switch {
		case unicode.Is(unicode.Latin, r):
			ci.script = scriptLatin
		case unicode.Is(unicode.Cyrillic, r):
			ci.script = scriptCyrillic
		default:
			ci.script = scriptOther
		}
		lower := unicode.ToLower(r)
		ci.langs = langMask[lower]
		ci.single = strings.ContainsRune("àèéòóùвикосуяаі", lower)
	}
	return ci
}

type scored struct {
	c     *candidate
	score int
}

// enoughEvidence is how many non-ASCII bytes scoring looks at: more do not
// change the outcome, and scoring a whole SniffSize prefix seven times
// would cost milliseconds per file.
const enoughEvidence = 2048

// scoreCandidates returns the best and the second-best candidate for p.
func scoreCandidates(p []byte) (best, second scored) {
	n := 0
	for i, b := range p {
		if b >= 0x80 {
			if n++; n == enoughEvidence {
				p = p[:i+1]
				break
			}
		}
	}
	best.score, second.score = minInt, minInt
	for _, c := range candidates {
		s := scored{c: c, score: c.score(p)}
		switch {
		case s.score > best.score:
			best, second = s, best
		case s.score > second.score:
			second = s
		}
	}
	return best, second
}

// sameAs reports whether c and d decode p the same.
func (c *candidate) sameAs(d *candidate, p []byte) bool {
	var seen [128]bool
	for _, b := range p {
		if b >= 0x80 {
			seen[b-0x80] = true
		}
	}
	for i, s := range seen {
		if s && c.runes[i] != d.runes[i] {
			return false
		}
	}
	return true
}

const minInt = math.MinInt // below any score, on 32-bit platforms too

// score rates how plausible p is as text in c's encoding. ASCII is the
// same in every candidate: what counts is the non-ASCII characters and
// their neighbours. A good decoding has letters in words, mostly lower case,
// one script per word, the letters of one language and punctuation where
// punctuation goes. A bad one has symbols and controls where letters belong,
// capitals inside words, words that switch script, long runs of accented
// Latin letters (Cyrillic read as Latin), lone accented letters that are not
// words, and a few Cyrillic letters amid Latin text.
func (c *candidate) score(p []byte) int {
	s := 0
	var inLang [32]int
	letters, ascii, cyrillic := 0, 0, 0
	var prev charInfo
	edgeAfterLetter := false // prev is a clsWordEdge that followed a letter
	run := 0                 // non-ASCII Latin letters in a row
	wordLen := 0             // letters in the current word
	var first charInfo       // the first letter of the current word
	for _, b := range p {
		ci := c.tbl[b]
		if ci.cls != clsLetter {
			if wordLen == 1 && first.nonASCII && !first.single {
				s -= 3
			}
			wordLen = 0
			run = 0
		}
		switch ci.cls {
		case clsLetter:
			if wordLen == 0 {
				first = ci
			}
			wordLen++
			switch prev.cls {
			case clsSymbol, clsStandalone:
				s -= 4
			case clsWordEdge:
				if edgeAfterLetter {
					s -= 4
				}
			case clsDigit:
				if ci.nonASCII {
					s -= 2
				}
			case clsLetter:
				if ci.script != prev.script {
					s -= 6
				}
				if ci.upper && !prev.upper && (ci.nonASCII || prev.nonASCII) {
					s -= 5
				}
			}
			if !ci.nonASCII {
				ascii++
				run = 0
				break
			}
			if ci.upper {
				s--
			} else {
				s++
			}
			letters++
			if ci.script == scriptCyrillic {
				cyrillic++
			}
			for m := ci.langs; m != 0; m &= m - 1 {
				inLang[bits.TrailingZeros32(m)]++
			}
			if ci.script == scriptLatin {
				if run >= 2 {
					s -= 3
				}
				run++
			} else {
				run = 0
			}
		case clsDigit:
			if prev.cls == clsLetter && prev.nonASCII {
				s -= 2
			}
		case clsSymbol:
			if ci.nonASCII {
				s -= 4
				if prev.cls == clsLetter {
					s -= 4
				}
			}
		case clsStandalone:
			if prev.cls == clsLetter {
				s -= 4
			}
		case clsBad:
			s -= 20
		}
		edgeAfterLetter = ci.cls == clsWordEdge && prev.cls == clsLetter
		prev = ci
	}
	if wordLen == 1 && first.nonASCII && !first.single {
		s -= 3
	}
	if ascii > 2*cyrillic {
		s -= 4 * cyrillic
	}
	bestLang := -letters
	for i := range languages {
		if v := 2*inLang[i] - letters; v > bestLang {
			bestLang = v
		}
	}
	return s + 2*bestLang
}
