package fifo

import (
	"sync"
	"time"
)

// Store is a Map safe for concurrent use. Values handed out by Get are
// shared with the store: treat them as read-only and change entries only
// through Update.
type Store[K comparable, V any] struct {
	mu sync.Mutex
	m  *Map[K, V]
}

// New builds an empty Store.
func New[K comparable, V any](o Options[K, V]) *Store[K, V] {
	return &Store[K, V]{m: NewMap(o)}
}

// Put is Map.Put under the lock.
func (s *Store[K, V]) Put(k K, v V, expires time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m.Put(k, v, expires)
}

// Get is Map.Get under the lock.
func (s *Store[K, V]) Get(k K) (V, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m.Get(k)
}

// Update is Map.Update under the lock; fn must not call into s.
func (s *Store[K, V]) Update(k K, fn func(v *V, expires *time.Time) (keep bool)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m.Update(k, fn)
}

// Delete is Map.Delete under the lock.
func (s *Store[K, V]) Delete(k K) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m.Delete(k)
}

// Len is Map.Len under the lock.
func (s *Store[K, V]) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m.Len()
}

// Bytes is Map.Bytes under the lock.
func (s *Store[K, V]) Bytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m.Bytes()
}

// Clear is Map.Clear under the lock.
func (s *Store[K, V]) Clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m.Clear()
}

// SetLimits is Map.SetLimits under the lock.
func (s *Store[K, V]) SetLimits(l Limits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m.SetLimits(l)
}

// Limits are the current bounds.
func (s *Store[K, V]) Limits() Limits {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m.Limits()
}
