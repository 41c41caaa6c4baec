package jsonl

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tidwall/gjson"
	"testing/iotest"

	"github.com/artclean/artclean/cleaner"
)

var update = flag.Bool("update", false, "rewrite testdata/*.out.jsonl")

func newProcessor(t testing.TB, opts Options) *Processor {
	t.Helper()
	c, err := cleaner.New(cleaner.WithoutGuard()) // record mechanics: a record of noise alone comes out empty
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGolden(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		in, err := os.ReadFile("testdata/records.in.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		var bad []int
		var noString []int
		p := newProcessor(t, Options{
			OnBadLine:  func(line int, err error) { bad = append(bad, line) },
			OnNoString: func(line int) { noString = append(noString, line) },
		})
		var out bytes.Buffer
		st, err := p.Process(&out, bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			os.WriteFile("testdata/records.out.jsonl", out.Bytes(), 0o644)
		}
		want, _ := os.ReadFile("testdata/records.out.jsonl")
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("got\n%s\nwant\n%s", out.Bytes(), want)
		}
		fieldStats := st.Fields
		st.Fields = nil
		wantStats := Stats{Records: 9, Cleaned: 6, Changed: 5, NoField: 2, Invalid: 1}
		if !reflect.DeepEqual(st, wantStats) {
			t.Errorf("stats %+v, want %+v", st, wantStats)
		}
		if want := []FieldStats{{Field: "text", Strings: 6, Changed: 5, Missing: 1, NotString: 1}}; !slices.Equal(fieldStats, want) {
			t.Errorf("field stats %+v, want %+v", fieldStats, want)
		}
		if len(bad) != 1 || bad[0] != 6 || len(noString) != 2 || noString[0] != 4 || noString[1] != 5 {
			t.Errorf("bad lines %v, records without the field %v", bad, noString)
		}
		// One-byte reads change nothing.
		var slow bytes.Buffer
		if _, err := p.Process(&slow, iotest.OneByteReader(bytes.NewReader(in))); err != nil || !bytes.Equal(slow.Bytes(), out.Bytes()) {
			t.Errorf("one-byte reads: %v\n%s", err, slow.Bytes())
		}
	})
}

// Every byte outside the cleaned string stays as it was.
func TestOtherBytesPreserved(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		rec := `{"z":1e400,"ключ":"\u0041\/","text":"Reklama\nTreść.","a":{"b":[true,false,null,-0.0]},"text2":"Reklama"}` + "\r\n"
		p := newProcessor(t, Options{})
		var out bytes.Buffer
		if _, err := p.Process(&out, strings.NewReader(rec)); err != nil {
			t.Fatal(err)
		}
		want := `{"z":1e400,"ключ":"\u0041\/","text":"Treść.","a":{"b":[true,false,null,-0.0]},"text2":"Reklama"}` + "\r\n"
		if out.String() != want {
			t.Errorf("got  %s\nwant %s", out.String(), want)
		}
	})
}

func TestFieldsAndOptions(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		in := `{"article":{"body":"Reklama\nA.","title":"Reklama"},"text":"Reklama\nB."}` + "\n" + `{"article":{"body":"Reklama"}}` + "\n"
		for _, tc := range []struct {
			opts Options
			want string
		}{
			{Options{Fields: []string{"article.body"}}, `{"article":{"body":"A.","title":"Reklama"},"text":"Reklama\nB."}` + "\n" + `{"article":{"body":""}}` + "\n"},
			{Options{Fields: []string{"article.body", "text", "text"}}, `{"article":{"body":"A.","title":"Reklama"},"text":"B."}` + "\n" + `{"article":{"body":""}}` + "\n"},
			{Options{Fields: []string{"article.body"}, DropEmpty: true}, `{"article":{"body":"A.","title":"Reklama"},"text":"Reklama\nB."}` + "\n"},
		} {
			p := newProcessor(t, tc.opts)
			var out bytes.Buffer
			if _, err := p.Process(&out, strings.NewReader(in)); err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("%+v:\n got %s\nwant %s", tc.opts, out.String(), tc.want)
			}
		}
		c, _ := cleaner.New(cleaner.WithoutGuard())
		for _, f := range []string{"", ".a", "a.", "a..b"} {
			if _, err := New(c, Options{Fields: []string{f}}); err == nil {
				t.Errorf("field %q accepted", f)
			}
		}
		if _, err := New(c, Options{Bad: "drop"}); err == nil {
			t.Error("a bad --bad-records value accepted")
		}
	})
}

func TestBadRecords(t *testing.T) {
	in := "{\"text\":\"A\"}\n{bad\n{\"text\":\"B\"}\n"
	for _, tc := range []struct {
		bad  BadRecords
		want string
		err  bool
	}{
		{KeepBad, "{\"text\":\"A\"}\n{bad\n{\"text\":\"B\"}\n", false},
		{SkipBad, "{\"text\":\"A\"}\n{\"text\":\"B\"}\n", false},
		{FailBad, "{\"text\":\"A\"}\n", true},
	} {
		p := newProcessor(t, Options{Bad: tc.bad})
		var out bytes.Buffer
		_, err := p.Process(&out, strings.NewReader(in))
		if out.String() != tc.want || (err != nil) != tc.err {
			t.Errorf("%s: got %q, %v", tc.bad, out.String(), err)
		}
		var le *LineError
		if tc.err && (!errors.As(err, &le) || le.Line != 2 || !errors.Is(err, ErrBadRecord)) {
			t.Errorf("%s: want a line 2 error, got %v", tc.bad, err)
		}
	}
}

func TestTooLongRecordPassesThrough(t *testing.T) {
	long := `{"text":"` + strings.Repeat("Reklama ", 100000) + `"}`
	in := long + "\n{\"text\":\"Reklama\"}\n" + long
	var warned int
	p := newProcessor(t, Options{MaxRecord: 64 << 10, OnBadLine: func(int, error) { warned++ }})
	var out bytes.Buffer
	st, err := p.Process(&out, strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := long + "\n{\"text\":\"\"}\n" + long; out.String() != want {
		t.Errorf("too long records changed (%d bytes out, want %d)", out.Len(), len(want))
	}
	if st.TooLong != 2 || warned != 2 {
		t.Errorf("stats %+v, warnings %d", st, warned)
	}
}

func TestDeepNestingAndSurrogates(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		deep := strings.Repeat("[", 200000) + strings.Repeat("]", 200000)
		in := `{"x":` + deep + `,"text":"Reklama\nA \ud800 B"}` + "\n"
		p := newProcessor(t, Options{})
		var out bytes.Buffer
		if _, err := p.Process(&out, strings.NewReader(in)); err != nil {
			t.Fatal(err)
		}
		// An ASCII-only record stays ASCII-only.
		want := `{"x":` + deep + `,"text":"A \ufffd B"}` + "\n"
		if out.String() != want {
			t.Errorf("got %.200q", out.String())
		}
		out.Reset()
		if _, err := p.Process(&out, strings.NewReader(`{"x":"ą","text":"Reklama\nA \ud800 B"}`+"\n")); err != nil {
			t.Fatal(err)
		}
		if want := `{"x":"ą","text":"A ` + "\uFFFD" + ` B"}` + "\n"; out.String() != want {
			t.Errorf("got %q, want %q", out.String(), want)
		}
	})
}

// FuzzRecord: whatever the line, no panic; a valid record stays valid JSON
// and keeps all other fields.
func FuzzRecord(f *testing.F) {
	in, _ := os.ReadFile("testdata/records.in.jsonl")
	for _, l := range strings.Split(string(in), "\n") {
		f.Add(l)
	}
	f.Add(`{"text":"\u0000\u001f\"\\"}`)
	f.Add("{\"text\":\"Zdanie\xff z\xc5 bajtami.\"}") // invalid UTF-8 in the text
	p := newProcessor(f, Options{})
	f.Fuzz(func(t *testing.T, line string) {
		line = strings.ReplaceAll(line, "\n", " ")
		var out bytes.Buffer
		if _, err := p.Process(&out, strings.NewReader(line+"\n")); err != nil {
			t.Fatal(err)
		}
		var before, after map[string]any
		if json.Unmarshal([]byte(line), &before) != nil {
			return
		}
		if err := json.Unmarshal(out.Bytes(), &after); err != nil {
			t.Fatalf("valid record %q became invalid %q: %v", line, out.String(), err)
		}
		if _, isString := before["text"].(string); isString {
			if _, ok := after["text"].(string); !ok {
				t.Fatalf("text is no longer a string: %q", out.String())
			}
			// encoding/json reads invalid UTF-8 leniently: check the
			// bytes (of the last "text", the one cleaned).
			body := bytes.TrimRight(out.Bytes(), "\r\n")
			if sp, kind := findValue(body, []string{"text"}); kind != kindString || !utf8.Valid(body[sp.start:sp.end]) {
				t.Fatalf("cleaned text is not valid UTF-8: %q", out.Bytes())
			}
			delete(before, "text")
			delete(after, "text")
		}
		b1, _ := json.Marshal(before)
		b2, _ := json.Marshal(after)
		if !bytes.Equal(b1, b2) {
			t.Fatalf("other fields changed:\n%s\n%s", b1, b2)
		}
	})
}

// FuzzUnescape: appendUnescaped decodes every valid JSON string as gjson
// does.
func FuzzUnescape(f *testing.F) {
	for _, s := range []string{`""`, `"a"`, `"\n\t\"\\\/\b\f\r"`, `"\u0105\u0141"`, `"\ud83d\ude00"`, `"\ud800"`, `"\udc00\ud800x"`, `"\ud800\u0041"`, `"\ud83d\ud83d\ude00"`, `"zażółć \u00e9"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		res := gjson.Parse(s)
		if !gjson.Valid(s) || res.Type != gjson.String {
			return
		}
		// Process passes the literal as gjson found it: Raw.
		got, ok := appendUnescaped(nil, []byte(res.Raw))
		if !ok || string(got) != res.Str {
			t.Fatalf("%q: got %q (ok %v), want %q", s, got, ok, res.Str)
		}
	})
}

// FuzzFindString: findValue finds the value encoding/json decodes at a
// field path (dotted or a JSON Pointer; the last of duplicate keys), of
// the same kind, and a string as encoding/json reads it; for records
// without duplicate keys, at the place gjson finds it.
func FuzzFindString(f *testing.F) {
	for _, s := range []string{`{"text":"a"}`, `{"a":1,"text":"x\"y"}`, `{"a":{"text":[1,{"b":"}"}]},"text":"t"}`, `{"t\u0065xt":"esc"}`, `{"text":"1","text":"2"}`, ` { "meta" : { "site" : "s" } , "text" : "b" } `, `{"text":null}`, `{"text":{"text":"in"}}`, `[{"text":"a"}]`,
		`{"a":{"text":"x"},"a":{}}`, `{"a":[{"text":"0"},{"text":"1"}]}`, `{"a.b":{"c/d":"x","e~f":"y"}}`} {
		for _, field := range []string{"text", "meta.site", "a.text", "a.1.text", "/a.b/c~1d", "/a.b/e~0f", "/a/0/text", "/"} {
			f.Add(s, field)
		}
	}
	f.Fuzz(func(t *testing.T, rec, field string) {
		if !json.Valid([]byte(rec)) || !utf8.ValidString(rec) || len(rec) > 10000 {
			return
		}
		parts, err := splitField(field)
		if err != nil {
			return
		}
		dec := json.NewDecoder(strings.NewReader(rec))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		want := kindMissing
		for _, p := range parts {
			switch x := v.(type) {
			case map[string]any:
				v, want = x[p], kindString // kind set below
				if _, ok := x[p]; !ok {
					want = kindMissing
				}
			case []any:
				n, ok := arrayIndex(p)
				if ok && n < len(x) {
					v, want = x[n], kindString
				} else {
					want = kindMissing
				}
			default:
				want = kindMissing
			}
			if want == kindMissing {
				break
			}
		}
		if want != kindMissing {
			switch v.(type) {
			case nil:
				want = kindNull
			case bool:
				want = kindBool
			case json.Number:
				want = kindNumber
			case map[string]any:
				want = kindObject
			case []any:
				want = kindArray
			}
		}
		sp, kind := findValue([]byte(rec), parts)
		if kind != want {
			t.Fatalf("%q %q: found kind %v, encoding/json %v (%v)", rec, field, kind, want, v)
		}
		if kind != kindString {
			return
		}
		text, ok := appendUnescaped(nil, []byte(rec[sp.start:sp.end]))
		if !ok || string(text) != v.(string) {
			t.Fatalf("%q %q: found %q, encoding/json %q", rec, field, rec[sp.start:sp.end], v)
		}
		if path, err := Path(field); err == nil && !hasDuplicateKeys(rec) {
			if g := gjson.Get(rec, path); g.Raw != rec[sp.start:sp.end] || g.Index != sp.start {
				t.Fatalf("%q %q: found %q at %d, gjson %q at %d", rec, field, rec[sp.start:sp.end], sp.start, g.Raw, g.Index)
			}
		}
	})
}

// hasDuplicateKeys reports an object in rec, valid JSON, with a key twice.
func hasDuplicateKeys(rec string) bool {
	dec := json.NewDecoder(strings.NewReader(rec))
	var stack []map[string]bool
	var inObject []bool
	expectKey := func() bool { return len(inObject) > 0 && inObject[len(inObject)-1] }
	key := true // the next string in an object is a key
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok := tok.(type) {
		case json.Delim:
			switch tok {
			case '{':
				stack = append(stack, map[string]bool{})
				inObject = append(inObject, true)
				key = true
				continue
			case '[':
				inObject = append(inObject, false)
				continue
			case '}':
				stack = stack[:len(stack)-1]
				inObject = inObject[:len(inObject)-1]
			case ']':
				inObject = inObject[:len(inObject)-1]
			}
		case string:
			if expectKey() && key {
				seen := stack[len(stack)-1]
				if seen[tok] {
					return true
				}
				seen[tok] = true
				key = false
				continue
			}
		}
		// A value ended.
		key = expectKey()
	}
}
