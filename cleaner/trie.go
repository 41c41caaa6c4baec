package cleaner

import "unicode/utf8"

// edgeTable holds a trie's edges, node and label to child, in an
// open-addressing hash table: a look-up is a multiplication and a probe
// or two, several times cheaper than a Go map's.
type edgeTable struct {
	keys  []uint64
	child []int32 // 0: an empty slot (no edge leads back to the root)
	n     int
}

func edgeKey(node int32, label rune) uint64 { return uint64(node)<<32 | uint64(uint32(label)) }

func (t *edgeTable) slot(k uint64) int {
	mask := len(t.keys) - 1
	h := int((k*0x9E3779B97F4A7C15)>>40) & mask
	for t.child[h] != 0 && t.keys[h] != k {
		h = (h + 1) & mask
	}
	return h
}

// get returns the child of node along label, 0 if there is none.
func (t *edgeTable) get(node int32, label rune) int32 {
	if t.n == 0 {
		return 0
	}
	return t.child[t.slot(edgeKey(node, label))]
}

// put adds an edge; the table stays at most half full.
func (t *edgeTable) put(node int32, label rune, child int32) {
	if 2*(t.n+1) > len(t.keys) {
		old := *t
		size := max(16, 2*len(t.keys))
		*t = edgeTable{keys: make([]uint64, size), child: make([]int32, size)}
		for i, c := range old.child {
			if c != 0 {
				t.put(int32(old.keys[i]>>32), rune(uint32(old.keys[i])), c)
			}
		}
	}
	h := t.slot(edgeKey(node, label))
	if t.child[h] == 0 {
		t.n++
	}
	t.keys[h], t.child[h] = edgeKey(node, label), child
}

// phraseTrie holds case-folded phrases rune by rune. A line is matched by
// folding its runes one at a time on the way down: most lines leave the
// trie within a rune or two, where folding a window of the line and
// comparing it with every phrase of its first letter cost several times
// more.
type phraseTrie struct {
	edges edgeTable
	ends  [][]int32 // per node, the phrases that end there, in the order added
	// pairs marks the first two bytes of the phrases that start with two
	// ASCII bytes, and every pair that starts with a phrase of one ASCII
	// byte: a line starting with two ASCII bytes is ruled out by one
	// look-up (see mayStart), where the walk took two or three steps for
	// most lines of prose.
	pairs [128 * 128 / 64]uint64
}

// mayStart reports whether a phrase may start at line[i], ruling out what
// the first two bytes can (folded, they are ASCII lowered).
func (t *phraseTrie) mayStart(line []byte, i int) bool {
	if i+1 >= len(line) || line[i]|line[i+1] >= utf8.RuneSelf {
		return true // not two ASCII bytes: the walk decides
	}
	k := int(asciiLower[line[i]])<<7 | int(asciiLower[line[i+1]])
	return t.pairs[k>>6]&(1<<(k&63)) != 0
}

// asciiLower is lowerByte as a table, which keeps mayStart small enough
// to inline.
var asciiLower = func() (t [256]byte) {
	for c := range t {
		t[c] = lowerByte(byte(c))
	}
	return t
}()

// add adds phrase number i, already folded.
func (t *phraseTrie) add(folded string, i int32) {
	if t.ends == nil {
		t.ends = [][]int32{nil}
	}
	node := int32(0)
	for _, r := range folded {
		next := t.edges.get(node, r)
		if next == 0 {
			next = int32(len(t.ends))
			t.ends = append(t.ends, nil)
			t.edges.put(node, r, next)
		}
		node = next
	}
	t.ends[node] = append(t.ends[node], i)
	switch {
	case len(folded) == 1 && folded[0] < utf8.RuneSelf:
		// Any byte may follow: the two words of row folded[0].
		t.pairs[int(folded[0])<<1] = ^uint64(0)
		t.pairs[int(folded[0])<<1|1] = ^uint64(0)
	case len(folded) >= 2 && folded[0]|folded[1] < utf8.RuneSelf:
		k := int(folded[0])<<7 | int(folded[1])
		t.pairs[k>>6] |= 1 << (k & 63)
	}
}

// trieWalk is a walk down a phraseTrie along a line's folded runes.
type trieWalk struct {
	t    *phraseTrie
	f    *folder
	node int32
	pos  int // bytes of the line taken
}

// step takes the next rune of line. It returns false when the trie has no
// path for it: the walk is over. Otherwise it returns the phrases that
// the folded line up to w.pos equals, and true. A rune that folds to
// several (ß to "ss") ends no phrase in its middle, as the rest of its
// folding would follow the phrase.
func (w *trieWalk) step(line []byte) (ends []int32, ok bool) {
	if w.pos >= len(line) {
		return nil, false
	}
	r, size := utf8.DecodeRune(line[w.pos:])
	w.pos += size
	if fr := foldOne(r); fr >= 0 {
		w.node = w.t.edges.get(w.node, fr)
	} else {
		for _, fr := range string(w.f.foldRune(r)) {
			if w.node = w.t.edges.get(w.node, fr); w.node == 0 {
				break
			}
		}
	}
	if w.node == 0 {
		return nil, false
	}
	return w.t.ends[w.node], true
}
