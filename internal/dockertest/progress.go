package dockertest

import (
	"bytes"
	"io"
	"sync"
)

// prefixWriter writes whole lines, each with a prefix, so that the build's
// output reads as the test setup's among the tests' own.
type prefixWriter struct {
	mu      sync.Mutex
	w       io.Writer
	prefix  string
	pending []byte
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pending = append(p.pending, b...)
	for {
		i := bytes.IndexByte(p.pending, '\n')
		if i < 0 {
			return len(b), nil
		}
		line := append([]byte(p.prefix), p.pending[:i+1]...)
		p.pending = p.pending[i+1:]
		if _, err := p.w.Write(line); err != nil {
			return 0, err
		}
	}
}
