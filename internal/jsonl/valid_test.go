package jsonl

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
)

// The validator agrees with encoding/json.Valid.
func TestValid(t *testing.T) {
	var v validator
	cases := []string{
		``, ` `, `{}`, `[]`, ` { } `, `{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{"a":}`, `{,}`, `[1,]`, `[,1]`,
		`[1 2]`, `{"a":1 "b":2}`, `{"a":[1,{"b":null}],"c":true}`, `{"a":1}}`, `{"a":1}]`, `[{]}`, `{"a":1}x`,
		`"x"`, `"`, `"\"`, `"\\"`, `"\u00e9"`, `"\u00g9"`, `"\u00e"`, `"\x"`, "\"a\x01b\"", "\"a\tb\"", "\"ó\xff\"",
		`0`, `-0`, `01`, `-`, `1.`, `1.5`, `.5`, `1e5`, `1E+5`, `1e`, `1e-`, `-1.5e-10`, `123456789012345678901234567890`,
		`true`, `tru`, `truex`, `false`, `null`, `nul`, `NaN`, `[true,false,null]`, `{"a":true}`,
		`{"text":"Reklama\nTekst \"cytat\" \\ koniec","id":12}`, "{\"a\":1}\r", "\t[\n1\r\n]\n",
		strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("[", 10000) + strings.Repeat("]", 9999),
	}
	// A control character, quote or escape at every place in and around
	// the words and blocks the string scans test at once.
	for pos := range 70 {
		for _, ins := range []string{"\x01", "\x1fn", "\t", `\"`, `\\`, `\u00e9`, `\u00`, `\q`, `"`, `\`} {
			body := strings.Repeat("a", pos) + ins + strings.Repeat("ó", 35-pos/2)
			cases = append(cases, `{"text":"`+body+`"}`, `["`+body+`",1]`)
		}
	}
	for _, c := range cases {
		if got, want := v.valid([]byte(c)), json.Valid([]byte(c)); got != want {
			t.Errorf("valid(%.60q) = %v, encoding/json says %v", c, got, want)
		}
	}
	// Finding "text", the validator checks its inside as it decodes it.
	finder := validator{find: []string{"text"}}
	for _, c := range cases {
		if got, want := finder.valid([]byte(c)), json.Valid([]byte(c)); got != want {
			t.Errorf("valid(%.60q) finding text = %v, encoding/json says %v", c, got, want)
		}
	}
	// encoding/json gives up beyond 10,000 levels; RFC 8259 sets no limit,
	// and a record nested that deep passes through as valid, as it did
	// with gjson.
	for _, c := range []struct {
		json string
		want bool
	}{
		{strings.Repeat("[", 200000) + strings.Repeat("]", 200000), true},
		{strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000), true},
		{strings.Repeat("[", 200000) + strings.Repeat("]", 199999), false},
		{strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("]", 100000), false},
	} {
		if got := v.valid([]byte(c.json)); got != c.want {
			t.Errorf("valid(%.60q...) = %v, want %v", c.json, got, c.want)
		}
	}
}

// special finds the first byte a JSON string must escape, at every
// position of a word and across word boundaries.
func TestSpecial(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []byte{'a', ' ', '"', '\\', 0, 0x1F, 0x20, 0x21, 0x5B, 0x5D, 0x7F, 0x80, 0xC5, 0xFF, 0x22 ^ 0x80, 0x5C ^ 0x80}
	for range 100000 {
		s := make([]byte, rng.Intn(40))
		for i := range s {
			s[i] = 'x'
			if rng.Intn(6) == 0 {
				s[i] = alphabet[rng.Intn(len(alphabet))]
			}
		}
		want := specialByteLoop(s)
		if got := special(s); got != want {
			t.Fatalf("special(%q) = %d, want %d", s, got, want)
		}
	}
}

// FuzzValid: the validator agrees with encoding/json.Valid; asked to find
// a field as well, it still agrees and finds what findValue finds.
func FuzzValid(f *testing.F) {
	for _, s := range []string{`{"text":"a\"b","n":[1,2.5e3,-0,{"x":null}]}`, `[1,]`, `"\u12`, `{"a":1}}`, "\"\x00\"",
		`{"text":"a\x01"}`, `{"text":"\q","x":1}`, `{"a":{"text":"in"},"text":"out"}`, `{"text":1,"text":"dup"}`, `{"a":{},"a":{"text":"x"}}`,
		`{"a":{"text":"x"},"a":{}}`, `{"a":{"text":"x"},"b":{"text":"y"},"a":[]}`} {
		f.Add([]byte(s), "text")
		f.Add([]byte(s), "a.text")
	}
	var v validator
	f.Fuzz(func(t *testing.T, b []byte, path string) {
		if len(b) > 10000 {
			return // encoding/json's depth limit cannot be reached below this
		}
		v.find = nil
		want := json.Valid(b)
		if got := v.valid(b); got != want {
			t.Fatalf("valid(%q) = %v, encoding/json says %v", b, got, want)
		}
		parts := strings.Split(path, ".")
		if path == "" || indexesArrays(parts) {
			return
		}
		v.find = parts
		if got := v.valid(b); got != want {
			t.Fatalf("valid(%q) finding %q = %v, encoding/json says %v", b, path, got, want)
		}
		if !want {
			return
		}
		sp, kind := findValue(b, parts)
		if kind != v.kind || kind == kindString && sp != v.found || kind != kindString && v.found.start >= 0 {
			t.Fatalf("%q %q: validator found %v %v, findValue %v %v", b, path, v.kind, v.found, kind, sp)
		}
	})
}

// Asked to find a field, the validator finds what findValue finds: the
// last of duplicate keys, only along objects.
func TestValidFinds(t *testing.T) {
	var v validator
	for _, c := range []struct {
		rec, path, want string
		kind            valueKind
	}{
		{`{"text":"a"}`, "text", `"a"`, kindString},
		{`{"text":""}`, "text", `""`, kindString},
		{`{"text":"\\"}`, "text", `"\\"`, kindString},
		{`{"id":1,"text":"x\"y","url":"u"}`, "text", `"x\"y"`, kindString},
		{`{"text":"` + strings.Repeat(`Zażółć \"gęślą\" jaźń\n\\`, 9) + `x","n":1}`, "text", `"` + strings.Repeat(`Zażółć \"gęślą\" jaźń\n\\`, 9) + `x"`, kindString},
		{`{"text":1,"text":"dup"}`, "text", `"dup"`, kindString},
		{`{"text":"first","text":"dup"}`, "text", `"dup"`, kindString},
		{`{"text":"first","text":2}`, "text", "", kindNumber},
		{`{"a":{"text":"in"},"text":"out"}`, "text", `"out"`, kindString},
		{`{"a":{"text":"in"},"text":"out"}`, "a.text", `"in"`, kindString},
		{`{"a":{},"a":{"text":"x"}}`, "a.text", `"x"`, kindString},
		{`{"a":{"text":"x"},"a":{}}`, "a.text", "", kindMissing},
		{`{"a":{"text":"x"},"a":{"b":1},"c":{"text":"y"}}`, "a.text", "", kindMissing},
		{`{"a":{"text":"x"},"a":null}`, "a.text", "", kindMissing},
		{`{"a":{"b":{"text":"deep"}},"a":{"text":"x"}}`, "a.text", `"x"`, kindString},
		{`{"a":{"text":"x","text":"y"},"b":{"text":"z"}}`, "a.text", `"y"`, kindString},
		{`{"a":[{"text":"x"}]}`, "a.text", "", kindMissing},
		{`[{"text":"a"}]`, "text", "", kindMissing},
		{`{"t\u0065xt":"esc"}`, "text", `"esc"`, kindString},
		{`{"text":null}`, "text", "", kindNull},
		{`{"text":true}`, "text", "", kindBool},
		{`{"text":{}}`, "text", "", kindObject},
		{`{"text":[]}`, "text", "", kindArray},
		{`{"meta":{"site":"s"},"text":"b"}`, "meta.site", `"s"`, kindString},
		{` { "meta" : { "site" : "s" } , "text" : "b" } `, "meta.site", `"s"`, kindString},
		{`{"x":{"y":{}},"text":"t"}`, "text", `"t"`, kindString},
		{`{"a":{"x":[],"y":{},"text":"in"}}`, "a.text", `"in"`, kindString},
		{`{"a":{},"text":"t"}`, "a.text", "", kindMissing},
		{`{}`, "text", "", kindMissing},
	} {
		parts := strings.Split(c.path, ".")
		v.find = parts
		if !v.valid([]byte(c.rec)) {
			t.Errorf("%s: not valid", c.rec)
			continue
		}
		sp, kind := findValue([]byte(c.rec), parts)
		got := ""
		if kind == kindString {
			got = c.rec[sp.start:sp.end]
		}
		if kind != c.kind || got != c.want {
			t.Errorf("%s %s: findValue found %v %s, want %v %s", c.rec, c.path, kind, got, c.kind, c.want)
		}
		vgot := ""
		if v.found.start >= 0 {
			vgot = c.rec[v.found.start:v.found.end]
		}
		if v.kind != c.kind || vgot != c.want {
			t.Errorf("%s %s: validator found %v %s, want %v %s", c.rec, c.path, v.kind, vgot, c.kind, c.want)
		}
	}
}
