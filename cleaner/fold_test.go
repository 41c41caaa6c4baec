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
		s := randomRunes(rng, pool, rng.Intn(30))
		if rng.Intn(8) == 0 {
			s += "\xff" // invalid UTF-8 takes the general path
		}
		if got := string(f.fold([]byte(s))); got != want.String(s) {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want.String(s))
		}
	}
}

// headSet's table path answers as folding the head does: for heads of
// phrases in many cases and scripts, and for random starts of lines.
func TestHeadSetAgreesWithFolding(t *testing.T) {
	phrases := []string{"Czytaj więcej", "Źródło", "ß-Test", "Straße", "İstanbul", "Σχετικά", "Читайте также", "x", "ǅ", "ﬁn", "ő"}
	var h headSet
	for _, p := range phrases {
		h.add(foldString(p))
	}
	f := newFolder()
	slow := func(text []byte) int {
		fh := foldedHead(f.fold(foldedHead(text, 2)), 2)
		longest := h.heads[string(fh)]
		if h.shortHead {
			longest = max(longest, h.heads[string(foldedHead(fh, 1))])
		}
		return longest
	}
	pool := []rune("cCzZŹźrRóÓßẞsSiİIıΣσςχЧчиИxXǅǄǆﬁfFnőŐ \u0307")
	rng := rand.New(rand.NewSource(1))
	for range 50000 {
		text := []byte(randomRunes(rng, pool, rng.Intn(4)))
		if got, want := h.mayStart(text, f), slow(text); got != want {
			t.Fatalf("mayStart(%q) = %d, folding says %d", text, got, want)
		}
	}
	for _, p := range phrases {
		for _, s := range []string{p, strings.ToUpper(p)} { // (İ lowers to i, which folds apart)
			if got, want := h.mayStart([]byte(s), f), len(foldString(p)); got < want {
				t.Errorf("mayStart(%q) = %d, want at least %d", s, got, want)
			}
		}
	}
}

// randomRunes returns n runes drawn from pool.
func randomRunes(rng *rand.Rand, pool []rune, n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(pool[rng.Intn(len(pool))])
	}
	return b.String()
}
