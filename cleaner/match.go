package cleaner

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"sync"
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
	// Folding maps rune by rune, and nearly every rune of the scripts the
	// packs serve folds to one rune: a table does those, without the
	// general machinery's cost per call.
	dst := f.buf[:0]
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		fr := foldOne(r)
		if fr < 0 {
			return f.foldSlow(b)
		}
		dst = utf8.AppendRune(dst, fr)
		i += size
	}
	f.buf = dst
	return dst
}

// foldRune returns the case folding of r, valid until the next call: for
// the runes foldOne has no answer for.
func (f *folder) foldRune(r rune) []byte {
	var b [utf8.UTFMax]byte
	return f.foldSlow(b[:utf8.EncodeRune(b[:], r)])
}

func (f *folder) foldSlow(b []byte) []byte {
	for {
		f.caser.Reset()
		// The whole capacity: the fast path leaves a short length.
		nDst, _, err := f.caser.Transform(f.buf[:cap(f.buf)], b, true)
		if err != transform.ErrShortDst {
			return f.buf[:nDst]
		}
		f.buf = make([]byte, 2*cap(f.buf)+len(b))
	}
}

// foldTable maps a rune below U+2100 (Latin, Greek, Cyrillic, general
// punctuation) to its case folding when that is one rune, else to 0.
var foldTable = func() *[0x2100]uint16 {
	var t [0x2100]uint16
	caser := cases.Fold()
	var src, dst [16]byte
	for r := rune(0x80); r < 0x2100; r++ {
		caser.Reset()
		n, _, err := caser.Transform(dst[:], src[:utf8.EncodeRune(src[:], r)], true)
		if f, size := utf8.DecodeRune(dst[:n]); err == nil && size == n && f != utf8.RuneError {
			t[r] = uint16(f)
		}
	}
	return &t
}()

// foldOne returns the case folding of r when the table has it as one rune,
// else -1.
func foldOne(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r < rune(len(foldTable)) && foldTable[r] != 0:
		return rune(foldTable[r])
	}
	return -1
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

// lazyRegexp is a regexp compiled on first use. Its expression has been
// parsed without error, and compiling cannot fail after that.
type lazyRegexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

// patternRule is a pattern or leading rule.
type patternRule struct {
	re     *lazyRegexp
	rule   *Rule
	order  int   // position in the index: the first match wins
	maxLen int   // longest line it can match in runes, -1 if unbounded
	lits   []int // ids of literals (caseKey form) a match contains one of (none: no check)
	// exact, if not nil, are literals a match holds one of as they are:
	// a few, which bytes.Contains finds faster than the scanner does
	// ("ČTK", which the scanner had looked for in half of all lines).
	exact [][]byte
	// litEnd: the literal lies within a match's first litEnd runes, so
	// only those are scanned for it; -1 when it may lie anywhere. With
	// fromEnd, it lies within the last litEnd runes instead ("…, todos
	// los derechos reservados."), and the line's tail is scanned.
	litEnd  int
	fromEnd bool
	// mark, when not 0, is a byte every match holds within its first
	// markEnd runes (-1: anywhere): a rare punctuation byte ("/" in
	// "ab/PAP"), found far faster than literals are.
	mark    byte
	markEnd int
	// prefixes, of a leading rule, are those one of which a match
	// starts with (see matchPrefixes).
	prefixes []prefix
}

// patternIndex holds the whole-line pattern rules by the bytes a match can
// start with. Running hundreds of regexps on every line would dominate the
// cost of cleaning, so each pattern also carries the longest line it can
// match and literals one of which every match contains (case-folded): a
// regexp runs only on a line that passes all three checks. Most literals
// sit near the start of a match ("Fot.", "Źródło:"), so a line is only
// scanned as far as some candidate's literal can end.
type patternIndex struct {
	all      []*patternRule
	prefixes prefixIndex
	sets     [][]prefix // each pattern's prefixes until finish indexes them
	lits     literalScanner
}

// runesUpTo counts the runes of valid UTF-8 t, stopping at limit. Lines
// reach the rules valid (the character tier replaced bad bytes), so a
// rune is a byte that is not a continuation byte; utf8.RuneCount would
// also allocate here.
func runesUpTo(t []byte, limit int) int {
	n, i := 0, 0
	// Eight bytes at a time: a continuation byte is 10xxxxxx.
	for ; i+8 <= len(t) && n+8 <= limit; i += 8 {
		w := binary.LittleEndian.Uint64(t[i:])
		cont := w &^ (w << 1) & 0x8080808080808080
		n += 8 - bits.OnesCount64(cont)
	}
	for ; i < len(t) && n < limit; i++ {
		if t[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// tailStart returns where the last n runes of valid UTF-8 t begin.
func tailStart(t []byte, n int) int {
	i := len(t)
	for ; n > 0 && i > 0; n-- {
		i--
		for i > 0 && !utf8.RuneStart(t[i]) {
			i--
		}
	}
	return i
}

// maxExact is the most exact literals a pattern is checked for one by one,
// rather than by the literal scanner.
const maxExact = 4

// patternFacts is what the pre-checks know of a pattern rule's regexp:
// the analysis of its syntax tree, which builtinFacts holds ready for the
// built-in packs' patterns.
type patternFacts struct {
	maxLen   int      // see patternRule
	lits     []string // see analyzePattern
	litEnd   int
	fromEnd  bool
	exact    bool
	mark     byte // see requiredMark
	markEnd  int
	prefixes []prefix // see matchPrefixes
}

// builtinFacts is builtinFactList by expression.
var builtinFacts = func() map[string]patternFacts {
	m := make(map[string]patternFacts, len(builtinFactList))
	for _, e := range builtinFactList {
		m[e.expr] = e.facts
	}
	return m
}()

// factsOf analyses a pattern rule's parsed, wrapped regexp.
func factsOf(parsed *syntax.Regexp) patternFacts {
	var f patternFacts
	f.maxLen, f.lits, f.litEnd, f.fromEnd, f.exact = analyzePattern(parsed)
	f.mark, f.markEnd = requiredMark(parsed)
	f.prefixes = matchPrefixes(parsed)
	return f
}

func (pi *patternIndex) add(p *patternRule, f patternFacts) {
	p.maxLen, p.litEnd, p.fromEnd = f.maxLen, f.litEnd, f.fromEnd
	p.mark, p.markEnd = f.mark, f.markEnd
	p.order = len(pi.all)
	pi.all = append(pi.all, p)
	pi.sets = append(pi.sets, f.prefixes)
	if f.exact && len(f.lits) <= maxExact {
		for _, l := range f.lits {
			p.exact = append(p.exact, []byte(l))
		}
		return
	}
	for _, l := range f.lits {
		p.lits = append(p.lits, pi.lits.id(caseKeys(l)))
	}
}

// holdsExact reports whether t holds one of p's exact literals where a
// match would hold it.
func (p *patternRule) holdsExact(t []byte) bool {
	in := t
	if n := utf8.UTFMax * p.litEnd; p.litEnd >= 0 && n < len(t) {
		in = t[:n]
		if p.fromEnd {
			in = t[len(t)-n:]
		}
	}
	for _, l := range p.exact {
		if bytes.Contains(in, l) {
			return true
		}
	}
	return false
}

// finish indexes the prefixes and compiles the literal scanner once every
// pattern is added. The scanner reports patterns, not literals: a pattern
// is found when one of its literals is.
func (pi *patternIndex) finish() {
	maxLens := make([]int, len(pi.all))
	for i, p := range pi.all {
		maxLens[i] = p.maxLen
	}
	pi.prefixes.build(pi.sets, maxLens)
	pi.sets = nil
	if len(pi.lits.ids) == 0 {
		return
	}
	owners := make([][]int32, len(pi.lits.ids))
	for _, p := range pi.all {
		for _, id := range p.lits {
			owners[id] = append(owners[id], int32(p.order))
		}
	}
	pi.lits.compile()
	pi.lits.remapOutputs(owners, len(pi.all))
}

// patternScratch is a document's reusable space for pattern pre-checks.
type patternScratch struct {
	lits litScan        // patterns whose literals the line holds
	pass []*patternRule // candidates left for their regexps
}

// match returns the rule of the first pattern that matches line t, or nil.
func (pi *patternIndex) match(t []byte, sc *patternScratch) *Rule {
	// A line has at least a rune per 4 bytes.
	if len(t) == 0 || len(pi.all) == 0 {
		return nil
	}
	node := pi.prefixes.lookup(t)
	limit := pi.prefixes.maxLen[node] // runes worth counting
	if limit >= 0 && len(t) > utf8.UTFMax*limit {
		return nil
	}
	// The length and the marks first, as they are cheap: the literals
	// then need scanning only as far as the candidates left need.
	pass := sc.pass[:0]
	head, tail := 0, 0 // runes to scan for literals at each end, -1: all
	runes := -1
	mark, markAt := byte(0), -1 // the last mark looked for, and where it first is
	for w, set := range pi.prefixes.set(node) {
		for ; set != 0; set &= set - 1 {
			p := pi.all[w<<6|bits.TrailingZeros64(set)]
			if p.maxLen >= 0 && len(t) > p.maxLen {
				if len(t) > utf8.UTFMax*p.maxLen {
					continue
				}
				if runes < 0 {
					upTo := limit + 1
					if limit < 0 {
						upTo = len(t) // some pattern is unbounded
					}
					runes = runesUpTo(t, upTo)
				}
				if runes > p.maxLen {
					continue
				}
			}
			if p.mark != 0 {
				// Candidates often share a mark ('/' in agency
				// signatures): the line is searched once for it.
				if p.mark != mark {
					mark, markAt = p.mark, bytes.IndexByte(t, p.mark)
				}
				if markAt < 0 || p.markEnd >= 0 && markAt >= utf8.UTFMax*p.markEnd {
					continue
				}
			}
			if p.exact != nil && !p.holdsExact(t) {
				continue
			}
			if len(p.lits) > 0 {
				switch {
				case p.fromEnd:
					tail = max(tail, p.litEnd)
				case p.litEnd < 0 || head < 0:
					head = -1
				default:
					head = max(head, p.litEnd)
				}
			}
			pass = append(pass, p) // in order: the first match wins
		}
	}
	if head != 0 || tail != 0 {
		pi.lits.start(&sc.lits)
		pi.lits.scan(t, &sc.lits, head)
		if tail > 0 && sc.lits.pos < len(t) {
			// Go on to the end, from where the tail starts if that is
			// further on: a literal there lies wholly inside it.
			if from := tailStart(t, tail); from > sc.lits.pos {
				sc.lits.state, sc.lits.pos = pi.lits.rootRow(), from
			}
			pi.lits.scan(t, &sc.lits, -1)
		}
		kept := pass[:0]
		for _, p := range pass {
			if len(p.lits) == 0 || sc.lits.found[p.order>>6]&(1<<(p.order&63)) != 0 {
				kept = append(kept, p)
			}
		}
		pass = kept
	}
	sc.pass = pass
	for _, p := range pass {
		if p.re.get().Match(t) {
			return p.rule
		}
	}
	return nil
}

// requiredLiterals returns strings one of which every match of re
// contains, or nil when there are none worth checking (too many, or too
// short to rule much out); the most runes from the start of a match to the
// end of such a literal, or -1 when that is unbounded; and whether the
// literals are exact: matched in their case, not under (?i). Inexact ones
// are found in caseKey form. With fromEnd, end is the most runes from the
// start of such a literal to the end of the match: the same question
// asked of the reversed match.
func requiredLiterals(re *syntax.Regexp, fromEnd bool) (lits []string, end int, exact bool) {
	const maxAlternatives, minLen = 24, 3
	type found struct {
		lits  []string
		end   int
		exact bool
	}
	var req func(re *syntax.Regexp) found
	req = func(re *syntax.Regexp) found {
		switch re.Op {
		case syntax.OpLiteral:
			s := string(re.Rune)
			if len(caseKeys(s)) < minLen {
				return found{}
			}
			// caseKey maps rune to rune, and so does (?i) matching.
			return found{[]string{s}, len(re.Rune), re.Flags&syntax.FoldCase == 0}
		case syntax.OpCapture, syntax.OpPlus:
			// A repetition's first round holds the literal.
			return req(re.Sub[0])
		case syntax.OpRepeat:
			if re.Min >= 1 {
				return req(re.Sub[0])
			}
		case syntax.OpConcat:
			// The parser has joined adjacent literals. Of the parts that
			// carry literals, pick the one that ends soonest, as a line is
			// scanned only that far; between equals, the one whose
			// shortest literal is longest.
			var best found
			score := func(l []string) int {
				m := 1 << 30
				for _, s := range l {
					m = min(m, len(s))
				}
				return m*64 - len(l)
			}
			better := func(f found) bool {
				switch {
				case best.lits == nil:
					return true
				case (f.end >= 0) != (best.end >= 0):
					return f.end >= 0
				case f.end != best.end && f.end >= 0:
					return f.end < best.end
				}
				return score(f.lits) > score(best.lits)
			}
			before := 0 // the most runes the parts so far can match
			for i := range re.Sub {
				sub := re.Sub[i]
				if fromEnd {
					sub = re.Sub[len(re.Sub)-1-i]
				}
				if f := req(sub); f.lits != nil {
					if f.end = addBound(before, f.end); better(f) {
						best = f
					}
				}
				before = addBound(before, longest(sub))
			}
			return best
		case syntax.OpAlternate:
			all := found{exact: true}
			for _, sub := range re.Sub {
				f := req(sub)
				if f.lits == nil {
					return found{}
				}
				all.lits = append(all.lits, f.lits...)
				if len(all.lits) > maxAlternatives {
					return found{}
				}
				all.end = maxBound(all.end, f.end)
				all.exact = all.exact && f.exact
			}
			return all
		}
		return found{}
	}
	f := req(re)
	return f.lits, f.end, f.exact
}

// addBound and maxBound add and compare counts of runes where -1 stands
// for unbounded.
func addBound(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	return a + b
}

func maxBound(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	return max(a, b)
}

// markBytes are the bytes worth a requiredMark: punctuation that prose
// seldom has. (A space, full stop or comma would rule out nothing.)
var markBytes = func() (t [256]bool) {
	for _, c := range []byte("/|@#()[]{}<>=+*&%$:;") {
		t[c] = true
	}
	return t
}()

// requiredMark returns a byte of markBytes that every match of re holds,
// and the most runes from the start of a match to the end of the first
// such byte (-1: unbounded); or 0 when there is none.
func requiredMark(re *syntax.Regexp) (mark byte, end int) {
	switch re.Op {
	case syntax.OpLiteral:
		for i, r := range re.Rune {
			if r < utf8.RuneSelf && markBytes[r] {
				return byte(r), i + 1
			}
		}
	case syntax.OpCharClass:
		if len(re.Rune) == 2 && re.Rune[0] == re.Rune[1] && re.Rune[0] < utf8.RuneSelf && markBytes[re.Rune[0]] {
			return byte(re.Rune[0]), 1
		}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredMark(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredMark(re.Sub[0])
		}
	case syntax.OpConcat:
		// The first part with a mark: parts before it are shorter to scan.
		before := 0
		for _, sub := range re.Sub {
			if m, e := requiredMark(sub); m != 0 {
				return m, addBound(before, e)
			}
			before = addBound(before, longest(sub))
		}
	case syntax.OpAlternate:
		for i, sub := range re.Sub {
			m, e := requiredMark(sub)
			if m == 0 || i > 0 && m != mark {
				return 0, 0
			}
			mark, end = m, maxBound(end, e)
		}
		return mark, end
	}
	return 0, 0
}

// analyzePattern returns the longest match of re in runes (-1 when
// unbounded), literals one of which every match contains, and how many
// runes into a match such a literal ends at the latest (-1: unbounded),
// or, if fromEnd, how many runes before the match's end it starts at the
// earliest: of the literals near the start and those near the end, the
// set with fewer runes to scan. All are safe: they only ever skip lines
// the pattern cannot match.
//
// The parsed tree is analysed as it is: Simplify would spell out every
// counted repetition (".{0,100}" as a hundred nested options), which was
// half of what start-up allocated, and gives the same results here.
func analyzePattern(re *syntax.Regexp) (maxLen int, lits []string, litEnd int, fromEnd, exact bool) {
	lits, litEnd, exact = requiredLiterals(re, false)
	if tl, te, tx := requiredLiterals(re, true); tl != nil && te >= 0 && (lits == nil || litEnd < 0 || te < litEnd) {
		lits, litEnd, fromEnd, exact = tl, te, true, tx
	}
	return longest(re), lits, litEnd, fromEnd, exact
}

func addRune(set *[256]bool, r rune, fold bool) {
	var buf [utf8.UTFMax]byte
	set[buf[utf8.EncodeRune(buf[:], r)-utf8.RuneLen(r)]] = true
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			utf8.EncodeRune(buf[:], f)
			set[buf[0]] = true
		}
	}
}

// longest returns the longest match of re in characters (runes), or -1 if
// unbounded.
func longest(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return longest(re.Sub[0])
	case syntax.OpRepeat:
		n := longest(re.Sub[0])
		if n < 0 || re.Max < 0 {
			return -1
		}
		return n * re.Max
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			n := longest(sub)
			if n < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total
	}
	return -1 // star, plus, or not analysed
}
