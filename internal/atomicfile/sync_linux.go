package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
)

const canSyncFS = true

func syncFS(f *os.File) error { return unix.Syncfs(int(f.Fd())) }
