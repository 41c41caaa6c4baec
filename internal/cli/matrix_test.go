package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/artclean/artclean/internal/compress"
)

// TestReliabilityMatrix runs every output mode over every kind of input and
// holds each cell to what a user of sed, grep and gofmt expects: the right
// text where it belongs, the input untouched unless -i, the exit status of
// gofmt and diff (0 nothing to change, 1 changes found, 2 trouble), and a
// message naming the input for what cannot be done.
func TestReliabilityMatrix(t *testing.T) {
	const dirty, clean = "Tekst.\n\nReklama\n", "Tekst.\n"
	type input struct {
		name  string
		file  string // the argument; "-" reads stdin
		stdin string
		setup func(t *testing.T, dir string) // makes file in dir
		want  string                         // cleaned text; "" with binary
		plain bool                           // an ordinary file (-r, -i apply)
		bin   bool                           // skipped as binary
		empty bool                           // nothing to clean
	}
	write := func(name, text string) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	packed := func(name string, f compress.Format) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			var b bytes.Buffer
			zw, err := compress.NewWriter(&b, f)
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(zw, dirty)
			zw.Close()
			write(name, b.String())(t, dir)
		}
	}
	inputs := []input{
		{name: "file", file: "a.txt", setup: write("a.txt", dirty), want: clean, plain: true},
		{name: "stdin", file: "-", stdin: dirty, want: clean},
		{name: "fifo", file: "f.txt", setup: func(t *testing.T, dir string) {
			p := filepath.Join(dir, "f.txt")
			if err := mkfifo(p); err != nil {
				t.Skip("no FIFO here:", err)
			}
			go func() {
				if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
					io.WriteString(f, dirty)
					f.Close()
				}
			}()
		}, want: clean},
		{name: "symlink", file: "link.txt", setup: func(t *testing.T, dir string) {
			write("real.txt", dirty)(t, dir)
			if err := os.Symlink("real.txt", filepath.Join(dir, "link.txt")); err != nil {
				t.Fatal(err)
			}
		}, want: clean, plain: true},
		{name: "gzip", file: "a.txt.gz", setup: packed("a.txt.gz", compress.Gzip), want: clean, plain: true},
		{name: "zstd", file: "a.txt.zst", setup: packed("a.txt.zst", compress.Zstd), want: clean, plain: true},
		{name: "jsonl", file: "a.jsonl", setup: write("a.jsonl", `{"id":1,"text":"Tekst.\n\nReklama"}`+"\n"), want: `{"id":1,"text":"Tekst."}` + "\n", plain: true},
		{name: "binary", file: "bin.txt", setup: write("bin.txt", "Tekst\x00\nReklama\n"), bin: true, plain: true},
		{name: "empty", file: "empty.txt", setup: write("empty.txt", ""), want: "", plain: true, empty: true},
		{name: "no final newline", file: "nonl.txt", setup: write("nonl.txt", "Tekst.\n\nReklama"), want: clean, plain: true},
		{name: "CRLF", file: "crlf.txt", setup: write("crlf.txt", "Tekst.\r\n\r\nReklama\r\n"), want: clean, plain: true},
	}
	// A mode runs artclean on in's argument in dir and checks the cell.
	type mode struct {
		name  string
		plain bool // needs an ordinary file (-r, -i)
		args  func(dir string, in input) []string
		check func(t *testing.T, dir string, in input, code int, stdout, stderr string)
	}
	wantCode := func(t *testing.T, in input, code, changed int) {
		t.Helper()
		want := 0
		switch {
		case in.bin:
			want = ExitTrouble
		case !in.empty:
			want = changed
		}
		if code != want {
			t.Errorf("exit %d, want %d", code, want)
		}
	}
	readOut := func(t *testing.T, p string) string {
		t.Helper()
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		zr, _, err := compress.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	binaryNamed := func(t *testing.T, in input, stderr string) {
		t.Helper()
		if in.bin && !strings.Contains(stderr, in.file+": binary file, skipped") {
			t.Errorf("stderr %q does not name the binary input", stderr)
		}
	}
	modes := []mode{
		{name: "stdout", args: func(_ string, in input) []string { return []string{in.file} },
			check: func(t *testing.T, _ string, in input, code int, stdout, stderr string) {
				wantCode(t, in, code, 0)
				binaryNamed(t, in, stderr)
				if stdout != in.want {
					t.Errorf("stdout %q, want %q", stdout, in.want)
				}
			}},
		{name: "-o FILE", args: func(dir string, in input) []string { return []string{"-o", filepath.Join(dir, "out.txt"), in.file} },
			check: func(t *testing.T, dir string, in input, code int, stdout, stderr string) {
				wantCode(t, in, code, 0)
				binaryNamed(t, in, stderr)
				if in.bin {
					if _, err := os.Stat(filepath.Join(dir, "out.txt")); err == nil {
						t.Error("an output was written for a skipped input alone")
					}
					return
				}
				if got := readOut(t, filepath.Join(dir, "out.txt")); got != in.want {
					t.Errorf("-o file %q, want %q", got, in.want)
				}
			}},
		{name: "-r -o DIR", plain: true, args: func(dir string, in input) []string {
			return []string{"-q", "-r", "--include", "*", filepath.Join(dir, "in"), "-o", filepath.Join(dir, "out")}
		},
			check: func(t *testing.T, dir string, in input, code int, stdout, stderr string) {
				wantCode(t, in, code, 0)
				binaryNamed(t, in, stderr)
				if in.bin || in.name == "symlink" {
					return // skipped: binary, and links are not followed without --follow
				}
				if got := readOut(t, filepath.Join(filepath.Dir(dir), "out", in.file)); got != in.want {
					t.Errorf("mirrored %q, want %q", got, in.want)
				}
			}},
		{name: "-i", plain: true, args: func(_ string, in input) []string { return []string{"-q", "-i", in.file} },
			check: func(t *testing.T, dir string, in input, code int, stdout, stderr string) {
				wantCode(t, in, code, 0)
				binaryNamed(t, in, stderr)
				if in.bin {
					return
				}
				if got := readOut(t, filepath.Join(dir, in.file)); got != in.want {
					t.Errorf("in place %q, want %q", got, in.want)
				}
				if in.name == "symlink" {
					if fi, err := os.Lstat(filepath.Join(dir, in.file)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
						t.Error("the symbolic link was replaced")
					}
				}
			}},
		{name: "--check", args: func(_ string, in input) []string { return []string{"--check", in.file} },
			check: func(t *testing.T, _ string, in input, code int, stdout, stderr string) {
				wantCode(t, in, code, ExitChanges)
				binaryNamed(t, in, stderr)
			}},
		{name: "--diff", args: func(_ string, in input) []string { return []string{"--diff", in.file} },
			check: func(t *testing.T, _ string, in input, code int, stdout, stderr string) {
				wantCode(t, in, code, ExitChanges)
				binaryNamed(t, in, stderr)
				if !in.bin && !in.empty && !strings.Contains(stdout, "\n-") || !strings.Contains(stdout, "Reklama") && !in.bin && !in.empty {
					t.Errorf("diff %q lacks the removed line", stdout)
				}
			}},
		{name: "--explain", args: func(_ string, in input) []string { return []string{"--explain", in.file} },
			check: func(t *testing.T, _ string, in input, code int, stdout, stderr string) {
				wantCode(t, in, code, 0)
				binaryNamed(t, in, stderr)
				if !in.bin && !in.empty && !strings.Contains(stdout, "-Reklama  [pl/ad-marker]") {
					t.Errorf("explain %q lacks the removal", stdout)
				}
			}},
		{name: "--report", args: func(dir string, in input) []string {
			return []string{"--report", filepath.Join(dir, "report.jsonl"), in.file}
		},
			check: func(t *testing.T, dir string, in input, code int, stdout, stderr string) {
				wantCode(t, in, code, 0)
				binaryNamed(t, in, stderr)
				b, _ := os.ReadFile(filepath.Join(dir, "report.jsonl"))
				if got := strings.Contains(string(b), `"rule":"pl/ad-marker"`); got != (!in.bin && !in.empty) {
					t.Errorf("report %q", b)
				}
			}},
		{name: "--stats", args: func(_ string, in input) []string { return []string{"--stats", in.file} },
			check: func(t *testing.T, _ string, in input, code int, stdout, stderr string) {
				wantCode(t, in, code, 0)
				binaryNamed(t, in, stderr)
				if got := strings.Contains(stderr, "pl/ad-marker"); got != (!in.bin && !in.empty) {
					t.Errorf("stats %q", stderr)
				}
			}},
	}
	for _, m := range modes {
		for _, in := range inputs {
			t.Run(m.name+"/"+in.name, func(t *testing.T) {
				dir := t.TempDir()
				if m.plain && !in.plain {
					// -r and -i need files: a stream is refused, by name.
					if in.setup != nil {
						in.setup(t, dir)
					}
					args := []string{"-i", filepath.Join(dir, in.file)}
					if m.name != "-i" {
						args = []string{"-r", "-o", filepath.Join(dir, "out"), filepath.Join(dir, in.file)}
					}
					if in.file == "-" {
						args[len(args)-1] = "-"
					}
					var stderr bytes.Buffer
					code := Run(context.Background(), args, IO{In: strings.NewReader(in.stdin), Out: io.Discard, Err: &stderr})
					if code != ExitTrouble || stderr.Len() == 0 {
						t.Errorf("exit %d, stderr %q: want a refusal, exit 2", code, stderr.String())
					}
					return
				}
				work := dir
				if m.name == "-r -o DIR" {
					work = filepath.Join(dir, "in")
					os.Mkdir(work, 0o755)
				}
				if in.setup != nil {
					in.setup(t, work)
				}
				var stdout, stderr bytes.Buffer
				wd, _ := os.Getwd()
				if err := os.Chdir(work); err != nil {
					t.Fatal(err)
				}
				defer os.Chdir(wd)
				code := Run(context.Background(), m.args(dir, in), IO{In: strings.NewReader(in.stdin), Out: &stdout, Err: &stderr})
				m.check(t, work, in, code, stdout.String(), stderr.String())
				if t.Failed() {
					t.Logf("stderr: %s", stderr.String())
				}
			})
		}
	}
}
