//go:build !amd64

package cleaner

// useAVX2 is false off amd64: plainWords goes word by word.
var useAVX2 = false

func plainVector(src []byte, i int) (end int, carry uint64, done, moji bool) {
	panic("plainVector without AVX2")
}

func indexEOLVector(b []byte) int { panic("indexEOLVector without AVX2") }

func hasDigitVector(b []byte) bool { panic("hasDigitVector without AVX2") }
