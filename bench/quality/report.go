package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Row is one line of the summary table: a set and a text kind.
type Row struct {
	Set, Kind      string
	Pages, None    int
	Before, After  Counts
	WithoutPresent int // 'without' snippets present before artclean
	WithoutRemoved int // ... and absent after
	WithLost       int // 'with' snippets present before and absent after
	WithGained     int // 'with' snippets absent before and present after
}

// Rows aggregates a run into table rows, set by set, kind by kind.
func (r *Result) Rows() []Row {
	var rows []Row
	for _, s := range r.Sets {
		for _, k := range Kinds {
			rows = append(rows, rowOf(s.Name, k, s.Pages))
		}
	}
	return rows
}

// minLangPages is the fewest pages a detected language needs for rows of
// its own in LangRows; smaller ones are pooled as "other".
const minLangPages = 10

// LangRows aggregates the pages by detected language (the Set column holds
// it), the languages with most pages first, the small ones pooled as
// "other". Empty when no page has a language.
func (r *Result) LangRows() []Row {
	byLang := map[string][]*PageResult{}
	for _, s := range r.Sets {
		for _, p := range s.Pages {
			if p.Lang != "" {
				byLang[p.Lang] = append(byLang[p.Lang], p)
			}
		}
	}
	var langs []string
	for l, pages := range byLang {
		if len(pages) < minLangPages && l != "other" {
			byLang["other"] = append(byLang["other"], pages...)
			delete(byLang, l)
		}
	}
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Slice(langs, func(i, j int) bool {
		a, b := langs[i], langs[j]
		if (a == "other") != (b == "other") {
			return b == "other"
		}
		if len(byLang[a]) != len(byLang[b]) {
			return len(byLang[a]) > len(byLang[b])
		}
		return a < b
	})
	var rows []Row
	for _, l := range langs {
		for _, k := range Kinds {
			rows = append(rows, rowOf(l, k, byLang[l]))
		}
	}
	return rows
}

// rowOf sums one text kind over pages.
func rowOf(set, kind string, pages []*PageResult) Row {
	row := Row{Set: set, Kind: kind}
	for _, p := range pages {
		kr := p.Kind(kind)
		row.Pages++
		if !kr.OK {
			row.None++
		}
		row.Before.Add(kr.CountsBefore)
		row.After.Add(kr.CountsAfter)
		for _, sn := range kr.Without {
			if sn.Before {
				row.WithoutPresent++
				if !sn.After {
					row.WithoutRemoved++
				}
			}
		}
		for _, sn := range kr.With {
			switch {
			case sn.Before && !sn.After:
				row.WithLost++
			case !sn.Before && sn.After:
				row.WithGained++
			}
		}
	}
	return row
}

// printTable writes rows as the summary table; first names the Set column.
func printTable(w io.Writer, first string, rows []Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tkind\tpages\tP before\tR before\tF1 before\tP after\tR after\tF1 after\twithout removed\twith lost\t\n", first)
	for _, row := range rows {
		b, a := row.Before.Scores(), row.After.Scores()
		pages := fmt.Sprint(row.Pages)
		if row.None > 0 {
			pages += fmt.Sprintf(" (%d none)", row.None)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d/%d\t%d\t\n", row.Set, row.Kind, pages,
			f3(b.Precision), f3(b.Recall), f3(b.F1), f3(a.Precision), f3(a.Recall), f3(a.F1),
			row.WithoutRemoved, row.WithoutPresent, row.WithLost)
	}
	tw.Flush()
}

func f3(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", x)
}

// trafilaturaVersion is the go-trafilatura module version this binary uses.
func trafilaturaVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/markusmobius/go-trafilatura" {
				if d.Replace != nil {
					return d.Version + " => " + d.Replace.Path + " " + d.Replace.Version
				}
				return d.Version
			}
		}
	}
	return "(unknown: no build info)"
}

func trunc(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ⏎ ")
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// PrintReport writes the table and the lists.
func PrintReport(w io.Writer, r *Result, verbose bool) {
	if r.Config.TrafEval {
		fmt.Fprintf(w, "trafilatura's evaluation set (tests/%s) — artclean quality; an independent check, not used for tuning\n", EvalJSONFile)
		fmt.Fprintf(w, "snippets matched whitespace-normalised, as trafilatura's eval_common.count_item does\n")
	} else {
		fmt.Fprintf(w, "Polish extraction benchmark (Text_extraction_comparison_PL) — artclean quality\n")
	}
	fmt.Fprintf(w, "data: %s\n", r.Config.DataDir)
	fmt.Fprintf(w, "go-trafilatura %s: EnableFallback=%v ExcludeComments=%v (CLI defaults: fallback on; ContentText never holds comments)", trafilaturaVersion(), r.Traf.Fallback, !r.Traf.Comments)
	if r.Traf.FastDate {
		fmt.Fprintf(w, " HtmlDateMode=Disabled")
	}
	fmt.Fprintln(w)
	args := "(none)"
	if len(r.ExtraArgs) > 0 {
		args = strings.Join(r.ExtraArgs, " ")
	}
	fmt.Fprintf(w, "artclean: %s, extra args: %s\n", r.Artclean, args)
	for _, s := range r.Sets {
		fmt.Fprintf(w, "%s: %d entries, %d run, %d skipped", s.Name, s.Entries, len(s.Pages), len(s.Skipped))
		for _, sk := range s.Skipped {
			fmt.Fprintf(w, "; %q (%s)", sk.File, sk.Reason)
		}
		fmt.Fprintln(w)
	}
	encs := map[string]int{}
	for _, s := range r.Sets {
		for _, p := range s.Pages {
			encs[p.Encoding+" ("+p.EncFrom+")"]++
		}
	}
	var ek []string
	for k := range encs {
		ek = append(ek, k)
	}
	sort.Strings(ek)
	fmt.Fprintf(w, "encodings:")
	for _, k := range ek {
		fmt.Fprintf(w, " %s ×%d;", k, encs[k])
	}
	fmt.Fprintln(w)
	for _, s := range r.Sets {
		for _, p := range s.Pages {
			if p.Invalid > 0 {
				fmt.Fprintf(w, "  note: %s/%s: %d undecodable byte(s) in %s became U+FFFD\n", s.Name, p.File, p.Invalid, p.Encoding)
			}
		}
	}
	fmt.Fprintln(w)

	printTable(w, "set", r.Rows())
	if rows := r.LangRows(); len(rows) > 0 {
		fmt.Fprintf(w, "\nBy detected language (whatlanggo on the traf-oneline text, else the naive one; \"?\" = not reliable; under %d pages pooled as \"other\"):\n", minLangPages)
		printTable(w, "lang", rows)
	}
	fmt.Fprintln(w, "('without removed' = noise snippets present before and gone after / present before; 'with lost' = article snippets artclean removed)")

	for _, s := range r.Sets {
		for _, p := range s.Pages {
			for _, kr := range p.Kinds {
				if !kr.OK {
					fmt.Fprintf(w, "note: %s/%s: go-trafilatura extracted nothing (%s): scored as None\n", s.Name, p.File, kr.Err)
					break
				}
			}
		}
	}

	fmt.Fprintf(w, "\nLost 'with' snippets (present before artclean, absent after):\n")
	lost := 0
	for _, s := range r.Sets {
		for _, p := range s.Pages {
			for _, kr := range p.Kinds {
				for _, sn := range kr.With {
					if !sn.Before || sn.After {
						continue
					}
					lost++
					file := p.File
					if p.Lang != "" {
						file += " [" + p.Lang + "]"
					}
					fmt.Fprintf(w, "  %s/%s  %s\n    %q  rules: %s\n", s.Name, kr.Kind, file, sn.Text, strings.Join(sn.Rules, ", "))
					for _, rm := range overlapping(sn.Text, kr.Removals) {
						fmt.Fprintf(w, "      %s %s line %d: %q\n", rm.Rule, rm.Action, rm.Line, trunc(rm.Text, 120))
					}
				}
			}
		}
	}
	if lost == 0 {
		fmt.Fprintln(w, "  (none)")
	}

	var gained []string
	for _, s := range r.Sets {
		for _, p := range s.Pages {
			for _, kr := range p.Kinds {
				for _, sn := range kr.With {
					if !sn.Before && sn.After {
						gained = append(gained, fmt.Sprintf("  %s/%s  %s: 'with' %q now found", s.Name, kr.Kind, p.File, sn.Text))
					}
				}
				for _, sn := range kr.Without {
					if !sn.Before && sn.After {
						gained = append(gained, fmt.Sprintf("  %s/%s  %s: 'without' %q now found", s.Name, kr.Kind, p.File, sn.Text))
					}
				}
			}
		}
	}
	if len(gained) > 0 {
		fmt.Fprintf(w, "\nSnippets found only after artclean (its character filters, e.g. NBSP → space):\n%s\n", strings.Join(gained, "\n"))
	}

	if verbose {
		fmt.Fprintf(w, "\n'without' snippets still present after artclean:\n")
		for _, s := range r.Sets {
			for _, p := range s.Pages {
				var parts []string
				for _, kr := range p.Kinds {
					var left []string
					for _, sn := range kr.Without {
						if sn.After {
							left = append(left, fmt.Sprintf("%q", sn.Text))
						}
					}
					if len(left) > 0 {
						parts = append(parts, fmt.Sprintf("    %-12s %s", kr.Kind+":", strings.Join(left, ", ")))
					}
				}
				if len(parts) > 0 {
					fmt.Fprintf(w, "  %s  %s  [%s, %s]\n%s\n", s.Name, p.File, p.Encoding, p.EncFrom, strings.Join(parts, "\n"))
				}
			}
		}
	}
	fmt.Fprintf(w, "\ntime: %v total (extraction %v, artclean %v)\n", r.TotalDur.Round(time.Millisecond), r.ExtractDur.Round(time.Millisecond), r.CleanDur.Round(time.Millisecond))
}

// WriteJSON writes the per-page, per-kind results.
func WriteJSON(path string, r *Result) error {
	type out struct {
		Trafilatura string `json:"go_trafilatura_version"`
		*Result
		Rows     []Row `json:"table"`
		LangRows []Row `json:"table_by_lang,omitempty"`
	}
	b, err := json.MarshalIndent(out{trafilaturaVersion(), r, r.Rows(), r.LangRows()}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// WriteDump writes each page's texts before and after artclean:
// DIR/<set>/<page file name>/<kind>.before.txt and <kind>.after.txt.
func WriteDump(dir string, r *Result) error {
	for _, s := range r.Sets {
		for _, p := range s.Pages {
			pd := filepath.Join(dir, s.Name, strings.TrimSuffix(p.File, filepath.Ext(p.File)))
			if err := os.MkdirAll(pd, 0o755); err != nil {
				return err
			}
			for _, kr := range p.Kinds {
				for _, f := range []struct{ suffix, text string }{{".before.txt", kr.Before}, {".after.txt", kr.After}} {
					if err := os.WriteFile(filepath.Join(pd, kr.Kind+f.suffix), []byte(f.text), 0o644); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// insideGitTree reports the work tree holding path, if any, so that page
// texts are not written where they could be committed.
func insideGitTree(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}
