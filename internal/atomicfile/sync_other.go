//go:build !linux

package atomicfile

import (
	"os"
	"syscall"
)

// syncFS falls back to sync(2) where there is no syncfs.
func syncFS(*os.File) error {
	syscall.Sync()
	return nil
}
