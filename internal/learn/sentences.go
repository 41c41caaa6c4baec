package learn

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A sentence splitter for finding boilerplate inside flattened lines. It
// errs towards not splitting: two sentences left joined only make a
// repeated span a little longer or miss it, while a split inside a
// sentence ("ul. Marszałkowska", "J. Kowalski", "15. rocznica") would
// offer a piece of prose as a span of its own. A break is a sentence end
// (. ! ? … and the closing quotes and brackets after it, the characters
// the cleaner's inline rules accept as an end), white space, and a next
// word that opens a sentence (not a lower-case letter); after a period,
// the word before must not be an abbreviation, an initial or a number.
// No Go library fits: golang.org/x/text has no sentence segmenter, and the
// Punkt ports carry English models and are unmaintained.

// sent is one sentence, of a line.
type sent struct {
	text string
	// whole: the piece is a complete sentence, ending in a sentence end,
	// not a fragment at a line's edge (the rest of a hard-wrapped
	// sentence, or the head of one cut at a line's end).
	whole bool
}

// abbreviations never end a sentence (lower case, without the period):
// a title or a unit is followed by its name or number. The set is made on
// first use, by learn only, not at the start of every run.
var abbreviations = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		al ang art bł bp bud dn doc dot dr gen godz gm hab im in inż jw kard kol
		kpt ks lek lit mgr min mjr mkw nadkom nadinsp np nr nt ok oo os płk pkt pn
		pl pow por poz proc prof przyp ps pt red reż rys ryc sen sierż st str sz
		śp św tab tel tj tys tzw ul ust woj wyd zał zob zm ż
		mln mld tj tzn
		e.g i.e mr mrs ms jr sr st vs no fig approx dept est gov inc ltd co corp
		bzw ca dgl evtl ggf hr inkl nr sog str usw vgl zb z.b u.a d.h mio mrd abs
		m.in p.o o.o sp ds`) {
		m[w] = true
	}
	return m
})

func isEnder(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// isCloser: what may close a sentence after its end, as cleaner's
// endsSentence skips it.
func isCloser(r rune) bool {
	switch r {
	case '"', '”', '»', '\'', ')':
		return true
	}
	return false
}

// splitSentences splits a trimmed line. cont says the line continues a
// sentence from the line before, so its first piece is a fragment.
func splitSentences(line string, cont bool) []sent {
	var out []sent
	start := 0
	add := func(end int) {
		if t := strings.TrimSpace(line[start:end]); t != "" {
			out = append(out, sent{text: t, whole: endsWithEnder(t) && !(cont && len(out) == 0)})
		}
		start = end
	}
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !isEnder(r) {
			i += size
			continue
		}
		end := i + size
		dots := r == '.'
		for end < len(line) {
			r2, s2 := utf8.DecodeRuneInString(line[end:])
			if !isEnder(r2) {
				break
			}
			dots = dots && r2 == '.'
			end += s2
		}
		for end < len(line) {
			r2, s2 := utf8.DecodeRuneInString(line[end:])
			if !isCloser(r2) {
				break
			}
			end += s2
		}
		i = end
		if end >= len(line) {
			break
		}
		if r2, _ := utf8.DecodeRuneInString(line[end:]); !unicode.IsSpace(r2) {
			continue // "3.5", "gazeta.pl", "?!"
		}
		next := strings.TrimLeftFunc(line[end:], unicode.IsSpace)
		if n, _ := utf8.DecodeRuneInString(next); next == "" || unicode.IsLower(n) {
			continue
		}
		if dots && end-start > 0 && !periodEnds(line[start:end]) {
			continue
		}
		add(end)
	}
	add(len(line))
	return out
}

// periodEnds reports whether the period closing piece ends a sentence:
// not after an abbreviation ("prof."), an initial ("J.") or a number
// ("15.", an ordinal).
func periodEnds(piece string) bool {
	t := strings.TrimRightFunc(piece, func(r rune) bool { return isCloser(r) || r == '.' })
	word := t[strings.LastIndexFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '"' || r == '„' })+1:]
	if word == "" {
		return true
	}
	if abbreviations()[strings.ToLower(word)] {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(word); utf8.RuneCountInString(word) == 1 && unicode.IsLetter(r) {
		return false // an initial
	}
	if strings.IndexFunc(word, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return false // an ordinal or a date's day
	}
	return true
}

func endsWithEnder(t string) bool {
	t = strings.TrimRightFunc(t, isCloser)
	r, _ := utf8.DecodeLastRuneInString(t)
	return isEnder(r)
}
