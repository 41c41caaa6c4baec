package review

import (
	"bufio"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/artclean/artclean/internal/atomicfile"
)

//go:embed page.html
var pageHTML string

// pageTmpl is parsed on first use: only a run that writes a review page
// needs it, and parsing it at start-up cost every run a quarter of a
// millisecond.
var pageTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"bytes":   humanBytes,
		"percent": func(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) },
	}).Parse(pageHTML))
})

// shownSources bounds the sources the page lists; the rest are summed up.
const shownSources = 200

// KeepPack is the pack of the keep-exceptions the page builds.
const KeepPack = "review-keep"

// ruleFileHeader opens the rule file of keep-exceptions: the page's script
// appends one phrase line per kept sample, as RuleFile does.
const ruleFileHeader = `# Keep-exceptions from artclean review: lines the rules took that stay.
# Save as keep.rules and run again with --rules keep.rules.
pack ` + KeepPack + `
rule keep
kind keep
description lines kept after a review of what the rules removed
`

// RuleFile is the rule file that keeps the given lines (KeepLine values):
// a keep rule, in the format --rules reads. The page builds the same text.
func RuleFile(lines []string) string {
	var b strings.Builder
	b.WriteString(ruleFileHeader)
	for _, l := range lines {
		b.WriteString("phrase " + l + "\n")
	}
	return b.String()
}

// DisableFlag is the flag that turns the rules off, as the page builds it.
func DisableFlag(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return "--disable " + strings.Join(ids, ",")
}

// page is what the template shows.
type page struct {
	Title      string
	FromReport bool
	Totals     Totals
	Share      float64 // of the text, removed
	Untouched  int
	Hist       template.HTML
	RuleChart  template.HTML
	Rules      []ruleRow
	Sources    []sourceRow
	MoreSrc    int
	Docs       []Doc
	Samples    []*Sample
	SampleSrcs []string
	K          int
	Header     string
}

type ruleRow struct {
	ID string
	*RuleStats
}

type sourceRow struct {
	Name string
	*SourceStats
	Top []ruleCount
}

type ruleCount struct {
	Rule string
	N    int
}

// Write writes the review page of c to w.
func (c *Collector) Write(w io.Writer, title string) error {
	p := &page{Title: title, FromReport: c.FromReport, Totals: c.totals, Docs: c.docs, K: c.k, Header: ruleFileHeader}
	if t := c.totals.Kept + c.totals.Removed; t > 0 {
		p.Share = float64(c.totals.Removed) / float64(t)
	}
	p.Untouched = c.totals.Docs - c.totals.Touched
	srcOfRule := map[string]int{}
	for _, s := range c.sources {
		for id := range s.Rules {
			srcOfRule[id]++
		}
	}
	for id, rs := range c.rules {
		rs.Sources = srcOfRule[id]
		p.Rules = append(p.Rules, ruleRow{id, rs})
	}
	slices.SortFunc(p.Rules, func(a, b ruleRow) int {
		return cmp.Or(cmp.Compare(b.Removals, a.Removals), cmp.Compare(a.ID, b.ID))
	})
	srcs := map[string]bool{}
	for _, r := range p.Rules {
		for _, sm := range r.Samples {
			p.Samples = append(p.Samples, sm)
			srcs[sm.Source] = true
		}
	}
	for s := range srcs {
		p.SampleSrcs = append(p.SampleSrcs, s)
	}
	sort.Strings(p.SampleSrcs)
	for name, s := range c.sources {
		if s.Removals == 0 && name == OtherSource {
			continue
		}
		p.Sources = append(p.Sources, sourceRow{Name: name, SourceStats: s})
	}
	slices.SortFunc(p.Sources, func(a, b sourceRow) int {
		return cmp.Or(cmp.Compare(b.Removals, a.Removals), cmp.Compare(b.Docs, a.Docs), cmp.Compare(a.Name, b.Name))
	})
	if len(p.Sources) > shownSources {
		p.MoreSrc = len(p.Sources) - shownSources
		p.Sources = p.Sources[:shownSources]
	}
	for i := range p.Sources {
		s := &p.Sources[i]
		for id, n := range s.Rules {
			s.Top = append(s.Top, ruleCount{id, n})
		}
		slices.SortFunc(s.Top, func(a, b ruleCount) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Rule, b.Rule)) })
		s.Top = s.Top[:min(len(s.Top), 5)]
	}
	if !c.FromReport {
		p.Hist = histogram(c.hist[:])
	}
	p.RuleChart = ruleChart(p.Rules)
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := pageTmpl().Execute(bw, p); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteFile writes the page to name atomically: a reader never sees half
// of it, and a failed run leaves the last page in place.
func (c *Collector) WriteFile(name, title string) error {
	f, err := atomicfile.Create(name, 0o644)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := c.Write(f, title); err != nil {
		return err
	}
	return f.Commit()
}

// histogram draws the share removed per document as an SVG bar chart.
func histogram(hist []int) template.HTML {
	const w, h, left, bottom, top, right = 640, 190, 44, 30, 12, 24
	peak := 1
	for _, n := range hist {
		peak = max(peak, n)
	}
	bw := float64(w-left-right) / float64(len(hist))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="documents by share of text removed">`, w, h)
	plot := float64(h - bottom - top)
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, left, h-bottom, w-right, h-bottom)
	fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="end">%d</text>`, left-6, top+4, peak)
	fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="end">0</text>`, left-6, h-bottom)
	for i, n := range hist {
		bh := plot * float64(n) / float64(peak)
		x := float64(left) + float64(i)*bw
		fmt.Fprintf(&b, `<rect class="bar%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%d documents lost %d–%d%% of their text</title></rect>`,
			map[bool]string{true: " heavy", false: ""}[i >= buckets/2], x+1, float64(h-bottom)-bh, bw-2, bh, n, i*100/buckets, (i+1)*100/buckets)
	}
	for pct := 0; pct <= 100; pct += 25 {
		x := float64(left) + float64(pct)/100*bw*float64(len(hist))
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%d" text-anchor="middle">%d%%</text>`, x, h-bottom+16, pct)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// ruleChart draws the bytes each rule removed, the largest 15, as bars.
func ruleChart(rules []ruleRow) template.HTML {
	rows := slices.Clone(rules)
	slices.SortFunc(rows, func(a, b ruleRow) int { return cmp.Or(cmp.Compare(b.Bytes, a.Bytes), cmp.Compare(a.ID, b.ID)) })
	rows = rows[:min(len(rows), 15)]
	if len(rows) == 0 {
		return ""
	}
	const w, rowH, label = 640, 20, 190
	peak := int64(1)
	for _, r := range rows {
		peak = max(peak, r.Bytes)
	}
	var b strings.Builder
	h := len(rows)*rowH + 4
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="bytes removed per rule">`, w, h)
	for i, r := range rows {
		y := i*rowH + 2
		bw := float64(w-label-80) * float64(r.Bytes) / float64(peak)
		fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="end">%s</text>`, label-6, y+14, template.HTMLEscapeString(r.ID))
		fmt.Fprintf(&b, `<rect class="bar" x="%d" y="%d" width="%.1f" height="%d"><title>%s: %d bytes</title></rect>`, label, y+3, max(bw, 1), rowH-6, template.HTMLEscapeString(r.ID), r.Bytes)
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%d">%s</text>`, float64(label)+max(bw, 1)+6, y+14, humanBytes(r.Bytes))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// humanBytes is n in binary units, as the run's summary line gives them.
func humanBytes(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	f, i := float64(n), 0
	for ; f >= 1024 && i < len(units)-1; i++ {
		f /= 1024
	}
	if i == 0 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f %s", f, units[i])
}
