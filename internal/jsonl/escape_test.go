package jsonl

import (
	"encoding/json"
	"io"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/artclean/artclean/internal/simdtest"
)

// fieldWriter's output, however the text is cut into writes (through the
// middle of a rune too), is a JSON string of the text without its final
// line break, each invalid byte as U+FFFD; in the ASCII style with no byte
// above ASCII, with slashes escaped with no bare slash.
func TestStringEscaper(t *testing.T) {
	pool := []string{"a", "Z", " ", "ż", "ł", "€", "😀", "\"", "\\", "\n", "\t", "\r", "\x01", "\x7f", "\u2028", "ó", "\x1f", "/", " "}
	simdtest.Both(t, &useAVX2, func(t *testing.T) {
		for _, style := range []struct {
			name         string
			ascii, slash bool
		}{{"utf8", false, false}, {"ascii", true, false}, {"slash", false, true}, {"ascii+slash", true, true}} {
			t.Run(style.name, func(t *testing.T) {
				testStringEscaper(t, pool, 30, style.ascii, style.slash)
				// Mostly plain text, so that writes hold whole 32-byte blocks.
				testStringEscaper(t, append(pool, strings.Repeat("plain text ", 4)), 80, style.ascii, style.slash)
			})
		}
	})
}

func testStringEscaper(t *testing.T, pool []string, pieces int, ascii, slash bool) {
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
		// A field whose original is an escaped slash: the text differs
		// from it at once, or after its first "/".
		var raw []byte
		if slash {
			raw = []byte(`\/`)
		}
		var r fieldReader
		r.reset(raw, nil, false)
		io.Copy(io.Discard, &r)
		e := &fieldWriter{}
		e.reset(raw, &r, []byte("{}"), &recordStyle{settled: true, ascii: ascii}, nil)
		for rest := []byte(text); len(rest) > 0; {
			k := 1 + rng.Intn(len(rest))
			e.Write(rest[:k])
			rest = rest[k:]
		}
		out, _ := e.finish()
		got := string(out)
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
		if ascii && hasHighByte(out) {
			t.Fatalf("%q escaped to %q: not ASCII", text, got)
		}
		if slash && strings.Count(got, "/") != strings.Count(got, `\/`) {
			t.Fatalf("%q escaped to %q: a bare slash", text, got)
		}
	}
}
