package cleaner

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"regexp"
	"sync"
	"unicode/utf8"
)

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
	set, countTo := pi.prefixes.setFor(node, len(t))
	// The length and the marks first, as they are cheap: the literals
	// then need scanning only as far as the candidates left need.
	pass := sc.pass[:0]
	head, tail := 0, 0 // runes to scan for literals at each end, -1: all
	runes := -1
	mark, markAt := byte(0), -1 // the last mark looked for, and where it first is
	for w, set := range set {
		for ; set != 0; set &= set - 1 {
			p := pi.all[w<<6|bits.TrailingZeros64(set)]
			if p.maxLen >= 0 && len(t) > p.maxLen {
				if len(t) > utf8.UTFMax*p.maxLen {
					continue
				}
				if runes < 0 {
					runes = runesUpTo(t, countTo)
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
	if cap(pass) > cap(sc.pass) {
		sc.pass = pass // grown: stored only then, as a store costs a write barrier
	}
	for _, p := range pass {
		if p.re.get().Match(t) {
			return p.rule
		}
	}
	return nil
}
