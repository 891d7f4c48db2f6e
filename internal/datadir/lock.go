package datadir

import (
	"fmt"
	"os"
	"path/filepath"
)

// LockFileName is the lock file in the data folder.
const LockFileName = ".lock"

// Lock takes the data folder's lock, waiting while another mockidp holds
// it, and returns its release. mockidp holds it only while it loads or
// creates the folder's files at start, so a second instance starting at
// the same moment waits and then reads what the first one wrote.
func Lock(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, LockFileName), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("data folder lock: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("data folder lock: %w", err)
	}
	return func() {
		_ = unlockFile(f)
		f.Close()
	}, nil
}
