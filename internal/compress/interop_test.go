package compress

import (
	"bytes"
	"os/exec"
	"testing"
)

// TestCommandInterop checks the formats against the gzip and zstd commands,
// where they are installed: their output reads, and they read ours.
func TestCommandInterop(t *testing.T) {
	data := genText(256<<10, 19)
	for _, tc := range []struct {
		f    Format
		cmd  string
		args [][]string
	}{
		{Gzip, "gzip", [][]string{{"-c"}, {"-1", "-c"}, {"-9", "-c"}, {"-n", "-c"}}},
		{Zstd, "zstd", [][]string{{"-q", "-c"}, {"-q", "-19", "-c"}, {"-q", "--no-check", "-c"}, {"-q", "-1", "--long=24", "-c"}, {"-q", "-c", "-B64KiB", "-T1"}}},
	} {
		path, err := exec.LookPath(tc.cmd)
		if err != nil {
			t.Logf("%s not installed: skipped", tc.cmd)
			continue
		}
		for _, args := range tc.args {
			c := exec.Command(path, args...)
			c.Stdin = bytes.NewReader(data)
			z, err := c.Output()
			if err != nil {
				t.Fatalf("%s %v: %v", tc.cmd, args, err)
			}
			got, f, err := readAll(z, nil, nil)
			if err != nil || f != tc.f || !bytes.Equal(got, data) {
				t.Fatalf("reading %s %v output: %v, %v, equal %v", tc.cmd, args, f, err, bytes.Equal(got, data))
			}
			// A truncated file is an error for us as for the command.
			if _, _, err := readAll(z[:len(z)-3], nil, nil); err == nil {
				t.Fatalf("%s %v output cut short read cleanly", tc.cmd, args)
			}
		}
		for _, in := range [][]byte{nil, data} {
			c := exec.Command(path, "-d", "-c")
			c.Stdin = bytes.NewReader(compressed(t, tc.f, in, 0))
			got, err := c.Output()
			if err != nil || !bytes.Equal(got, in) {
				t.Fatalf("%s -d on our %d-byte output: %v, equal %v", tc.cmd, len(in), err, bytes.Equal(got, in))
			}
		}
	}
}
