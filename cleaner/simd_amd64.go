package cleaner

import (
	"math/bits"

	"golang.org/x/sys/cpu"
)

// useAVX2 picks the AVX2 code below; tests turn it off to check the
// portable code too.
var useAVX2 = cpu.X86.HasAVX2

//go:noescape
func indexEOLAVX2(b []byte) int

//go:noescape
func hasDigitAVX2(b []byte) bool

//go:noescape
func plainBlocksAVX2(src []byte, i int, carry, want uint32) (j int, bad, cand, carryOut uint32)

// plainVector is plainWords' loop 32 bytes at a time, while 34 bytes are
// left (a block, the byte after it and one more for mojiCandidates). It
// returns where it stopped and whether the run ends there, as plainWords
// does, and the carry for the words after.
func plainVector(src []byte, i int) (end int, carry uint64, done, moji bool) {
	want := ^uint32(0)
	c := uint32(0)
	for {
		j, bad, cand, next := plainBlocksAVX2(src, i, c, want)
		// Only candidates before the run's end count; bad&-bad-1 is
		// every bit when bad is 0.
		for cand &= bad&-bad - 1; cand != 0; cand &= cand - 1 {
			if mojiAt(src, j+bits.TrailingZeros32(cand)) {
				moji, want = true, 0
				break
			}
		}
		if bad != 0 {
			return j + bits.TrailingZeros32(bad), 0, true, moji
		}
		if j+34 > len(src) {
			return j, uint64(next) << 7, false, moji
		}
		i, c = j+32, next
	}
}
