package cleaner

import (
	"regexp/syntax"
	"sync"
	"unicode"
	"unicode/utf8"
)

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

// builtinFacts is builtinFactList by expression, made when the first
// matchers are: a run that cleans no text needs none.
var builtinFacts = sync.OnceValue(func() map[string]patternFacts {
	m := make(map[string]patternFacts, len(builtinFactList))
	for _, e := range builtinFactList {
		m[e.expr] = e.facts
	}
	return m
})

// factsOf analyses a pattern rule's parsed, wrapped regexp.
func factsOf(parsed *syntax.Regexp) patternFacts {
	var f patternFacts
	f.maxLen, f.lits, f.litEnd, f.fromEnd, f.exact = analyzePattern(parsed)
	f.mark, f.markEnd = requiredMark(parsed)
	f.prefixes = matchPrefixes(parsed)
	return f
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
