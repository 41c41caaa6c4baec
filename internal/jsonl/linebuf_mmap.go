//go:build linux || darwin || freebsd

package jsonl

import "golang.org/x/sys/unix"

// mapBuffer maps n bytes of private anonymous memory, or returns nil.
func mapBuffer(n int) []byte {
	m, err := unix.Mmap(-1, 0, n, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil
	}
	return m
}

func unmapBuffer(m []byte) { unix.Munmap(m) }
