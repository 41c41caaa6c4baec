package cleaner

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/artclean/artclean/internal/simdtest"
)

// TestIndexEOL puts a "\n" or "\r", or both, at every place of lines of
// up to 100 bytes, over plain and over high bytes, and compares indexEOL
// with bytes.IndexAny; and random bytes.
func TestIndexEOL(t *testing.T) {
	simdtest.Both(t, &useAVX2, func(t *testing.T) {
		check := func(b []byte) {
			t.Helper()
			if got, want := indexEOL(b), bytes.IndexAny(b, "\r\n"); got != want {
				t.Fatalf("indexEOL(%q) = %d, want %d", b, got, want)
			}
		}
		for _, fill := range []byte{'a', 0xC5, 0x0B, 0x0E} {
			for n := range 101 {
				// Line breaks follow the line in memory: reading past its
				// end would find them.
				b := append(bytes.Repeat([]byte{fill}, n), "\n\r\n\r"...)[:n]
				check(b)
				for i := range n {
					for _, c := range []byte{'\n', '\r'} {
						b[i] = c
						check(b)
						for j := i + 1; j < n; j++ {
							b[j] = '\r' + '\n' - c
							check(b)
							b[j] = fill
						}
						b[i] = fill
					}
				}
			}
		}
		rng := rand.New(rand.NewPCG(3, 4))
		buf := make([]byte, 300)
		for range 20000 {
			for i := range buf {
				buf[i] = byte(rng.IntN(256))
				if buf[i] == '\n' || buf[i] == '\r' {
					buf[i] = 'x'
				}
			}
			lo := rng.IntN(len(buf))
			hi := lo + rng.IntN(len(buf)-lo+1)
			if rng.IntN(2) == 0 && hi > lo {
				buf[lo+rng.IntN(hi-lo)] = "\r\n"[rng.IntN(2)]
			}
			check(buf[lo:hi])
		}
	})
}
