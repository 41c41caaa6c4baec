package cleaner

import (
	"bytes"
	"regexp"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/transform"
)

// folder case-folds short byte strings without allocating. A cases.Caser
// keeps state, so each document gets its own.
type folder struct {
	caser cases.Caser
	buf   []byte
}

func newFolder() *folder {
	return &folder{caser: cases.Fold(), buf: make([]byte, 256)}
}

// fold returns the Unicode case folding of b, valid until the next call.
func (f *folder) fold(b []byte) []byte {
	for {
		f.caser.Reset()
		nDst, _, err := f.caser.Transform(f.buf, b, true)
		if err != transform.ErrShortDst {
			return f.buf[:nDst]
		}
		f.buf = make([]byte, 2*len(f.buf)+len(b))
	}
}

func foldString(s string) string {
	return cases.Fold().String(s)
}

// isWordRune reports letters, digits and combining marks: what a phrase is
// made of, as opposed to the punctuation, symbols and spaces around it.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func notWordRune(r rune) bool { return !isWordRune(r) }

// markerSet matches lines that are only a phrase, with any punctuation around.
type markerSet struct {
	rules  map[string]*Rule // folded phrase → rule
	maxLen int              // longest line worth folding
}

func (m *markerSet) add(r *Rule, phrase string) {
	if m.rules == nil {
		m.rules = map[string]*Rule{}
	}
	f := foldString(phrase)
	if _, dup := m.rules[f]; !dup {
		m.rules[f] = r
	}
	// Allow generous decoration around the phrase ("*** REKLAMA ***").
	if n := 4*len(f) + 64; n > m.maxLen {
		m.maxLen = n
	}
}

func (m *markerSet) match(line []byte, f *folder) *Rule {
	if len(m.rules) == 0 || len(line) > m.maxLen {
		return nil
	}
	core := bytes.TrimFunc(line, notWordRune)
	if len(core) == 0 {
		return nil
	}
	return m.rules[string(f.fold(core))]
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
	folded string
	rule   *Rule
	bound  boundary
}

// phraseSet matches lines that start with one of its phrases, after any
// leading punctuation or symbols ("» Czytaj też: …").
type phraseSet struct {
	byFirst [256][]phrase // indexed by the first byte of the folded phrase
	maxLen  int
	n       int
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
	ps.byFirst[f[0]] = append(ps.byFirst[f[0]], phrase{folded: f, rule: r, bound: b})
	if len(f) > ps.maxLen {
		ps.maxLen = len(f)
	}
	ps.n++
}

// match returns the rule of the phrase that line starts with, or nil, and
// whether the line is that phrase alone (with punctuation only around it).
func (ps *phraseSet) match(line []byte, f *folder) (*Rule, bool) {
	if ps.n == 0 {
		return nil, false
	}
	start := bytes.IndexFunc(line, isWordRune)
	if start < 0 {
		return nil, false
	}
	head := line[start:]
	whole := true
	// Fold only a window a little longer than the longest phrase; folding
	// changes lengths by a few bytes at most.
	if w := 2*ps.maxLen + 16; len(head) > w {
		for w > 0 && !utf8.RuneStart(head[w]) {
			w--
		}
		head, whole = head[:w], false
	}
	fh := f.fold(head)
	if len(fh) == 0 {
		return nil, false
	}
	for _, p := range ps.byFirst[fh[0]] {
		if len(fh) < len(p.folded) || string(fh[:len(p.folded)]) != p.folded {
			continue
		}
		if rest := fh[len(p.folded):]; boundaryOK(rest, p.bound) {
			return p.rule, whole && bytes.IndexFunc(rest, isWordRune) < 0
		}
	}
	return nil, false
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

// patternRule is a compiled pattern or leading rule.
type patternRule struct {
	re   *regexp.Regexp
	rule *Rule
}
