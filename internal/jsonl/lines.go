package jsonl

import (
	"bufio"
	"bytes"
	"io"
)

// Lines reads a JSON Lines stream a line at a time, as Process does: each
// line with its line end, a long one without growing by copies (lineBuf).
// It is how every reader of records in artclean takes them from a stream.
type Lines struct {
	br    sliceReader
	lb    lineBuf
	whole []byte
	max   int
	num   int
}

// NewLines reads the lines of r. A line longer than max bytes is returned
// only as far as max, with tooLong set, and the rest of it is skipped; max
// 0 returns every line whole, however long (for a reader that hands whole
// records on to Process, which bounds them itself).
func NewLines(r io.Reader, max int) *Lines {
	return &Lines{br: newSliceReader(r), max: max}
}

// Next returns the next line and its number, from 1. The line is valid
// until the next call. After the last line it returns io.EOF (with the
// last line, if that had no line end).
func (l *Lines) Next() (line []byte, num int, tooLong bool, err error) {
	l.num++
	if l.max == 0 {
		l.whole = l.whole[:0]
		for {
			var chunk []byte
			chunk, err = l.br.ReadSlice('\n')
			l.whole = append(l.whole, chunk...)
			if err != bufio.ErrBufferFull {
				return l.whole, l.num, false, err
			}
		}
	}
	line, tooLong, err = l.lb.read(l.br, l.max)
	if tooLong && err == nil {
		err = passLine(io.Discard, line, l.br) // the rest of the line
	}
	return line, l.num, tooLong, err
}

// Close releases the buffer of a long line.
func (l *Lines) Close() { l.lb.release() }

// IsBlank reports a line that holds no record: JSON Lines writers leave
// blank lines between records now and then, and they pass through.
func IsBlank(line []byte) bool { return len(bytes.TrimSpace(line)) == 0 }
