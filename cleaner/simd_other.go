//go:build !amd64

package cleaner

// useAVX2 is false off amd64: plainWords goes word by word.
var useAVX2 = false

func plainVector(src []byte, i int) (end int, carry uint64, done, moji bool) {
	panic("plainVector without AVX2")
}

func indexEOLAVX2(b []byte) int {
	panic("indexEOLAVX2 without AVX2")
}

func hasDigitAVX2(b []byte) bool {
	panic("hasDigitAVX2 without AVX2")
}
