package cleaner

// literalScanner finds, in one pass over a line, which of many literals it
// contains: an Aho-Corasick automaton compiled to a full transition table.
// The pattern rules' pre-check asks it instead of searching the line once
// per literal.
type literalScanner struct {
	ids   map[string]int // literal → id
	delta []int32        // state*256 + byte → next state
	out   [][]int32      // state → ids of the literals that end there
	words int            // uint64 words in a result bitset
}

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

// compile builds the automaton for the registered literals.
func (s *literalScanner) compile() {
	type node struct {
		next map[byte]int32
		fail int32
		out  []int32
	}
	nodes := []node{{next: map[byte]int32{}}}
	for lit, id := range s.ids {
		cur := int32(0)
		for i := 0; i < len(lit); i++ {
			nx, ok := nodes[cur].next[lit[i]]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, node{next: map[byte]int32{}})
				nodes[cur].next[lit[i]] = nx
			}
			cur = nx
		}
		nodes[cur].out = append(nodes[cur].out, int32(id))
	}
	s.delta = make([]int32, len(nodes)*256)
	s.out = make([][]int32, len(nodes))
	// Breadth first: a node's failure target is done before the node.
	queue := []int32{0}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		nd := &nodes[n]
		if n != 0 {
			nd.out = append(nd.out, nodes[nd.fail].out...)
		}
		s.out[n] = nd.out
		for b := range 256 {
			if nx, ok := nd.next[byte(b)]; ok {
				if n != 0 {
					nodes[nx].fail = s.delta[int(nd.fail)*256+b]
				}
				s.delta[int(n)*256+b] = nx
				queue = append(queue, nx)
			} else if n != 0 {
				s.delta[int(n)*256+b] = s.delta[int(nd.fail)*256+b]
			}
		}
	}
	s.words = (len(s.ids) + 63) / 64
}

// scan sets in found (s.words long, cleared by the caller) the ids of the
// literals that t contains.
func (s *literalScanner) scan(t []byte, found []uint64) {
	state := int32(0)
	for _, c := range t {
		state = s.delta[int(state)*256+int(c)]
		for _, id := range s.out[state] {
			found[id>>6] |= 1 << (id & 63)
		}
	}
}
