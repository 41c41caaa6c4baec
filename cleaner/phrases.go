package cleaner

import (
	"bytes"
	"unicode/utf8"
)

// addFirstRune marks the lead bytes of the first rune of a folded phrase
// in every case that folds to it: the pre-check before folding a line.
func addFirstRune(set *[256]bool, folded string) {
	r, _ := utf8.DecodeRuneInString(folded)
	addRune(set, r, true)
}

// markerSet matches lines that are only a phrase, with any punctuation around.
type markerSet struct {
	rules   []*Rule    // by phrase number
	trie    phraseTrie // folded phrases
	maxLen  int        // longest line worth trimming
	maxCore int        // longest trimmed line worth matching
	first   [256]bool  // lead bytes a phrase can start with, in any case
}

func (m *markerSet) add(r *Rule, phrase string) {
	f := foldString(phrase)
	m.trie.add(f, int32(len(m.rules)))
	m.rules = append(m.rules, r)
	addFirstRune(&m.first, f)
	// Allow generous decoration around the phrase ("*** REKLAMA ***").
	if n := 4*len(f) + 64; n > m.maxLen {
		m.maxLen = n
	}
	// Case folding changes a phrase's length by little (ß, ẞ): twice is
	// a safe bound for the text it can match.
	m.maxCore = max(m.maxCore, 2*len(f)+8)
}

func (m *markerSet) match(line []byte, f *folder) *Rule {
	if len(m.rules) == 0 || len(line) > m.maxLen {
		return nil
	}
	// The phrase must be the line with the punctuation around it trimmed:
	// the walk starts at the first letter or digit, and most lines leave
	// the trie within a rune or two, before the end needs finding.
	start := bytes.IndexFunc(line, isWordRune)
	if start < 0 || !m.first[line[start]] || !m.trie.mayStart(line, start) {
		return nil
	}
	end := -1 // where the trimmed line ends, once needed
	w := trieWalk{t: &m.trie, f: f, pos: start}
	for {
		ends, ok := w.step(line)
		if !ok || w.pos-start > m.maxCore {
			return nil
		}
		if len(ends) == 0 {
			continue
		}
		if end < 0 {
			end = len(bytes.TrimRightFunc(line, notWordRune))
		}
		if w.pos == end {
			return m.rules[ends[0]] // the first added of equal phrases
		}
	}
}

// boundary is what must follow a phrase at the start of a line.
type boundary int

const (
	// boundaryTeaser: end of line, a space, ':', '>', '»', '›', a dash, '|'
	// or an ellipsis.
	boundaryTeaser boundary = iota
	// boundaryStrict: like boundaryTeaser, but a space must be followed by
	// such punctuation or the end of the line. For phrases that also open
	// ordinary sentences ("Polecamy wszystkim…").
	boundaryStrict
	// boundaryWord: anything but a letter or digit.
	boundaryWord
	// boundaryAny: the phrase ends in punctuation, so anything may follow.
	boundaryAny
)

type phrase struct {
	rule  *Rule
	bound boundary
}

// phraseSet matches lines that start with one of its phrases, after any
// leading punctuation or symbols ("» Czytaj też: …").
type phraseSet struct {
	list  []phrase   // by phrase number
	trie  phraseTrie // folded phrases
	first [256]bool  // lead bytes a phrase can start with, in any case
}

func (ps *phraseSet) add(r *Rule, text string, b boundary) {
	f := foldString(text)
	if f == "" {
		return
	}
	last, _ := utf8.DecodeLastRuneInString(f)
	if !isWordRune(last) {
		// "Related:", "Fot." carry their own boundary.
		b = boundaryAny
	}
	ps.trie.add(f, int32(len(ps.list)))
	ps.list = append(ps.list, phrase{rule: r, bound: b})
	addFirstRune(&ps.first, f)
}

// phraseMatch is a phrase found at the start of a line.
type phraseMatch struct {
	rule   *Rule
	bare   bool // the line is the phrase alone, with punctuation around it
	strict bool // the phrase also opens ordinary sentences (boundaryStrict)
	end    int  // where the phrase ends in the line
}

// match returns the phrase that line starts with (a zero phraseMatch if
// none). Of several phrases the line starts with, the first added that
// fits its boundary wins.
func (ps *phraseSet) match(line []byte, f *folder) phraseMatch {
	if len(ps.list) == 0 {
		return phraseMatch{}
	}
	start := 0
	if len(line) > 0 && !ps.first[line[0]] {
		// The usual case, a line starting with a letter no phrase starts
		// with, costs one table look-up; otherwise skip leading
		// punctuation ("» Czytaj też").
		if start = bytes.IndexFunc(line, isWordRune); start < 0 || !ps.first[line[start]] {
			return phraseMatch{}
		}
	}
	if !ps.trie.mayStart(line, start) {
		return phraseMatch{}
	}
	best, bare, end := int32(-1), false, 0
	w := trieWalk{t: &ps.trie, f: f, pos: start}
	for {
		ends, ok := w.step(line)
		if !ok {
			break
		}
		// The line's rest as it is: folding keeps what the checks look
		// at (spaces, punctuation, quotes, whether a rune is a letter).
		rest := line[w.pos:]
		for _, i := range ends {
			if best >= 0 && i >= best {
				break
			}
			if quoted(line[:start], rest) {
				continue // «Czytaj też» was said, as a quotation
			}
			if boundaryOK(rest, ps.list[i].bound) {
				best, bare, end = i, bytes.IndexFunc(rest, isWordRune) < 0, w.pos
				break
			}
		}
	}
	if best < 0 {
		return phraseMatch{}
	}
	p := ps.list[best]
	return phraseMatch{rule: p.rule, bare: bare, strict: p.bound == boundaryStrict, end: end}
}

// quoted reports a phrase inside quotation marks: the text skipped before
// it opens a quote and the text after it closes one.
func quoted(lead, rest []byte) bool {
	if !bytes.ContainsAny(lead, "«‹\"“„'‘") {
		return false
	}
	r, _ := utf8.DecodeRune(rest)
	switch r {
	case '»', '›', '"', '”', '“', '\'', '’':
		return true
	}
	return false
}

func boundaryOK(rest []byte, b boundary) bool {
	if len(rest) == 0 {
		return true
	}
	r, _ := utf8.DecodeRune(rest)
	switch b {
	case boundaryAny:
		return true
	case boundaryWord:
		return !isWordRune(r)
	case boundaryStrict:
		rest = bytes.TrimLeft(rest, " ")
		if len(rest) == 0 {
			return true
		}
		r, _ = utf8.DecodeRune(rest)
		return isTeaserPunct(r)
	}
	return r == ' ' || isTeaserPunct(r)
}

func isTeaserPunct(r rune) bool {
	switch r {
	case ':', '>', '»', '›', '-', '–', '—', '|', '…', '.':
		return true
	}
	return false
}
