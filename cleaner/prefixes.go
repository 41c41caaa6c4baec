package cleaner

import (
	"bytes"
	"math/bits"
	"regexp/syntax"
	"slices"
	"unicode"
	"unicode/utf8"
)

// The pattern index picks a line's candidate patterns by the line's first
// few bytes. A first byte alone let through every short line starting
// with "A" to the patterns of agency signatures ("AFP", "AP"), and every
// "»" line to the "©" footer (both lead with 0xC2): most lines that ran a
// regexp at all ran it for nothing. Four bytes tell "Artykuł" from "AFP"
// and "Reklama" from "Reuters".
const (
	// prefixDepth is how many bytes of a line the index looks at.
	prefixDepth = 4
	// maxPrefixes bounds a pattern's prefix set: a larger one is cut to
	// shorter prefixes.
	maxPrefixes = 256
)

// prefix is a byte string that matches of a regexp may start with, ASCII
// letters lowered. whole marks a whole match, which the rest of an
// enclosing concatenation extends; any other prefix is open: anything may
// follow it.
type prefix struct {
	b     [prefixDepth]byte // b[:n]; the rest zero, so that == compares prefixes
	n     uint8
	whole bool
}

func (p prefix) String() string { return string(p.b[:p.n]) }

// newPrefix makes the prefix s, at most prefixDepth bytes.
func newPrefix(s string, whole bool) prefix {
	p := prefix{n: uint8(len(s)), whole: whole}
	copy(p.b[:], s)
	return p
}

// anyPrefix is the set that rules out nothing.
var anyPrefix = []prefix{{}}

// matchPrefixes returns prefixes, at most prefixDepth bytes long, one of
// which every match of re starts with once its ASCII letters are lowered.
// It is safe, never precise: a set may let through lines that re does not
// match, but never the other way round.
func matchPrefixes(re *syntax.Regexp) []prefix {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []prefix{{whole: true}}
	case syntax.OpLiteral:
		set := []prefix{{whole: true}}
		var buf [4]rune
		for _, r := range re.Rune {
			set = concatPrefixes(set, runePrefixes(caseVariants(buf[:0], r, re.Flags&syntax.FoldCase != 0)))
			if !hasWhole(set) {
				break
			}
		}
		return set
	case syntax.OpCharClass:
		var runes []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if int(hi-lo)+len(runes) >= maxPrefixes {
				return anyPrefix // \p{L}, [^ ]: too many to list
			}
			for r := lo; r <= hi; r++ {
				runes = append(runes, r)
			}
		}
		return runePrefixes(runes)
	case syntax.OpCapture:
		return matchPrefixes(re.Sub[0])
	case syntax.OpQuest:
		return unionPrefixes([]prefix{{whole: true}}, matchPrefixes(re.Sub[0]))
	case syntax.OpStar:
		// After a first round, further rounds may follow: opening the
		// prefixes is simpler than spelling them out, and safe.
		return unionPrefixes([]prefix{{whole: true}}, openPrefixes(matchPrefixes(re.Sub[0])))
	case syntax.OpPlus:
		return openPrefixes(matchPrefixes(re.Sub[0]))
	case syntax.OpRepeat:
		set := matchPrefixes(re.Sub[0])
		if re.Max != 1 {
			set = openPrefixes(set)
		}
		if re.Min == 0 {
			set = unionPrefixes([]prefix{{whole: true}}, set)
		}
		return set
	case syntax.OpConcat:
		set := []prefix{{whole: true}}
		for _, sub := range re.Sub {
			if !hasWhole(set) {
				break // every prefix is open: what follows cannot narrow the set
			}
			set = concatPrefixes(set, matchPrefixes(sub))
		}
		return set
	case syntax.OpAlternate:
		var set []prefix
		for _, sub := range re.Sub {
			set = unionPrefixes(set, matchPrefixes(sub))
		}
		return set
	}
	return anyPrefix // any character, or something not analysed
}

// mayStartWith reports whether t starts with one of set's prefixes, its
// ASCII letters lowered: whether a match of the regexp set is
// matchPrefixes' answer for can start t.
func mayStartWith(t []byte, set []prefix) bool {
	for _, p := range set {
		if int(p.n) > len(t) {
			continue // the match, within t, holds the whole prefix
		}
		i := 0
		for i < int(p.n) && lowerByte(t[i]) == p.b[i] {
			i++
		}
		if i == int(p.n) {
			return true
		}
	}
	return false
}

// caseVariants appends r and, with fold, every rune that folds with it.
func caseVariants(runes []rune, r rune, fold bool) []rune {
	runes = append(runes, r)
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			runes = append(runes, f)
		}
	}
	return runes
}

// runePrefixes is the set of one-rune matches.
func runePrefixes(runes []rune) []prefix {
	set := make([]prefix, 0, len(runes))
	var buf [utf8.UTFMax]byte
	for _, r := range runes {
		set = append(set, makePrefix(buf[:utf8.EncodeRune(buf[:], r)], true))
	}
	return normPrefixes(set)
}

// makePrefix lowers s's ASCII letters and cuts it to prefixDepth bytes,
// where it becomes open.
func makePrefix(s []byte, whole bool) prefix {
	if len(s) >= prefixDepth {
		s, whole = s[:prefixDepth], false
	}
	p := prefix{n: uint8(len(s)), whole: whole}
	for i, c := range s {
		p.b[i] = lowerByte(c)
	}
	return p
}

func hasWhole(set []prefix) bool {
	return slices.ContainsFunc(set, func(p prefix) bool { return p.whole })
}

// concatPrefixes is the set for matches of a followed by matches of b.
func concatPrefixes(a, b []prefix) []prefix {
	var set []prefix
	for _, x := range a {
		if !x.whole {
			set = append(set, x)
			continue
		}
		for _, y := range b {
			var buf [2 * prefixDepth]byte
			n := copy(buf[:], x.b[:x.n])
			n += copy(buf[n:], y.b[:y.n])
			set = append(set, makePrefix(buf[:n], y.whole))
		}
	}
	return normPrefixes(set)
}

func unionPrefixes(a, b []prefix) []prefix {
	return normPrefixes(append(append(make([]prefix, 0, len(a)+len(b)), a...), b...))
}

func openPrefixes(set []prefix) []prefix {
	out := make([]prefix, len(set))
	for i, p := range set {
		p.whole = false
		out[i] = p
	}
	return normPrefixes(out)
}

// normPrefixes drops duplicates and prefixes an open one makes redundant,
// and cuts all of them shorter while there are more than maxPrefixes. It
// reuses set, which must be the caller's own, and returns it sorted.
func normPrefixes(set []prefix) []prefix {
	for depth := prefixDepth - 1; ; depth-- {
		slices.SortFunc(set, func(x, y prefix) int {
			if c := bytes.Compare(x.b[:x.n], y.b[:y.n]); c != 0 {
				return c
			}
			return boolOrder(x.whole) - boolOrder(y.whole) // open first
		})
		// Sorted, the open prefixes kept have none of them start another,
		// and the last one kept is the only one that can start what
		// follows it: anything sorting between it and a string it starts
		// starts with it as well.
		out := set[:0]
		open := -1 // in out
		for _, p := range set {
			if open >= 0 && bytes.HasPrefix(p.b[:p.n], out[open].b[:out[open].n]) || len(out) > 0 && out[len(out)-1] == p {
				continue
			}
			if !p.whole {
				open = len(out)
			}
			out = append(out, p)
		}
		set = out
		if len(set) <= maxPrefixes || depth < 0 {
			return set
		}
		for i, p := range set {
			if int(p.n) > depth {
				set[i] = makePrefix(p.b[:depth], false)
			}
		}
	}
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// prefixIndex finds, from a line's first prefixDepth bytes, the patterns
// one of whose prefixes the line starts with: a trie of the prefixes.
type prefixIndex struct {
	words int // uint64 words in a set
	// sets[k*words:][:words] are the patterns of node k: those with a
	// prefix ending there or at a node above it. Node 0 is the root.
	sets []uint64
	// bounded[k] is the longest match in runes of node k's bounded
	// patterns, -1 if it has none; unbounded[k*words:][:words] are its
	// patterns that have no bound. A line longer than every bound meets
	// only these, and most lines of prose are too long for any other.
	bounded   []int
	unbounded []uint64
	root      [256]int32 // the root's child for each byte, 0 for none
	edges     edgeTable  // the deeper edges, labelled by byte
}

// build indexes each pattern's prefixes: sets[i] are pattern i's, and
// maxLen[i] its longest match.
func (x *prefixIndex) build(sets [][]prefix, maxLen []int) {
	x.words = (len(sets) + 63) / 64
	parent := []int32{-1}
	x.sets = make([]uint64, x.words)
	for i, set := range sets {
		for _, p := range set {
			node := int32(0)
			for _, c := range p.b[:p.n] {
				next := x.child(node, c)
				if next == 0 {
					next = int32(len(parent))
					parent = append(parent, node)
					x.sets = append(x.sets, make([]uint64, x.words)...)
					if node == 0 {
						x.root[c] = next
					} else {
						x.edges.put(node, rune(c), next)
					}
				}
				node = next
			}
			x.sets[int(node)*x.words+i>>6] |= 1 << (i & 63)
		}
	}
	// A node comes after its parent: one pass in order hands each
	// node's patterns down.
	x.bounded = make([]int, len(parent))
	x.unbounded = make([]uint64, len(x.sets))
	for node := range parent {
		set := x.sets[node*x.words:][:x.words]
		if p := parent[node]; p >= 0 {
			for w := range set {
				set[w] |= x.sets[int(p)*x.words+w]
			}
		}
		x.bounded[node] = -1
		for w, word := range set {
			for ; word != 0; word &= word - 1 {
				i := w<<6 | bits.TrailingZeros64(word)
				if maxLen[i] < 0 {
					x.unbounded[node*x.words+w] |= 1 << (i & 63)
				} else {
					x.bounded[node] = max(x.bounded[node], maxLen[i])
				}
			}
		}
	}
}

func (x *prefixIndex) child(node int32, c byte) int32 {
	if node == 0 {
		return x.root[c]
	}
	return x.edges.get(node, rune(c))
}

// lookup returns the deepest node the start of t leads to: its set is the
// patterns a prefix of t allows.
func (x *prefixIndex) lookup(t []byte) int32 {
	node := int32(0)
	for i := 0; i < len(t) && i < prefixDepth; i++ {
		next := x.child(node, lowerByte(t[i]))
		if next == 0 {
			break
		}
		node = next
	}
	return node
}

func (x *prefixIndex) set(node int32) []uint64 {
	return x.sets[int(node)*x.words:][:x.words]
}

// setFor returns the patterns of node that a line of n bytes may match,
// and how many runes are worth counting to tell which bounded ones may.
func (x *prefixIndex) setFor(node int32, n int) (set []uint64, countTo int) {
	b := x.bounded[node]
	if n > utf8.UTFMax*b {
		return x.unbounded[int(node)*x.words:][:x.words], 0
	}
	return x.set(node), b + 1
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c
}
