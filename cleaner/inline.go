package cleaner

import (
	"bytes"
	"regexp/syntax"
)

// inlineRule is one pattern of an inline rule: noise inside a line, whose
// both ends are delimiters ("[CZYTAJ WIĘCEJ]").
type inlineRule struct {
	re   *lazyRegexp
	rule *Rule
	// first, when not 0, is the byte every match starts with: a line
	// without it costs one IndexByte.
	first byte
}

func newInlineRule(r *Rule, p string) *inlineRule {
	ir := &inlineRule{re: &lazyRegexp{expr: p}, rule: r}
	if re, err := syntax.Parse(p, syntax.Perl); err == nil {
		re = re.Simplify()
		if re.Op == syntax.OpConcat && len(re.Sub) > 0 {
			re = re.Sub[0]
		}
		if re.Op == syntax.OpLiteral && len(re.Rune) > 0 && re.Rune[0] < 0x80 && re.Flags&syntax.FoldCase == 0 {
			ir.first = byte(re.Rune[0])
		}
	}
	return ir
}

// stripInline removes the spans the inline rules match from line t and
// reports each; the words around a span close up with one space. It
// returns t itself when nothing matched.
func (d *doc) stripInline(t []byte, num int) []byte {
	rules := d.m.inline
	if x := d.c.extra; x != nil {
		rules = append(rules[:len(rules):len(rules)], x.inline...)
	}
	for _, ir := range rules {
		if ir.first != 0 && bytes.IndexByte(t, ir.first) < 0 {
			continue
		}
		locs := ir.re.get().FindAllIndex(t, -1)
		if len(locs) == 0 {
			continue
		}
		out := make([]byte, 0, len(t))
		last := 0
		for _, loc := range locs {
			d.remove(ir.rule, num, StripSpan, t[loc[0]:loc[1]])
			out = append(out, t[last:loc[0]]...)
			last = loc[1]
		}
		out = append(out, t[last:]...)
		t = bytes.TrimSpace(collapseSpaces(out))
	}
	return t
}

// collapseSpaces folds runs of spaces that a removed span left to one.
func collapseSpaces(b []byte) []byte {
	out := b[:0]
	for i, c := range b {
		if c == ' ' && i > 0 && b[i-1] == ' ' {
			continue
		}
		out = append(out, c)
	}
	return out
}
