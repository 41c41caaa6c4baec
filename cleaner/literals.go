package cleaner

import (
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// literalScanner finds which of many literals a line contains, in one pass
// and in any case: an Aho-Corasick automaton compiled to a transition table
// over byte classes. The pattern rules' pre-check asks it instead of
// searching the line once per literal.
//
// Literals are in caseKey form, lower case. ASCII upper case shares its
// lower case's class, so ASCII needs no mapping; other runes are mapped
// by caseKey as they are fed. The
// bytes no literal contains share one class, which keeps the table small
// enough to stay in cache (about 60 classes instead of 256).
type literalScanner struct {
	ids    map[string]int // literal → id
	class  [256]uint8     // byte → column of delta
	nclass int
	// delta[row+class] is the row of the next state, where a state's row
	// is its number times nclass: no multiplication between two loads.
	// Entries are filled as scanning needs them (see next); 0 is one not
	// yet filled, as no state is number 0.
	delta []int32
	out   [][]int32 // state → ids of the literals that end there
	// outFrom is the first row of a state with outputs: they are
	// numbered last, so that telling them apart costs one comparison.
	outFrom int32
	words   int      // uint64 words in a result bitset
	kids    [][]edge // state → its children in the trie
	fail    []int32  // state → its failure state
}

// edge is a trie edge: a byte class and the state it leads to.
type edge struct {
	class uint8
	to    int32
}

// rootState is the number of the automaton's start state.
const rootState = 1

// id registers a literal and returns its id.
func (s *literalScanner) id(lit string) int {
	if s.ids == nil {
		s.ids = map[string]int{}
	}
	if id, ok := s.ids[lit]; ok {
		return id
	}
	s.ids[lit] = len(s.ids)
	return len(s.ids) - 1
}

// compile builds the automaton for the registered literals: the trie and
// its failure links. The transition table is filled lazily, row entry by
// row entry as lines need them: scanning prose visits a few hundred of
// the built-in packs' 4,000 states, and filling the 1.3 MB table at once
// was a fifth of start-up (its pages are only touched when used).
func (s *literalScanner) compile() {
	lits := make([]string, len(s.ids))
	for lit, id := range s.ids {
		lits[id] = lit
	}
	// Class 0: bytes in no literal. Literals are in lower case, so at most
	// 230 byte values occur in them and a class fits a byte.
	s.nclass = 1
	for _, lit := range lits {
		for i := 0; i < len(lit); i++ {
			if c := lit[i]; s.class[c] == 0 {
				s.class[c] = uint8(s.nclass)
				s.nclass++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		s.class[c] = s.class[c+'a'-'A']
	}
	kids := [][]edge{nil} // state → its children in the trie; 0 is the root
	out := [][]int32{nil}
	for id, lit := range lits {
		cur := int32(0)
		for i := 0; i < len(lit); i++ {
			c := s.class[lit[i]]
			next := childOf(kids[cur], c)
			if next == 0 {
				next = int32(len(kids))
				kids[cur] = append(kids[cur], edge{c, next})
				kids = append(kids, nil)
				out = append(out, nil)
			}
			cur = next
		}
		out[cur] = append(out[cur], int32(id))
	}
	// Breadth first: a state's failure state is shallower, so its
	// failure links and outputs are complete when it is reached.
	fail := make([]int32, len(kids))
	bfs := make([]int32, 1, len(kids))
	for i := 0; i < len(bfs); i++ {
		st := bfs[i]
		for _, e := range kids[st] {
			if st != 0 {
				f := fail[st]
				for f != 0 && childOf(kids[f], e.class) == 0 {
					f = fail[f]
				}
				fail[e.to] = childOf(kids[f], e.class)
				out[e.to] = append(out[e.to], out[fail[e.to]]...)
			}
			bfs = append(bfs, e.to)
		}
	}
	// Number the states breadth first from rootState, those with outputs
	// after all others: scanning prose, the automaton mostly moves among
	// the root and the states a letter or two deep, whose rows then sit
	// together and stay in cache (rows scattered over the table missed it
	// at nearly every byte), and telling an output state costs one
	// comparison.
	n := s.nclass
	num := make([]int32, len(kids))
	next := int32(rootState)
	for pass := range 2 {
		for _, st := range bfs {
			if (len(out[st]) > 0) == (pass == 1) {
				num[st] = next
				next++
			}
		}
		if pass == 0 {
			s.outFrom = next * int32(n)
		}
	}
	s.delta = make([]int32, int(next)*n)
	s.out = make([][]int32, next)
	s.kids = make([][]edge, next)
	s.fail = make([]int32, next)
	for st, ks := range kids {
		k := num[st]
		s.out[k] = out[st]
		s.fail[k] = num[fail[st]]
		for _, e := range ks {
			s.kids[k] = append(s.kids[k], edge{e.class, num[e.to]})
		}
	}
	s.words = (len(s.ids) + 63) / 64
}

// rootRow is the row of the start state, where a scan begins.
func (s *literalScanner) rootRow() int32 { return rootState * int32(s.nclass) }

// childOf returns the child along class among kids, or 0.
func childOf(kids []edge, class uint8) int32 {
	for _, e := range kids {
		if e.class == class {
			return e.to
		}
	}
	return 0
}

// next returns the row that follows row on class, filling the table
// entry on first use: the trie's child, or else what the failure state
// does. Concurrent scans may fill an entry at once; they store the same
// value, and atomically.
func (s *literalScanner) next(row int32, class uint8) int32 {
	n := int32(s.nclass)
	st := row / n
	to := childOf(s.kids[st], class) * n
	if to == 0 {
		to = rootState * n
		if st != rootState {
			f := s.fail[st] * n
			if to = atomic.LoadInt32(&s.delta[f+int32(class)]); to == 0 {
				to = s.next(f, class)
			}
		}
	}
	atomic.StoreInt32(&s.delta[row+int32(class)], to)
	return to
}

// remapOutputs makes the scanner report owners of its literals instead of
// the literals: owners[id] are the ids, below n, that literal id stands for.
func (s *literalScanner) remapOutputs(owners [][]int32, n int) {
	for st, ids := range s.out {
		var mapped []int32
		for _, id := range ids {
			for _, o := range owners[id] {
				if !slices.Contains(mapped, o) {
					mapped = append(mapped, o)
				}
			}
		}
		s.out[st] = mapped
	}
	s.words = (n + 63) / 64
}

// litScan is the progress of a scan over one line, so that it can stop
// after the first runes and go on later if more are needed.
type litScan struct {
	state int32 // the row of the automaton's state
	pos   int   // bytes of the line fed
	runes int   // runes of the line fed
	found []uint64
}

// start readies sc for a new line.
func (s *literalScanner) start(sc *litScan) {
	sc.state, sc.pos, sc.runes = s.rootRow(), 0, 0
	if cap(sc.found) < s.words {
		sc.found = make([]uint64, s.words)
	}
	sc.found = sc.found[:s.words]
	clear(sc.found)
}

// scan feeds the case keys of t's runes from sc.pos on, up to limit runes
// in all (or all of t when limit < 0), setting in sc.found the ids of the
// literals that end in them.
func (s *literalScanner) scan(t []byte, sc *litScan, limit int) {
	state, pos, runes := sc.state, sc.pos, sc.runes
	if limit < 0 {
		limit = len(t)
	}
	for pos < len(t) && runes < limit {
		c := t[pos]
		if c < utf8.RuneSelf {
			// step, spelled out: with the lazy fill it is too big to
			// inline, and ASCII is most of what is scanned.
			cl := s.class[c]
			to := atomic.LoadInt32(&s.delta[state+int32(cl)])
			if to == 0 || to >= s.outFrom {
				to = s.slowStep(state, cl, to, sc.found)
			}
			state = to
			pos++
			runes++
			continue
		}
		r, size := utf8.DecodeRune(t[pos:])
		if lr := caseKey(r); lr != r {
			var buf [utf8.UTFMax]byte
			for _, b := range buf[:utf8.EncodeRune(buf[:], lr)] {
				state = s.step(state, b, sc.found)
			}
		} else {
			for _, b := range t[pos : pos+size] {
				state = s.step(state, b, sc.found)
			}
		}
		pos += size
		runes++
	}
	sc.state, sc.pos, sc.runes = state, pos, runes
}

func (s *literalScanner) step(row int32, b byte, found []uint64) int32 {
	c := s.class[b]
	to := atomic.LoadInt32(&s.delta[row+int32(c)])
	if to == 0 || to >= s.outFrom {
		to = s.slowStep(row, c, to, found)
	}
	return to
}

// slowStep finishes a step to row to, 0 if that entry is not filled yet:
// it fills it, and marks the literals that end in the state reached.
func (s *literalScanner) slowStep(row int32, c uint8, to int32, found []uint64) int32 {
	if to == 0 {
		if to = s.next(row, c); to < s.outFrom {
			return to
		}
	}
	for _, id := range s.out[to/int32(s.nclass)] {
		found[id>>6] |= 1 << (id & 63)
	}
	return to
}

// caseKey maps every rune of a case-folding orbit (unicode.SimpleFold: s,
// S and ſ; k, K and the Kelvin sign) to one rune, the lower case of the
// orbit's smallest: two runes match under (?i) exactly when their keys are
// equal. Plain lower case is not enough: ſ is its own lower case, and a
// scan that lowered "WHATſAPP" missed the literal "whatsapp" that (?i)
// matches in it. A table serves the scripts the packs serve (below
// U+2100).
func caseKey(r rune) rune {
	if r < rune(len(caseKeyTable)) {
		if k := caseKeyTable[r]; k != 0 {
			return rune(k)
		}
		return r // its own key: not in the table
	}
	return caseKeyOf(r)
}

func caseKeyOf(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return unicode.ToLower(least)
}

// caseKeyTable is caseKeyOf below U+2100, computed by TestCaseTables:
// its identity entries are implicit (see caseKey).
var caseKeyTable = &caseKeyTableData

// caseKeys is s with every rune mapped by caseKey.
func caseKeys(s string) string {
	return strings.Map(caseKey, s)
}
