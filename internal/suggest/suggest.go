// Package suggest finds the word a user probably meant: the basis of the
// "did you mean" hints for mistyped rule IDs, flags and commands.
package suggest

// Closest returns the candidate nearest to word by edit distance, if it is
// near enough to be a typo (at most a third of word's length, and at most
// 3 edits), or "".
func Closest(word string, candidates []string) string {
	best, bestD := "", 0
	limit := min(3, max(1, len([]rune(word))/3))
	for _, c := range candidates {
		if d := distance(word, c); d <= limit && (best == "" || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the edit distance between a and b in runes, a swap of two
// neighbours counting as one edit ("rulse" is one from "rules").
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
