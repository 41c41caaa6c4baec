package jsonl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/simdtest"
)

// encodeStyled writes text as a JSON string's inside the way various
// writers do: ASCII only (json.dumps), slashes escaped (PHP), needless
// \u escapes of ASCII, or plain UTF-8.
func encodeStyled(rng *rand.Rand, text string, ascii, slash, needless bool) []byte {
	var b []byte
	for _, r := range text {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r < 0x20:
			b = appendRuneEscape(b, r)
		case r == '/' && slash:
			b = append(b, `\/`...)
		case r >= utf8.RuneSelf && ascii, needless && rng.IntN(8) == 0:
			b = appendRuneEscape(b, r)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// fakeCleaner reads a field from r in pieces of random size and writes
// it to w, each rune kept, dropped or replaced (none when identity), in
// pieces of random size and behind what it read, as the cleaner does.
func fakeCleaner(rng *rand.Rand, w io.Writer, r io.Reader, identity bool, inserts []string) string {
	var in, out, all []byte
	buf := make([]byte, 1+rng.IntN(300))
	lag := rng.IntN(2000)
	rate := 10 << rng.IntN(8) // changes are 4 in rate
	for {
		n, err := r.Read(buf[:1+rng.IntN(len(buf))])
		in = append(in, buf[:n]...)
		for len(in) > 0 && utf8.FullRune(in) {
			_, size := utf8.DecodeRune(in)
			switch k := rng.IntN(rate); {
			case identity || k > 3:
				out = append(out, in[:size]...)
			case k == 0:
				// dropped
			default:
				out = append(out, inserts[rng.IntN(len(inserts))]...)
			}
			in = in[size:]
		}
		if err == io.EOF {
			out = append(out, in...)
			lag = 0
		}
		for len(out) > lag {
			k := 1 + rng.IntN(len(out)-lag)
			w.Write(out[:k])
			all = append(all, out[:k]...)
			out = out[k:]
		}
		if err == io.EOF {
			return string(all)
		}
	}
}

// fieldWriter and lineSplicer, given what a cleaner writes, make a literal
// that reads as that text (its final line break left out), in the
// record's style, and the original bytes themselves when the text is the
// original's. fieldWriter writes in place over the bytes read, or moves
// when it outgrows them; lineSplicer (a field decoded whole) writes to the
// side buffer.
func TestFieldWriter(t *testing.T) {
	inserts := []string{"", "x", "ą", "😀", "\"", "\\", "/", "\n", "\x01", "\u2028", strings.Repeat("żółw ", 40)}
	pool := []string{"a", "Zdanie ", "ł", "ęś", "😀", "\"", "\\", "/", "\n", "\t", "\x01", "\u00e9", " "}
	simdtest.Both(t, &useAVX2, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		var inPlace, moved, side, same int
		for iter := range 3000 {
			var b strings.Builder
			for n := rng.IntN(1 + rng.IntN(4000)); b.Len() < n; {
				b.WriteString(pool[rng.IntN(len(pool))])
			}
			text := b.String()
			ascii, slash := rng.IntN(2) == 0, rng.IntN(2) == 0
			raw := encodeStyled(rng, text, ascii, slash, rng.IntN(3) == 0)
			orig := bytes.Clone(raw)
			// The record goes on after the literal: nothing is written there.
			raw = append(raw, `","more":1}`...)[:len(orig)]
			identity := rng.IntN(3) == 0
			// Decoded whole (a short field) or as it is read.
			var ends []lineEnd
			dec, _, _, lone := unescape(nil, raw, false, &ends)
			decoded := !lone && rng.IntN(2) == 0
			var r fieldReader
			r.reset(raw, dec, decoded)
			style := recordStyle{}
			var w splicer
			if decoded {
				var ls lineSplicer
				ls.reset(raw, dec, ends, raw, &style, []byte("prefix"))
				w = &ls
			} else {
				var fw fieldWriter
				fw.reset(raw, &r, raw, &style, []byte("prefix"))
				w = &fw
			}
			cleaned := fakeCleaner(rng, w, &r, identity, inserts)
			inside, changed := w.finish()
			want := strings.TrimSuffix(cleaned, "\n")
			if after := raw[len(raw):cap(raw)]; !bytes.HasPrefix(after, []byte(`","more":1}`)) {
				t.Fatalf("%d: written past the literal: %q", iter, after)
			}
			if !changed {
				if want != text || !bytes.Equal(inside, orig) {
					t.Fatalf("%d: unchanged %.300q, original %.300q, cleaned %.300q", iter, inside, orig, cleaned)
				}
				same++
				continue
			}
			if want == text && !strings.Contains(string(orig), `\ud8`) {
				t.Fatalf("%d: %q came out changed as %q", iter, orig, inside)
			}
			var got string
			if err := json.Unmarshal([]byte(`"`+string(inside)+`"`), &got); err != nil || got != want {
				t.Fatalf("%d: %.300q reads %.300q (%v), want %.300q", iter, inside, got, err, want)
			}
			// (lineSplicer settles the style only when it escapes.)
			if ascii && (style.settled && !style.ascii || hasHighByte(inside)) {
				t.Fatalf("%d: ASCII style lost: %q", iter, inside)
			}
			if hasEscapedSlash(orig) && bytes.Count(inside, []byte("/")) != bytes.Count(inside, []byte(`\/`)) {
				t.Fatalf("%d: a bare slash: %q", iter, inside)
			}
			buf, inSide, from := w.side()
			switch {
			case inSide:
				side++
				if string(buf[:from]) != "prefix" || !bytes.Equal(buf[from:], inside) {
					t.Fatalf("%d: side buffer %q", iter, buf)
				}
			case len(inside) > 0 && &inside[0] == &raw[0]:
				inPlace++
			default:
				moved++
			}
		}
		t.Logf("in place %d, moved %d, side buffer %d, unchanged %d", inPlace, moved, side, same)
		if inPlace == 0 || moved == 0 || side == 0 || same == 0 {
			t.Errorf("not every way was taken")
		}
	})
}

// fieldReader reads what appendUnescaped decodes, however small the reads.
func TestFieldReader(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		raw := encodeStyled(rng, strings.Repeat("aż😀\"\\/\n\x01 ", rng.IntN(20)), rng.IntN(2) == 0, rng.IntN(2) == 0, true)
		raw = append(raw, `\ud800x\udc00\ud83d`...)
		want, ok := appendUnescaped(nil, append(append([]byte{'"'}, raw...), '"'))
		if !ok {
			t.Fatalf("%q: not a literal", raw)
		}
		var r fieldReader
		r.reset(raw, nil, false)
		var got []byte
		for {
			p := make([]byte, 1+rng.IntN(8))
			n, err := r.Read(p)
			got = append(got, p[:n]...)
			if err == io.EOF {
				break
			}
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%q read %q, want %q", raw, got, want)
		}
	}
}

// Long fields (past what the cleaner reads ahead) are written over the
// record's own bytes: what comes out is what cleaning the text gives, for
// every kind of field, also one that grows (each invalid byte becomes
// U+FFFD) and has to move.
func TestLongFields(t *testing.T) {
	c, err := cleaner.New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(c, Options{Fields: []string{"text", "title"}})
	if err != nil {
		t.Fatal(err)
	}
	para := "Prezydenci Rosji i Białorusi złożyli wizytę w \"Łodzi\" / Krakowie.\n\nReklama\n\n"
	for _, tc := range []struct {
		name, text string
		ascii      bool
	}{
		{"changed", strings.Repeat(para, 40000), false},
		{"changed-ascii", strings.Repeat(para, 40000), true},
		{"unchanged", strings.Repeat("Zdanie o \"Łodzi\" / Krakowie.\n\n", 60000) + "Koniec.", true},
		{"invalid", strings.Repeat("Zdanie\xff\xfe o \"Łodzi\".\n\n", 60000), false},
		{"tail", strings.Repeat("Zdanie o \"Łodzi\".\n\n", 60000) + "Reklama", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			field := encodeStyled(nil, tc.text, tc.ascii, true, false)
			title := `Tytu\u0142 \/`
			rec := `{"id":1,"title":"` + title + `","text":"` + string(field) + `","n":2}`
			var out bytes.Buffer
			st, err := p.Process(&out, strings.NewReader(rec+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(c.CleanString(tc.text), "\n")
			var got struct{ Text, Title string }
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			if got.Text != want {
				t.Errorf("text differs from cleaning it: %d bytes, want %d", len(got.Text), len(want))
			}
			if !strings.HasPrefix(out.String(), `{"id":1,"title":"`+title+`","text":"`) || !strings.HasSuffix(out.String(), `","n":2}`+"\n") {
				t.Errorf("other bytes changed: %.80q ... %.80q", out.String(), out.String()[out.Len()-80:])
			}
			if unchanged := want == tc.text; unchanged != (out.String() == rec+"\n") || unchanged != (st.Changed == 0) {
				t.Errorf("unchanged %v, output the same %v, stats %+v", unchanged, out.String() == rec+"\n", st)
			}
			if tc.ascii && hasHighByte(out.Bytes()) {
				t.Errorf("an ASCII record came out with non-ASCII bytes")
			}
			fmt.Fprint(io.Discard, st)
		})
	}
}

// Cut anywhere, invalid UTF-8 (which the cleaner does not write) comes out
// of the ASCII style as U+FFFD escapes, a valid JSON string, without a
// panic.
func TestEscapeInvalidUTF8(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte{'a', 0xC5, 0x82, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF, '"', '\n'}
	for range 20000 {
		text := make([]byte, rng.IntN(20))
		for i := range text {
			text[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var r fieldReader
		r.reset(nil, nil, false)
		var w fieldWriter
		w.reset(nil, &r, []byte("{}"), &recordStyle{settled: true, ascii: true}, nil)
		for rest := text; len(rest) > 0; {
			k := 1 + rng.IntN(len(rest))
			w.Write(rest[:k])
			rest = rest[k:]
		}
		out, _ := w.finish()
		var s string
		if err := json.Unmarshal([]byte(`"`+string(out)+`"`), &s); err != nil || hasHighByte(out) {
			t.Fatalf("%q came out as %q (%v)", text, out, err)
		}
		if want := strings.ToValidUTF8(strings.TrimSuffix(string(text), "\n"), "\uFFFD"); strings.ReplaceAll(s, "\uFFFD", "") != strings.ReplaceAll(want, "\uFFFD", "") {
			t.Fatalf("%q came out as %q, reading %q", text, out, s)
		}
	}
}
