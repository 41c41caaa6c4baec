package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The progress bar goes to stderr only when it is a terminal, and never with
// -q or --no-progress.
func TestProgressBarOnlyOnTerminal(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt"} {
		os.WriteFile(filepath.Join(dir, name), []byte("Tekst.\nReklama\n"), 0o644)
	}
	for _, tc := range []struct {
		terminal bool
		flags    []string
		bar      bool
	}{
		{true, nil, true},
		{false, nil, false},
		{true, []string{"-q"}, false},
		{true, []string{"--no-progress"}, false},
	} {
		var stderr bytes.Buffer
		args := append([]string{"-r", "--check"}, tc.flags...)
		args = append(args, dir)
		Run(context.Background(), args, IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &stderr, ErrIsTerminal: tc.terminal})
		if got := strings.Contains(stderr.String(), "cleaning 2 files"); got != tc.bar {
			t.Errorf("terminal=%v flags=%v: bar shown %v, want %v; stderr %q", tc.terminal, tc.flags, got, tc.bar, stderr.String())
		}
	}
}

// learn shows a bar on a terminal too, over both passes.
func TestLearnProgressBar(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Tekst.\nStopka\n"), 0o644)
	for _, tc := range []struct {
		terminal bool
		flags    []string
		bar      bool
	}{
		{true, nil, true},
		{false, nil, false},
		{true, []string{"--no-progress"}, false},
	} {
		var stderr bytes.Buffer
		args := append(append([]string{"learn", "-r"}, tc.flags...), dir)
		if code := Run(context.Background(), args, IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &stderr, ErrIsTerminal: tc.terminal}); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if got := strings.Contains(stderr.String(), "learning from 1 file"); got != tc.bar {
			t.Errorf("terminal=%v flags=%v: bar shown %v, want %v; stderr %q", tc.terminal, tc.flags, got, tc.bar, stderr.String())
		}
	}
}

// The bar shows the share and the bytes done, and Finish leaves the line
// blank.
func TestProgressBarDraws(t *testing.T) {
	var stderr bytes.Buffer
	p := newBar(IO{Err: &stderr}, 3<<20, "cleaning 2 files")
	p.Add64(1 << 20)
	line := stderr.String()
	for _, want := range []string{"\rcleaning 2 files  33% |█████████████ ", "(1.0 MiB/3.0 MiB"} {
		if !strings.Contains(line, want) {
			t.Errorf("bar %q lacks %q", line, want)
		}
	}
	p.Finish()
	if rest := strings.TrimPrefix(stderr.String(), line); strings.ReplaceAll(rest, " ", "") != "\r\r" {
		t.Errorf("Finish wrote %q, want the line blanked", rest)
	}
	p.Add64(1) // after Finish: nothing more
	if strings.Count(stderr.String(), "cleaning") != 1 {
		t.Errorf("the bar was drawn after Finish: %q", stderr.String())
	}
}
