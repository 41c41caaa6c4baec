package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/artclean/artclean/internal/cli"
	"github.com/rogpeppe/go-internal/testscript"
)

// -update rewrites the golden sections of the scripts (the second argument
// of a failing cmp, when it is a file of the script's archive) with what the
// command actually produced. Review the diff before committing it.
var update = flag.Bool("update", false, "update the golden files of the testscript scripts")

func TestMain(m *testing.M) {
	// Each command runs in its own process: the test binary, re-executed
	// under the command's name.
	testscript.Main(m, map[string]func(){
		"artclean": func() { os.Exit(cli.Main()) },
		"genbig":   genbig,
		"printq":   printq,
	})
}

func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Condition:           condition,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
		},
	})
}

// condition adds [root]: the tests run as the superuser, who can read a file
// whatever its permission bits.
func condition(cond string) (bool, error) {
	switch cond {
	case "root":
		return os.Geteuid() == 0, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

// cmdExitCode runs a program like exec and checks its exit status, which
// "exec" and "! exec" only tell apart as zero or not.
//
//	exitcode N program [args...]
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: bad status %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// genbig writes N MiB (at least) of article-like paragraphs, one paragraph a
// line with blank lines between them, to FILE or to standard output.
//
//	genbig N [FILE]
func genbig() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: genbig N [FILE]")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[1])
	if err != nil || n < 1 {
		fmt.Fprintf(os.Stderr, "genbig: bad size %q\n", os.Args[1])
		os.Exit(2)
	}
	out := os.Stdout
	if len(os.Args) == 3 {
		if out, err = os.Create(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "genbig:", err)
			os.Exit(1)
		}
	}
	w := bufio.NewWriter(out)
	const para = "Akapit %d: Prezydenci spotkali się w Moskwie, a rozmowy dotyczyły współpracy gospodarczej, handlu i rolnictwa.\n\n"
	for i, size := 1, 0; size < n<<20; i++ {
		k, _ := fmt.Fprintf(w, para, i)
		size += k
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "genbig:", err)
		os.Exit(1)
	}
	if err := out.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "genbig:", err)
		os.Exit(1)
	}
}

// printq writes its TEXT arguments with the escapes of a Go double-quoted
// string interpreted (\r, \n, \t, \xHH, \u00a0, …), so that scripts can make
// inputs with bytes a txtar file cannot hold. -r repeats the text N times;
// -o writes it to FILE instead of standard output, -a appends it to FILE.
// A TEXT that starts with "-" needs a "--" before it.
//
//	printq [-r N] [-o FILE | -a FILE] TEXT...
func printq() {
	fs := flag.NewFlagSet("printq", flag.ExitOnError)
	repeat := fs.Int("r", 1, "repeat the text `N` times")
	create := fs.String("o", "", "write to `FILE`")
	appendTo := fs.String("a", "", "append to `FILE`")
	fs.Parse(os.Args[1:])
	var text strings.Builder
	for _, arg := range fs.Args() {
		s, err := strconv.Unquote(`"` + strings.ReplaceAll(arg, `"`, `\"`) + `"`)
		if err != nil {
			fmt.Fprintf(os.Stderr, "printq: bad escape in %q: %v\n", arg, err)
			os.Exit(2)
		}
		text.WriteString(s)
	}
	out := os.Stdout
	var err error
	switch {
	case *create != "" && *appendTo != "":
		fmt.Fprintln(os.Stderr, "printq: -o and -a exclude each other")
		os.Exit(2)
	case *create != "":
		out, err = os.Create(*create)
	case *appendTo != "":
		out, err = os.OpenFile(*appendTo, os.O_WRONLY|os.O_APPEND, 0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "printq:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(out)
	for range *repeat {
		w.WriteString(text.String())
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "printq:", err)
		os.Exit(1)
	}
	if err := out.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "printq:", err)
		os.Exit(1)
	}
}
