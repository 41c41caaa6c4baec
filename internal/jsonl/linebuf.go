package jsonl

import (
	"bufio"
	"io"
)

// lineBuf holds the record being read. An ordinary record is used where
// the reader's buffer holds it, not copied (ReadSlice): it is valid until
// the next read. One longer than that buffer goes in a Go slice reused
// from record to record, and a long one (past bigLine) in a mapping of its
// own, as long as the longest record read whole: the system gives it pages
// only as the record fills them, so it never grows by copying (grown by
// append, a 100 MiB record held 1.8 times its size at its last copy and
// left several times its size of garbage for the collector), and it is
// unmapped as soon as the record is done.
type lineBuf struct {
	heap   []byte // reused, up to maxKeep
	mapped []byte // the mapping of a long record, or nil
}

// sliceReader is what records are read from: a bufio.Reader, or a reader
// that is one underneath (the input.Text the batch reads an input
// through), so that a record is read out of one buffer, not copied from
// one buffer to another first.
type sliceReader interface {
	ReadSlice(delim byte) ([]byte, error)
	Size() int
}

// readBuffer is the least buffer records are read through.
const readBuffer = 64 << 10

// newSliceReader returns r if it is a sliceReader with a buffer of
// readBuffer or more, or else r read through one.
func newSliceReader(r io.Reader) sliceReader {
	if sr, ok := r.(sliceReader); ok && sr.Size() >= readBuffer {
		return sr
	}
	return bufio.NewReaderSize(r, readBuffer)
}

// bigLine is the length past which a record moves to a mapping.
const bigLine = 4 << 20

// release drops the last record's buffer if it is not to be reused.
func (lb *lineBuf) release() {
	if lb.mapped != nil {
		unmapBuffer(lb.mapped)
		lb.mapped = nil
	}
	if cap(lb.heap) > maxKeep {
		lb.heap = nil
	}
}

// read reads one line, with its "\n". A line longer than max is not read
// whole: tooLong is set and the bytes read so far returned. The line is
// valid until the next read or release.
func (lb *lineBuf) read(br sliceReader, max int) (rec []byte, tooLong bool, err error) {
	lb.release()
	chunk, err := br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		// The whole line is in br's buffer.
		body, _ := splitEOL(chunk)
		return chunk, len(body) > max, err
	}
	buf := lb.heap[:0]
	for {
		if need := len(buf) + len(chunk); need > cap(buf) && need > bigLine && lb.mapped == nil {
			// A read adds at most br.Size() bytes to a line of at
			// most max: the mapping never fills.
			if m := mapBuffer(max + br.Size()); m != nil {
				lb.mapped = m
				buf = append(m[:0], buf...)
			}
		}
		buf = append(buf, chunk...)
		if lb.mapped == nil {
			lb.heap = buf
		}
		if err != bufio.ErrBufferFull {
			// A whole line, read at once: over max all the same.
			body, _ := splitEOL(buf)
			return buf, len(body) > max, err
		}
		if len(buf) > max {
			return buf, true, nil
		}
		chunk, err = br.ReadSlice('\n')
	}
}
