package cleaner

import (
	"bufio"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// mangle returns what UTF-8 text s looks like after it was read as cm and
// written back as UTF-8.
func mangle(t testing.TB, cm *charmap.Charmap, s string) string {
	t.Helper()
	b, err := cm.NewDecoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mangleC1 is mangle with a decoder that, like WHATWG's ISO-8859-2 and
// most others, reads the bytes 0x80–0x9F as C1 controls (x/text's
// ISO8859_2 gives U+FFFD).
func mangleC1(cm *charmap.Charmap, s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 && c < 0xA0 {
			b.WriteRune(rune(c))
		} else {
			b.WriteRune(cm.DecodeByte(c))
		}
	}
	return b.String()
}

// mojibakeSamples are clean lines whose mangling via the charmap loses no
// byte (see TestMojibakeLossy for those that do).
var mojibakeSamples = []struct {
	cm   *charmap.Charmap
	text string
}{
	{charmap.Windows1250, "Zażółć gęślą jaźń."},
	{charmap.Windows1250, "Wczoraj w Białymstoku odbyło się spotkanie mieszkańców z prezydentem miasta."},
	{charmap.Windows1250, "ŻYCIE W MIEŚCIE – RELACJA Z KRAKOWA I ŚWINOUJŚCIA"},
	{charmap.Windows1250, "„To sprawa naszej tożsamości” – mówi jeden z autorów petycji."},
	{charmap.Windows1250, "Vláda dnes schválila návrh zákona o stavebním řízení."},
	{charmap.Windows1250, "ČESKÝ ROZHLAS: ŽIVĚ Z PRAHY"},
	{charmap.Windows1250, "Šťastný řidič čeká už třetí týden na opravu silnice u Žďáru."},
	{charmap.Windows1250, "Die Bürger in München mögen große Straßen und „grüne“ Äpfel."},
	{charmap.Windows1250, "Привет, мир! Добрый день."},
	{charmap.Windows1250, "Mestské zastupiteľstvo schválilo rozpočet; ďalšie investície závisia od štátu."},
	{charmap.Windows1252, "Zażółć gęślą jaźń."},
	{charmap.Windows1252, "Był sobie raz kot, który mówił po francusku – à la française."},
	{charmap.Windows1252, "L'été dernier, à Paris, les élèves ont découvert le théâtre français."},
	{charmap.Windows1252, "« Ça commence ! » a-t-il déclaré, très ému."},
	{charmap.Windows1252, "Die Bürger in München mögen große Straßen und „grüne“ Äpfel."},
	{charmap.Windows1252, "Straße, Größe, Übermut — Öl für 5 €."},
	{charmap.Windows1252, "Příliš řeší."},
	{charmap.Windows1252, "Добрый день, дорогой друг! Привет, мир."},
	{charmap.Windows1252, "ґанок і двір"},
	{charmap.Windows1252, "Świetny dzień 😀 i 10\u00a0000 zł ™"},
	{charmap.Windows1252, "\ufeffPierwsza linia z BOM"},
	{charmap.Windows1252, "Cena: 10\u00a0000 zł, rabat ½, temperatura 20°C, § 5."},
}

// mojibakeSamplesC1 are mangled with mangleC1.
var mojibakeSamplesC1 = []struct {
	cm   *charmap.Charmap
	text string
}{
	{charmap.ISO8859_2, "Zażółć gęślą jaźń, Kraków."},
	{charmap.ISO8859_2, "Šťastný řidič, žluťoučký kůň."},
	{charmap.ISO8859_1, "Die Bürger in München mögen große Straßen. Ágnes, Íñigo, Ýr."},
}

func TestMojibakeRepair(t *testing.T) {
	for _, c := range mojibakeSamples {
		bad := mangle(t, c.cm, c.text)
		if strings.ContainsRune(bad, utf8.RuneError) {
			t.Fatalf("sample %q loses bytes in %v", c.text, c.cm)
		}
		if bad == c.text {
			t.Fatalf("sample %q does not change in %v", c.text, c.cm)
		}
		got, ok := repairMojibake([]byte(bad))
		if !ok || string(got) != c.text {
			t.Errorf("%v: repair(%q) = %q, %v; want %q", c.cm, bad, got, ok, c.text)
		}
	}
	for _, c := range mojibakeSamplesC1 {
		bad := mangleC1(c.cm, c.text)
		got, ok := repairMojibake([]byte(bad))
		if !ok || string(got) != c.text {
			t.Errorf("%v with C1: repair(%q) = %q, %v; want %q", c.cm, bad, got, ok, c.text)
		}
	}
}

func TestMojibakeExamples(t *testing.T) {
	cases := []struct{ in, want string }{
		{"KrakĂłw", "Kraków"},
		{"BiaĹ‚ystok", "Białystok"},
		{"wiÄ…zaÄ‡", "wiązać"},
		{"Ĺ›wiat", "świat"},
		{"cafĂ© au lait", "café au lait"},
		{"â€žCzeĹ›Ä‡â€ť â€” powiedziaĹ‚", "„Cześć” — powiedział"},
		{"GdaÅ„sk i KrakÃ³w", "Gdańsk i Kraków"},
		{"Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет"},
		{"ï»¿Tytuł", "\ufeffTytuł"},
		// Double mojibake: UTF-8 read as windows-1252 twice.
		{"KrakÃƒÂ³w i GdaÃ…â€žsk", "Kraków i Gdańsk"},
		// A clean part and a mangled part on one line.
		{"Zażółć gęślą jaźń — ZaĹĽĂłĹ‚Ä‡ gÄ™Ĺ›lÄ… jaĹşĹ„", "Zażółć gęślą jaźń — Zażółć gęślą jaźń"},
		// Invalid UTF-8 stays as it is around a repair.
		{"\xffKrakĂłw\xfe", "\xffKraków\xfe"},
		// ISO-8859-1-style mangling: C1 controls for 0x80–0x9F.
		{"Ã\u0081gnes", "Ágnes"},
	}
	for _, c := range cases {
		got, ok := repairMojibake([]byte(c.in))
		if !ok || string(got) != c.want {
			t.Errorf("repair(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

// TestMojibakeLossy: a byte windows-1252 does not define came out as
// U+FFFD; that run cannot be repaired unambiguously and stays.
func TestMojibakeLossy(t *testing.T) {
	bad := mangle(t, charmap.Windows1252, "Łódź") // Ł is C5 81
	got, ok := repairMojibake([]byte(bad))
	if !ok || string(got) != "Å\uFFFDódź" {
		t.Errorf("repair(%q) = %q, %v", bad, got, ok)
	}
}

// mojibakeClean are clean lines, many with the very characters mojibake
// is made of, that the repair must leave alone.
var mojibakeClean = []string{
	"",
	"Plain ASCII text, nothing to see here.",
	"Zażółć gęślą jaźń.",
	"PÓŁ ROKU PÓŹNIEJ: ŻÓŁTY NÓŻ, ÓŚMY DZIEŃ, GÓŚ, PAŃŚTWO, SŁOŃ",
	"Ósmy, Ąę, ĆŚ, ŃŻ, ŹŁ, Ńś — wielkie litery obok siebie.",
	"PŘÍLIŠ ŽLUŤOUČKÝ KŮŇ ÚPĚL ĎÁBELSKÉ ÓDY; ČÁST, ŇADRA, ĎOLÍK",
	"Příliš žluťoučký kůň úpěl ďábelské ódy.",
	"ĽUDIA, ĹADOVÝ, ŔEKA, Ä, mäso, ôsmy",
	"Straße, Größe, ÄRGER, „Grüße“ – Öl, „NÄ“ und „HYVÄ” …",
	"„Gruß“, sagte er. »Maß« und «Fuß»",
	"L’été à Paris : « Ça va ? » — CHÂTEAU, Âge, pâte, château, âne",
	"SÃO PAULO, NÃO, Ação, ÃÕ, Coração…",
	"Ñandú, AÑO, señor, ¿qué? ¡Olé! NIÑO”",
	"Ålesund, Århus, Øresund, blåbærsyltetøy, ”PÅ” och ”SÅ”",
	"Ðiðrik, Þór, „Það“, ÐÓ, ð",
	"ĂSTA, Ţară, Împăratul Ştefan, CĂȘI, MĂŞTI, ÎNTÂI",
	"Привет, мир! — «Ёлка» № 5, Ñ…",
	"Ґанок, їжак, єдність, Київ",
	"Győr, ŐSZ, ÜTŐ, Ő",
	"Cena 5 € • 10 °C ± 2 © 2024 ™ ½ ¼ ¾ § 12",
	"Đà Nẵng, ĐŠ, Đuro, Ńa",
	"Ελλάδα, 日本語, 😀, 🇵🇱",
	"Â, Ã, Ä, Å, Ă, Ĺ, â, ï, ð — same letters, alone.",
	"ÄÖÜ ÅÄÖ ÃÕ ĂÂÎ",
	"Ä… Å” Â’ Ã– — a capital and punctuation, spaced: Ä …",
	"naïve, Noël, Zoë, coöperate, ﬁ ligature",
}

func TestMojibakeCleanUntouched(t *testing.T) {
	for _, s := range mojibakeClean {
		got, ok := repairMojibake([]byte(s))
		if ok || string(got) != s {
			t.Errorf("clean line changed: %q → %q", s, got)
		}
	}
}

// TestMojibakeWeakAlone: a capital and closing punctuation at the end of a
// word is mojibake only with clearer evidence on the same line.
func TestMojibakeWeakAlone(t *testing.T) {
	for _, s := range []string{"Ä…", "„HYVÄ”", "NÃ” ", "Ð²", "ĐŠ", "WIĘCEJ: Ä…"} {
		if got, ok := repairMojibake([]byte(s)); ok {
			t.Errorf("weak run repaired alone: %q → %q", s, got)
		}
	}
	for in, want := range map[string]string{
		"Ä… w KrakĂłw": "ą w Kraków", // with a strong run
		"sÄ…":          "są",         // after a small letter
	} {
		if got, _ := repairMojibake([]byte(in)); string(got) != want {
			t.Errorf("repair(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMojibakeIdempotent(t *testing.T) {
	var all []string
	all = append(all, mojibakeClean...)
	for _, c := range mojibakeSamples {
		all = append(all, c.text, mangle(t, c.cm, c.text), mangle(t, charmap.Windows1252, mangle(t, c.cm, c.text)))
	}
	for _, c := range mojibakeSamplesC1 {
		all = append(all, mangleC1(c.cm, c.text), mangleC1(charmap.ISO8859_1, mangleC1(c.cm, c.text)))
	}
	for _, s := range all {
		once, _ := repairMojibake([]byte(s))
		twice, ok := repairMojibake(once)
		if ok || string(twice) != string(once) {
			t.Errorf("not idempotent: %q → %q → %q", s, once, twice)
		}
	}
}

// TestMojibakeDictionaries runs the repair over every word of spelling
// dictionaries (Debian packages wpolish, wngerman, wfrench, wspanish,
// hunspell-cs, -sk, -hu, -ru, -uk) in several shapes: it must change none,
// and repair nearly all of them once mangled. It takes about a minute, so
// it runs only with ARTCLEAN_DICTS=1.
func TestMojibakeDictionaries(t *testing.T) {
	if os.Getenv("ARTCLEAN_DICTS") == "" {
		t.Skip("set ARTCLEAN_DICTS=1 to run")
	}
	files := []string{
		"/usr/share/dict/polish", "/usr/share/dict/ngerman", "/usr/share/dict/french", "/usr/share/dict/spanish",
		"/usr/share/hunspell/cs_CZ.dic", "/usr/share/hunspell/sk_SK.dic", "/usr/share/hunspell/hu_HU.dic",
		"/usr/share/hunspell/ru_RU.dic", "/usr/share/hunspell/uk_UA.dic",
	}
	var clean, changed, mangled, repaired int
	prev := ""
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w, _, _ := strings.Cut(strings.TrimSpace(sc.Text()), "/")
			if w == "" || !utf8.ValidString(w) {
				continue
			}
			up := strings.ToUpper(w)
			title := []rune(w)
			title[0] = unicode.ToUpper(title[0])
			for _, s := range []string{w, up, string(title), "„" + up + "”", "«" + up + "»", up + "… " + strings.ToUpper(prev),
				up + strings.ToUpper(prev), w + "—" + prev, "\u00a0" + up + "\u00a0"} {
				clean++
				if out, ok := repairMojibake([]byte(s)); ok {
					if changed++; changed <= 20 {
						t.Errorf("%s: clean %q → %q", name, s, out)
					}
				}
			}
			for _, cm := range []*charmap.Charmap{charmap.Windows1250, charmap.Windows1252} {
				for _, s := range []string{w, up, w + " " + prev} {
					bad := mangle(t, cm, s)
					if bad == s || strings.ContainsRune(bad, utf8.RuneError) {
						continue
					}
					mangled++
					if out, _ := repairMojibake([]byte(bad)); string(out) == s {
						repaired++
					}
				}
			}
			prev = w
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("clean lines changed: %d of %d; mangled lines repaired: %d of %d", changed, clean, repaired, mangled)
	if repaired*100 < mangled*97 {
		t.Errorf("repaired only %d of %d", repaired, mangled)
	}
}

func FuzzMojibake(f *testing.F) {
	for _, s := range mojibakeClean {
		f.Add(s)
	}
	for _, c := range mojibakeSamples {
		f.Add(mangle(f, c.cm, c.text))
	}
	for _, c := range mojibakeSamplesC1 {
		f.Add(mangleC1(c.cm, c.text))
	}
	f.Add("KrakÃƒÂ³w i GdaÃ…â€žsk")
	f.Add("Ä…Ä…Ä…\xffÄ")
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := repairMojibake([]byte(s))
		if utf8.ValidString(s) && !utf8.Valid(out) {
			t.Fatalf("invalid UTF-8 from %q: %q", s, out)
		}
		if !ok && string(out) != s {
			t.Fatalf("changed without ok: %q → %q", s, out)
		}
		if ok && len(out) >= len(s) {
			t.Fatalf("repair did not shrink: %q → %q", s, out)
		}
		again, ok2 := repairMojibake(out)
		if ok2 || string(again) != string(out) {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
		}
	})
}

var benchSink []byte

func BenchmarkRepairMojibakeClean(b *testing.B) {
	lines := [][]byte{
		[]byte("The quick brown fox jumps over the lazy dog, again and again, until the sun goes down."),
		[]byte("Wczoraj wieczorem w Krakowie odbyło się spotkanie mieszkańców z przedstawicielami urzędu miasta."),
		[]byte("Příliš žluťoučký kůň úpěl ďábelské ódy; vláda dnes schválila návrh zákona."),
		[]byte("Die Bürger in München mögen große Straßen und „grüne“ Äpfel, sagte die Ministerin."),
		[]byte("В среду правительство объявило о новых мерах поддержки малого бизнеса."),
	}
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			benchSink, _ = repairMojibake(l)
		}
	}
}

func BenchmarkRepairMojibakeMangled(b *testing.B) {
	line := []byte(mangle(b, charmap.Windows1250, "Wczoraj wieczorem w Krakowie odbyło się spotkanie mieszkańców z przedstawicielami urzędu miasta."))
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		benchSink, _ = repairMojibake(line)
	}
}

// The word-at-a-time pre-check agrees with trying every position.
func TestMayHaveMojibakeMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("a \xc3\xc4\xc5\x82\x84\x85\x99\xb3\xe2\x80\x9e")
	for range 200000 {
		s := make([]byte, r.IntN(40))
		for i := range s {
			s[i] = alphabet[r.IntN(len(alphabet))]
		}
		want := false
		for j := range s {
			want = want || s[j]-0xC3 < 3 && mojiAt(s, j)
		}
		if got := mayHaveMojibake(s); got != want {
			t.Fatalf("%q: got %v, want %v", s, got, want)
		}
	}
}

// mojiLead is the set of the characters the charmaps read a lead byte (as
// isMojiLead takes them) as, each a bit of its two UTF-8 bytes.
func TestMojiLead(t *testing.T) {
	var want [3]uint64
	for _, m := range mojiMaps() {
		for l := range 256 {
			if !isMojiLead(byte(l)) {
				continue
			}
			var b [utf8.UTFMax]byte
			n := utf8.EncodeRune(b[:], m.dec[l])
			if n != 2 || b[0] < 0xC3 || b[0] > 0xC5 {
				t.Fatalf("lead byte %#x reads as %q, not a character of UTF-8 0xC3–0xC5", l, m.dec[l])
			}
			want[b[0]-0xC3] |= 1 << (b[1] & 0x3F)
		}
	}
	if mojiLead != want {
		t.Errorf("mojiLead = %#016x, the charmaps give %#016x", mojiLead, want)
	}
}
