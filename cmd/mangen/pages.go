package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/artclean/artclean/internal/cli"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// pageDate is the date the pages carry: fixed, so that generating them
// again gives the same bytes (the test holds the committed pages to it).
var pageDate = time.Date(2026, time.December, 4, 0, 0, 0, 0, time.UTC)

// writePages writes a page per command into dir.
func writePages(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	pages, err := render()
	if err != nil {
		return err
	}
	for name, b := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// render returns every page by file name.
func render() (map[string][]byte, error) {
	root := cli.Command()
	root.DisableAutoGenTag = true
	root.InitDefaultCompletionCmd()
	header := &doc.GenManHeader{Title: "ARTCLEAN", Section: "1", Date: &pageDate, Source: "artclean", Manual: "User Commands"}
	pages := map[string][]byte{}
	var walk func(c *cobra.Command) error
	walk = func(c *cobra.Command) error {
		if !c.IsAvailableCommand() && c != root {
			return nil
		}
		c.DisableAutoGenTag = true
		var buf bytes.Buffer
		if err := doc.GenMan(c, header, &buf); err != nil {
			return err
		}
		page := buf.String()
		if c == root {
			page = addSections(page)
		}
		page = strings.Replace(page, ".SH EXAMPLE\n", ".SH EXAMPLES\n", 1)
		pages[strings.ReplaceAll(c.CommandPath(), " ", "-")+".1"] = []byte(page)
		for _, sub := range c.Commands() {
			if err := walk(sub); err != nil {
				return err
			}
		}
		return nil
	}
	return pages, walk(root)
}

// addSections puts EXIT STATUS, ENVIRONMENT and FILES before SEE ALSO, in
// the order man-pages(7) gives.
func addSections(page string) string {
	var b strings.Builder
	for _, s := range cli.ManSections() {
		fmt.Fprintf(&b, ".SH %s\n", s.Title)
		for _, it := range s.Items {
			fmt.Fprintf(&b, ".TP\n\\fB%s\\fP\n%s\n", roff(it[0]), roff(it[1]))
		}
		b.WriteString("\n")
	}
	if i := strings.Index(page, ".SH SEE ALSO"); i >= 0 {
		return page[:i] + b.String() + page[i:]
	}
	return page + b.String()
}

// roff escapes text for a roff line: backslashes, and a leading dot or
// quote that would make it a request.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
