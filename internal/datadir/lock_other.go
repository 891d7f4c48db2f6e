//go:build !unix

package datadir

import "os"

// Without flock (Windows), first starts are not serialised; atomic writes
// still keep every file whole.
func lockFile(*os.File) error   { return nil }
func unlockFile(*os.File) error { return nil }
