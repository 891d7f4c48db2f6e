//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package dockertest

import "context"

// lock is a no-op where flock is missing: parallel test binaries may then
// build the image twice, which is slower but still correct.
func lock(context.Context, string) (func(), error) { return func() {}, nil }
