package proxy

import "context"

// Shutdown lets the requests running inside open tunnels finish, as
// http.Server.Shutdown does, and closes idle tunnels; a tunnel opened
// after it began is closed at once (its listener is gone). The caller
// shuts the proxy's own server down first, so no new CONNECT arrives.
// When ctx ends first it returns ctx.Err(); Close then cuts the rest.
func (p *Proxy) Shutdown(ctx context.Context) error {
	p.mu.Lock()
	inner := p.inner
	p.mu.Unlock()
	if inner == nil {
		return nil
	}
	return inner.Shutdown(ctx)
}
