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
)

// encodeAs encodes UTF-8 text s in the named encoding; ok is false when the
// encoding cannot represent s.
func encodeAs(t testing.TB, name, s string) (b []byte, ok bool) {
	t.Helper()
	sp, err := lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	b, err = sp.enc.NewEncoder().Bytes([]byte(s))
	return b, err == nil
}

func mustEncode(t testing.TB, name, s string) []byte {
	t.Helper()
	b, ok := encodeAs(t, name, s)
	if !ok {
		t.Fatalf("%s cannot encode %q", name, s)
	}
	return b
}

// readAll decodes data through NewReader, the source wrapped by wrap.
func readAll(t testing.TB, data []byte, opts Options, wrap func(io.Reader) io.Reader) (string, *Info, error) {
	t.Helper()
	var src io.Reader = bytes.NewReader(data)
	if wrap != nil {
		src = wrap(src)
	}
	r, info, err := NewReader(src, opts)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	out, err := io.ReadAll(r)
	return string(out), info, err
}

// sameDecoding reports whether two encodings decode data identically, so
// that choosing either is right.
func sameDecoding(t testing.TB, data []byte, a, b string) bool {
	da, _, _ := readAll(t, data, Options{Encoding: a}, nil)
	db, _, _ := readAll(t, data, Options{Encoding: b}, nil)
	return da == db
}

type detectCase struct {
	name     string // test name
	enc      string // encoding the fixture is written in
	want     string // name Info must report (or one that decodes the same)
	text     string
	encoding string // Options.Encoding
}

// detectCases builds every fixture in every encoding that writes its
// language, as single paragraphs, all of a language's paragraphs together,
// and repeated past SniffSize.
func detectCases(t testing.TB) []detectCase {
	families := []struct {
		enc, want string
		langs     []string
	}{
		{"windows-1250", "windows-1250", []string{"pl", "cs", "sk", "hu"}},
		{"iso-8859-2", "iso-8859-2", []string{"pl", "cs", "sk", "hu"}},
		{"windows-1252", "windows-1252", []string{"de", "fr", "es"}},
		// WHATWG: the ISO-8859-1 label means windows-1252.
		{"iso-8859-1", "windows-1252", []string{"de", "fr", "es"}},
		{"windows-1251", "windows-1251", []string{"ru", "uk"}},
		{"koi8-r", "koi8-r", []string{"ru"}},
		{"koi8-u", "koi8-u", []string{"uk", "ru"}},
		{"ibm866", "ibm866", []string{"ru"}},
	}
	var cs []detectCase
	for _, f := range families {
		for _, lang := range f.langs {
			var all []string
			for i, p := range paragraphs[lang] {
				if _, ok := encodeAs(t, f.enc, p); !ok {
					continue
				}
				all = append(all, p)
				cs = append(cs, detectCase{name: fmt.Sprintf("%s/%s/%d", f.enc, lang, i), enc: f.enc, want: f.want, text: p})
			}
			if len(all) == 0 {
				t.Fatalf("%s encodes no %s paragraph", f.enc, lang)
			}
			long := strings.Join(all, "\n\n") + "\n"
			cs = append(cs, detectCase{name: fmt.Sprintf("%s/%s/all", f.enc, lang), enc: f.enc, want: f.want, text: long})
			huge := strings.Repeat(long, SniffSize/len(long)+2)
			cs = append(cs, detectCase{name: fmt.Sprintf("%s/%s/huge", f.enc, lang), enc: f.enc, want: f.want, text: huge})
		}
	}
	for lang, p := range typographic {
		cs = append(cs, detectCase{name: "windows-1252/typo/" + lang, enc: "windows-1252", want: "windows-1252", text: p})
	}
	return cs
}

func TestDetectSingleByte(t *testing.T) {
	for _, c := range detectCases(t) {
		t.Run(c.name, func(t *testing.T) {
			data := mustEncode(t, c.enc, c.text)
			got, info, err := readAll(t, data, Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if info.Name != c.want && !sameDecoding(t, data, info.Name, c.want) {
				t.Errorf("detected %s, want %s (%s)", info.Name, c.want, info.Reason)
			}
			if got != c.text {
				t.Errorf("output differs from the original:\n got %.200q\nwant %.200q", got, c.text)
			}
			if !info.Detected || info.BOM || info.Replaced != 0 {
				t.Errorf("info = %+v", *info)
			}
		})
	}
}

func TestDetectUnicodeForms(t *testing.T) {
	text := strings.Join(slices.Concat(paragraphs["pl"], paragraphs["ru"], paragraphs["de"]), "\n") + " 😀 \uFFFD\n"
	cases := []struct {
		name, enc, want string
		bom             []byte
		wantBOM         bool
	}{
		{"utf-8", "utf-8", "utf-8", nil, false},
		{"utf-8 BOM", "utf-8", "utf-8", bomUTF8, true},
		{"utf-16le BOM", "utf-16le", "utf-16le", bomUTF16LE, true},
		{"utf-16be BOM", "utf-16be", "utf-16be", bomUTF16BE, true},
		{"utf-16le no BOM", "utf-16le", "utf-16le", nil, false},
		{"utf-16be no BOM", "utf-16be", "utf-16be", nil, false},
	}
	ru := strings.Join(paragraphs["ru"], "\n")
	for _, enc := range []string{"utf-16le", "utf-16be"} {
		got, info, err := readAll(t, mustEncode(t, enc, ru), Options{}, nil)
		if err != nil || got != ru || info.Name != enc || info.BOM {
			t.Errorf("Russian %s without BOM: %+v, %v", enc, *info, err)
		}
	}
	for _, c := range cases {
		for _, size := range []string{"short", "long"} {
			t.Run(c.name+"/"+size, func(t *testing.T) {
				in := text
				if size == "long" {
					in = strings.Repeat(text, SniffSize/len(text)+2)
				}
				data := append(slices.Clip(c.bom), mustEncode(t, c.enc, in)...)
				for _, w := range wrappers {
					got, info, err := readAll(t, data, Options{}, w.wrap)
					if err != nil {
						t.Fatalf("%s: %v", w.name, err)
					}
					if got != in {
						t.Fatalf("%s: output differs (len %d, want %d)", w.name, len(got), len(in))
					}
					if info.Name != c.want || info.BOM != c.wantBOM || info.Replaced != 0 || !info.Detected {
						t.Fatalf("%s: info = %+v", w.name, *info)
					}
				}
			})
		}
	}
}

var wrappers = []struct {
	name string
	wrap func(io.Reader) io.Reader
}{
	{"whole", nil},
	{"one-byte", iotest.OneByteReader},
	{"half", iotest.HalfReader},
	{"data-err", iotest.DataErrReader},
}

// TestDetectSentences: single sentences (60–200 bytes) carry little
// evidence; a few, where windows-1250 and ISO-8859-2 differ only in a
// letter both languages could have, may go wrong.
func TestDetectSentences(t *testing.T) {
	bad, total := 0, 0
	for _, f := range []struct {
		enc   string
		langs []string
	}{
		{"windows-1250", []string{"pl", "cs", "sk", "hu"}},
		{"iso-8859-2", []string{"pl", "cs", "sk", "hu"}},
		{"windows-1252", []string{"de", "fr", "es"}},
		{"windows-1251", []string{"ru", "uk"}},
		{"koi8-r", []string{"ru"}},
		{"ibm866", []string{"ru"}},
	} {
		for _, l := range f.langs {
			for _, p := range paragraphs[l] {
				for _, s := range strings.SplitAfter(p, ". ") {
					data, ok := encodeAs(t, f.enc, s)
					if !ok {
						continue
					}
					total++
					if out, info, _ := readAll(t, data, Options{}, nil); out != s {
						bad++
						t.Logf("%s %s: read as %s: %q", f.enc, l, info.Name, s)
					}
				}
			}
		}
	}
	if bad*20 > total {
		t.Errorf("%d of %d sentences decoded wrong", bad, total)
	}
}

// TestDetectWeakEvidence: text with one or two non-ASCII bytes. Ties go to
// windows-1252, and a lone letter of another script or a letter glued to
// a digit does not win over a symbol where a symbol makes sense.
func TestDetectWeakEvidence(t *testing.T) {
	for _, want := range []string{
		"café au lait", "naïve", "Copyright © 2020 Foo", "price 5€ only", "£100", "10°C",
		"He said “hi” – bye…", "Straße", "¿Qué?", "Mañana", "æøå blåbær", "± 5 cm",
		"zażółć", "gęślą", "Привет",
	} {
		enc := "windows-1252"
		switch want {
		case "zażółć", "gęślą":
			enc = "windows-1250"
		case "Привет":
			enc = "windows-1251"
		}
		got, info, err := readAll(t, mustEncode(t, enc, want), Options{}, nil)
		if err != nil || got != want {
			t.Errorf("%q read as %q (%s: %s)", want, got, info.Name, info.Reason)
		}
	}
}

func TestStreamingIdentical(t *testing.T) {
	for _, c := range detectCases(t) {
		if !strings.HasSuffix(c.name, "/huge") && !strings.HasSuffix(c.name, "/0") {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			data := mustEncode(t, c.enc, c.text)
			want, wantInfo, err := readAll(t, data, Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range wrappers[1:] {
				got, info, err := readAll(t, data, Options{}, w.wrap)
				if err != nil {
					t.Fatalf("%s: %v", w.name, err)
				}
				if got != want || *info != *wantInfo {
					t.Fatalf("%s: output or info differ: %+v vs %+v", w.name, *info, *wantInfo)
				}
			}
		})
	}
}

// smallReads reads r with buffers of 1, 2, 3, … bytes, cycling, to check
// output split across Reads (U+FFFD and runes cut in the middle).
func smallReads(r io.Reader) ([]byte, error) {
	var out []byte
	for n := 1; ; n = n%7 + 1 {
		p := make([]byte, n)
		k, err := r.Read(p)
		out = append(out, p[:k]...)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

func TestSmallReadBuffers(t *testing.T) {
	inputs := map[string][]byte{
		"utf-8":   []byte("zażółć gęślą jaźń \xff\xfe koniec \xe2\x82 € 😀"),
		"cp1250":  mustEncode(t, "windows-1250", paragraphs["pl"][1]),
		"utf-16":  append(slices.Clip(bomUTF16BE), mustEncode(t, "utf-16be", "zażółć 😀 gęślą")...),
		"koi8-r":  mustEncode(t, "koi8-r", paragraphs["ru"][0]),
		"invalid": {0xC3, 0x28, 0xE2, 0x28, 0xA1, 0xF0, 0x90, 0x28, 0xBC, 'a', 0xED, 0xA0, 0x80, 0xC3},
	}
	for name, data := range inputs {
		want, wantInfo, err := readAll(t, data, Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, info, err := NewReader(iotest.OneByteReader(bytes.NewReader(data)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := smallReads(r)
		if err != nil || string(got) != want || *info != *wantInfo {
			t.Errorf("%s: got %q, %+v, %v; want %q, %+v", name, got, *info, err, want, *wantInfo)
		}
		if !utf8.Valid(got) {
			t.Errorf("%s: output not valid UTF-8", name)
		}
	}
}

func TestInvalidUTF8Counted(t *testing.T) {
	cases := []struct {
		in, want string
		replaced int64
	}{
		{"zażółć \xff gęślą", "zażółć \uFFFD gęślą", 1},
		{"ąę\xc3\x28ść", "ąę\uFFFD(ść", 1},
		{"ą ó \xe2\x82", "ą ó \uFFFD\uFFFD", 2},                   // truncated at the end
		{"ą ó ł \xed\xa0\x80 ś", "ą ó ł \uFFFD\uFFFD\uFFFD ś", 3}, // surrogate
		{"ą ó ł \xc0\xaf ś", "ą ó ł \uFFFD\uFFFD ś", 2},           // overlong
		{"już \uFFFD był ą ę", "już \uFFFD był ą ę", 0},           // U+FFFD in valid input is not counted
	}
	for _, c := range cases {
		for _, w := range wrappers {
			got, info, err := readAll(t, []byte(c.in), Options{}, w.wrap)
			if err != nil || got != c.want || info.Replaced != c.replaced || info.Name != "utf-8" {
				t.Errorf("%s %q: got %q, replaced %d, %s, %v; want %q, %d", w.name, c.in, got, info.Replaced, info.Name, err, c.want, c.replaced)
			}
		}
	}
}

// TestInvalidAfterPrefix: a stream that is valid UTF-8 for more than
// SniffSize bytes stays UTF-8; later invalid bytes are replaced.
func TestInvalidAfterPrefix(t *testing.T) {
	head := strings.Repeat("Zażółć gęślą jaźń. ", SniffSize/20+100)
	in := head + "\xb9\xe6 \xf0\x9f\x98" + "koniec"
	want := head + "\uFFFD\uFFFD \uFFFD\uFFFD\uFFFDkoniec"
	for _, w := range wrappers {
		got, info, err := readAll(t, []byte(in), Options{}, w.wrap)
		if err != nil || got != want || info.Replaced != 5 {
			t.Errorf("%s: replaced %d, err %v, output ok %v", w.name, info.Replaced, err, got == want)
		}
	}
	_, _, err := readAll(t, []byte(in), Options{Strict: true}, nil)
	var ie *InvalidError
	if !errors.As(err, &ie) || ie.Offset != int64(len(head)) || ie.Byte != 0xB9 || ie.Encoding != "utf-8" {
		t.Errorf("strict: err = %v, want offset %d", err, len(head))
	}
}

func TestStrict(t *testing.T) {
	cp1252 := mustEncode(t, "windows-1252", "Grüße")
	cases := []struct {
		name      string
		in        []byte
		enc       string
		wantOut   string
		offset    int64
		wantByte  int
		wantError bool
	}{
		{"utf-8 valid", []byte("zażółć"), "", "zażółć", 0, 0, false},
		{"utf-8", []byte("ąę\xffźż"), "", "ąę", 4, 0xFF, true},
		{"utf-8 truncated", []byte("ąę\xe2\x82"), "", "ąę", 4, 0xE2, true},
		{"utf-8 BOM", []byte("\xef\xbb\xbfą\x80"), "", "ą", 5, 0x80, true},
		{"windows-1252 undefined", append(cp1252, 0x81, 'x'), "windows-1252", "Grüße", 5, 0x81, true},
		{"windows-1252 valid", cp1252, "windows-1252", "Grüße", 0, 0, false},
		{"utf-16le lone surrogate", []byte{0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0}, "", "a", 4, -1, true},
		{"utf-16be odd byte", []byte{0xFE, 0xFF, 0, 'a', 0, 'b', 0}, "", "ab", 6, -1, true},
		{"utf-16be pair", []byte{0xFE, 0xFF, 0xD8, 0x3D, 0xDE, 0x00}, "", "😀", 0, 0, false},
		{"shift_jis", []byte{'a', 0x82, 0xA0, 0xA0, 'b'}, "shift_jis", "aあ", 3, -1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, w := range wrappers {
				got, _, err := readAll(t, c.in, Options{Encoding: c.enc, Strict: true}, w.wrap)
				if got != c.wantOut {
					t.Errorf("%s: output %q, want %q", w.name, got, c.wantOut)
				}
				if !c.wantError {
					if err != nil {
						t.Errorf("%s: %v", w.name, err)
					}
					continue
				}
				var ie *InvalidError
				if !errors.As(err, &ie) || ie.Offset != c.offset || ie.Byte != c.wantByte || !IsInvalid(err) {
					t.Errorf("%s: err = %v, want offset %d byte %d", w.name, err, c.offset, c.wantByte)
				}
			}
		})
	}
}

func TestForced(t *testing.T) {
	pl := paragraphs["pl"][1]
	cases := []struct {
		name, label, canon string
		data               []byte
		want               string
		bom                bool
	}{
		{"cp1250 alias", "cp1250", "windows-1250", mustEncode(t, "windows-1250", pl), pl, false},
		{"latin2 alias", "Latin2", "iso-8859-2", mustEncode(t, "iso-8859-2", pl), pl, false},
		{"IANA name", "ISO_8859-2:1987", "iso-8859-2", mustEncode(t, "iso-8859-2", pl), pl, false},
		{"latin1 is windows-1252", "ISO-8859-1", "windows-1252", []byte("Gr\xfc\xdfe \x93x\x94"), "Grüße “x”", false},
		{"wrong but forced", "windows-1252", "windows-1252", []byte("zażółć"), "zaÅ¼Ã³Å‚Ä‡", false},
		{"utf-8 drops BOM", "UTF-8", "utf-8", []byte("\xef\xbb\xbfą"), "ą", true},
		{"utf-8 keeps invalid count", "utf8", "utf-8", []byte("a\xffb"), "a\uFFFDb", false},
		{"utf-16le", "utf-16le", "utf-16le", []byte{0xFF, 0xFE, 'a', 0, 0x05, 0x01}, "aą", true},
		{"utf-16 is utf-16le", "utf-16", "utf-16le", []byte{'a', 0, 0x05, 0x01}, "aą", false},
		{"koi8-r on utf-8 bom", "koi8-r", "koi8-r", []byte("\xef\xbb\xbf\xf0"), "О╩©П", false},
		{"shift_jis", "shift_jis", "shift_jis", []byte{0x82, 0xA0}, "あ", false},
		{"ibm437 (IANA only)", "IBM437", "ibm437", []byte{0x81}, "ü", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, w := range wrappers {
				got, info, err := readAll(t, c.data, Options{Encoding: c.label}, w.wrap)
				if err != nil || got != c.want || info.Name != c.canon || info.Detected || info.BOM != c.bom {
					t.Errorf("%s: got %q, %+v, %v; want %q %s", w.name, got, *info, err, c.want, c.canon)
				}
			}
			if name, err := Lookup(c.label); err != nil || name != c.canon {
				t.Errorf("Lookup(%q) = %q, %v", c.label, name, err)
			}
		})
	}
	for _, auto := range []string{"", "auto", " AUTO "} {
		got, info, err := readAll(t, mustEncode(t, "windows-1250", pl), Options{Encoding: auto}, nil)
		if err != nil || got != pl || !info.Detected || info.Name != "windows-1250" {
			t.Errorf("%q: %+v, %v", auto, *info, err)
		}
		if name, err := Lookup(auto); name != "auto" || err != nil {
			t.Errorf("Lookup(%q) = %q, %v", auto, name, err)
		}
	}
	for _, bad := range []string{"klingon", "iso-2022-kr", "utf-32", "replacement"} {
		_, _, err := NewReader(strings.NewReader("x"), Options{Encoding: bad})
		if err == nil || err.Error() != fmt.Sprintf("unknown encoding %q", bad) {
			t.Errorf("%q: err = %v", bad, err)
		}
		if _, err := Lookup(bad); err == nil {
			t.Errorf("Lookup(%q) succeeded", bad)
		}
	}
}

func TestReplacedSingleByte(t *testing.T) {
	// 0x81 is undefined in windows-1252 and windows-1250.
	data := append(mustEncode(t, "windows-1252", "Grüße aus Köln"), 0x81, 0x8D, ' ', 0xE9)
	got, info, err := readAll(t, data, Options{Encoding: "windows-1252"}, nil)
	if err != nil || got != "Grüße aus Köln\uFFFD\uFFFD é" || info.Replaced != 2 {
		t.Errorf("got %q, %+v, %v", got, *info, err)
	}
	// UTF-16: a lone surrogate is replaced and counted, an encoded U+FFFD
	// is not.
	data = []byte{0xFF, 0xFE, 0xFD, 0xFF, 0x00, 0xDC, 'a', 0, 0x00, 0xD8}
	got, info, err = readAll(t, data, Options{}, iotest.OneByteReader)
	if err != nil || got != "\uFFFD\uFFFDa\uFFFD" || info.Replaced != 2 {
		t.Errorf("utf-16: got %q, %+v, %v", got, *info, err)
	}
}

func TestEmptyAndASCII(t *testing.T) {
	for _, in := range []string{"", "a", "plain ASCII text\n", "\xef\xbb", "\xff"} {
		got, info, err := readAll(t, []byte(in), Options{}, nil)
		if err != nil || !utf8.ValidString(got) {
			t.Errorf("%q: %q, %v", in, got, err)
		}
		t.Logf("%q → %q as %s (%s)", in, got, info, info.Reason)
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("boom")
	data := mustEncode(t, "windows-1250", paragraphs["pl"][0])
	for _, d := range [][]byte{data, []byte(paragraphs["pl"][0])} {
		r, info, err := NewReader(io.MultiReader(bytes.NewReader(d), iotest.ErrReader(boom)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if !errors.Is(err, boom) || string(got) != paragraphs["pl"][0] {
			t.Errorf("%s: got %q, %v", info.Name, got, err)
		}
	}
}

func TestInfoString(t *testing.T) {
	cases := map[string]Info{
		"utf-8":                   {Name: "utf-8", Detected: true},
		"utf-8 (BOM)":             {Name: "utf-8", Detected: true, BOM: true},
		"windows-1250 (detected)": {Name: "windows-1250", Detected: true},
		"koi8-r (forced)":         {Name: "koi8-r"},
	}
	for want, info := range cases {
		if got := info.String(); got != want {
			t.Errorf("%+v: %q, want %q", info, got, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("zażółć gęślą jaźń"), "", false)
	f.Add([]byte("\xef\xbb\xbfą\xff"), "", true)
	f.Add([]byte{0xFF, 0xFE, 0x00, 0xD8, 'a'}, "", false)
	f.Add([]byte{0xFE, 0xFF, 0xD8, 0x3D, 0xDE, 0x00, 0xFF}, "", false)
	f.Add([]byte("Gr\xfc\xdfe \x81"), "windows-1252", true)
	f.Add([]byte{0x82, 0xA0, 0x80, 0x82}, "shift_jis", false)
	f.Add([]byte{0x1B, '$', 'B', 0x30, 0x21}, "iso-2022-jp", true)
	f.Add([]byte("\xb9\xe6\xea\xb3\xf1\xf3\x9c\x9f\xbf"), "", false)
	f.Add([]byte("\xc1\xd2\xc9\xd7\xc5\xd4"), "", false)
	f.Add([]byte("café i \xf3 zupa"), "", false)
	f.Add([]byte("Ala ma kota.\ncafé \xb3\xf3d\xbc"), "", true)
	f.Add([]byte("a\nb\n\x81"), "windows-1252", false)
	f.Fuzz(func(t *testing.T, data []byte, enc string, strict bool) {
		if _, err := Lookup(enc); enc != "" && err != nil {
			enc = ""
		}
		opts := Options{Encoding: enc, Strict: strict}
		out, info, err := readAll(t, data, opts, nil)
		if err != nil && !IsInvalid(err) {
			t.Fatalf("error %v", err)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 output %q", out)
		}
		if info.Replaced < 0 || (strict && info.Replaced != 0) {
			t.Fatalf("Replaced = %d", info.Replaced)
		}
		if int64(strings.Count(out, "\uFFFD")) < info.Replaced {
			t.Fatalf("Replaced = %d but %d U+FFFD in output", info.Replaced, strings.Count(out, "\uFFFD"))
		}
		r, info2, _ := NewReader(iotest.OneByteReader(bytes.NewReader(data)), opts)
		out2, err2 := smallReads(r)
		if string(out2) != out || (err == nil) != (err2 == nil) || *info2 != *info {
			t.Fatalf("streaming differs: %q %v %+v vs %q %v %+v", out2, err2, *info2, out, err, *info)
		}
		checkInvalidLine(t, out, info, err)
		// Valid UTF-8 (text: no NUL bytes, which could make it UTF-16, and
		// no byte order mark) comes out byte for byte.
		if enc == "" && utf8.Valid(data) && !bytes.HasPrefix(data, bomUTF8) && bytes.IndexByte(data, 0) < 0 {
			if out != string(data) || err != nil || info.Name != "utf-8" || info.Fallback != "" ||
				info.Replaced != 0 || info.Redecoded != 0 || info.InvalidLine != 0 {
				t.Fatalf("valid UTF-8 %q: got %q, %v, %+v", data, out, err, *info)
			}
		}
		// Read as UTF-8, input with invalid bytes keeps its valid
		// sequences, all of them unchanged, and only its invalid bytes
		// are decoded (as Info.Fallback or U+FFFD), each on its own.
		if info.Name == "utf-8" {
			body := data
			if info.BOM {
				body = data[len(bomUTF8):]
			}
			want, redecoded, replaced, line := mixedDecoding(t, body, info.Fallback)
			if err == nil && (out != want || info.Redecoded != redecoded || info.Replaced != replaced || info.InvalidLine != line) {
				t.Fatalf("%q: got %q %+v, want %q (%d redecoded, %d replaced, line %d)", data, out, *info, want, redecoded, replaced, line)
			}
			if err != nil && !strings.HasPrefix(want, out) {
				t.Fatalf("%q: got %q before %v, want a prefix of %q", data, out, err, want)
			}
		}
		if strict && (info.Fallback != "" && info.Redecoded != 0) {
			t.Fatalf("strict: %+v", *info)
		}
	})
}

// checkInvalidLine checks Info.InvalidLine and InvalidError.Line against
// the output.
func checkInvalidLine(t *testing.T, out string, info *Info, err error) {
	t.Helper()
	var ie *InvalidError
	if errors.As(err, &ie) {
		if want := int64(strings.Count(out, "\n")) + 1; ie.Line != want {
			t.Fatalf("InvalidError.Line = %d after %q, want %d", ie.Line, out, want)
		}
		return
	}
	if (info.InvalidLine > 0) != (info.Replaced+info.Redecoded > 0) || info.InvalidLine > int64(strings.Count(out, "\n"))+1 {
		t.Fatalf("InvalidLine %d with %+v for %q", info.InvalidLine, *info, out)
	}
	if info.Name != "utf-8" && info.Name != "utf-16le" && info.Name != "utf-16be" && info.Replaced > 0 {
		before := out[:strings.Index(out, "\uFFFD")]
		if want := int64(strings.Count(before, "\n")) + 1; info.InvalidLine != want {
			t.Fatalf("InvalidLine %d for %q, want %d", info.InvalidLine, out, want)
		}
	}
}
