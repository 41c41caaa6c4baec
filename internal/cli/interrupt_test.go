package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/artclean/artclean/cleaner"
)

// A child process runs artclean with the arguments in ARTCLEAN_CHILD_ARGS, so
// that tests can kill it in the middle of a batch.
func TestMain(m *testing.M) {
	if args := os.Getenv("ARTCLEAN_CHILD_ARGS"); args != "" {
		os.Args = append([]string{"artclean"}, strings.Split(args, "\x1f")...)
		os.Exit(Main())
	}
	os.Exit(m.Run())
}

const killFiles = 6000

// makeDumps writes killFiles noisy articles in nested folders and returns
// the directory and each file's clean form.
func makeDumps(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "in")
	c, err := cleaner.New()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	para := strings.Repeat("Prezydenci Rosji i Białorusi złożyli wizytę na kosmodromie. ", 12)
	for i := range killFiles {
		rel := fmt.Sprintf("d%02d/art-%05d.txt", i%20, i)
		text := fmt.Sprintf("date 2022-04 Artykuł %d. %s\n\nReklama\n\n%s\n\nCzytaj więcej: inny tekst %d\n\n%s\n", i, para, para, i, para)
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		want[rel] = c.CleanString(text)
	}
	return dir, want
}

func startChild(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ARTCLEAN_CHILD_ARGS="+strings.Join(args, "\x1f"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("child stderr:\n%s", stderr.String())
		}
	})
	return cmd
}

// waitForProgress returns once count() reaches n, or fails after a while.
func waitForProgress(t *testing.T, cmd *exec.Cmd, n int, count func() int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for count() < n {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child made no progress")
		}
		time.Sleep(time.Millisecond)
	}
}

// checkTree asserts every file under dir (named by want's keys) is either
// the original (orig) or exactly the cleaned text, and counts temp files.
func checkTree(t *testing.T, dir string, want map[string]string, orig map[string]string) (cleaned, temps int) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if strings.Contains(d.Name(), ".artclean-") {
			temps++
			return nil
		}
		got, _ := os.ReadFile(p)
		switch {
		case string(got) == want[rel]:
			cleaned++
		case orig != nil && string(got) == orig[rel]:
		default:
			t.Errorf("%s is neither the original nor fully cleaned (%d bytes)", rel, len(got))
		}
		return nil
	})
	return cleaned, temps
}

func countFiles(dir string) func() int {
	return func() int {
		n := 0
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		return n
	}
}

func runInProcess(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, errb.String()
}

func TestKillMirroredBatchThenResume(t *testing.T) {
	if testing.Short() {
		t.Skip("writes thousands of files")
	}
	in, want := makeDumps(t)
	out := filepath.Join(filepath.Dir(in), "out")
	cmd := startChild(t, "-r", "-j", "2", "-q", in, "-o", out)
	waitForProgress(t, cmd, killFiles/10, countFiles(out))
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	cleaned, temps := checkTree(t, out, want, nil)
	t.Logf("after SIGKILL: %d of %d outputs complete, %d temp files", cleaned, killFiles, temps)
	if cleaned == killFiles {
		t.Skip("the batch finished before the kill landed")
	}
	if code, stderr := runInProcess(t, "-r", "-q", "--resume", in, "-o", out); code != 0 {
		t.Fatalf("resume exit %d: %s", code, stderr)
	}
	if cleaned, temps := checkTree(t, out, want, nil); cleaned != killFiles || temps != 0 {
		t.Errorf("after --resume: %d of %d outputs complete, %d temp files", cleaned, killFiles, temps)
	}
}

func TestKillInPlaceBatchThenResume(t *testing.T) {
	if testing.Short() {
		t.Skip("writes thousands of files")
	}
	in, want := makeDumps(t)
	orig := map[string]string{}
	for rel := range want {
		b, _ := os.ReadFile(filepath.Join(in, filepath.FromSlash(rel)))
		orig[rel] = string(b)
	}
	cmd := startChild(t, "-r", "-i", "-j", "2", "-q", in)
	cleanedCount := func() int {
		n := 0
		for rel := range want {
			if b, _ := os.ReadFile(filepath.Join(in, filepath.FromSlash(rel))); string(b) == want[rel] {
				n++
				if n >= killFiles/10 {
					break
				}
			}
		}
		return n
	}
	waitForProgress(t, cmd, killFiles/10, cleanedCount)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	cleaned, temps := checkTree(t, in, want, orig)
	t.Logf("after SIGKILL: %d of %d files cleaned, %d temp files", cleaned, killFiles, temps)
	if code, stderr := runInProcess(t, "-r", "-i", "-q", "--resume", in); code != 0 {
		t.Fatalf("resume exit %d: %s", code, stderr)
	}
	if cleaned, temps := checkTree(t, in, want, nil); cleaned != killFiles || temps != 0 {
		t.Errorf("after --resume: %d of %d files cleaned, %d temp files", cleaned, killFiles, temps)
	}
}

func TestInterruptStopsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("writes thousands of files")
	}
	in, want := makeDumps(t)
	out := filepath.Join(filepath.Dir(in), "out")
	cmd := startChild(t, "-r", "-j", "2", "-q", in, "-o", out)
	waitForProgress(t, cmd, killFiles/10, countFiles(out))
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	cleaned, temps := checkTree(t, out, want, nil)
	if cleaned == killFiles && code == 0 {
		t.Skip("the batch finished before the signal landed")
	}
	if code != ExitInterrupted {
		t.Errorf("exit %d after SIGINT, want %d", code, ExitInterrupted)
	}
	if temps != 0 {
		t.Errorf("SIGINT left %d temp files", temps)
	}
}
