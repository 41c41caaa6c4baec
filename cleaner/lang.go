package cleaner

import (
	"embed"
	"io/fs"
	"math/bits"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Each built-in language pack has a list of stop words (rules/LANG.stop):
// the function words that make up much of any text in that language. A
// document's language is the pack whose stop words it uses most, clearly
// more than any other's; then only that pack's rules (and the neutral and
// the user's own) apply to it, so that a German date rule never reads an
// English heading. A text too short or too mixed to tell gets every pack.
//
//go:embed rules/*.stop
var stopFS embed.FS

const (
	// detectBytes is how much of a document's start is read to tell its
	// language: enough for a few dozen stop words.
	detectBytes = 1 << 10
	// minStopHits is the fewest stop words of the winning language.
	minStopHits = 5
	// maxStopWord bounds a stop word's length in bytes: a longer word is
	// not looked up.
	maxStopWord = 31
)

// stopIndex maps a stop word to the languages (bits, in the order of langs)
// it belongs to.
type stopIndex struct {
	langs []string
	words map[string]uint32
	// lens has bit n set for the first byte of a stop word n bytes long: a
	// word it rules out costs no map look-up.
	lens [256]uint32
	// slots hold the words again, by stopHash, for languages: the look-up
	// of every word of every document's head (a map's was a third of
	// telling a document's language).
	slots []stopSlot
	mask  uint64
}

type stopSlot struct {
	hash  uint64 // stopHash of word; 0 for an empty slot
	word  string
	langs uint32
}

// stopHash is FNV-1a of w, never 0.
func stopHash(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h | 1
}

// add puts a word in the slots (there is room: sized for every word).
func (x *stopIndex) add(w string, langs uint32) {
	h := stopHash([]byte(w))
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		s := &x.slots[i]
		if s.hash == 0 {
			*s = stopSlot{hash: h, word: w, langs: langs}
			return
		}
		if s.hash == h && s.word == w {
			s.langs = langs
			return
		}
	}
}

// lookup returns the languages of the stop word w, 0 for none: x.words[w].
func (x *stopIndex) lookup(w []byte) uint32 {
	h := stopHash(w)
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		s := &x.slots[i]
		switch {
		case s.hash == 0:
			return 0
		case s.hash == h && s.word == string(w):
			return s.langs
		}
	}
}

// stopLangs are the languages with stop words, sorted: all New needs.
// The words themselves are read by the first document that has text.
var stopLangs = sync.OnceValue(func() []string {
	names, _ := fs.Glob(stopFS, "rules/*.stop")
	langs := make([]string, len(names))
	for i, name := range names {
		langs[i] = strings.TrimSuffix(path.Base(name), ".stop")
	}
	slices.Sort(langs)
	return langs
})

var stopWords = sync.OnceValue(func() *stopIndex {
	x := &stopIndex{langs: stopLangs()}
	files := make([]string, len(x.langs))
	n := 0
	for i, lang := range x.langs {
		data, err := stopFS.ReadFile("rules/" + lang + ".stop")
		if err != nil {
			panic(err) // embedded: cannot fail
		}
		files[i] = string(data)
		n += strings.Count(files[i], "\n") + 1
	}
	// The map is sized at once and the words are pieces of the files:
	// growing it word by word was most of the first document's language
	// detection.
	x.words = make(map[string]uint32, n)
	for i, data := range files {
		for line := range strings.Lines(data) {
			w := strings.TrimSpace(line)
			if w != "" && !strings.HasPrefix(w, "#") && len(w) < 32 {
				x.words[w] |= 1 << i
				x.lens[w[0]] |= 1 << len(w)
			}
		}
	}
	// At most half full: a word not there ends its search in a slot or two.
	size := 1 << bits.Len(uint(2*len(x.words)))
	x.slots, x.mask = make([]stopSlot, size), uint64(size-1)
	for w, langs := range x.words {
		x.add(w, langs)
	}
	return x
})

// detectLanguage returns the pack language of text, or "" when it cannot
// tell: fewer than minStopHits stop words of the best language, or a
// runner-up with more than a third of its count (a text in two languages). Only the languages in
// allowed (a bit set over stopWords().langs) compete.
func detectLanguage(text []byte, allowed uint32) string {
	if len(text) == 0 {
		return "" // and the stop words stay unread (artclean /dev/null)
	}
	x := stopWords()
	var counts [32]int
	var word [maxStopWord]byte
	best, second := -1, 0
	for len(text) > 0 {
		n, long, rest := lowerWord(text, &word)
		if n == 0 && !long {
			_, size := utf8.DecodeRune(text)
			text = text[size:]
			continue
		}
		text = rest
		if long || x.lens[word[0]]&(1<<n) == 0 {
			continue
		}
		// Only a word of one language counts: "je", Czech and Slovak,
		// tells neither.
		b := x.lookup(word[:n]) & allowed
		if b == 0 || b&(b-1) != 0 {
			continue
		}
		i := bits.TrailingZeros32(b)
		counts[i]++
		switch {
		case best < 0 || i == best:
			best = i
		case counts[i] > counts[best]:
			best, second = i, counts[best]
		case counts[i] > second:
			second = counts[i]
		}
		if counts[best] >= 2*minStopHits && 3*second <= counts[best] {
			break // clear enough: the rest would not change it
		}
	}
	if best < 0 || counts[best] < minStopHits || 3*second > counts[best] {
		return ""
	}
	return x.langs[best]
}

// langMatchers is the compiled rules for one detected language.
type langMatchers struct {
	once sync.Once
	m    *matchers
}

// setDetection turns language detection on for the built-in packs that have
// stop words and enabled rules.
func (c *Cleaner) setDetection(builtinPacks map[string]bool) {
	langs := stopLangs()
	c.perLang = make([]langMatchers, len(langs))
	last := ""
	for _, r := range c.active {
		// A pack's rules come one after another: look each pack up once.
		if r.Pack == last {
			continue
		}
		last = r.Pack
		if i := slices.Index(langs, r.Pack); i >= 0 && builtinPacks[r.Pack] {
			c.detect |= 1 << i
		}
	}
}

// matchersFor returns the rules for a document in language lang: its pack,
// the neutral one and every pack that is not built in; all of them for "".
func (c *Cleaner) matchersFor(lang string) *matchers {
	i := slices.Index(stopLangs(), lang)
	if i < 0 {
		return c.allMatchers()
	}
	lm := &c.perLang[i]
	lm.once.Do(func() {
		langs := stopLangs()
		m := &matchers{}
		for _, r := range c.active {
			if r.Pack == lang || r.Pack == "intl" || !slices.Contains(langs, r.Pack) {
				// Checked in New: add cannot fail.
				if err := m.add(r); err != nil {
					panic(err)
				}
			}
		}
		m.patterns.finish()
		lm.m = m
	})
	return lm.m
}

// lowerWord reads the word text starts with (letters and apostrophes),
// lower-cased into word, and returns its length in word, whether it was too
// long for word (then it is no stop word), and the text after it. A text
// that starts with no letter gives n 0.
func lowerWord(text []byte, word *[maxStopWord]byte) (n int, long bool, rest []byte) {
	for len(text) > 0 {
		c := text[0]
		if c < utf8.RuneSelf {
			if c |= 0x20; ('a' > c || c > 'z') && c != '\'' {
				break
			}
			if n < len(word) {
				word[n] = c
			} else {
				long = true
			}
			n++
			text = text[1:]
			continue
		}
		var r rune
		var size int
		letter := false
		if c >= 0xC2 && c < 0xE0 && len(text) > 1 && text[1]&0xC0 == 0x80 {
			// Two bytes (Polish, Czech, German, Cyrillic letters): the
			// table answers what IsLetter and ToLower search for.
			r, size = rune(c&0x1F)<<6|rune(text[1]&0x3F), 2
			r, letter = lowerLetter2(r)
		} else {
			r, size = utf8.DecodeRune(text)
			letter = unicode.IsLetter(r)
			r = unicode.ToLower(r)
		}
		if !letter && r != '’' {
			break
		}
		text = text[size:]
		if n+utf8.UTFMax > len(word) {
			long = true
			continue
		}
		n += utf8.EncodeRune(word[n:], r)
	}
	if long {
		n = 0
	}
	return n, long, text
}

// lowerTable2 caches, for each rune of two UTF-8 bytes (U+0080–U+07FF),
// whether it is a letter and its lower case: bit 31 marks an entry filled,
// bit 30 a letter, the low bits hold the lower case. Entries are filled on
// first use, atomically, as concurrent documents may fill one at once
// with the same value: filling all 1,920 at once would add to the start
// of every run that has text.
var lowerTable2 [0x800]atomic.Uint32

// lowerLetter2 returns the lower case of r, a rune of two UTF-8 bytes, and
// whether it is a letter.
func lowerLetter2(r rune) (rune, bool) {
	e := lowerTable2[r].Load()
	if e == 0 {
		e = 1<<31 | uint32(unicode.ToLower(r))
		if unicode.IsLetter(r) {
			e |= 1 << 30
		}
		lowerTable2[r].Store(e)
	}
	return rune(e & (1<<30 - 1)), e&(1<<30) != 0
}
