//go:build unix && !linux

package atomicfile

import (
	"os"
	"syscall"
)

const canSyncFS = true

// syncFS falls back to sync(2) where there is no syncfs.
func syncFS(*os.File) error {
	syscall.Sync()
	return nil
}
