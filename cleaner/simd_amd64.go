package cleaner

import (
	"math/bits"

	"golang.org/x/sys/cpu"
)

// useAVX2 picks the AVX2 code below; tests turn it off to check the
// portable code too.
var useAVX2 = cpu.X86.HasAVX2

//go:noescape
func indexRangesAVX2(b []byte, ranges uint32) int

// byteRanges packs two byte ranges, of at most 127 bytes each, for
// indexRangesAVX2; an empty one (hi < lo) matches nothing.
func byteRanges(lo1, hi1, lo2, hi2 byte) uint32 {
	one := func(lo, hi byte) uint32 {
		if hi < lo {
			return 0x80 << 8 // bias 0, limit -128: x <s -128 never holds
		}
		return uint32(0x80-lo) | uint32(0x80+hi-lo+1)<<8
	}
	return one(lo1, hi1) | one(lo2, hi2)<<16
}

var (
	eolRanges   = byteRanges('\n', '\n', '\r', '\r')
	digitRanges = byteRanges('0', '9', 1, 0)
)

// indexEOLVector is indexEOL for b of 32 bytes or more.
func indexEOLVector(b []byte) int { return indexRangesAVX2(b, eolRanges) }

// hasDigitVector is hasDigit for b of 32 bytes or more.
func hasDigitVector(b []byte) bool { return indexRangesAVX2(b, digitRanges) >= 0 }

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
