package jsonl

import "golang.org/x/sys/cpu"

// useAVX2 picks the AVX2 code below; tests turn it off to check the
// portable code too.
var useAVX2 = cpu.X86.HasAVX2

//go:noescape
func copyToSpecialAVX2(dst, src []byte) int

//go:noescape
func indexSpecialAVX2(src []byte) int
