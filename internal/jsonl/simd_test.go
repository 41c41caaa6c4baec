package jsonl

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/artclean/artclean/internal/simdtest"
)

// TestAppendToSpecial puts each byte value at every place of strings of up
// to 100 bytes, over plain and over high bytes, followed in memory by a
// quote, and compares appendToSpecial and indexSpecial with a byte loop;
// and random bytes.
// A block read or written past the end fails it.
func TestAppendToSpecial(t *testing.T) {
	simdtest.Both(t, &useAVX2, func(t *testing.T) {
		check := func(prefix, src []byte) {
			t.Helper()
			want := specialByteLoop(src)
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
			if i := indexSpecial(src); i != want {
				t.Fatalf("indexSpecial(%q) = %d, want %d", src, i, want)
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
		// Every start alignment and length up to four blocks and a tail,
		// in a buffer of quotes: a block read before or past src hits one.
		quotes := bytes.Repeat([]byte{'"'}, 32+130+32)
		for off := 32; off < 64; off++ {
			for n := range 131 {
				src := quotes[off : off+n]
				for i := range src {
					src[i] = 0xC5
				}
				check(prefix, src)
				for i := range src {
					src[i] = "\"\\\x00\x1f"[(i+off)%4]
					check(nil, src)
					src[i] = 0xC5
				}
				copy(src, bytes.Repeat([]byte{'"'}, n))
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

// FuzzAppendToSpecial: appendToSpecial and indexSpecial, with AVX2 when
// the machine has it, and the portable special agree with a byte loop.
func FuzzAppendToSpecial(f *testing.F) {
	for _, s := range []string{"", "a", "\"", strings.Repeat("zażółć ", 9) + "\\", strings.Repeat("x", 31) + "\x1f", strings.Repeat("\xff", 64) + "\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		want := specialByteLoop(src)
		if got := special(src); got != want {
			t.Fatalf("special(%q) = %d, want %d", src, got, want)
		}
		if got := indexSpecial(src); got != want {
			t.Fatalf("indexSpecial(%q) = %d, want %d (AVX2 %v)", src, got, want, useAVX2)
		}
		dst, got := appendToSpecial([]byte("kept"), src)
		if got != want || string(dst) != "kept"+string(src[:want]) {
			t.Fatalf("appendToSpecial(%q) = %q, %d; want index %d (AVX2 %v)", src, dst, got, want, useAVX2)
		}
	})
}

// specialByteLoop is what special and appendToSpecial must find, byte by
// byte.
func specialByteLoop(s []byte) int {
	for i, c := range s {
		if c < 0x20 || c == '"' || c == '\\' {
			return i
		}
	}
	return len(s)
}
