package cleaner

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

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

// A walk down a phraseTrie, folding the line a rune at a time, finds
// exactly the phrases that cases.Fold of the line's start equals, at every
// rune boundary: folding is rune by rune, and the walk's table path and
// its general one agree with folding the whole prefix.
func TestPhraseTrieAgreesWithFolding(t *testing.T) {
	phrases := []string{"Czytaj więcej", "Czytaj", "czytaj", "Źródło", "ß-Test", "Straße", "strasse", "İstanbul", "Σχετικά", "Читайте также",
		"x", "ǅ", "ﬁn", "ő", "s", "ss", "ſt", "kelvin", "ΐ", "fo", "Zi"}
	var tr phraseTrie
	folded := make([]string, len(phrases))
	for i, p := range phrases {
		folded[i] = foldString(p)
		tr.add(folded[i], int32(i))
	}
	fold := cases.Fold()
	check := func(text string) {
		t.Helper()
		w := trieWalk{t: &tr, f: newFolder()}
		got := map[int][]int32{}
		for {
			ends, ok := w.step([]byte(text))
			if !ok {
				break
			}
			if len(ends) > 0 {
				got[w.pos] = ends
			}
		}
		for k := 1; k <= len(text); k++ {
			if k < len(text) && !utf8.RuneStart(text[k]) {
				continue
			}
			var want []int32
			for i, f := range folded {
				if fold.String(text[:k]) == f {
					want = append(want, int32(i))
				}
			}
			if !slices.Equal(got[k], want) {
				t.Fatalf("%q: at byte %d the walk ends phrases %v, folding says %v", text, k, got[k], want)
			}
		}
		if len(got) > 0 && !tr.mayStart([]byte(text), 0) {
			t.Fatalf("%q: mayStart rules out the phrases %v it starts with", text, got)
		}
	}
	pool := []rune("cCzZŹźrRóÓßẞsSſtTiİIıΣσςχЧчиИxXǅǄǆﬁfFnőŐkKKΐ ̇́")
	rng := rand.New(rand.NewSource(1))
	for range 50000 {
		check(randomRunes(rng, pool, rng.Intn(6)))
	}
	for _, p := range phrases {
		for _, s := range []string{p, strings.ToUpper(p), strings.ToLower(p), p + " dalej"} {
			check(s)
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
