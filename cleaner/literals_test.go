package cleaner

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// The scanner finds exactly the literals strings.Contains finds.
func TestLiteralScanner(t *testing.T) {
	lits := []string{"foto", "fot.", "źródło", "pap", "ap", "komentarz", "he", "she", "his", "hers", "a"}
	var s literalScanner
	for _, l := range lits {
		s.id(l)
	}
	s.compile()
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"f", "o", "t", ".", "ź", "r", "ó", "d", "ł", "p", "a", "h", "e", "s", "i", " ", "k", "m", "n", "z"}
	for range 5000 {
		var b strings.Builder
		for range rng.Intn(40) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		line := b.String()
		found := make([]uint64, s.words)
		s.scan([]byte(line), found)
		for _, l := range lits {
			id := s.ids[l]
			got := found[id>>6]&(1<<(id&63)) != 0
			if want := strings.Contains(line, l); got != want {
				t.Fatalf("%q in %q: scanner says %v", l, line, got)
			}
		}
	}
}

func TestRunesUpTo(t *testing.T) {
	for _, s := range []string{"", "abc", "zażółć gęślą jaźń", "ЧИТАЙТЕ ТАКЖЕ", "日本語のテキスト", "😀x😀", "a\uFFFDb"} {
		n := utf8.RuneCountInString(s)
		for limit := 1; limit <= n+2; limit++ {
			if got, want := runesUpTo([]byte(s), limit), min(n, limit); got != want {
				t.Errorf("runesUpTo(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
	}
}
