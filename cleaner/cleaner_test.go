package cleaner

import (
	"strings"
	"testing"
)

// filterCase is one table row: input, expected output and, for removals, the
// rule that must report it.
type filterCase struct {
	name string
	in   string
	want string
	rule string // rule ID expected in the removals; "" means no removal
}

func runCases(t *testing.T, cases []filterCase) {
	t.Helper()
	// The rules alone: the guard has tests of its own (guard_test.go).
	c, err := New(WithoutGuard())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got strings.Builder
			var removed []Removal
			if _, err := c.Clean(&got, strings.NewReader(tc.in), &Hooks{Removal: func(r Removal) { removed = append(removed, r) }}); err != nil {
				t.Fatal(err)
			}
			if got.String() != tc.want {
				t.Errorf("Clean(%q)\n got %q\nwant %q", tc.in, got.String(), tc.want)
			}
			switch {
			case tc.rule == "" && len(removed) > 0:
				t.Errorf("want no removal, got %+v", removed)
			case tc.rule != "" && (len(removed) == 0 || removed[0].Rule != tc.rule):
				t.Errorf("want removal by %s, got %+v", tc.rule, removed)
			}
		})
	}
}

func TestAdMarker(t *testing.T) {
	const a, b = "Pierwszy akapit.\n\n", "\n\nDrugi akapit.\n"
	const ab = "Pierwszy akapit.\n\nDrugi akapit.\n"
	runCases(t, []filterCase{
		// Removed.
		{"plain", a + "Reklama" + b, ab, "pl/ad-marker"},
		{"upper", a + "REKLAMA" + b, ab, "pl/ad-marker"},
		{"dashes", a + "- Reklama -" + b, ab, "pl/ad-marker"},
		{"brackets", a + "[Reklama]" + b, ab, "pl/ad-marker"},
		{"colon", a + "Reklama:" + b, ab, "pl/ad-marker"},
		{"stars and spaces", a + "  *** reklama ***  " + b, ab, "pl/ad-marker"},
		{"inside paragraph", "Linia pierwsza.\nReklama\nLinia druga.\n", "Linia pierwsza.\nLinia druga.\n", "pl/ad-marker"},
		{"english", a + "ADVERTISEMENT" + b, ab, "en/ad-marker"},
		{"german", a + "Anzeige" + b, ab, "de/ad-marker"},
		{"russian", a + "Реклама" + b, ab, "ru/ad-marker"},
		{"french", a + "Publicité" + b, ab, "fr/ad-marker"},
		{"spanish", a + "— PUBLICIDAD —" + b, ab, "es/ad-marker"},
		{"italian", a + "Pubblicità" + b, ab, "it/ad-marker"},
		{"nbsp around", a + "\u00a0Reklama\u00a0" + b, ab, "pl/ad-marker"},
		{"decomposed accent", a + "Publicite\u0301" + b, ab, "fr/ad-marker"},
		// Kept.
		{"prose", "Reklama telewizyjna kosztuje coraz więcej.\n", "Reklama telewizyjna kosztuje coraz więcej.\n", ""},
		{"word in sentence", "To była reklama.\n", "To była reklama.\n", ""},
		{"two words", "Kampania reklama\n", "Kampania reklama\n", ""},
		{"with number", "Reklama 2\n", "Reklama 2\n", ""},
		{"longer word", "Reklamacja\n", "Reklamacja\n", ""},
		{"plural prose", "Reklamy w telewizji\n", "Reklamy w telewizji\n", ""},
		{"english prose", "Advertisement spending rose.\n", "Advertisement spending rose.\n", ""},
		{"german prose", "Anzeige erstattet\n", "Anzeige erstattet\n", ""},
		{"quoted in sentence", "Napis \"Reklama\" zniknął.\n", "Napis \"Reklama\" zniknął.\n", ""},
		{"heading like", "Reklama i marketing\n", "Reklama i marketing\n", ""},
		{"hyphenated", "Reklama-dźwignia\n", "Reklama-dźwignia\n", ""},
	})
}

func TestTeaser(t *testing.T) {
	long := strings.Repeat("Długie zdanie artykułu o polityce. ", 5) // > maxWrapWidth
	runCases(t, []filterCase{
		// Removed.
		{"seed layout", "A.\n\nCzytaj więcej Służby: Szpieg zatrzymany. " + long + "\n\nB.\n", "A.\n\nB.\n", "pl/teaser"},
		{"upper colon", "A.\n\nCZYTAJ TAKŻE: Rząd przyjął projekt\n\nB.\n", "A.\n\nB.\n", "pl/teaser"},
		{"arrows", "A.\n\nZOBACZ TAKŻE >> Wybory 2023\n\nB.\n", "A.\n\nB.\n", "pl/teaser"},
		{"guillemet before", "A.\n\n» Czytaj też: Inflacja w marcu\n\nB.\n", "A.\n\nB.\n", "pl/teaser"},
		{"dash after", "A.\n\nPrzeczytaj również – Nowe przepisy\n\nB.\n", "A.\n\nB.\n", "pl/teaser"},
		{"alone", "A.\n\nCzytaj dalej\n\nB.\n", "A.\n\nB.\n", "pl/teaser"},
		{"polecamy colon", "A.\n\nPolecamy: Najlepsze filmy roku\n\nB.\n", "A.\n\nB.\n", "pl/teaser"},
		{"hard wrapped", "A.\n\nCzytaj także:\nRząd przyjął projekt ustawy\no podatkach\n\nB.\n", "A.\n\nB.\n", "pl/teaser"},
		{"one paragraph per line", long + "\nZobacz również: Inny tekst\n" + long + "\n", long[:len(long)-1] + "\n" + long[:len(long)-1] + "\n", "pl/teaser"},
		{"line layout short neighbours", "Akapit pierwszy.\nCzytaj też: Inny\nAkapit drugi.\n", "Akapit pierwszy.\nAkapit drugi.\n", "pl/teaser"},
		{"english", "A.\n\nRead more: Inflation hits record\n\nB.\n", "A.\n\nB.\n", "en/teaser"},
		{"german", "A.\n\nMehr zum Thema: Wahlen\n\nB.\n", "A.\n\nB.\n", "de/teaser"},
		{"czech", "A.\n\nČtěte také: Volby\n\nB.\n", "A.\n\nB.\n", "cs/teaser"},
		{"russian", "A.\n\nЧитайте также: Выборы\n\nB.\n", "A.\n\nB.\n", "ru/teaser"},
		{"related", "A.\n\nRelated: How the deal was made\n\nB.\n", "A.\n\nB.\n", "en/teaser"},
		// Kept.
		{"mid sentence", "Minister zachęcał: czytaj więcej książek.\n", "Minister zachęcał: czytaj więcej książek.\n", ""},
		{"polecamy prose", "Polecamy wszystkim lekturę raportu.\n", "Polecamy wszystkim lekturę raportu.\n", ""},
		{"zobacz comma", "Zobacz, jak wygląda nowy stadion.\n", "Zobacz, jak wygląda nowy stadion.\n", ""},
		{"longer verb", "Czytajmy więcej.\n", "Czytajmy więcej.\n", ""},
		{"zobaczył", "Zobaczył też swoich kolegów.\n", "Zobaczył też swoich kolegów.\n", ""},
		{"więcej na ten temat prose", "Więcej na ten temat mówi raport NIK.\n", "Więcej na ten temat mówi raport NIK.\n", ""},
		{"read more prose", "Read more books, the minister said.\n", "Read more books, the minister said.\n", ""},
		{"lesen prose", "Lesen Sie auch zwischen den Zeilen.\n", "Lesen Sie auch zwischen den Zeilen.\n", ""},
		{"second line of paragraph", "Premier mówił długo.\nZachęcał: Czytaj więcej.\n", "Premier mówił długo.\nZachęcał: Czytaj więcej.\n", ""},
		{"quote", "\"Czytajcie więcej\" - apelował.\n", "\"Czytajcie więcej\" - apelował.\n", ""},
		{"quoted phrase", "«Czytaj też» to nazwa rubryki.\n", "«Czytaj też» to nazwa rubryki.\n", ""},
		{"quoted russian", "«Читайте также» было написано.\n", "«Читайте также» было написано.\n", ""},
		// Precision: a teaser must never take the article lines after it.
		{"long lines after teaser stay", "Czytaj też: Inny\n" + long + "\n" + long + "\n", long[:len(long)-1] + "\n" + long[:len(long)-1] + "\n", "pl/teaser"},
		{"new sentence after teaser stays", "Czytaj też: X\nKrótki akapit.\n", "Krótki akapit.\n", "pl/teaser"},
		{"bare marker takes its headline only", "Wstęp.\nCZYTAJ TAKŻE:\nNagłówek innego tekstu\n" + long + "\n", "Wstęp.\n" + long[:len(long)-1] + "\n", "pl/teaser"},
		{"bare marker however long its decoration", "Wstęp.\nZOBACZ TAKŻE " + strings.Repeat(">", 80) + "\nNagłówek innego tekstu\n" + long + "\n", "Wstęp.\n" + long[:len(long)-1] + "\n", "pl/teaser"},
		{"bare marker above the article takes no headline", "CZYTAJ TAKŻE:\nNagłówek artykułu\n" + long + "\n", "Nagłówek artykułu\n" + long[:len(long)-1] + "\n", "pl/teaser"},
		{"wrapped teaser mid-block keeps lines after", "Akapit.\nCzytaj też: X\nciąg dalszy\n", "Akapit.\nciąg dalszy\n", "pl/teaser"},
		{"block too long to be a wrap", "Czytaj też: X\nl1\nl2\nl3\nl4\nl5\nl6\n", "l1\nl2\nl3\nl4\nl5\nl6\n", "pl/teaser"},
	})
}

func TestDateLine(t *testing.T) {
	// A date between the title and the lead is stray; between paragraphs,
	// followed by text, it would head them (see TestPrecisionClasses).
	const a, b = "Tytuł artykułu\n\n", "\n\nPierwszy akapit.\n"
	const ab = "Tytuł artykułu\n\nPierwszy akapit.\n"
	runCases(t, []filterCase{
		// Removed.
		{"dotted", a + "12.04.2022" + b, ab, "intl/date-line"},
		{"dotted time", a + "12.04.2022, 14:35" + b, ab, "intl/date-line"},
		{"iso time", a + "2022-04-12 14:35:00" + b, ab, "intl/date-line"},
		{"genitive", a + "12 kwietnia 2022" + b, ab, "pl/date-line"},
		{"genitive godz", a + "12 kwietnia 2022 r., godz. 14:35" + b, ab, "pl/date-line"},
		{"weekday", a + "wtorek, 12 kwietnia 2022" + b, ab, "pl/date-line"},
		{"opublikowano", a + "Opublikowano: 12.04.2022 14:35" + b, ab, "pl/date-line"},
		{"aktualizacja", a + "Aktualizacja: 12.04.2022" + b, ab, "pl/date-line"},
		{"publikacja", a + "Publikacja: 12 kwietnia 2022" + b, ab, "pl/date-line"},
		{"data dodania", a + "Data dodania: 2022-04-12" + b, ab, "pl/date-line"},
		{"published", a + "Published: April 12, 2022" + b, ab, "en/date-line"},
		{"updated zone", a + "Updated 14:35 CET" + b, ab, "en/date-line"},
		{"stand", a + "Stand: 12.04.2022" + b, ab, "de/date-line"},
		{"german month", a + "12. April 2022, 14:35 Uhr" + b, ab, "de/date-line"},
		{"nominative", a + "Kwiecień 2022" + b, ab, "pl/date-line"},
		{"inside paragraph", "Linia.\n12.04.2022\nDalej.\n", "Linia.\nDalej.\n", "intl/date-line"},
		// Kept.
		{"date opens sentence", "24 lutego wojska rosyjskie rozpoczęły inwazję na Ukrainę.\n", "24 lutego wojska rosyjskie rozpoczęły inwazję na Ukrainę.\n", ""},
		{"date ends sentence", "Spotkanie zaplanowano na 12.04.2022.\n", "Spotkanie zaplanowano na 12.04.2022.\n", ""},
		{"date and place", "Warszawa, 12 kwietnia 2022\n", "Warszawa, 12 kwietnia 2022\n", ""},
		{"day and month only", "12 kwietnia\n", "12 kwietnia\n", ""},
		{"bare year", "2022\n", "2022\n", ""},
		{"bare time", "14:35\n", "14:35\n", ""},
		{"score", "3:1\n", "3:1\n", ""},
		{"weekday alone", "Wtorek\n", "Wtorek\n", ""},
		{"impossible date", "32.13.2022\n", "32.13.2022\n", ""},
		{"unknown label", "Data wydarzenia: 12 kwietnia 2022\n", "Data wydarzenia: 12 kwietnia 2022\n", ""},
		{"english sentence", "On April 12, 2022 the talks began.\n", "On April 12, 2022 the talks began.\n", ""},
		{"phone number", "22 123 45 67\n", "22 123 45 67\n", ""},
		{"version", "Wersja 1.2.3\n", "Wersja 1.2.3\n", ""},
	})
}

func TestLeadingDate(t *testing.T) {
	runCases(t, []filterCase{
		// Removed.
		{"seed", " date 2022-04 Prezydenci Rosji.\n", "Prezydenci Rosji.\n", "intl/leading-date"},
		{"full date", "date 2022-04-12 Tekst.\n", "Tekst.\n", "intl/leading-date"},
		{"polish", "data 2022-04-12 Tekst.\n", "Tekst.\n", "intl/leading-date"},
		{"alone on line", "date 2022-04\nTekst.\n", "Tekst.\n", "intl/leading-date"},
		{"after blank lines", "\n\n date 2022-04 Tekst.\n", "Tekst.\n", "intl/leading-date"},
		{"nbsp after", "date 2022-04\u00a0Tekst.\n", "Tekst.\n", "intl/leading-date"},
		{"december", "date 2021-12 Tekst.\n", "Tekst.\n", "intl/leading-date"},
		{"only token", "date 2022-04-30", "", "intl/leading-date"},
		{"crlf", "date 2022-04 Tekst.\r\nDalej.\r\n", "Tekst.\nDalej.\n", "intl/leading-date"},
		{"bom first", "\ufeffdate 2022-04 Tekst.\n", "Tekst.\n", "intl/leading-date"},
		// Kept.
		{"inside line", "Prezydenci date 2022-04 Rosji.\n", "Prezydenci date 2022-04 Rosji.\n", ""},
		{"second line", "Tekst.\ndate 2022-04 Dalej.\n", "Tekst.\ndate 2022-04 Dalej.\n", ""},
		{"capital", "Data 2022-04-12 to wtorek.\n", "Data 2022-04-12 to wtorek.\n", ""},
		{"bad month", "date 2022-13 Tekst.\n", "date 2022-13 Tekst.\n", ""},
		{"glued", "date 2022-04-12x Tekst.\n", "date 2022-04-12x Tekst.\n", ""},
		{"plural", "dates 2022-04 Tekst.\n", "dates 2022-04 Tekst.\n", ""},
		{"no year", "date 04-12 Tekst.\n", "date 04-12 Tekst.\n", ""},
		{"short year", "date 22-04 Tekst.\n", "date 22-04 Tekst.\n", ""},
		{"later paragraph", "Tekst.\n\ndate 2022-04 Dalej.\n", "Tekst.\n\ndate 2022-04 Dalej.\n", ""},
		{"english word", "date night 2022-04\n", "date night 2022-04\n", ""},
	})
}

func TestTextModel(t *testing.T) {
	runCases(t, []filterCase{
		{"empty", "", "", ""},
		{"blank only", "\n \n\t\n\u00a0\n\u200b\n", "", ""},
		{"no final newline", "Tekst", "Tekst\n", ""},
		{"crlf", "A\r\nB\r\n\r\nC\r\n", "A\nB\n\nC\n", ""},
		{"lone cr", "A\rB\r\rC", "A\nB\n\nC\n", ""},
		{"mixed endings", "A\r\n\rB\n", "A\n\nB\n", ""},
		{"many blank lines", "A\n\n\n\n\nB\n\n\n", "A\n\nB\n", ""},
		{"trim and fold", "  A \t  b\u00a0\u00a0c  \n", "A b c\n", ""},
		{"lines stay lines", "krótka\nlinia\n", "krótka\nlinia\n", ""},
		{"zero width and soft hyphen", "ab\u200bc\u00adde\u2060f\n", "abcdef\n", ""},
		{"joiner kept", "👨\u200d👩\n", "👨\u200d👩\n", ""},
		{"nfc", "Zażo\u0301łć\n", "Zażółć\n", ""},
		{"invalid utf8", "a\xffb\n", "a\ufffdb\n", ""},
		{"blank of spaces between", "A\n   \nB\n", "A\n\nB\n", ""},
		{"ideographic space", "A\u3000B\n", "A B\n", ""},
	})
}

func TestDisable(t *testing.T) {
	in := "date 2022-04 A.\n\nReklama\n\n12.04.2022\n\nCzytaj też: X\n\nB\u00a0C\n"
	for _, tc := range []struct {
		disable []string
		want    string
	}{
		{nil, "A.\n\nB C\n"},
		{[]string{"ad-marker"}, "A.\n\nReklama\n\nB C\n"},
		// Czech and Slovak sites use the same word: their packs still claim it.
		{[]string{"pl/ad-marker"}, "A.\n\nB C\n"},
		{[]string{"pl/ad-marker", "cs/ad-marker", "sk/ad-marker"}, "A.\n\nReklama\n\nB C\n"},
		{[]string{"*/teaser"}, "A.\n\nCzytaj też: X\n\nB C\n"},
		{[]string{"date-line"}, "A.\n\n12.04.2022\n\nB C\n"},
		{[]string{"leading-date"}, "date 2022-04 A.\n\nB C\n"},
		{[]string{"intl/*", "pl/*"}, "date 2022-04 A.\n\n12.04.2022\n\nCzytaj też: X\n\nB C\n"},
		{[]string{"spaces"}, "A.\n\nB\u00a0C\n"},
	} {
		c, err := New(WithDisabled(tc.disable...))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.CleanString(in); got != tc.want {
			t.Errorf("disable %v: got %q, want %q", tc.disable, got, tc.want)
		}
	}
	if _, err := New(WithDisabled("no-such-rule")); err == nil {
		t.Error("an unknown ID must be an error")
	}
}

// A separator is written out as it came, so it must be one line of valid
// UTF-8.
func TestSeparatorMustBeOneValidLine(t *testing.T) {
	for _, sep := range []string{"a\nb", "\r", "\xff", "sep\xc5"} {
		if _, err := New(WithSeparator(sep)); err == nil {
			t.Errorf("WithSeparator(%q): no error", sep)
		}
	}
	for _, sep := range []string{"\f", "----", "§§ koniec §§"} {
		if _, err := New(WithSeparator(sep)); err != nil {
			t.Errorf("WithSeparator(%q): %v", sep, err)
		}
	}
}
