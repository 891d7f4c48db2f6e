package idp

import (
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/internal/fifo"
)

// Options configure a Provider. Nil fields take defaults: the system clock,
// crypto/rand and slog.Default.
type Options struct {
	Clock  *Clock
	Rand   io.Reader
	Keys   *Keyring
	Seed   Seed
	Logger *slog.Logger
	// DevicePolicy sets the device-code flow's timing; zero fields take
	// DefaultDevicePolicy.
	DevicePolicy DevicePolicy
}

// Provider is mockidp's identity service: the directory, the keys and the
// grants.
type Provider struct {
	clock    *Clock
	rand     io.Reader
	keys     *Keyring
	log      *slog.Logger
	dir      atomic.Pointer[directory]
	updateMu sync.Mutex // serialises writers; readers never wait
	refresh  *fifo.Store[[32]byte, *RefreshGrant]
	devices  *deviceStore
	sessions *fifo.Store[[32]byte, *BrowserSession]
	codes    *fifo.Store[[32]byte, *codeEntry]
	skews    atomic.Pointer[map[string]time.Duration]
	// initial and initialKeys are what Reset restores.
	initial     Seed
	initialKeys map[string][]*SigningKey
}

// New builds a Provider from a seed; every problem in the seed is reported.
func New(opts Options) (*Provider, error) {
	p := &Provider{clock: opts.Clock, rand: opts.Rand, keys: opts.Keys, log: opts.Logger}
	if p.clock == nil {
		p.clock = NewClock()
	}
	now := p.clock.Now
	p.refresh, p.sessions, p.codes = newRefreshStore(now), newSessionStore(now), newCodeStore(now)
	p.devices = newDeviceStore(opts.DevicePolicy, now)
	if p.rand == nil {
		p.rand = rand.Reader
	}
	if p.log == nil {
		p.log = slog.Default()
	}
	if p.keys == nil {
		return nil, errors.New("idp: Options.Keys is required")
	}
	if err := p.keys.Complete(); err != nil {
		return nil, err
	}
	if err := p.Load(opts.Seed); err != nil {
		return nil, err
	}
	p.initial = cloneSeed(opts.Seed)
	p.initialKeys = map[string][]*SigningKey{}
	for _, c := range clouds.All() {
		p.initialKeys[c.Name] = p.keys.Published(c.Name)
	}
	return p, nil
}

// Load replaces the whole directory with seed, atomically; on error the
// old directory stays.
func (p *Provider) Load(seed Seed) error {
	p.updateMu.Lock()
	defer p.updateMu.Unlock()
	return p.loadLocked(seed)
}

// loadLocked is Load for a caller that holds updateMu.
func (p *Provider) loadLocked(seed Seed) error {
	d, err := buildDirectory(cloneSeed(seed))
	if err != nil {
		return err
	}
	p.dir.Store(d)
	return nil
}

// Seed returns a copy of the directory's current contents.
func (p *Provider) Seed() Seed { return cloneSeed(p.dir.Load().seed) }

// Clock is the provider's clock.
func (p *Provider) Clock() *Clock { return p.clock }

// Keys is the provider's keyring.
func (p *Provider) Keys() *Keyring { return p.keys }

// Rand is the provider's source of randomness.
func (p *Provider) Rand() io.Reader { return p.rand }
