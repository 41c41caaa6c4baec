package learn

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/ruletest"
)

// Spans: boilerplate inside a line. Scrapers often join a page's
// paragraphs into one line, and then a reader prompt, a teaser or a legal
// footer is a run of sentences inside the line, never a line of its own.
//
// Pass one counts, beside the lines, the documents each normalised
// sentence of a line of two or more sentences occurs in, in a second
// hash map under the same bound (MaxKeys for both together). Pass two
// takes the sentences that reach --min-share, counts them exactly, keeps
// their verbatim forms, counts how often two of them follow each other in
// a line, and keeps a few real contexts (the sentence before and after).
// A span is then a chain of candidate sentences that nearly always follow
// each other (in at least 80% of the documents of either), and becomes an
// inline rule whose pattern is the span's sentences, quoted: the cleaner
// cuts it only where it is whole sentences of the line.

const (
	maxRun    = 8 // candidate sentences in a row kept as one context; a longer run is not kept
	maxCtx    = 4 // contexts kept per candidate sentence
	maxPairs  = 1 << 20
	ctxWords  = 12  // words of a neighbouring sentence an example keeps
	joinShare = 0.8 // share of either sentence's documents a pair needs to be one span
)

type scand struct {
	norm  string
	docs  int
	last  int
	forms map[string]*form // verbatim sentence, spaces folded → count
	ctxs  []spanCtx
}

// spanCtx is a run of candidate sentences in a line and its neighbours.
type spanCtx struct {
	before, after string // shortened neighbours, "" at the line's edge
	run           []string
	keys          []uint64
}

type pairCount struct{ docs, last int }

// countable reports a sentence worth counting, with its key: whole, at
// most MaxLine bytes and of two words or more ("Tak." repeats in any
// prose). The key is the hash of the normalised sentence after a zero
// byte, apart from a line of the same words: both share a document's
// seen-set.
func countable(s sent) (key uint64, ok bool) {
	if !s.whole || len(s.text) > MaxLine {
		return 0, false
	}
	key, words := normKey("\x00", s.text)
	return key, words >= 2
}

// countSentences is pass one for the sentences of one line of document n.
func (g *group) countSentences(ss []sent, n int) {
	for _, s := range ss {
		if k, ok := countable(s); ok {
			g.countOnce(g.scounts, k, n)
		}
	}
}

// collectSentences is pass two for the sentences of one line of document n.
func (g *group) collectSentences(ss []sent, n, maxForms int) {
	keys := make([]uint64, len(ss))
	cs := make([]*scand, len(ss))
	for i, s := range ss {
		k, ok := countable(s)
		if !ok {
			continue
		}
		c := g.scands[k]
		if c == nil {
			continue
		}
		keys[i], cs[i] = k, c
		if c.norm == "" {
			c.norm = Normalize(s.text)
		}
		if c.last != n {
			c.last = n
			c.docs++
		}
		text := strings.Join(strings.Fields(s.text), " ") // two words or more: a copy, not a piece of the line
		if f := c.forms[text]; f != nil {
			f.docs++
		} else if len(c.forms) < maxForms {
			c.forms[text] = &form{text: text, docs: 1}
		}
		if i > 0 && cs[i-1] != nil {
			pk := [2]uint64{keys[i-1], k}
			p := g.pairs[pk]
			if p == nil && len(g.pairs) < maxPairs {
				p = &pairCount{}
				g.pairs[pk] = p
			}
			if p != nil && p.last != n {
				p.last = n
				p.docs++
			}
		}
	}
	for i := 0; i < len(ss); {
		if cs[i] == nil {
			i++
			continue
		}
		j := i
		for j < len(ss) && cs[j] != nil {
			j++
		}
		if j-i <= maxRun && (i > 0 || j < len(ss)) {
			ctx := spanCtx{keys: keys[i:j:j]}
			// Copies: a piece would hold its whole line (up to a MiB)
			// in memory for as long as the context is kept.
			for _, s := range ss[i:j] {
				ctx.run = append(ctx.run, strings.Clone(s.text))
			}
			if i > 0 {
				ctx.before = lastWords(ss[i-1].text, ctxWords)
			}
			if j < len(ss) {
				ctx.after = firstWords(ss[j].text, ctxWords)
			}
			for _, c := range cs[i:j] {
				if len(c.ctxs) < maxCtx {
					c.ctxs = append(c.ctxs, ctx)
				}
			}
		}
		i = j
	}
}

// lastWords and firstWords shorten a neighbouring sentence for an example;
// the result is a copy, never a piece of the line.
func lastWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Clone(strings.Join(f[max(0, len(f)-n):], " "))
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Clone(strings.Join(f[:min(n, len(f))], " "))
}

// Span is a learned run of sentences found inside lines.
type Span struct {
	Group string
	Docs  int // documents holding it inside a line (for a span of several sentences, at most this many)
	Total int // documents in the group
	// Sentences holds the verbatim forms of each sentence of the span
	// (spaces folded), most frequent first.
	Sentences [][]string
	Examples  []SpanExample
}

// SpanExample is the span in a real line, shortened to its neighbours.
type SpanExample struct{ Before, Text, After string }

// Spans returns the spans that pass the thresholds, per group in the order
// groups were first seen, most frequent first. Each sentence of a span
// needs --min-share and, unless it is shaped as noise (a label in capitals
// such as "ZOBACZ:", an address, ©), --sentence-share as well: inside a
// flattened page every span is a sentence, and real sentences repeat too.
// The test is per sentence, so that a teaser that always stands before the
// same article sentence (a syndicated story) does not take it along.
func (l *Learner) Spans() []Span {
	l.startPass2()
	var out []Span
	for _, name := range l.order {
		g := l.groups[name]
		low, high := l.threshold(g, l.opts.MinShare), l.threshold(g, l.opts.SentenceShare)
		ok := func(h uint64) *scand {
			c := g.scands[h]
			if c == nil || c.docs < low || len(c.forms) == 0 {
				return nil
			}
			if c.docs < high && !noiseShaped(sortedForms(c.forms)[0]) {
				return nil
			}
			return c
		}
		// Link each sentence to the one that nearly always follows it.
		next, prev := map[uint64]uint64{}, map[uint64]uint64{}
		best := map[uint64]int{}
		bestPrev := map[uint64]int{}
		for pk, p := range g.pairs {
			a, b := ok(pk[0]), ok(pk[1])
			if a == nil || b == nil || pk[0] == pk[1] || p.docs < low ||
				float64(p.docs) < joinShare*float64(max(a.docs, b.docs)) {
				continue
			}
			if p.docs > best[pk[0]] || p.docs == best[pk[0]] && pk[1] < next[pk[0]] {
				best[pk[0]], next[pk[0]] = p.docs, pk[1]
			}
			if p.docs > bestPrev[pk[1]] || p.docs == bestPrev[pk[1]] && pk[0] < prev[pk[1]] {
				bestPrev[pk[1]], prev[pk[1]] = p.docs, pk[0]
			}
		}
		linked := func(a, b uint64) bool {
			nb, ok1 := next[a]
			pa, ok2 := prev[b]
			return ok1 && ok2 && nb == b && pa == a
		}
		var list []Span
		for h := range g.scands {
			if ok(h) == nil {
				continue
			}
			if p, has := prev[h]; has && linked(p, h) {
				continue // not the start of its chain
			}
			chain := []uint64{h}
			docs := g.scands[h].docs
			for len(chain) < maxRun {
				nx, has := next[chain[len(chain)-1]]
				if !has || !linked(chain[len(chain)-1], nx) || containsKey(chain, nx) {
					break
				}
				docs = min(docs, g.pairs[[2]uint64{chain[len(chain)-1], nx}].docs)
				chain = append(chain, nx)
			}
			sp := Span{Group: name, Docs: docs, Total: g.docs}
			for _, k := range chain {
				sp.Sentences = append(sp.Sentences, sortedForms(g.scands[k].forms))
			}
			if docs < low {
				continue
			}
			sp.Examples = examples(g.scands[h].ctxs, chain)
			if len(sp.Examples) == 0 {
				continue // only ever a whole line: the line rules' case
			}
			list = append(list, sp)
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Docs != list[j].Docs {
				return list[i].Docs > list[j].Docs
			}
			return strings.Join(firstForms(list[i].Sentences), " ") < strings.Join(firstForms(list[j].Sentences), " ")
		})
		out = append(out, list...)
	}
	return out
}

func containsKey(ks []uint64, k uint64) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// sortedForms lists the forms most frequent first.
func sortedForms(m map[string]*form) []string {
	forms := make([]*form, 0, len(m))
	for _, f := range m {
		forms = append(forms, f)
	}
	sort.Slice(forms, func(i, j int) bool {
		if forms[i].docs != forms[j].docs {
			return forms[i].docs > forms[j].docs
		}
		return forms[i].text < forms[j].text
	})
	out := make([]string, len(forms))
	for i, f := range forms {
		out[i] = f.text
	}
	return out
}

func firstForms(ss [][]string) []string {
	out := make([]string, len(ss))
	for i, f := range ss {
		out[i] = f[0]
	}
	return out
}

// examples finds the chain in the contexts kept for its first sentence, with
// a neighbour on at least one side (else it was the whole line).
func examples(ctxs []spanCtx, chain []uint64) []SpanExample {
	var out []SpanExample
	for _, c := range ctxs {
		for p := 0; p+len(chain) <= len(c.keys); p++ {
			if !equalKeys(c.keys[p:p+len(chain)], chain) {
				continue
			}
			ex := SpanExample{Before: c.before, After: c.after, Text: strings.Join(c.run[p:p+len(chain)], " ")}
			if p > 0 {
				ex.Before = lastWords(c.run[p-1], ctxWords)
			}
			if q := p + len(chain); q < len(c.run) {
				ex.After = firstWords(c.run[q], ctxWords)
			}
			if ex.Before != "" || ex.After != "" {
				out = append(out, ex)
			}
			break
		}
	}
	return out
}

func equalKeys(a, b []uint64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// noiseShaped reports a span that prose does not write: it opens with a
// label in capitals and a colon ("ZOBACZ:", "CZYTAJ TAKŻE:"), or it holds
// an address or a copyright sign.
func noiseShaped(s string) bool {
	if i := strings.IndexByte(s, ':'); i > 0 {
		label := s[:i]
		if strings.IndexFunc(label, unicode.IsLower) < 0 && strings.IndexFunc(label, unicode.IsLetter) >= 0 &&
			len([]rune(strings.ReplaceAll(label, " ", ""))) >= 2 {
			return true
		}
	}
	return strings.Contains(s, "@") || strings.Contains(s, "://") || strings.Contains(s, "www.") || strings.Contains(s, "©")
}

// digits is compiled on first use: learn alone needs it.
var digits = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\d+`) })

// sentencePattern is an RE2 pattern for one sentence's forms: each quoted,
// any white space for a space; more than MaxPhrases forms fold their
// numbers to \d+ ("© 2021" and "© 2023").
func sentencePattern(forms []string) string {
	quote := func(f string) string {
		return strings.ReplaceAll(regexp.QuoteMeta(f), " ", `\s+`)
	}
	var alts []string
	seen := map[string]bool{}
	for _, f := range forms {
		q := quote(f)
		if len(forms) > MaxPhrases {
			q = digits().ReplaceAllString(q, `\d+`)
		}
		if !seen[q] && len(alts) < MaxPhrases {
			seen[q] = true
			alts = append(alts, q)
		}
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return "(?:" + strings.Join(alts, "|") + ")"
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// Rule turns a span into an inline rule of pack named name, with its real
// contexts as remove examples and the span inside a longer sentence as a
// keep example; nil when the rule fails its own examples.
func (sp Span) Rule(pack, name string) *cleaner.Rule {
	r := &cleaner.Rule{
		ID:   pack + "/" + name,
		Pack: pack,
		Kind: cleaner.KindInline,
		Description: fmt.Sprintf("%s inside lines of %d of %d documents (%.1f%%)",
			plural(len(sp.Sentences), "sentence"), sp.Docs, sp.Total, 100*float64(sp.Docs)/float64(max(sp.Total, 1))),
	}
	var parts []string
	for _, forms := range sp.Sentences {
		parts = append(parts, sentencePattern(forms))
	}
	r.Patterns = []string{strings.Join(parts, `\s+`)}
	for _, ex := range sp.Examples {
		in := joinNonEmpty(ex.Before, ex.Text, ex.After)
		if strings.Contains(in, " => ") || len(r.Remove) == 3 {
			continue
		}
		r.Remove = append(r.Remove, cleaner.Example{Input: in, Want: joinNonEmpty(ex.Before, ex.After)})
	}
	if len(r.Remove) == 0 {
		return nil
	}
	// The same words where a sentence goes on into them stay.
	ex := sp.Examples[0]
	lead := ex.Before
	if lead == "" {
		lead = ex.After
	}
	lead = strings.TrimRightFunc(lead, func(r rune) bool { return isEnder(r) || isCloser(r) })
	if keep := lead + ", " + ex.Text; lead != "" && !strings.Contains(keep, " => ") {
		r.Keep = []cleaner.Example{{Input: keep}}
	}
	if len(ruletest.Examples(r)) > 0 {
		return nil
	}
	return r
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
