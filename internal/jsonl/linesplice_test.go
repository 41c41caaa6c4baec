package jsonl

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/artclean/artclean/cleaner"
)

// spliceLines runs a lineSplicer over the literal inside raw, given cleaned
// (the cleaner's output) in pieces cut anywhere, through runes too, or in
// one piece if rng is nil.
func spliceLines(t *testing.T, rng *rand.Rand, raw, cleaned string) (inside string, changed bool) {
	t.Helper()
	var ends []lineEnd
	dec, _, ok, lone := unescape(nil, []byte(raw), false, &ends)
	if !ok || lone {
		t.Fatalf("%q: not a literal for lineSplicer", raw)
	}
	var s lineSplicer
	s.reset([]byte(raw), dec, ends, []byte(`{"text":"`+raw+`"}`), &recordStyle{}, nil)
	for rest := []byte(cleaned); len(rest) > 0; {
		k := len(rest)
		if rng != nil {
			k = 1 + rng.IntN(len(rest))
		}
		s.Write(rest[:k])
		rest = rest[k:]
	}
	out, changed := s.finish()
	return string(out), changed
}

// A line the cleaning keeps keeps its bytes, escapes and all, wherever it
// moved to; a line it changed or added is escaped in the record's style.
func TestLineSplicer(t *testing.T) {
	long := strings.Repeat("Zdanie o Łodzi, bez ucieczek. ", 20)
	for _, tc := range []struct {
		name, raw, cleaned, want string
		changed                  bool
	}{
		{"unchanged", `A \u0142\/b.\n\nB \"c\".`, "A ł/b.\n\nB \"c\".\n", `A \u0142\/b.\n\nB \"c\".`, false},
		{"unchanged, no final break", `A.\nB.`, "A.\nB.", `A.\nB.`, false},
		{"empty", ``, "", ``, false},
		{"empty, a break", ``, "\n", ``, false},
		{"a line removed", `Reklama\nA \u0142\/b.\nB.`, "A ł/b.\nB.\n", `A \u0142\/b.\nB.`, true},
		{"the last line removed", `A \u0061.\nReklama`, "A a.\n", `A \u0061.`, true},
		{"lines removed between", `A.\n\nReklama\n\nB\u0105.\n\nReklama 2\n\nC.`, "A.\n\nBą.\n\nC.\n", `A.\n\nB\u0105.\n\nC.`, true},
		{"newlines as \\u000a", `A\u000aReklama\u000AB\u00e9`, "A\nBé\n", `A\u000aB\u00e9`, true},
		// A changed line is escaped as the record is: ASCII, slashes.
		{"a changed line, ascii", `Zdanie\u00a0\u0142\/a.\nB \u0105.`, "Zdanie ł/a.\nB ą.\n", `Zdanie \u0142\/a.\nB \u0105.`, true},
		{"a changed line, utf-8", `Zdanie\u00a0ł \u0105.\nB \u0105.`, "Zdanie ł ą.\nB ą.\n", `Zdanie ł ą.\nB \u0105.`, true},
		{"a line added", `A.\nB.`, "A.\nX \"q\"\nB.\n", `A.\nX \"q\"\nB.`, true},
		{"the final break kept", `A.\n`, "A.\n\n", `A.\n`, false},
		{"the final break dropped", `A.\n`, "A.\n", `A.`, true},
		{"a shorter start", `A.\nB.`, "A.\n", `A.`, true},
		{"text after the end", `A.`, "A.\nB.\n", `A.\nB.`, true},
		{"crlf kept", `A.\r\nB.`, "A.\r\nB.\n", `A.\r\nB.`, false},
		{"control characters", `A\u0001.\nB.`, "A\x01.\nC\x02\n", `A\u0001.\nC\u0002`, true},
		{"a repeated line", `X\nA\nX\nB`, "X\nX\nB\n", `X\nX\nB`, true},
		{"a line moved up", `A\nB\nC`, "C\nA\nB\n", `C\nA\nB`, true},
		// A field with few escapes (raw UTF-8) has its text after the
		// first change escaped anew.
		{"plain", `Reklama\n` + long + `\nB \u00e9 \/.`, long + "\nB é /.\n", long + `\nB é \/.`, true},
		{"plain, unchanged", long + `\nB \u00e9 \/.`, long + "\nB é /.\n", long + `\nB \u00e9 \/.`, false},
		// ... keeping its bytes up to the change, when the change is in
		// the write that starts its line (cut elsewhere, the line is
		// escaped anew: see TestLineSplicerReads).
		{"plain, a change in a line", `X\n` + long + `A\u00a0b\nC \u00e9.`, "X\n" + long + "A b\nC é.\n", `X\n` + long + `A b\nC é.`, true},
		{"plain, a change at a rune", long + `\u0105\u00a0b`, long + "ą b\n", long + `\u0105 b`, true},
	} {
		rng := rand.New(rand.NewPCG(1, 2))
		for range 20 {
			if strings.HasPrefix(tc.name, "plain, a change") {
				rng = nil // one write
			}
			got, changed := spliceLines(t, rng, tc.raw, tc.cleaned)
			if got != tc.want || changed != tc.changed {
				t.Fatalf("%s: got %s (changed %v), want %s (changed %v)", tc.name, got, changed, tc.want, tc.changed)
			}
		}
	}
}

// However many lines the cleaning drops, changes or adds, the literal
// reads as the cleaned text without its final line break.
func TestLineSplicerReads(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pool := []string{"Zdanie o Łodzi.", "", "Reklama", "\"cytat\" / ścieżka", "😀 emoji", "x", "  "}
	for iter := range 5000 {
		var lines []string
		for range rng.IntN(30) {
			lines = append(lines, pool[rng.IntN(len(pool))])
		}
		var text, cleaned []byte
		for i, l := range lines {
			if i > 0 {
				text = append(text, '\n')
			}
			text = append(text, l...)
			switch rng.IntN(6) {
			case 0: // dropped
			case 1:
				cleaned = append(cleaned, "zmienione "+l+"\n"...)
			case 2:
				cleaned = append(cleaned, pool[rng.IntN(len(pool))]+"\n"...)
			default:
				cleaned = append(cleaned, l+"\n"...)
			}
		}
		if rng.IntN(4) == 0 {
			cleaned = append(cleaned, "no final break"...)
		}
		raw := encodeStyled(rng, string(text), rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0)
		got, changed := spliceLines(t, rng, string(raw), string(cleaned))
		want := string(cleaned)
		if len(want) > 0 && want[len(want)-1] == '\n' {
			want = want[:len(want)-1]
		}
		var read string
		if err := json.Unmarshal([]byte(`"`+got+`"`), &read); err != nil || read != want {
			t.Fatalf("%d: %q from %q reads %q (%v), want %q", iter, got, raw, read, err, want)
		}
		if changed != (got != string(raw)) || !changed && want != string(text) {
			t.Fatalf("%d: %q from %q: changed %v", iter, got, raw, changed)
		}
	}
}

// BenchmarkLineSplicer splices the benchmark records' texts, cleaned (a
// line or two dropped, no-break spaces made spaces), into raw UTF-8 and
// json.dumps records: the JSON work of writing a changed record.
func BenchmarkLineSplicer(b *testing.B) {
	c, err := cleaner.New()
	if err != nil {
		b.Fatal(err)
	}
	var cleaned [][]byte
	for _, text := range benchTexts() {
		cleaned = append(cleaned, []byte(c.CleanString(text)))
	}
	for _, style := range []struct {
		name  string
		ascii bool
	}{{"utf8", false}, {"ascii", true}} {
		b.Run(style.name, func(b *testing.B) {
			type field struct {
				raw, dec []byte
				ends     []lineEnd
			}
			var fields []field
			n := 0
			for _, text := range benchTexts() {
				raw := encodeStyled(nil, text, style.ascii, false, false)
				var ends []lineEnd
				dec, _, _, _ := unescape(nil, raw, false, &ends)
				fields = append(fields, field{raw, dec, ends})
				n += len(raw)
			}
			var s lineSplicer
			var side []byte
			b.SetBytes(int64(n))
			for b.Loop() {
				for i, f := range fields {
					s.reset(f.raw, f.dec, f.ends, f.raw, &recordStyle{}, side[:0])
					s.Write(cleaned[i])
					s.finish()
					side, _, _ = s.side()
				}
			}
		})
	}
}

// FuzzUnescapeLines: unescape, as the validator calls it (up to the
// closing quote, onto a buffer that holds something already), decodes a
// valid literal as encoding/json does, fails where stringEnd fails, and
// notes every line break of the text, at the escape that says it.
func FuzzUnescapeLines(f *testing.F) {
	for _, s := range []string{`a"`, `\n\u000a\u000A"x`, `Za\u017c\u00f3\u0142\u0107\ud83d\ude00 \ud800 \udc00\ud800x"`, `\u12`, `\q"`, "a\x01\"",
		`plain text that runs longer than thirty-two bytes, then a \n and "`, `\\\"\/\b\f\r\t"`, `no closing quote`} {
		f.Add([]byte(s), []byte("held"), false)
	}
	f.Fuzz(func(t *testing.T, s, held []byte, portable bool) {
		defer func(use bool) { useAVX2 = use }(useAVX2)
		useAVX2 = useAVX2 && !portable
		var ends []lineEnd
		out, closing, ok, _ := unescape(bytes.Clone(held), s, true, &ends)
		end, valid := stringEnd(s, 0)
		if (ok && closing < len(s)) != valid || valid && closing != end-1 {
			t.Fatalf("%q: unescape ok %v closing %d, stringEnd %v %d", s, ok, closing, valid, end)
		}
		if !valid {
			return
		}
		if !bytes.HasPrefix(out, held) {
			t.Fatalf("%q: what dst held is lost: %q", s, out)
		}
		dec := out[len(held):]
		var want string
		if err := json.Unmarshal(append([]byte{'"'}, s[:end]...), &want); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if utf8.Valid(s[:end]) && string(dec) != want {
			t.Fatalf("%q: decoded %q, want %q", s, dec, want)
		}
		if len(ends) != bytes.Count(dec, []byte{'\n'}) {
			t.Fatalf("%q: %d line ends, the text has %d", s, len(ends), bytes.Count(dec, []byte{'\n'}))
		}
		for i, e := range ends {
			if dec[e.d] != '\n' || i > 0 && e.d <= ends[i-1].d {
				t.Fatalf("%q: line end %+v is not a line break of %q", s, e, dec)
			}
			if esc := string(s[e.c:e.next]); esc != `\n` && !strings.EqualFold(esc, `\u000a`) {
				t.Fatalf("%q: line end %+v at %q", s, e, esc)
			}
		}
	})
}

// rawSkip finds, for every rune's start in a text, where the literal
// reads as the text up to it, whatever the escapes.
func TestRawSkip(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pool := []string{"a", "Zdanie ", "ł", "ęś", "😀", "\"", "\\", "/", "\t", "\x01", "\u00e9", " ", "abcdefgh"}
	for range 3000 {
		var b strings.Builder
		for n := rng.IntN(200); b.Len() < n; {
			b.WriteString(pool[rng.IntN(len(pool))])
		}
		text := b.String()
		raw := encodeStyled(rng, text, rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(3) == 0)
		for m := 0; m <= len(text); m++ {
			if m < len(text) && !utf8.RuneStart(text[m]) {
				continue
			}
			r := rawSkip(raw, m)
			if dec, _, _, _ := unescape(nil, raw[:r], false, nil); string(dec) != text[:m] {
				t.Fatalf("%q: %d bytes of text end at %d in the literal, which reads %q", raw, m, r, dec)
			}
		}
	}
}
