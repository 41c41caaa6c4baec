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
			row := Row{Set: s.Name, Kind: k}
			for _, p := range s.Pages {
				kr := p.Kind(k)
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
			rows = append(rows, row)
		}
	}
	return rows
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
	fmt.Fprintf(w, "Polish extraction benchmark (Text_extraction_comparison_PL) — artclean quality\n")
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

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tkind\tpages\tP before\tR before\tF1 before\tP after\tR after\tF1 after\twithout removed\twith lost\t")
	for _, row := range r.Rows() {
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
					fmt.Fprintf(w, "  %s/%s  %s\n    %q  rules: %s\n", s.Name, kr.Kind, p.File, sn.Text, strings.Join(sn.Rules, ", "))
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
		Rows []Row `json:"table"`
	}
	b, err := json.MarshalIndent(out{trafilaturaVersion(), r, r.Rows()}, "", "  ")
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
