package endpoints

import (
	"io"
	"math/rand/v2"
	"sync"
)

// seededRand is a deterministic idp.Options.Rand: trace IDs, uti, aio and
// rh repeat from run to run, so golden files can pin them. A server reads
// it from concurrent requests, hence the lock.
type seededRand struct {
	mu sync.Mutex
	r  *rand.ChaCha8
}

// newSeededRand returns a reader whose stream depends only on seed.
func newSeededRand(seed byte) io.Reader {
	var s [32]byte
	s[0] = seed
	return &seededRand{r: rand.NewChaCha8(s)}
}

func (s *seededRand) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.r.Read(p)
}
