package cleaner

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// containsFolded must answer as folding the whole haystack does.
func TestContainsFolded(t *testing.T) {
	tests := []struct {
		hay, needle string
		want        bool
	}{
		{"Reklamy w internecie to biznes", "rekla", true},
		{"REKLAMY w internecie", "rekla", true},
		{"Jest tu rEkLaMa.", "rekla", true},
		{"Nic o tym nie ma", "rekla", false},
		{"re kla", "rekla", false},
		{"Zażółć gęślą jaźń", "gęślą", true},
		{"ZAŻÓŁĆ GĘŚLĄ", "zażół", true},
		{"Sport i SPORT", "sport", true},
		{"\u212Aomentarze pod tekstem", "komen", true}, // Kelvin sign folds to k
		{"Kommentare zur Satzung", "komme", true},
		{"\u017Fport", "sport", true}, // long s folds to s
		{"\u0130stanbul", "i\u0307sta", true},
		{"Straße", "strass", true},
		{"STRASSE", "stras", true},
		{"ab", "abcde", false},
		{"", "a", false},
		{"cokolwiek", "", true},
		{"Łódź i okolice", "łódź", true},
		{"xxŁÓDŹ", "łódź", true},
	}
	f := newFolder()
	for _, tt := range tests {
		ref := bytes.Contains(newFolder().fold([]byte(tt.hay)), []byte(tt.needle))
		if ref != tt.want {
			t.Fatalf("bad case %q in %q: folding the whole says %v", tt.needle, tt.hay, ref)
		}
		if got := containsFolded([]byte(tt.hay), []byte(tt.needle), f); got != tt.want {
			t.Errorf("containsFolded(%q, %q) = %v, want %v", tt.hay, tt.needle, got, tt.want)
		}
	}
}

// TestLettersFromFolds folds every non-ASCII rune: the ASCII letters the
// foldings hold are lettersFromFolds.
func TestLettersFromFolds(t *testing.T) {
	f := newFolder()
	var got uint32
	for r := rune(utf8.RuneSelf); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		for _, c := range f.fold(utf8.AppendRune(nil, r)) {
			if 'a' <= c && c <= 'z' {
				got |= 1 << (c - 'a')
			}
		}
	}
	if got != lettersFromFolds {
		t.Errorf("the foldings of non-ASCII runes hold the letters %026b (z…a), lettersFromFolds says %026b", got, uint32(lettersFromFolds))
	}
}

func FuzzContainsFolded(f *testing.F) {
	f.Add("Reklamy w internecie", "rekla")
	f.Add("\u212Aomentarz ŁÓDŹ", "łódź")
	f.Fuzz(func(t *testing.T, hay, needle string) {
		fo := newFolder()
		folded := append([]byte(nil), fo.fold([]byte(needle))...)
		want := bytes.Contains(fo.fold([]byte(hay)), folded)
		if got := containsFolded([]byte(hay), folded, fo); got != want {
			t.Errorf("containsFolded(%q, %q) = %v, folding the whole says %v", hay, folded, got, want)
		}
	})
}

// TestPrefixLen: a cut leaves out only the rune it would split.
func TestPrefixLen(t *testing.T) {
	for _, tt := range []struct {
		t    string
		n    int
		want int
	}{
		{"abc", 5, 3},
		{"abcd", 2, 2},
		{"ąb", 1, 0},            // inside ą
		{"aąb", 2, 1},           // inside ą
		{"aąb", 3, 3},           // after ą
		{"a\xb1\xb1\xb1", 2, 2}, // stray continuation bytes
		{"\xb1\xb1\xb1\xb1\xb1", 4, 4},
		{"€x", 2, 0},        // inside a three-byte rune
		{"\xe2\x82x", 2, 2}, // a cut-short sequence is invalid bytes
	} {
		if got := prefixLen([]byte(tt.t), tt.n); got != tt.want {
			t.Errorf("prefixLen(%q, %d) = %d, want %d", tt.t, tt.n, got, tt.want)
		}
	}
}
