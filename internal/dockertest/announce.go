package dockertest

import (
	"fmt"
	"os"
	"path/filepath"
)

// announceSkip tells the person running `go test ./...` once, on their
// terminal, that the Docker tests were skipped and why: go test shows a
// passing package's output only with -v, so a skip would go unseen. Every
// test binary of one go test run has the same parent, the go command,
// whose process id names the marker that keeps it to one line.
func announceSkip(reason error) {
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		return // no terminal (CI, an IDE): the tests' own skip lines say it
	}
	defer tty.Close()
	marker := filepath.Join(os.TempDir(), fmt.Sprintf("mockidp-dockertest-skip-%d", os.Getppid()))
	f, err := os.OpenFile(marker, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return // another test binary of this run said it
	}
	_ = f.Close()
	fmt.Fprintln(tty, "mockidp:", SkipMessage(reason))
}
