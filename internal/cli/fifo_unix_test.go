//go:build unix

package cli

import "syscall"

// mkfifo makes a named pipe for the tests that read or write one.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
