package learn

import (
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // pieces joined by " | ", a fragment marked ~
	}{
		{"Pierwsze zdanie. Drugie zdanie! Trzecie? Czwarte…", "Pierwsze zdanie. | Drugie zdanie! | Trzecie? | Czwarte…"},
		{"Spotkanie na ul. Marszałkowskiej odbyło się o godz. 12. Potem wyjechał.", "Spotkanie na ul. Marszałkowskiej odbyło się o godz. 12. Potem wyjechał."},
		{"Prezes Jan K. Nowak i prof. Anna Kowalska, m.in. Ewa. Dalej.", "Prezes Jan K. Nowak i prof. Anna Kowalska, m.in. Ewa. | Dalej."},
		{"Obchody 15. rocznicy. W 2023 r. Rząd", "Obchody 15. rocznicy. | W 2023 r. Rząd~"},
		{"Kurs wyniósł 4.35 zł. Strona gazeta.pl działa.", "Kurs wyniósł 4.35 zł. | Strona gazeta.pl działa."},
		{"Powiedział: „To koniec.” Wyszedł. (Foto: PAP.) Koniec", "Powiedział: „To koniec.” | Wyszedł. | (Foto: PAP.) | Koniec~"},
		{"Co? nie wiem. ZOBACZ: Pożar hali. Więcej...", "Co? nie wiem. | ZOBACZ: Pożar hali. | Więcej..."},
		{"Masz newsa?! Napisz do nas.", "Masz newsa?! | Napisz do nas."},
		{"1. FC Köln gewann. Dr. Müller jubelte.", "1. FC Köln gewann. | Dr. Müller jubelte."},
	} {
		var parts []string
		for _, s := range splitSentences(tc.in, false) {
			p := s.text
			if !s.whole {
				p += "~"
			}
			parts = append(parts, p)
		}
		if got := strings.Join(parts, " | "); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
	// A line that continues a wrapped sentence starts with a fragment.
	if s := splitSentences("dalszy ciąg. Nowe zdanie.", true); len(s) != 2 || s[0].whole || !s[1].whole {
		t.Errorf("continued line: %+v", s)
	}
}

// normKey is the hash of Normalize's string, and counts its words, without
// building it.
func TestNormKey(t *testing.T) {
	for _, s := range []string{
		"", "...", "  Zobacz galerię (12 zdjęć)  ", "--- Udostępnij   artykuł! ---", "Copyright © 2022",
		"a1b22", "1 2 3", "ZAŻÓŁĆ gęślą JAŹŃ", "İstanbul ǅemal", "bad \xff utf8", "x\u0301y", "Byłeś świadkiem? Wyślij.",
	} {
		norm := Normalize(s)
		for _, prefix := range []string{"", "\x00"} {
			key, words := normKey(prefix, s)
			if want := hash(prefix + norm); key != want {
				t.Errorf("normKey(%q, %q) = %x, want hash of %q = %x", prefix, s, key, prefix+norm, want)
			}
			if want := len(strings.Fields(norm)); words != want {
				t.Errorf("normKey(%q): %d words, want %d (%q)", s, words, want, norm)
			}
		}
	}
}
