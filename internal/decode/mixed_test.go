package decode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// mixedDecoding is what the reader must make of UTF-8 input with stray
// bytes: every valid sequence as it is, every invalid byte decoded on its
// own in the fallback encoding (U+FFFD where that is "" or does not
// define the byte). It returns the counts and the line of the first
// invalid byte as Info has them.
func mixedDecoding(t testing.TB, data []byte, fallback string) (out string, redecoded, replaced, line int64) {
	t.Helper()
	var cm *charmap.Charmap
	if fallback != "" {
		s, err := lookup(fallback)
		if err != nil {
			t.Fatal(err)
		}
		cm = s.enc.(*charmap.Charmap)
	}
	var b strings.Builder
	lines := int64(1)
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || size > 1 {
			b.Write(data[i : i+size])
			if r == '\n' {
				lines++
			}
			i += size
			continue
		}
		if line == 0 {
			line = lines
		}
		r = utf8.RuneError
		if cm != nil {
			r = cm.DecodeByte(data[i])
		}
		if r == utf8.RuneError {
			replaced++
		} else {
			redecoded++
		}
		b.WriteRune(r)
		i++
	}
	return b.String(), redecoded, replaced, line
}

// chunkReader returns at most n bytes per Read.
type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

// plLines is Polish text in UTF-8, a sentence a line, repeated to size
// bytes or more.
func plLines(size int) string {
	var b strings.Builder
	for b.Len() < size {
		for _, p := range paragraphs["pl"] {
			b.WriteString(strings.ReplaceAll(p, ". ", ".\n"))
			b.WriteString("\n")
		}
	}
	return b.String()
}

// latin are the encodings that agree on é, ó, ü and ß.
const latin = "windows-1252 windows-1250 iso-8859-2"

// polish are the encodings that agree on ł, ó and ż.
const polish = "windows-1250 iso-8859-2"

func TestMixedEncodings(t *testing.T) {
	long := plLines(16 << 10)
	// Line 40 (1-based) has the ł of "odbyło" (paragraph 0, sentence 1).
	lineOf := func(s string, off int) int64 { return int64(strings.Count(s[:off], "\n")) + 1 }
	odbylo := strings.Index(long, "odbyło")
	nth := func(s, sub string, n int) int {
		off := -1
		for range n {
			off += 1 + strings.Index(s[off+1:], sub)
		}
		return off
	}
	at := nth(long, "odbyło", 4) // the fourth, a few KB in
	strayL := long[:at+4] + "\xb3" + long[at+6:]
	strayLone := long[:at] + "\xb3 " + long[at:]
	huge := plLines(SniffSize + 8<<10)
	strayHuge := huge[:odbylo+4] + "\xb3" + huge[odbylo+6:]
	late := SniffSize + strings.Index(strayHuge[SniffSize:], "odbyło")
	strayHuge = strayHuge[:late+4] + "\xb3" + strayHuge[late+6:]

	// ISO-8859-2 has no „ ” –, which paragraph 2 has.
	isoText := strings.Repeat(strings.Join([]string{paragraphs["pl"][0], paragraphs["pl"][1], paragraphs["pl"][3]}, "\n")+"\n", 20)
	iso := mustEncode(t, "iso-8859-2", isoText)
	pl2 := paragraphs["pl"][0] + "\n" + paragraphs["pl"][1]
	cp1250 := mustEncode(t, "windows-1250", pl2)
	k := strings.Index(pl2, ". ") + 2
	cp1250Dash := slices.Concat(mustEncode(t, "windows-1250", pl2[:k]), []byte("– "), mustEncode(t, "windows-1250", pl2[k:]))
	ru := strings.Join(paragraphs["ru"], "\n")

	cases := []struct {
		name       string
		in         []byte
		want       string
		enc        string // Info.Name
		fallback   string // Info.Fallback: one of these, or ""
		redecoded  int64
		replaced   int64
		line       int64
		mixedInput bool // want is mixedDecoding(in, Info.Fallback)
	}{
		{"short ó", []byte("café i \xf3 zupa"), "café i ó zupa", "utf-8", latin, 1, 0, 1, true},
		{"short łódź", []byte("Ala ma kota. café \xb3\xf3d\xbc"), "Ala ma kota. café łódź", "utf-8", "iso-8859-2", 3, 0, 1, true},
		{"short łódź line 3", []byte("Pierwsza.\r\nDruga, zażółć.\nAla ma kota. café \xb3\xf3d\xbc\n"),
			"Pierwsza.\r\nDruga, zażółć.\nAla ma kota. café łódź\n", "utf-8", "iso-8859-2", 3, 0, 3, true},
		{"long, stray ł in a word", []byte(strayL), long, "utf-8", polish, 1, 0, lineOf(long, at), true},
		{"long, stray 0xB3 alone", []byte(strayLone), long[:at] + "\uFFFD " + long[at:], "utf-8", "", 0, 1, lineOf(long, at), true},
		{"past SniffSize, stray ł in the prefix and after", []byte(strayHuge), huge, "utf-8", polish, 2, 0, lineOf(huge, odbylo), true},
		{"stray ÿ alone", []byte("zażółć \xff gęślą"), "zażółć \uFFFD gęślą", "utf-8", "", 0, 1, 1, true},
		{"stray Cyrillic", []byte(ru + "\n\xf2\xe5\xf1\xf2 \xe4\xe0"), ru + "\nтест да", "utf-8", "windows-1251", 6, 0, 3, true},
		{"windows-1250 with a UTF-8 dash", cp1250Dash, pl2[:k] + "– " + pl2[k:],
			"utf-8", "windows-1250", nonASCII(cp1250), 0, 1, true},
		{"iso-8859-2 whole", iso, isoText, "iso-8859-2", "", 0, 0, 0, false},
		{"windows-1250 whole", cp1250, pl2, "windows-1250", "", 0, 0, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var first *Info
			for _, w := range wrappers {
				got, info, err := readAll(t, c.in, Options{}, w.wrap)
				if err != nil {
					t.Fatalf("%s: %v", w.name, err)
				}
				if got != c.want {
					t.Errorf("%s: output differs:\n got %.300q\nwant %.300q", w.name, diffFrom(got, c.want), diffFrom(c.want, got))
				}
				if info.Name != c.enc || !info.Detected || info.BOM ||
					(c.fallback == "") != (info.Fallback == "") || (c.fallback != "" && !slices.Contains(strings.Fields(c.fallback), info.Fallback)) {
					t.Errorf("%s: info %+v, want %s + %q", w.name, *info, c.enc, c.fallback)
				}
				if info.Redecoded != c.redecoded || info.Replaced != c.replaced || info.InvalidLine != c.line {
					t.Errorf("%s: redecoded %d, replaced %d, line %d; want %d, %d, %d (%s)",
						w.name, info.Redecoded, info.Replaced, info.InvalidLine, c.redecoded, c.replaced, c.line, info.Reason)
				}
				if c.mixedInput {
					if want, _, _, _ := mixedDecoding(t, c.in, info.Fallback); got != want {
						t.Errorf("%s: output is not the input with only its invalid bytes decoded", w.name)
					}
				}
				if first == nil {
					first = info
				} else if *info != *first {
					t.Errorf("%s: info %+v differs from %+v", w.name, *info, *first)
				}
			}
		})
	}
}

func nonASCII(b []byte) int64 {
	n := int64(0)
	for _, c := range b {
		if c >= utf8.RuneSelf {
			n++
		}
	}
	return n
}

// diffFrom returns s from a little before where it differs from t.
func diffFrom(s, t string) string {
	i := 0
	for i < len(s) && i < len(t) && s[i] == t[i] {
		i++
	}
	return s[max(i-20, 0):]
}

// TestMixedReadBoundaries reads mixed input longer than SniffSize, with
// stray bytes next to multi-byte sequences all through the part read after
// the prefix, from readers that return 1 to 4096 bytes at a time, so that
// read boundaries fall inside and between sequences and stray bytes.
func TestMixedReadBoundaries(t *testing.T) {
	head := plLines(SniffSize - 4<<10)
	var tail strings.Builder
	for tail.Len() < 6<<10 {
		tail.WriteString("Ala ma kota, żółw \xb3\xf3d\xbc ma \xe6ma.\nZażółć gęślą jaźń\xb3\xb3ó\xf3ż\n\xb3")
	}
	in := []byte("Ala ma kota. café \xb3\xf3d\xbc\n" + head + tail.String() + "\xe2\x82")
	ref, refInfo, err := readAll(t, in, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, redecoded, replaced, line := mixedDecoding(t, in, "iso-8859-2")
	if refInfo.Fallback != "iso-8859-2" || ref != want || refInfo.Redecoded != redecoded || refInfo.Replaced != replaced || refInfo.InvalidLine != line || line != 1 {
		t.Fatalf("info %+v; output ok %v; want %d redecoded, %d replaced", *refInfo, ref == want, redecoded, replaced)
	}
	check := func(name string, r io.Reader, info *Info, small bool) {
		t.Helper()
		var got []byte
		var err error
		if small {
			got, err = smallReads(r)
		} else {
			got, err = io.ReadAll(r)
		}
		if err != nil || string(got) != want || *info != *refInfo {
			t.Fatalf("%s: err %v, output ok %v, info %+v, want %+v", name, err, string(got) == want, *info, *refInfo)
		}
	}
	r, info, _ := NewReader(iotest.OneByteReader(bytes.NewReader(in)), Options{})
	check("one-byte reader, small reads", r, info, true)
	step := 1
	if testing.Short() {
		step = 61
	}
	for n := 1; n <= 4096; n += step {
		r, info, _ := NewReader(&chunkReader{bytes.NewReader(in), n}, Options{})
		check(fmt.Sprintf("%d-byte reads", n), r, info, n%64 == 1)
	}
}

func TestMixedStrict(t *testing.T) {
	in := []byte("Pierwsza.\nAla ma kota. café \xb3\xf3d\xbc\n")
	for _, w := range wrappers {
		got, _, err := readAll(t, in, Options{Strict: true}, w.wrap)
		var ie *InvalidError
		if !errors.As(err, &ie) || ie.Offset != 29 || ie.Byte != 0xB3 || ie.Line != 2 || ie.Encoding != "utf-8" || got != string(in[:29]) {
			t.Errorf("%s: %q, %#v", w.name, got, err)
		}
	}
}

// TestInvalidLine: the line of the first replaced input, in encodings other
// than UTF-8.
func TestInvalidLine(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		enc  string
		line int64
	}{
		{"windows-1252", []byte("Gr\xfc\xdfe\n\naus\nK\xf6ln \x81\n\x81"), "windows-1252", 4},
		{"utf-16le lone surrogate", []byte{0xFF, 0xFE, 'a', 0, '\n', 0, 0xFD, 0xFF, '\n', 0, 0x00, 0xD8, 'b', 0}, "", 3},
		{"utf-16be odd byte", []byte{0xFE, 0xFF, 0, '\n', 0, 'b', 0}, "", 2},
		{"shift_jis", []byte{'a', '\n', 0x82, 0xA0, 0xA0, 0xFF, 'b'}, "shift_jis", 2},
		{"none", []byte("a\nb"), "windows-1252", 0},
	}
	for _, c := range cases {
		for _, w := range wrappers {
			_, info, err := readAll(t, c.in, Options{Encoding: c.enc}, w.wrap)
			if err != nil || info.InvalidLine != c.line || (info.Replaced > 0) != (c.line > 0) {
				t.Errorf("%s %s: %+v, %v; want line %d", c.name, w.name, *info, err, c.line)
			}
			_, _, err = readAll(t, c.in, Options{Encoding: c.enc, Strict: true}, w.wrap)
			var ie *InvalidError
			if c.line > 0 && (!errors.As(err, &ie) || ie.Line != c.line) {
				t.Errorf("%s %s strict: %v, want line %d", c.name, w.name, err, c.line)
			}
		}
	}
}

// FuzzMixed builds UTF-8 text with stray bytes, as scraped pages have.
func FuzzMixed(f *testing.F) {
	f.Add("café i  zupa", []byte{0xF3}, uint8(7))
	f.Add("Ala ma kota. café ", []byte{0xB3, 0xF3, 'd', 0xBC}, uint8(0))
	f.Add(paragraphs["pl"][0], []byte{0xB3}, uint8(40))
	f.Add(paragraphs["ru"][0], []byte{0xF2, 0xE5, 0xF1, 0xF2}, uint8(13))
	f.Fuzz(func(t *testing.T, text string, stray []byte, every uint8) {
		text = strings.ToValidUTF8(strings.ReplaceAll(text, "\x00", ""), "")
		// Insert stray (bytes over 0x7F) after every every-th character.
		var data []byte
		n := 0
		for _, r := range text {
			data = utf8.AppendRune(data, r)
			if n++; every > 0 && n%int(every) == 0 && len(stray) > 0 {
				data = append(data, stray[0]|0x80)
				stray = stray[1:]
			}
		}
		for _, b := range stray {
			data = append(data, b|0x80)
		}
		if bytes.HasPrefix(data, bomUTF8) {
			return
		}
		out, info, err := readAll(t, data, Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		valid, invalid := utf8Stats(data, true)
		if info.Name != "utf-8" {
			if invalid > 0 && valid >= 2*invalid {
				t.Fatalf("%d valid sequences, %d invalid: read as %s", valid, invalid, info.Name)
			}
			return
		}
		want, redecoded, replaced, line := mixedDecoding(t, data, info.Fallback)
		if out != want || info.Redecoded != redecoded || info.Replaced != replaced || info.InvalidLine != line {
			t.Fatalf("%q: got %q %+v, want %q (%d, %d, line %d)", data, out, *info, want, redecoded, replaced, line)
		}
	})
}
