package decode

import (
	"bytes"
	"fmt"
	"math"
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/segmentio/asm/ascii"
	asmutf8 "github.com/segmentio/asm/utf8"
	"golang.org/x/text/encoding/charmap"
)

// sniffed is what sniff chooses.
type sniffed struct {
	spec   spec
	bomLen int    // length of the byte order mark to drop
	reason string // why, in a few words
	// fallback is set for UTF-8 input with bytes that are not UTF-8 when
	// the byte statistics say with confidence which single-byte encoding
	// they are in: the reader decodes those bytes (only those) with it.
	fallback *candidate
}

// sniff chooses the encoding of input that starts with prefix (all of the
// input when atEOF).
//
// Input with valid multi-byte UTF-8 sequences and invalid bytes is either
// UTF-8 with stray bytes of another encoding (mixed), whose valid
// sequences must come through unchanged, or text in a single-byte encoding
// in which a few byte pairs happen to form valid UTF-8 (common in
// Cyrillic encodings). With at least two valid sequences per run of
// invalid bytes it is UTF-8; with fewer, the byte statistics decide: the
// input is decoded whole in a single-byte encoding only if that reads
// better than its valid sequences read as UTF-8.
func sniff(prefix []byte, atEOF bool) sniffed { return sniffKnown(prefix, atEOF, false) }

// sniffKnown is sniff, told whether prefix is known to be valid UTF-8
// (then it is not checked again).
func sniffKnown(prefix []byte, atEOF, known bool) sniffed {
	switch {
	case bytes.HasPrefix(prefix, bomUTF8):
		return sniffUTF8(prefix[len(bomUTF8):], atEOF, len(bomUTF8), "byte order mark")
	case bytes.HasPrefix(prefix, bomUTF16LE):
		return sniffed{spec: specUTF16LE, bomLen: len(bomUTF16LE), reason: "byte order mark"}
	case bytes.HasPrefix(prefix, bomUTF16BE):
		return sniffed{spec: specUTF16BE, bomLen: len(bomUTF16BE), reason: "byte order mark"}
	}
	if s, ok := sniffUTF16(prefix); ok {
		return sniffed{spec: s, reason: "no byte order mark; NUL bytes in every other position"}
	}
	// Most inputs are valid UTF-8: the vectorised check settles them
	// without counting sequences rune by rune (which was most of the
	// time a batch of small files spent outside cleaning).
	if known || asmutf8.Valid(prefix) {
		if ascii.Valid(prefix) {
			return sniffed{spec: specUTF8, reason: "ASCII"}
		}
		return sniffed{spec: specUTF8, reason: "valid UTF-8"}
	}
	valid, invalid := utf8Stats(prefix, atEOF)
	switch {
	case invalid == 0 && valid == 0:
		return sniffed{spec: specUTF8, reason: "ASCII"}
	case invalid == 0:
		return sniffed{spec: specUTF8, reason: "valid UTF-8"}
	case valid == 0:
		best, second := scoreCandidates(prefix)
		return sniffLegacy(prefix, invalid, best, second)
	}
	reason := fmt.Sprintf("UTF-8 with errors (%d valid multi-byte sequences, %d invalid ones)", valid, invalid)
	if valid >= 2*invalid {
		return sniffUTF8(prefix, atEOF, 0, reason)
	}
	p := prefix[:evidence(prefix)]
	m := newMixedView(p, atEOF && len(p) == len(prefix), false)
	mixed, _ := m.best()
	whole, second := scoreCandidates(p)
	if whole.score >= mixed.score {
		s := sniffLegacy(prefix, invalid, whole, second)
		s.reason += fmt.Sprintf("; its %d valid UTF-8 sequences read better as %s (score %d) than as UTF-8 (score %d)",
			valid, whole.c.spec.name, whole.score, mixed.score)
		return s
	}
	reason += fmt.Sprintf(", which read better as UTF-8 (score %d) than as %s (score %d)", mixed.score, whole.c.spec.name, whole.score)
	return m.sniffed(0, reason)
}

// sniffValid is sniff for a prefix of input known to be valid UTF-8 (cut
// anywhere when !atEOF): what sniff would say, without checking it again,
// which was a tenth of what a small file of a batch cost outside cleaning.
func sniffValid(prefix []byte, atEOF bool) sniffed {
	return sniffKnown(prefix, atEOF, atEOF || !cutRune(prefix))
}

// cutRune reports whether valid UTF-8 cut at the end of b ends inside a
// rune.
func cutRune(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			return !utf8.FullRune(b[i:])
		}
	}
	return false
}

// sniffLegacy chooses best, the best-scoring single-byte encoding for
// prefix, which has invalid runs of bytes that are not UTF-8.
func sniffLegacy(prefix []byte, invalid int, best, second scored) sniffed {
	reason := fmt.Sprintf("not UTF-8 (%d invalid sequences); byte statistics favour %s (score %d) over %s (score %d)",
		invalid, best.c.spec.name, best.score, second.c.spec.name, second.score)
	if best.c.sameAs(second.c, prefix) {
		reason = fmt.Sprintf("not UTF-8 (%d invalid sequences); byte statistics favour %s (score %d), which %s reads the same",
			invalid, best.c.spec.name, best.score, second.c.spec.name)
	}
	return sniffed{spec: best.c.spec, reason: reason}
}

// sniffUTF8 chooses UTF-8 for prefix, which follows a bomLen-byte mark,
// and the fallback for its invalid bytes if it has any.
func sniffUTF8(prefix []byte, atEOF bool, bomLen int, reason string) sniffed {
	if _, invalid := utf8Stats(prefix, atEOF); invalid == 0 {
		return sniffed{spec: specUTF8, bomLen: bomLen, reason: reason}
	}
	return newMixedView(prefix, atEOF, true).sniffed(bomLen, reason)
}

// Confidence a mixed view needs before its invalid bytes are decoded in a
// single-byte encoding rather than replaced: the best candidate must read
// them better than as spaces by minGain, and better than every candidate
// that reads them differently by minMargin.
const (
	minGain   = 2
	minMargin = 4
)

// sniffed chooses UTF-8 with the best candidate for the invalid bytes as
// fallback, if it is confidently the best.
func (m *mixedView) sniffed(bomLen int, reason string) sniffed {
	s := sniffed{spec: specUTF8, bomLen: bomLen}
	best, rival := m.best()
	base := scoreSeq(&neutralTable, m.ext, m.tokens)
	switch gain := best.score - base; {
	case gain < minGain:
		s.reason = fmt.Sprintf("%s; invalid bytes replaced: read as %s (score %d) they are no better than blanks (score %d)",
			reason, best.c.spec.name, best.score, base)
	case rival.c != nil && best.score-rival.score < minMargin:
		s.reason = fmt.Sprintf("%s; invalid bytes replaced: byte statistics do not choose between %s (score %d) and %s (score %d)",
			reason, best.c.spec.name, best.score, rival.c.spec.name, rival.score)
	default:
		s.fallback = best.c
		s.reason = fmt.Sprintf("%s; invalid bytes read as %s (score %d, blanks %d", reason, best.c.spec.name, best.score, base)
		if rival.c != nil {
			s.reason += fmt.Sprintf(", %s %d", rival.c.spec.name, rival.score)
		}
		s.reason += ")"
	}
	return s
}

// evidence returns the length of the prefix of p that has enoughEvidence
// bytes that are not ASCII, or len(p).
func evidence(p []byte) int {
	n := 0
	for i, b := range p {
		if b >= 0x80 {
			if n++; n == enoughEvidence {
				return i + 1
			}
		}
	}
	return len(p)
}

// mixedView is input read as UTF-8 with bytes of another encoding mixed
// in, for scoring: a token per character, which is an ASCII byte or an
// invalid one (below 256, classified by each candidate's table) or a
// valid multi-byte sequence (256+i: classified by ext[i], the same for
// every candidate).
type mixedView struct {
	tokens  []uint16
	ext     []charInfo
	seen    [256]bool // the invalid bytes
	invalid int       // how many invalid bytes

	done          bool // bestC and rivalC are set
	bestC, rivalC scored
}

// contextSize is how many characters on each side of an invalid byte a
// windowed mixedView keeps: the words around it.
const contextSize = 16

// newMixedView tokenizes p. An incomplete sequence at the end is left out
// unless atEOF, when its bytes are invalid. If windowed, the view keeps
// only the contextSize characters on each side of the first
// enoughEvidence invalid bytes, with a space between windows that are not
// adjacent.
func newMixedView(p []byte, atEOF, windowed bool) *mixedView {
	m := &mixedView{}
	if !windowed {
		m.tokens = make([]uint16, 0, len(p))
	}
	// A token per distinct rune: p (at most SniffSize bytes) has fewer
	// than 1<<16-256 multi-byte sequences.
	index := map[rune]uint16{}
	token := func(r rune) uint16 {
		t, ok := index[r]
		if !ok {
			t = uint16(256 + len(m.ext))
			index[r] = t
			m.ext = append(m.ext, classify(r))
		}
		return t
	}
	// windowed: the last characters not kept (a ring), whether one was
	// dropped from it, and how many characters to keep still.
	var ring [contextSize]rune
	ringStart, ringLen, dropped, after := 0, 0, false, 0
	for i := 0; i < len(p); {
		if windowed && m.invalid >= enoughEvidence && after == 0 {
			break
		}
		b := p[i]
		r, size := rune(b), 1
		if b >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(p[i:])
			if r == utf8.RuneError && size == 1 {
				if !atEOF && !utf8.FullRune(p[i:]) {
					break
				}
				r = -1 // invalid
			}
		}
		i += size
		switch {
		case !windowed:
		case r < 0:
			if dropped && len(m.tokens) > 0 {
				m.tokens = append(m.tokens, ' ')
			}
			for k := range ringLen {
				m.tokens = append(m.tokens, m.tokenOf(ring[(ringStart+k)%contextSize], token))
			}
			ringStart, ringLen, dropped, after = 0, 0, false, contextSize
		case after > 0:
			after--
		default:
			if ringLen == contextSize {
				ringStart = (ringStart + 1) % contextSize
				ringLen--
				dropped = true
			}
			ring[(ringStart+ringLen)%contextSize] = r
			ringLen++
			continue
		}
		if r < 0 {
			m.tokens = append(m.tokens, uint16(b))
			m.seen[b] = true
			m.invalid++
			continue
		}
		m.tokens = append(m.tokens, m.tokenOf(r, token))
	}
	return m
}

// tokenOf returns the token of r, a valid character.
func (m *mixedView) tokenOf(r rune, token func(rune) uint16) uint16 {
	if r < utf8.RuneSelf {
		return uint16(r)
	}
	return token(r)
}

// best returns the candidate that reads the view best and the best of the
// candidates that read its invalid bytes differently (c is nil if none
// does).
func (m *mixedView) best() (best, rival scored) {
	if m.done {
		return m.bestC, m.rivalC
	}
	defer func() { m.done, m.bestC, m.rivalC = true, best, rival }()
	best.score, rival.score = minInt, minInt
	scores := make([]scored, len(candidates()))
	for i, c := range candidates() {
		scores[i] = scored{c: c, score: scoreSeq(&c.tbl, m.ext, m.tokens)}
		if scores[i].score > best.score {
			best = scores[i]
		}
	}
	for _, s := range scores {
		if s.score > rival.score && !s.c.sameOn(best.c, &m.seen) {
			rival = s
		}
	}
	return best, rival
}

// neutralTable reads the bytes that are not ASCII as blanks.
var neutralTable = func() (t [256]charInfo) {
	copy(t[:128], asciiInfo[:])
	return t
}()

// sniffUTF16 recognises UTF-16 without a byte order mark by the NUL bytes
// that ASCII characters leave in every other position.
func sniffUTF16(p []byte) (spec, bool) {
	n := len(p) / 2
	if n < 8 {
		return spec{}, false
	}
	if bytes.IndexByte(p, 0) < 0 {
		return spec{}, false // text: no NUL at all
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

// langMask and candidates are made on first use: only input that is not
// UTF-8 needs them, and making them was most of this package's start-up.
var langMask = sync.OnceValue(func() map[rune]uint32 {
	m := map[rune]uint32{}
	for i, l := range languages {
		for _, r := range l.letters {
			m[r] |= 1 << i
		}
	}
	return m
})

// candidate is a single-byte encoding detection may choose.
type candidate struct {
	spec  spec
	runes [128]rune     // bytes 0x80–0xFF decoded
	tbl   [256]charInfo // every byte classified
}

// candidates, in order of preference when scores tie.
var candidates = sync.OnceValue(func() []*candidate {
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
})

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
		ci.langs = langMask()[lower]
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
	p = p[:evidence(p)]
	best.score, second.score = minInt, minInt
	for _, c := range candidates() {
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

// sameOn reports whether c and d decode the bytes marked in seen the same.
func (c *candidate) sameOn(d *candidate, seen *[256]bool) bool {
	for b := 0x80; b < 0x100; b++ {
		if seen[b] && c.runes[b-0x80] != d.runes[b-0x80] {
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
func (c *candidate) score(p []byte) int { return scoreSeq(&c.tbl, nil, p) }

// scoreSeq is score over a sequence of bytes, classified by tbl, or of
// tokens, which are bytes classified by tbl or 256+i classified by ext[i].
func scoreSeq[T byte | uint16](tbl *[256]charInfo, ext []charInfo, p []T) int {
	s := 0
	var inLang [32]int
	letters, ascii, cyrillic := 0, 0, 0
	var prev charInfo
	edgeAfterLetter := false // prev is a clsWordEdge that followed a letter
	run := 0                 // non-ASCII Latin letters in a row
	wordLen := 0             // letters in the current word
	var first charInfo       // the first letter of the current word
	for _, b := range p {
		var ci charInfo
		if uint(b) < 256 {
			ci = tbl[uint8(b)]
		} else {
			ci = ext[uint(b)-256]
		}
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
