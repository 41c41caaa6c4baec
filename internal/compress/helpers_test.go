package compress

import (
	"bytes"
	"math/rand/v2"
	"strconv"
)

// vocabulary is 8000 made-up words of Polish-looking syllables; genText
// draws from it with a Zipf distribution, as words occur in real text, so
// that the text compresses about as real articles do (to about a third
// with gzip, at the usual speeds), neither to nothing nor not at all.
var vocabulary = func() []string {
	onsets := []string{"", "b", "c", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "w", "z",
		"ch", "cz", "dz", "rz", "sz", "prz", "st", "tr", "kr", "gł", "św", "zw", "ż", "ś", "ł"}
	vowels := []string{"a", "e", "i", "o", "u", "y", "ą", "ę", "ó", "ie", "ia", "io"}
	codas := []string{"", "", "", "n", "m", "k", "r", "ł", "s", "ść", "ch", "j"}
	rng := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	var out []string
	for _, w := range []string{"i", "w", "na", "z", "że", "się", "nie", "do", "to", "jest", "o", "a", "od", "po"} {
		seen[w] = true
		out = append(out, w)
	}
	for len(out) < 8000 {
		var b []byte
		for n := 1 + rng.IntN(3) + rng.IntN(2); n > 0; n-- {
			b = append(b, onsets[rng.IntN(len(onsets))]...)
			b = append(b, vowels[rng.IntN(len(vowels))]...)
			b = append(b, codas[rng.IntN(len(codas))]...)
		}
		if w := string(b); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}()

// genText returns n bytes of article-like text, the same for a seed:
// sentences of Zipf-distributed words, numbers, paragraphs.
func genText(n int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocabulary)-1))
	var b bytes.Buffer
	b.Grow(n + 200)
	for b.Len() < n {
		for s := 1 + rng.IntN(6); s > 0; s-- {
			for i, k := 0, 4+rng.IntN(14); i < k; i++ {
				if i > 0 {
					b.WriteByte(' ')
				}
				if rng.IntN(40) == 0 {
					b.WriteString(strconv.Itoa(rng.IntN(100000)))
				} else {
					b.WriteString(vocabulary[zipf.Uint64()])
				}
			}
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	return b.Bytes()[:n]
}
