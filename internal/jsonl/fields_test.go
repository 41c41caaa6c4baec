package jsonl

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/artclean/artclean/cleaner"
)

// bothWays runs f with short fields decoded whole, as Process does, and
// with every field decoded as the cleaner reads it, as long ones are.
func bothWays(t *testing.T, f func(t *testing.T)) {
	t.Run("decoded", f)
	defer func(n int) { maxDecoded = n }(maxDecoded)
	maxDecoded = -1
	t.Run("streamed", f)
}

func process(t *testing.T, opts Options, in string) (string, Stats) {
	t.Helper()
	p := newProcessor(t, opts)
	var out bytes.Buffer
	st, err := p.Process(&out, strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), st
}

// A record the cleaning leaves as it was comes out byte for byte as it
// came, whatever its escapes: json.dumps writes \uXXXX for every non-ASCII
// character, PHP \/ for every slash too.
func TestUnchangedRecordsByteIdentical(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			fields []string
			rec    string
		}{
			{"json.dumps", nil, `{"id": 1, "text": "Zdanie \u0142\u0105cz\u0105ce \/ koniec \ud83d\ude00.", "url": "https:\/\/example.pl\/a"}`},
			{"needless escapes", nil, `{"text":"Tab here \"q\" back\\slash \u0041\u0062c \u00e9t\u00E9 \/."}`},
			{"utf-8", nil, `{"text":"Zwykły tekst z ąę i \"cytatem\".\nDrugi akapit.","n":1.50e+10}`},
			{"two fields", []string{"title", "/text"}, `{"title":"Tytu\u0142","text":"Tre\u015b\u0107.\n\nDalej \/ koniec."}`},
			{"crlf", nil, `{"text":"Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144."}` + "\r"},
			{"empty", nil, `{"text":""}`},
		} {
			for _, in := range []string{tc.rec + "\n", tc.rec} {
				out, st := process(t, Options{Fields: tc.fields}, in)
				if out != in {
					t.Errorf("%s: changed\n got %q\nwant %q", tc.name, out, in)
				}
				if st.Cleaned != 1 || st.Changed != 0 {
					t.Errorf("%s: stats %+v", tc.name, st)
				}
			}
		}
	})
}

// When the cleaning changes a field, only that field changes, and what it
// writes is escaped as the record was: an ASCII-only record stays
// ASCII-only (surrogate pairs beyond the BMP), an escaped slash stays
// escaped.
func TestChangedFieldKeepsEscaping(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		for _, tc := range []struct{ name, in, want string }{
			// The lines after the removed one keep their bytes.
			{"json.dumps",
				`{"title":"Reklama","text":"Reklama\nZa\u017c\u00f3\u0142\u0107 \/ g\u0119\u015bl\u0105 \ud83d\ude00 ja\u017a\u0144.","other":"\u00e9\/"}`,
				`{"title":"Reklama","text":"Za\u017c\u00f3\u0142\u0107 \/ g\u0119\u015bl\u0105 \ud83d\ude00 ja\u017a\u0144.","other":"\u00e9\/"}`},
			// The start that stays keeps its bytes.
			{"json.dumps tail", `{"text":"Zdanie \u0142\u0105cz\u0105ce \/ koniec.\nReklama","other":"\u0105"}`,
				`{"text":"Zdanie \u0142\u0105cz\u0105ce \/ koniec.","other":"\u0105"}`},
			// Mojibake repaired into characters the record escapes.
			{"repaired", `{"text":"Pi\u00c5\u201ae zdanie o \u00c5\u201aodzi i zaj\u00c4\u2122ciach."}`,
				`{"text":"Pi\u0142e zdanie o \u0142odzi i zaj\u0119ciach."}`},
			// A UTF-8 record gets UTF-8 where a line changed.
			{"utf-8", `{"text":"Reklama\nPi\u00c5\u201ae zdanie o \u00c5\u201aodzi \u0142 \ud83d\ude00 Łódź."}`, `{"text":"Piłe zdanie o łodzi ł 😀 Łódź."}`},
			{"no slash escapes", `{"text":"Reklama\nA\/B","url":"a/b"}`, `{"text":"A\/B","url":"a/b"}`},
			{"bare slashes", `{"text":"Reklama\nA/B \u0142","url":"a\/b"}`, `{"text":"A/B \u0142","url":"a\/b"}`},
		} {
			out, st := process(t, Options{}, tc.in+"\n")
			if out != tc.want+"\n" {
				t.Errorf("%s:\n got %s\nwant %s", tc.name, out, tc.want)
			}
			if st.Changed != 1 || st.Fields[0].Changed != 1 {
				t.Errorf("%s: stats %+v", tc.name, st)
			}
		}
	})
}

// A record without a field as a string is told to OnFieldMissing, with
// why, and counted per field; a field no record has shows in Stats.
func TestFieldMissingReported(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		in := strings.Join([]string{
			`{"text":"A.","title":"T"}`,
			`{"text":"B."}`,
			`{"title":5,"text":null}`,
			`{"text":["a"],"title":{"x":1}}`,
			`{"text":true,"title":"Reklama"}`,
			`not json`,
			``,
			`{"meta":"x","text":"C."}`,
		}, "\n") + "\n"
		var got []string
		var noString []int
		out, st := process(t, Options{
			Fields:         []string{"text", "title", "meta.body"},
			OnFieldMissing: func(line int, field, reason string) { got = append(got, fmt.Sprintf("%d %s %s", line, field, reason)) },
			OnNoString:     func(line int) { noString = append(noString, line) },
		}, in)
		want := []string{
			"1 meta.body missing",
			"2 title missing", "2 meta.body missing",
			"3 text null", "3 title number", "3 meta.body missing",
			"4 text array", "4 title object", "4 meta.body missing",
			"5 text boolean", "5 meta.body missing",
			"8 title missing", "8 meta.body missing",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("OnFieldMissing calls\n%q\nwant\n%q", got, want)
		}
		if !reflect.DeepEqual(noString, []int{3, 4}) {
			t.Errorf("OnNoString lines %v, want [3 4]", noString)
		}
		wantFields := []FieldStats{
			{Field: "text", Strings: 3, Missing: 0, NotString: 3},
			{Field: "title", Strings: 2, Changed: 1, Missing: 2, NotString: 2},
			{Field: "meta.body", Missing: 6},
		}
		if !reflect.DeepEqual(st.Fields, wantFields) {
			t.Errorf("field stats\n%+v\nwant\n%+v", st.Fields, wantFields)
		}
		if st.Records != 7 || st.NoField != 2 || st.Invalid != 1 || st.Changed != 1 {
			t.Errorf("stats %+v", st)
		}
		if !strings.Contains(out, `{"text":true,"title":""}`) {
			t.Errorf("output %s", out)
		}
	})
}

// Field paths: dotted, or JSON Pointers for names with dots, slashes or
// tildes; array indexes; the last of duplicate keys.
func TestFieldPaths(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		rec := `{"meta.v2":{"text":"Reklama\nA."},"meta":{"v2":{"text":"Reklama\nB."}},"a/b":"Reklama\nC.","c~d":"Reklama\nD.",` +
			`"items":[{"text":"Reklama\nE."},{"text":"Reklama\nF."}],"":"Reklama\nG.",` +
			`"dup":"Reklama\nH.","dup":"Reklama\nI.","nest":{"text":"Reklama\nJ."},"nest":{"text":"Reklama\nK."}}` + "\n"
		for _, tc := range []struct {
			fields []string
			clean  []string // the letters whose text is cleaned
		}{
			{[]string{"/meta.v2/text"}, []string{"A"}},
			{[]string{"meta.v2.text"}, []string{"B"}},
			{[]string{"/meta/v2/text"}, []string{"B"}},
			{[]string{"/a~1b", "/c~0d"}, []string{"C", "D"}},
			{[]string{"items.1.text"}, []string{"F"}},
			{[]string{"/items/0/text", "/"}, []string{"E", "G"}},
			{[]string{"dup"}, []string{"I"}},
			{[]string{"nest.text"}, []string{"K"}},
			{[]string{"/nest/text", "dup"}, []string{"I", "K"}},
		} {
			out, st := process(t, Options{Fields: tc.fields}, rec)
			want := rec
			for _, l := range tc.clean {
				want = strings.Replace(want, `"Reklama\n`+l+`."`, `"`+l+`."`, 1)
			}
			if out != want {
				t.Errorf("%q:\n got %s\nwant %s", tc.fields, out, want)
			}
			if st.Changed != 1 {
				t.Errorf("%q: stats %+v", tc.fields, st)
			}
		}
		c, _ := cleaner.New(cleaner.WithoutGuard())
		for _, f := range []string{"/a~2", "/a~", "a..b", ""} {
			if _, err := New(c, Options{Fields: []string{f}}); err == nil {
				t.Errorf("field %q accepted", f)
			}
		}
		for f, want := range map[string]string{"/a.b/c": `a\.b.c`, "a.b": "a.b", "/x~1y/~0": `x\/y.\~`} {
			if got, err := Path(f); err != nil || got != want {
				t.Errorf("Path(%q) = %q, %v; want %q", f, got, err, want)
			}
		}
	})
}
