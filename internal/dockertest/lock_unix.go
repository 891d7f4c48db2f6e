//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package dockertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lock takes an exclusive lock on the file name, shared by every process
// on the machine, waiting until ctx ends. The lock goes with the process,
// so a test binary that dies does not leave it held.
func lock(ctx context.Context, name string) (unlock func(), err error) {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, err
	}
	waiting := false
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { _ = f.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			_ = f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		if !waiting {
			fmt.Fprintln(progress, "waiting for another test binary that builds the image")
			waiting = true
		}
		select {
		case <-ctx.Done():
			_ = f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}
