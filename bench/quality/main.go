// Command quality measures artclean on real extracted text: the pages of the
// public Polish extraction benchmark Text_extraction_comparison_PL, turned
// into text by go-trafilatura and by a naive visible-text dump, are cleaned
// by the artclean CLI and scored with the benchmark's own rules before and
// after. See README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(argv []string) int {
	fs := flag.NewFlagSet("quality", flag.ContinueOnError)
	data := fs.String("data", os.Getenv("PLBENCH_DIR"), "the `folder` \"tests — comparison\" of Text_extraction_comparison_PL (default $PLBENCH_DIR)")
	trafEval := fs.String("trafeval", "", "run trafilatura's evaluation set instead: its `tests` folder (evaldata.json, cache/, eval/); an independent check, not for tuning")
	artclean := fs.String("artclean", "", "artclean binary `PATH` (default: build ./cmd/artclean of -repo into a temp dir)")
	repo := fs.String("repo", "../..", "artclean repository `root`, for building the binary")
	extra := fs.String("args", "", "extra artclean `flags`, e.g. \"--disable teaser\"")
	pageArgs := fs.String("page-args", "--input page", "extra artclean `flags` for the naive visible-text dumps of -page-sets")
	pageSets := fs.String("page-sets", "news", "the `sets` (comma-separated) whose naive dumps are article pages, cleaned with -page-args")
	sets := fs.String("sets", "", "comma-separated `sets` to run (news, forums; default both)")
	verbose := fs.Bool("v", false, "also list the 'without' snippets left after artclean, per page")
	jsonOut := fs.String("json", "", "write per-page, per-kind results to `FILE` (outside the repository)")
	dump := fs.String("dump", "", "write every text before and after artclean under `DIR` (outside the repository)")
	noFallback := fs.Bool("no-fallback", false, "go-trafilatura without readability/domdistiller fallback (its CLI default is fallback on)")
	comments := fs.Bool("comments", false, "let go-trafilatura extract comments (separately: never part of ContentText)")
	fastDate := fs.Bool("fast-date", false, "go-trafilatura HtmlDateMode=Disabled (faster; the date is metadata, text is unchanged)")
	blank := fs.Bool("blank-lines", false, "separate blocks by a blank line (paragraphs for artclean) instead of a newline")
	jobs := fs.Int("j", 0, "pages extracted at once (default: GOMAXPROCS)")
	quiet := fs.Bool("q", false, "no progress notes on stderr")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: go run . -data \"/path/to/Text_extraction_comparison_PL/tests — comparison\" [flags]\n       go run . -trafeval /path/to/trafilatura/tests [flags]\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(argv); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "quality: unexpected arguments %q\n", fs.Args())
		return 2
	}
	explicit := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	if *trafEval != "" {
		if explicit["data"] || explicit["sets"] {
			fmt.Fprintln(os.Stderr, "quality: -trafeval runs trafilatura's set alone: drop -data and -sets")
			return 2
		}
		*data = *trafEval
		if !explicit["page-sets"] {
			*pageSets = TrafEvalSet // its pages are articles, as the Polish news
		}
	}
	if *data == "" {
		fmt.Fprintln(os.Stderr, "quality: -data is required (clone github.com/tsolewski/Text_extraction_comparison_PL and pass its \"tests — comparison\" folder)")
		return 2
	}
	for _, p := range []string{*jsonOut, *dump} {
		if p == "" {
			continue
		}
		if root, in := insideGitTree(p); in {
			fmt.Fprintf(os.Stderr, "quality: %s is inside the git work tree %s; page texts must not be committed: write them elsewhere (e.g. /tmp)\n", p, root)
			return 2
		}
	}
	extraArgs, err := splitArgs(*extra)
	if err != nil {
		fmt.Fprintf(os.Stderr, "quality: -args: %v\n", err)
		return 2
	}
	pageFlags, err := splitArgs(*pageArgs)
	if err != nil {
		fmt.Fprintf(os.Stderr, "quality: -page-args: %v\n", err)
		return 2
	}
	cfg := Config{
		DataDir:    *data,
		TrafEval:   *trafEval != "",
		Artclean:   *artclean,
		RepoRoot:   *repo,
		ExtraArgs:  extraArgs,
		PageArgs:   pageFlags,
		PageSets:   strings.Split(*pageSets, ","),
		Traf:       TrafOptions{Fallback: !*noFallback, Comments: *comments, FastDate: *fastDate},
		BlankLines: *blank,
		Jobs:       *jobs,
	}
	if *sets != "" {
		cfg.SetNames = strings.Split(*sets, ",")
	}
	if !*quiet {
		cfg.Log = os.Stderr
	}
	res, err := Run(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "quality: %v\n", err)
		return 1
	}
	PrintReport(os.Stdout, res, *verbose)
	if *jsonOut != "" {
		if err := WriteJSON(*jsonOut, res); err != nil {
			fmt.Fprintf(os.Stderr, "quality: %v\n", err)
			return 1
		}
	}
	if *dump != "" {
		if err := WriteDump(*dump, res); err != nil {
			fmt.Fprintf(os.Stderr, "quality: %v\n", err)
			return 1
		}
	}
	return 0
}
