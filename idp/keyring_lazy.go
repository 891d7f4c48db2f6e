package idp

import "sync"

// lazyKey is a cloud's signing key made on its first use, so that a start
// with an empty data folder does not wait for every cloud's RSA key.
type lazyKey struct {
	once sync.Once
	make func() (*SigningKey, error)
	key  *SigningKey
	err  error
}

// SetLazy makes the cloud's signing key the result of make, called once,
// on the first Signer or Published for the cloud. Until then the cloud
// counts as having a key (Complete). If make fails the cloud has no key.
func (r *Keyring) SetLazy(cloud string, make func() (*SigningKey, error)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.sets, cloud)
	r.lazy[cloud] = &lazyKey{make: make}
}

// keys returns the cloud's keys, making its lazy key first if it has one.
// The key is made outside the lock: other clouds stay usable meanwhile.
func (r *Keyring) keys(cloud string) []*SigningKey {
	r.mu.RLock()
	ks, lk := r.sets[cloud], r.lazy[cloud]
	r.mu.RUnlock()
	if lk == nil {
		return ks
	}
	lk.once.Do(func() { lk.key, lk.err = lk.make() })
	if lk.err != nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.lazy[cloud] == lk { // not replaced by Set meanwhile
		delete(r.lazy, cloud)
		r.sets[cloud] = []*SigningKey{lk.key}
	}
	return r.sets[cloud]
}

// keyringState is what a Keyring holds, lazy keys included, for Reset.
type keyringState struct {
	sets map[string][]*SigningKey
	lazy map[string]*lazyKey
}

func (r *Keyring) snapshot() keyringState {
	r.mu.RLock()
	defer r.mu.RUnlock()
	s := keyringState{sets: map[string][]*SigningKey{}, lazy: map[string]*lazyKey{}}
	for c, ks := range r.sets {
		s.sets[c] = append([]*SigningKey(nil), ks...)
	}
	for c, lk := range r.lazy {
		s.lazy[c] = lk
	}
	return s
}

// restore puts back a snapshot; a lazy key made since keeps its value,
// since its once has run.
func (r *Keyring) restore(s keyringState) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sets, r.lazy = map[string][]*SigningKey{}, map[string]*lazyKey{}
	for c, ks := range s.sets {
		r.sets[c] = append([]*SigningKey(nil), ks...)
	}
	for c, lk := range s.lazy {
		r.lazy[c] = lk
	}
}
