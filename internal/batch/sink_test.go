package batch

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// sameText tells a changed text from an unchanged one from one reading of
// the input, however the reads and writes interleave.
func TestSameText(t *testing.T) {
	for _, tc := range []struct {
		in, out string
		want    Status
	}{
		{"", "", Unchanged},
		{"a\nb\n", "a\nb\n", Unchanged},
		{"a\nb\n", "a\n", Changed},    // the output is shorter
		{"a\n", "a\nb\n", Changed},    // longer
		{"a\nb\n", "a\nc\n", Changed}, // other bytes
		{"Reklama\nText\n", "Text\n", Changed},
	} {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = strings.NewReader(tc.in)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			s := &sameText{r: r}
			// Write each line of the output once as much input is read,
			// as the cleaner does.
			out := tc.out
			buf := make([]byte, 3)
			read := 0
			for {
				n, err := s.Read(buf)
				read += n
				for out != "" {
					i := strings.IndexByte(out, '\n') + 1
					if i == 0 || len(tc.out)-len(out)+i > read {
						break
					}
					s.Write([]byte(out[:i]))
					out = out[i:]
				}
				if err == io.EOF {
					break
				}
			}
			if out != "" {
				s.Write([]byte(out))
			}
			if got := s.status(); got != tc.want {
				t.Errorf("in %q, out %q (one byte: %v): %v, want %v", tc.in, tc.out, oneByte, got, tc.want)
			}
		}
	}
}
