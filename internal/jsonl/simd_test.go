package jsonl

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/artclean/artclean/internal/simdtest"
)

// TestAppendToSpecial puts each byte value at every place of strings of up
// to 100 bytes, over plain and over high bytes, followed in memory by a
// quote, and compares appendToSpecial with a byte loop; and random bytes.
// A block read or written past the end fails it.
func TestAppendToSpecial(t *testing.T) {
	simdtest.Both(t, &useAVX2, func(t *testing.T) {
		check := func(prefix, src []byte) {
			t.Helper()
			want := len(src)
			for i, c := range src {
				if c < 0x20 || c == '"' || c == '\\' {
					want = i
					break
				}
			}
			// dst has room to spare, marked: nothing may be written past
			// the bytes src could fill.
			buf := bytes.Repeat([]byte{0xEE}, len(prefix)+len(src)+40)
			copy(buf, prefix)
			out, i := appendToSpecial(buf[:len(prefix)], src)
			if i != want || !bytes.Equal(out, append(bytes.Clone(prefix), src[:want]...)) {
				t.Fatalf("appendToSpecial(%q, %q) = %q, %d; want index %d", prefix, src, out, i, want)
			}
			if past := buf[len(prefix)+len(src):]; bytes.Count(past, []byte{0xEE}) != len(past) {
				t.Fatalf("appendToSpecial(%q, %q) wrote past the end of what src fills", prefix, src)
			}
		}
		prefix := []byte("kept")
		for _, fill := range []byte{'a', 0xC5, 0x7F, 0x20} {
			for n := range 101 {
				src := append(bytes.Repeat([]byte{fill}, n), '"', '"')[:n]
				check(prefix, src)
				for i := range n {
					for c := range 256 {
						src[i] = byte(c)
						check(nil, src)
					}
					src[i] = fill
				}
			}
		}
		rng := rand.New(rand.NewPCG(5, 6))
		buf := make([]byte, 300)
		for range 20000 {
			for i := range buf {
				buf[i] = byte(0x20 + rng.IntN(0xE0))
				if buf[i] == '"' || buf[i] == '\\' {
					buf[i] = 'x'
				}
			}
			lo := rng.IntN(len(buf))
			hi := lo + rng.IntN(len(buf)-lo+1)
			for range rng.IntN(3) {
				if hi > lo {
					buf[lo+rng.IntN(hi-lo)] = "\"\\\n\x00\x1f"[rng.IntN(5)]
				}
			}
			check(prefix, buf[lo:hi])
		}
	})
}
