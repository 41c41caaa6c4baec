//go:build !amd64

package jsonl

// useAVX2 is false off amd64.
var useAVX2 = false

func copyToSpecialAVX2(dst, src []byte) int {
	panic("copyToSpecialAVX2 without AVX2")
}

func indexSpecialAVX2(src []byte) int {
	panic("indexSpecialAVX2 without AVX2")
}
