package cleaner

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/artclean/artclean/internal/corpus"
)

// plainRunRef is plainRun as it was before it went word by word: the
// reference the tests below check it against.
func plainRunRef(src []byte, i int) int {
	start := i
	for i < len(src) {
		c := src[i]
		switch {
		case c > ' ' && c < 0x7F:
			i++
		case c >= 0xC3 && c <= 0xCB && i+1 < len(src) && src[i+1]&0xC0 == 0x80:
			i += 2
		case c == ' ' && i > start && i+1 < len(src) && src[i+1] > ' ' && src[i+1] < 0x7F:
			i += 2
		case c == ' ' && i > start && i+2 < len(src) && src[i+1] >= 0xC3 && src[i+1] <= 0xCB && src[i+2]&0xC0 == 0x80:
			i++
		default:
			return i
		}
	}
	return i
}

// plainAlphabet has a byte of each kind plainRun tells apart and the edges
// of its ranges: space, printable ASCII, DEL and a control character, lead
// bytes in and out of 0xC3–0xCB and of 0xC3–0xC5 (which mojibake starts
// with), continuation bytes (0xC3 0x85, Å, begins mojibake) and a
// three-byte lead.
var plainAlphabet = []byte{' ', 'a', '~', 0x7F, 0x1F, 0xC3, 0xC4, 0xC5, 0xCB, 0xCC, 0xC2, 0x85, 0xE2, 0x80}

// checkPlainRun compares plainRun with plainRunRef on src from every index,
// and its mojibake answer with mojiAt's at every lead byte of the run.
func checkPlainRun(t *testing.T, src []byte) {
	t.Helper()
	for i := 0; i <= len(src); i++ {
		checkPlainRunAt(t, src, i)
	}
}

func checkPlainRunAt(t *testing.T, src []byte, i int) {
	t.Helper()
	// Both the vector code and the portable words, where there is a
	// choice: plainWords takes AVX2 blocks only with 34 bytes left.
	if useAVX2 && len(src)-i >= 34 {
		defer func() { useAVX2 = true }()
		checkPlainRunWith(t, src, i)
		useAVX2 = false
	}
	checkPlainRunWith(t, src, i)
}

func checkPlainRunWith(t *testing.T, src []byte, i int) {
	t.Helper()
	got, moji := plainRun(src, i)
	if want := plainRunRef(src, i); got != want {
		t.Fatalf("plainRun(%q, %d) = %d, want %d (AVX2 %v)", src, i, got, want, useAVX2)
	}
	want := false
	for j := i; j < got; j++ {
		want = want || src[j]-0xC3 < 3 && mojiAt(src, j)
	}
	if moji != want {
		t.Fatalf("plainRun(%q, %d) says mojibake %v, mojiAt %v (AVX2 %v)", src, i, moji, want, useAVX2)
	}
}

// eachString calls fn with s and every string made by appending up to n bytes
// of alphabet to it.
func eachString(alphabet, s []byte, n int, fn func([]byte)) {
	fn(s)
	if n == 0 {
		return
	}
	for _, c := range alphabet {
		eachString(alphabet, append(s, c), n-1, fn)
	}
}

// TestPlainRunShort checks every string of up to 5 bytes over plainAlphabet
// on its own, and every one of up to 4 bytes at every place in a line of
// 'a's long enough for the word-by-word loop to reach it at any alignment,
// in its first or second turn, and to meet the end of the line.
func TestPlainRunShort(t *testing.T) {
	eachString(plainAlphabet, nil, 5, func(s []byte) { checkPlainRun(t, s) })

	const width = 34
	buf := make([]byte, width)
	eachString(plainAlphabet, nil, 4, func(s []byte) {
		for at := 0; at+len(s) <= width; at++ {
			for k := range buf {
				buf[k] = 'a'
			}
			copy(buf[at:], s)
			checkPlainRun(t, buf)
		}
	})
}

// TestPlainRunVector checks every string of up to 3 bytes over
// plainAlphabet at every place of lines long enough for two of the AVX2
// blocks and a tail, over ASCII and over two-byte letters that cross
// every block boundary (the carry between blocks).
func TestPlainRunVector(t *testing.T) {
	// The edges of every range the vector code tests with a bias and a
	// signed compare, on both sides.
	alphabet := []byte{0x00, 0x1F, ' ', '!', 'a', '~', 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xC3, 0xC5, 0xC6, 0xCB, 0xCC, 0xFF}
	for _, background := range []string{strings.Repeat("a", 70), "x" + strings.Repeat("ął", 17) + "y", strings.Repeat("ą", 35)} {
		// A continuation byte and plain bytes follow the line in memory: a
		// block read past its end would run on into them.
		buf := append([]byte(background), "\x85"+strings.Repeat("a", 63)...)[:len(background)]
		eachString(alphabet, nil, 3, func(s []byte) {
			for at := 0; at+len(s) <= len(buf); at++ {
				copy(buf, background)
				copy(buf[at:], s)
				for _, i := range []int{0, 1, 2, 5, 31, 33, 37} {
					checkPlainRunAt(t, buf, i)
				}
			}
		})
	}
}

// TestPlainRunRandom checks random strings over plainAlphabet, and random
// Polish-like lines: words with two-byte letters and a few other characters,
// single and double spaces, crossing eight-byte boundaries everywhere.
func TestPlainRunRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	var src []byte
	for range n {
		src = src[:0]
		for range rng.IntN(41) {
			src = append(src, plainAlphabet[rng.IntN(len(plainAlphabet))])
		}
		checkPlainRun(t, src)
	}

	pieces := []string{
		"a", "z", "K", ".", ",", "\"", "-", "0", "~",
		"ą", "ł", "ó", "ż", "Ś", "é", "ß", "ʼ", // leads 0xC3–0xCB
		"\u0301", "Ω", "€", "\u00a0", "\t", "\x7f", "\xc4", "\x85", // others
	}
	for range n / 10 {
		src = src[:0]
		for range 1 + rng.IntN(30) {
			for range rng.IntN(13) {
				k := rng.IntN(len(pieces))
				if rng.IntN(4) != 0 {
					k = rng.IntN(12) // mostly letters and punctuation
				}
				src = append(src, pieces[k]...)
			}
			spaces := 1 // mostly one space, sometimes two or three
			if rng.IntN(4) == 0 {
				spaces += 1 + rng.IntN(2)
			}
			src = append(src, "   "[:spaces]...)
		}
		if rng.IntN(2) == 0 {
			src = src[:rng.IntN(len(src)+1)] // end anywhere, mid-letter too
		}
		checkPlainRun(t, src)
	}
}

// TestPlainRunMojibake puts every two-byte character with a lead byte near
// 0xC3–0xC5, before a character mojibake continues with or not, at every
// place of a line long enough for plainWords' two loops and its tail.
func TestPlainRunMojibake(t *testing.T) {
	next := []string{"…", "ą", "a", "\u00a0", "ł"}
	for lead := byte(0xC1); lead <= 0xC7; lead++ {
		for cont := byte(0x80); cont < 0xC0; cont++ {
			for _, n := range next {
				for at := range 40 {
					for _, tail := range []int{0, 1, 40 - at} {
						src := []byte(strings.Repeat("a", at) + string([]byte{lead, cont}) + n + strings.Repeat("b", tail))
						checkPlainRunAt(t, src, 0)
					}
				}
			}
		}
	}
}

// FuzzPlainRun compares plainRun with plainRunRef on any bytes from any
// index.
func FuzzPlainRun(f *testing.F) {
	f.Add([]byte("Putin dodał, że w tej ostatniej kwestii"), uint16(0))
	f.Add([]byte("abcdefg \xc4\x85 ijklmnop"), uint16(1))
	f.Add([]byte("abcdefg\xc4\x85 ijklmnop "), uint16(0))
	f.Add([]byte("  a b  c\xcc\x81\x7f\x1f"), uint16(2))
	f.Fuzz(func(t *testing.T, src []byte, i uint16) {
		checkPlainRunAt(t, src, int(i)%(len(src)+1))
	})
}

// BenchmarkPlainRun scans a Polish paragraph the way appendLine does: runs
// whole, anything else a byte at a time.
func BenchmarkPlainRun(b *testing.B) {
	src := []byte(strings.Join(corpus.Sentences()[:4], " "))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		for i := 0; i < len(src); {
			if j, _ := plainRun(src, i); j > i {
				i = j
			} else {
				i++
			}
		}
	}
}

// isWordRune's shortcut below U+0300 must answer as the Unicode tables do.
func TestIsWordRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		if got := isWordRune(r); got != want {
			t.Fatalf("isWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// FuzzCleanLine checks that cleanLine, which hands a plain line back as it
// is, answers as appendLine: the same text, mojibake verdict, fold state
// and counts.
func FuzzCleanLine(f *testing.F) {
	f.Add([]byte("Putin dodał, że w tej ostatniej kwestii"))
	f.Add([]byte(" leading space"))
	f.Add([]byte("two  spaces and\u00a0NBSP"))
	f.Add([]byte("Ã³ mojibake Å‚"))
	f.Add([]byte("e\u0301 composes"))
	f.Add([]byte(""))
	tier := charTier{nfc: true, spaces: true, invisible: true, controls: true, mojibake: true}
	f.Fuzz(func(t *testing.T, src []byte) {
		var wantSt, gotSt foldState
		var wantStats, gotStats CharStats
		var scratch []byte
		want, wantMoji := tier.appendLine(nil, src, &wantSt, &wantStats, &scratch)
		buf := make([]byte, 0, 8)
		got, gotMoji := tier.cleanLine(&buf, src, &gotSt, &gotStats, &scratch)
		if string(got) != string(want) || gotMoji != wantMoji || gotSt != wantSt || gotStats != wantStats {
			t.Errorf("cleanLine(%q) = %q, %v, %+v, %+v; appendLine: %q, %v, %+v, %+v",
				src, got, gotMoji, gotSt, gotStats, want, wantMoji, wantSt, wantStats)
		}
	})
}
