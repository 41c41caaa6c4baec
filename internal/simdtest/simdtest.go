// Package simdtest runs a package's tests over both its AVX2 code and its
// portable code.
package simdtest

import "testing"

// Both runs fn as subtest "avx2" when *use is true (the machine has
// AVX2), then with *use false as subtest "portable", and restores *use.
func Both(t *testing.T, use *bool, fn func(t *testing.T)) {
	if *use {
		t.Run("avx2", fn)
		*use = false
		defer func() { *use = true }()
	}
	t.Run("portable", fn)
}
