package app

import (
	"crypto/rand"
	"crypto/rsa"
	"runtime"
	"sync"

	"github.com/mockidp/mockidp/signer"
)

// keyPool makes 2048-bit RSA keys ahead of demand. Making one takes about
// 30 ms of CPU with signer.GenerateKey on AVX-512 IFMA, and 100–200 ms with
// a long tail (the prime search) with crypto/rsa. With crypto/rsa, several
// made at once on several cores get the first one ready sooner, and the
// others serve the next clouds to ask; the fast path makes one at a time,
// since a second key would only take CPU from the first start.
type keyPool struct {
	ready chan keyResult

	mu       sync.Mutex
	inflight int // keys being made
	waiting  int // takers without a key yet
}

type keyResult struct {
	key *rsa.PrivateKey
	err error
}

// newKeyPool starts making keys for up to n takers: one on the fast path,
// else as many at once as there are cores (at most n).
func newKeyPool(n int) *keyPool {
	first := min(n, runtime.GOMAXPROCS(0))
	if signer.Name() == signer.NameIFMA {
		first = min(n, 1)
	}
	// Every take starts at most one key, and first are started now.
	p := &keyPool{ready: make(chan keyResult, n+first)}
	p.mu.Lock()
	defer p.mu.Unlock()
	for range first {
		p.startLocked()
	}
	return p
}

// take returns a ready key, or the first of those being made, starting
// another when every key in the making is already promised to a taker.
func (p *keyPool) take() (*rsa.PrivateKey, error) {
	p.mu.Lock()
	p.waiting++
	if p.waiting > p.inflight+len(p.ready) {
		p.startLocked()
	}
	p.mu.Unlock()
	r := <-p.ready
	p.mu.Lock()
	p.waiting--
	p.mu.Unlock()
	return r.key, r.err
}

func (p *keyPool) startLocked() {
	p.inflight++
	go func() {
		k, err := signer.GenerateKey(rand.Reader)
		p.mu.Lock()
		p.inflight--
		p.ready <- keyResult{k, err} // buffered for every key ever started
		p.mu.Unlock()
	}()
}
