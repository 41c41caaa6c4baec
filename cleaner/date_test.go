package cleaner

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/artclean/artclean/internal/simdtest"
)

// dateTokensRef is how appendDateTokens once split a line, with a
// strings.Replacer and strings.Fields: the reference it is held to.
func dateTokensRef(s string) []string {
	s = strings.NewReplacer(",", " ", ";", " ", "|", " ", "(", " ", ")", " ", "•", " ", "·", " ").Replace(s)
	var toks []string
	for _, t := range strings.Fields(s) {
		t = strings.TrimRight(t, ":")
		switch t {
		case "", "-", "–", "—", "/", "@":
			continue
		}
		toks = append(toks, t)
	}
	return toks
}

func TestDateTokens(t *testing.T) {
	pool := []string{"12", ".", "04", "2022", "r", ":", "::", " ", "  ", "\t", "\u00a0", "\u2009", ",", ";", "|", "(", ")", "•", "·",
		"-", "–", "—", "/", "@", "godz", "kwietnia", "ł", "\xff", "x:y"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pool[rng.IntN(len(pool))])
		}
		s := b.String()
		want := dateTokensRef(s)
		if got := appendDateTokens(nil, s, 1000); !slices.Equal(got, want) {
			t.Fatalf("appendDateTokens(%q) = %q, want %q", s, got, want)
		}
		// A limit stops it with the first limit tokens.
		if limit := 1 + rng.IntN(3); len(want) > limit {
			if got := appendDateTokens(nil, s, limit); !slices.Equal(got, want[:limit]) {
				t.Fatalf("appendDateTokens(%q, %d) = %q, want %q", s, limit, got, want[:limit])
			}
		}
	}
}

func TestHasDigit(t *testing.T) {
	simdtest.Both(t, &useAVX2, func(t *testing.T) {
		pool := []byte{'/', '0', '5', '9', ':', 'a', ' ', 0x30 + 0x80, 0x39 + 0x80, 0xB0, 0x20, 0x3F, 0x13}
		rng := rand.New(rand.NewPCG(3, 4))
		for range 200000 {
			b := make([]byte, rng.IntN(70))
			for i := range b {
				b[i] = pool[rng.IntN(len(pool))]
			}
			want := strings.ContainsAny(string(b), "0123456789")
			if got := hasDigit(b); got != want {
				t.Fatalf("hasDigit(%q) = %v, want %v", b, got, want)
			}
		}
		// Every byte value at every place of lines of up to 100 bytes,
		// with digits after the line in memory: a read past its end
		// would find them.
		for n := range 101 {
			b := append(bytes.Repeat([]byte{'x'}, n), "0123"...)[:n]
			for i := range n {
				for c := range 256 {
					b[i] = byte(c)
					if got, want := hasDigit(b), c >= '0' && c <= '9'; got != want {
						t.Fatalf("hasDigit(%q) = %v, want %v", b, got, want)
					}
				}
				b[i] = 'x'
			}
			if hasDigit(b) {
				t.Fatalf("hasDigit(%q) = true", b)
			}
		}
	})
}
