package jsonl

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/artclean/artclean/internal/simdtest"
)

// stringEscaper's output, however the text is cut into writes (through the
// middle of a rune too), is a JSON string of the text without its final
// line break, each invalid byte as U+FFFD.
func TestStringEscaper(t *testing.T) {
	pool := []string{"a", "Z", " ", "ż", "ł", "€", "😀", "\"", "\\", "\n", "\t", "\r", "\x01", "\x7f", "\u2028", "ó", "\x1f", " "}
	simdtest.Both(t, &useAVX2, func(t *testing.T) {
		testStringEscaper(t, pool, 30)
		// Mostly plain text, so that writes hold whole 32-byte blocks.
		testStringEscaper(t, append(pool, strings.Repeat("plain text ", 4)), 80)
	})
}

func testStringEscaper(t *testing.T, pool []string, pieces int) {
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(pieces) {
			k := rng.Intn(len(pool))
			if rng.Intn(3) == 0 {
				k = len(pool) - 1
			}
			b.WriteString(pool[k])
		}
		text := b.String()
		e := &stringEscaper{}
		for rest := []byte(text); len(rest) > 0; {
			k := 1 + rng.Intn(len(rest))
			e.Write(rest[:k])
			rest = rest[k:]
		}
		got := string(e.out)
		var dec string
		if err := json.Unmarshal([]byte(`"`+got+`"`), &dec); err != nil || !utf8.ValidString(got) {
			t.Fatalf("%q escaped to %q: not a valid JSON string (%v)", text, got, err)
		}
		if want := strings.TrimSuffix(text, "\n"); dec != want {
			t.Fatalf("%q escaped to %q, which reads %q; want %q", text, got, dec, want)
		}
		if e.n != len(text) {
			t.Fatalf("%q: counted %d bytes, want %d", text, e.n, len(text))
		}
	}
}
