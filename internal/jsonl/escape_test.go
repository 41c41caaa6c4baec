package jsonl

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// stringEscaper's output, however the text is cut into writes (through the
// middle of a rune too), is a JSON string of the text without its final
// line break, each invalid byte as U+FFFD.
func TestStringEscaper(t *testing.T) {
	pool := []string{"a", "Z", " ", "ż", "ł", "€", "😀", "\"", "\\", "\n", "\t", "\r", "\x01", "\x7f", "\u2028", "ó"}
	t.Run("any", func(t *testing.T) { testStringEscaper(t, pool, false) })
	// Text a cleaner that removes control characters writes.
	t.Run("noControls", func(t *testing.T) { testStringEscaper(t, pool[:10], true) })
}

func testStringEscaper(t *testing.T, pool []string, noControls bool) {
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(30) {
			b.WriteString(pool[rng.Intn(len(pool))])
		}
		text := b.String()
		e := &stringEscaper{noControls: noControls}
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
