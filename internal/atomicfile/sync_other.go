//go:build !unix

package atomicfile

import "os"

// canSyncFS is false where no call flushes a whole file system (Windows):
// Commit then syncs every file, NoSync or not.
const canSyncFS = false

func syncFS(*os.File) error { return nil }
