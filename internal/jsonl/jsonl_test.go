package jsonl

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
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
	wantStats := Stats{Records: 9, Cleaned: 6, NoField: 2, Invalid: 1}
	if st != wantStats {
		t.Errorf("stats %+v, want %+v", st, wantStats)
	}
	if len(bad) != 1 || bad[0] != 6 || len(noString) != 2 || noString[0] != 4 || noString[1] != 5 {
		t.Errorf("bad lines %v, records without the field %v", bad, noString)
	}
	// One-byte reads change nothing.
	var slow bytes.Buffer
	if _, err := p.Process(&slow, iotest.OneByteReader(bytes.NewReader(in))); err != nil || !bytes.Equal(slow.Bytes(), out.Bytes()) {
		t.Errorf("one-byte reads: %v\n%s", err, slow.Bytes())
	}
}

// Every byte outside the cleaned string stays as it was.
func TestOtherBytesPreserved(t *testing.T) {
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
}

func TestFieldsAndOptions(t *testing.T) {
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
	deep := strings.Repeat("[", 200000) + strings.Repeat("]", 200000)
	in := `{"x":` + deep + `,"text":"Reklama\nA \ud800 B"}` + "\n"
	p := newProcessor(t, Options{})
	var out bytes.Buffer
	if _, err := p.Process(&out, strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	want := `{"x":` + deep + `,"text":"A ` + "\uFFFD" + ` B"}` + "\n"
	if out.String() != want {
		t.Errorf("got %.200q", out.String())
	}
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
			// encoding/json reads invalid UTF-8 leniently: check the bytes.
			if raw := gjson.GetBytes(out.Bytes(), "text").Raw; !utf8.ValidString(raw) {
				t.Fatalf("cleaned text is not valid UTF-8: %q", raw)
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

// FuzzFindString: findString locates the same string as gjson for an
// object-key path, or none where gjson finds no string.
func FuzzFindString(f *testing.F) {
	for _, s := range []string{`{"text":"a"}`, `{"a":1,"text":"x\"y"}`, `{"a":{"text":[1,{"b":"}"}]},"text":"t"}`, `{"t\u0065xt":"esc"}`, `{"text":"1","text":"2"}`, ` { "meta" : { "site" : "s" } , "text" : "b" } `, `{"text":null}`, `{"text":{"text":"in"}}`, `[{"text":"a"}]`} {
		f.Add(s, "text")
		f.Add(s, "meta.site")
		f.Add(s, "a.text")
	}
	f.Fuzz(func(t *testing.T, rec, field string) {
		if !gjson.Valid(rec) {
			return
		}
		path, err := Path(field)
		if err != nil || indexesArrays(strings.Split(field, ".")) {
			return // Process gives such paths to gjson
		}
		want := gjson.Get(rec, path)
		start, end, ok := findString([]byte(rec), strings.Split(field, "."))
		if wantOK := want.Type == gjson.String && want.Index > 0; ok != wantOK {
			t.Fatalf("%q %q: found %v, gjson %v (%v)", rec, field, ok, wantOK, want.Raw)
		}
		if ok && rec[start:end] != want.Raw {
			t.Fatalf("%q %q: found %q, gjson %q", rec, field, rec[start:end], want.Raw)
		}
	})
}
