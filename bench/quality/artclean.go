package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Removal is one record of artclean's --report file.
type Removal struct {
	File     string `json:"file"`
	Doc      int    `json:"doc"`
	Line     int    `json:"line"`
	TextLine int    `json:"text_line,omitempty"`
	Rule     string `json:"rule"`
	Action   string `json:"action"`
	Text     string `json:"text"`
}

// buildArtclean compiles ./cmd/artclean of the repository at root into dir.
func buildArtclean(root, dir string) (string, error) {
	bin := filepath.Join(dir, "artclean")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/artclean")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/artclean in %s: %v\n%s", root, err, stderr.String())
	}
	return bin, nil
}

// runArtclean cleans every *.txt under in into out with one artclean process
// and returns the removals per input file name (relative to in).
func runArtclean(bin, in, out, report string, extra []string) (map[string][]Removal, error) {
	args := append([]string{"-r", "-o", out, "--report", report, "-q"}, extra...)
	args = append(args, in)
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stdout = &stderr
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.String())
	}
	return readReport(report, in)
}

// readReport reads a --report file and groups its records by the input
// file's path relative to root.
func readReport(path, root string) (map[string][]Removal, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	byFile := map[string][]Removal{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	n := 0
	for sc.Scan() {
		n++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var r Removal
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		if r.File == "" || r.Rule == "" {
			return nil, fmt.Errorf("%s:%d: record without file or rule: %s", path, n, sc.Text())
		}
		rel, err := filepath.Rel(root, r.File)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = filepath.Base(r.File)
		}
		byFile[rel] = append(byFile[rel], r)
	}
	return byFile, sc.Err()
}

// splitArgs splits a command line as a POSIX shell would for simple cases:
// white space separates words, single and double quotes group them, a
// backslash escapes the next character (outside single quotes).
func splitArgs(s string) ([]string, error) {
	var args []string
	var cur strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case quote == '"':
			switch r {
			case '"':
				quote = 0
			case '\\':
				escaped = true
			default:
				cur.WriteRune(r)
			}
		case r == '\\':
			escaped, inWord = true, true
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				args = append(args, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 || escaped {
		return nil, fmt.Errorf("unterminated quote or escape in %q", s)
	}
	if inWord {
		args = append(args, cur.String())
	}
	return args, nil
}
