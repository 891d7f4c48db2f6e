package idp

import (
	"fmt"
	"maps"
	"strings"
	"time"
)

// SetClientSkew shifts the clock of every token minted for one client by
// d, as if that client's view of time (or the STS node it reached) were
// off; 0 removes the skew.
func (p *State) SetClientSkew(clientID string, d time.Duration) {
	p.updateMu.Lock()
	defer p.updateMu.Unlock()
	m := map[string]time.Duration{}
	if old := p.skews.Load(); old != nil {
		maps.Copy(m, *old)
	}
	if d == 0 {
		delete(m, strings.ToLower(clientID))
	} else {
		m[strings.ToLower(clientID)] = d
	}
	if len(m) == 0 {
		p.skews.Store(nil)
		return
	}
	p.skews.Store(&m)
}

// ClientSkews lists the per-client skews.
func (p *State) ClientSkews() map[string]time.Duration {
	if m := p.skews.Load(); m != nil {
		return maps.Clone(*m)
	}
	return map[string]time.Duration{}
}

// nowFor is the mock time for tokens of clientID, skew included.
func (p *core) nowFor(clientID string) time.Time {
	now := p.clock.Now()
	if m := p.skews.Load(); m != nil {
		now = now.Add((*m)[strings.ToLower(clientID)])
	}
	return now
}

// RotateKeys makes key the cloud's signing key. With overlap the old keys
// stay published (tokens they signed still verify); without, the JWKS
// lists only the new key, so cached tokens fail with an unknown kid.
func (p *State) RotateKeys(cloud string, key *SigningKey, overlap bool) error {
	keep := 1
	if overlap {
		keep = MaxPublishedKeys
	}
	if !p.keys.Rotate(cloud, key, keep) {
		return fmt.Errorf("unknown cloud %q", cloud)
	}
	return nil
}

// Reset restores the directory, keys and skews the provider started with
// and forgets every refresh token.
func (p *Provider) Reset() error {
	// One writer at a time: a concurrent SetInitialSeed or rotation sees
	// either the state before the reset or after it.
	p.updateMu.Lock()
	defer p.updateMu.Unlock()
	if err := p.loadLocked(p.initial); err != nil {
		return err
	}
	p.keys.restore(p.initialKeys)
	p.skews.Store(nil)
	p.Grants.refresh.Clear()
	return nil
}

// SetInitialSeed changes what Reset restores, and loads it.
func (p *Provider) SetInitialSeed(seed Seed) error {
	p.updateMu.Lock()
	defer p.updateMu.Unlock()
	if err := p.loadLocked(seed); err != nil {
		return err
	}
	p.initial = cloneSeed(seed)
	return nil
}
