package batch

import (
	"bytes"
	"io"
	"os"
)

// spillLimit is how much of one output a Spill keeps in memory before it
// moves to a temporary file: workers that run ahead of the writer hold at
// most this much each.
const spillLimit = 4 << 20

// Spill buffers one output until it can be written in order: in memory up
// to spillLimit, then in an unnamed temporary file.
type Spill struct {
	mem  bytes.Buffer
	file *os.File
	err  error
	// NoTemp is why no temporary file could be made (TMPDIR missing or
	// not writable): the output stays in memory rather than being lost.
	NoTemp error
}

// NewSpill returns an empty Spill.
func NewSpill() *Spill { return &Spill{} }

func (s *Spill) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.file == nil && (s.NoTemp != nil || s.mem.Len()+len(p) <= spillLimit) {
		return s.mem.Write(p)
	}
	if s.file == nil {
		f, err := os.CreateTemp("", "artclean-spill-*")
		if err != nil {
			s.NoTemp = err
			return s.mem.Write(p)
		}
		s.file = f
		// Unlinked at once: the data lives only as long as the handle.
		os.Remove(s.file.Name())
		if _, s.err = s.mem.WriteTo(s.file); s.err != nil {
			return 0, s.err
		}
	}
	n, err := s.file.Write(p)
	s.err = err
	return n, err
}

// WriteTo copies the buffered output to w.
func (s *Spill) WriteTo(w io.Writer) (int64, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.mem.WriteTo(w)
	if err != nil || s.file == nil {
		return n, err
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return n, err
	}
	m, err := io.Copy(w, s.file)
	return n + m, err
}

// Close frees the temporary file, if any.
func (s *Spill) Close() error {
	if s.file != nil {
		return s.file.Close()
	}
	return nil
}
