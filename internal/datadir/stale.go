package datadir

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// RemoveStale deletes the files in dir ending in suffix that were last
// written before cutoff, and reports how many it removed. Arc challenge
// key files of earlier runs are such leftovers: their keys lived only in
// the memory of a process that is gone.
func RemoveStale(dir, suffix string, cutoff time.Time) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), suffix) {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(cutoff) {
			if os.Remove(filepath.Join(dir, e.Name())) == nil {
				n++
			}
		}
	}
	return n
}
