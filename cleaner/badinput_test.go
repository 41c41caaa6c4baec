package cleaner

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestControlCharacters(t *testing.T) {
	c, _ := New()
	for in, want := range map[string]string{
		"a\x00b\x1bc\x7fd\n":    "abcd\n",
		"a\u0085b\n":            "a b\n", // NEL is a space
		"a\u0080\u009fb\n":      "ab\n",
		"\x00\x01\n\nTekst.\n":  "Tekst.\n",
		"tab\tstays\ta blank\n": "tab stays a blank\n",
	} {
		if got := c.CleanString(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
	off, _ := New(WithDisabled(IDControls))
	if got := off.CleanString("a\x00b\n"); got != "a\x00b\n" {
		t.Errorf("controls disabled: got %q", got)
	}
}

// Inputs of pathological shape finish, in linear time, with the right
// output; the big ones are skipped with -short.
func TestBadInputShapes(t *testing.T) {
	c, _ := New(WithoutGuard()) // the rules alone: a document of noise goes
	count := func(r io.Reader) (int64, string) {
		var tail bytes.Buffer
		w := &tailWriter{keep: 64, buf: &tail}
		if _, err := c.Clean(w, r, nil); err != nil {
			t.Fatal(err)
		}
		return w.n, tail.String()
	}
	// A million tiny paragraphs.
	n := 1_000_000
	if testing.Short() {
		n = 10_000
	}
	got, tail := count(&repeatReader{unit: "a\n\nReklama\n\n", n: n})
	if want := int64(3*n - 1); got != want || !strings.HasSuffix(tail, "\n\na\n") {
		t.Errorf("tiny paragraphs: %d bytes, want %d (tail %q)", got, want, tail)
	}
	if testing.Short() {
		return
	}
	// A 100 MiB run of spaces is one blank line: no output.
	if got, _ := count(&repeatReader{unit: strings.Repeat(" ", 1024), n: 100 << 10}); got != 0 {
		t.Errorf("100 MiB of spaces: %d bytes out", got)
	}
	// A 200 MiB line with NUL bytes and tabs in it: one line out.
	// Each 15-byte unit comes out as "słowo słowo " (14 bytes); the last
	// space gives way to the line break.
	units := 200 << 20 / 15
	got, tail = count(&repeatReader{unit: "słowo\x00\tsłowo ", n: units})
	if want := int64(14 * units); got != want || !strings.HasSuffix(tail, "słowo słowo\n") {
		t.Errorf("200 MiB line: %d bytes, want %d (tail %q)", got, want, tail)
	}
}

// tailWriter counts bytes and keeps the last few.
type tailWriter struct {
	n    int64
	keep int
	buf  *bytes.Buffer
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	w.buf.Write(p)
	if w.buf.Len() > 4*w.keep {
		b := w.buf.Bytes()[w.buf.Len()-w.keep:]
		nb := append([]byte(nil), b...)
		w.buf.Reset()
		w.buf.Write(nb)
	}
	return len(p), nil
}
