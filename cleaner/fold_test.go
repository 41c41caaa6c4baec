package cleaner

import (
	"math/rand"
	"strings"
	"testing"

	"golang.org/x/text/cases"
)

// The folder's table path gives what golang.org/x/text/cases gives: rune by
// rune over every rune the table covers and beyond, and on random mixes.
func TestFoldAgreesWithCases(t *testing.T) {
	want := cases.Fold()
	f := newFolder()
	for r := rune(0); r < 0x2200; r++ {
		s := string(r) + "Ab" + string(r)
		if got := string(f.fold([]byte(s))); got != want.String(s) {
			t.Fatalf("fold(%U) = %q, want %q", r, got, want.String(s))
		}
	}
	pool := []rune("aZżŻŁłĄÓßẞİıΣσςΐЁЖжЇї\u0307\u0301„”–—…ǅﬁ\u00a0\ufffd𝐀Ꭰ")
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(30) {
			b.WriteRune(pool[rng.Intn(len(pool))])
		}
		s := b.String()
		if rng.Intn(8) == 0 {
			s += "\xff" // invalid UTF-8 takes the general path
		}
		if got := string(f.fold([]byte(s))); got != want.String(s) {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want.String(s))
		}
	}
}
