package idp

import (
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

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

// Provider is mockidp's identity service, no HTTP: the parts below, each
// a cohesive type with the siblings it needs as explicit fields. They
// share core (clock, randomness, keys and the directory snapshot); each
// store belongs to the one part that uses it.
type Provider struct {
	*core
	// Directory reads tenants, apps, users, computes and subscriptions.
	Directory *Directory
	// State is the control plane: the changes the control API and
	// scenarios make to the directory, skews and keys.
	State *State
	// Tokens mints and validates tokens: the one place claims are built.
	Tokens *Tokens
	// Clients authenticates clients: secrets, certificates, federation.
	Clients *Clients
	// Grants issues tokens for the token endpoint's grants.
	Grants *Grants
	// Devices runs the device-code flow.
	Devices *Devices
	// Sessions keeps browser sign-ins and checks authorize requests.
	Sessions *Sessions
	// Consent records and asks for user and admin consent.
	Consent *Consent
	// initial and initialKeys are what Reset restores.
	initial     Seed
	initialKeys keyringState
}

// core is what every part shares.
type core struct {
	clock    *Clock
	rand     io.Reader
	keys     *Keyring
	log      *slog.Logger
	dir      atomic.Pointer[directory]
	updateMu sync.Mutex // serialises writers; readers never wait
	skews    atomic.Pointer[map[string]time.Duration]
}

// Directory answers lookups in the current directory.
type Directory struct{ *core }

// State changes the directory as an administrator (or a scenario) would.
type State struct {
	*core
	directory *Directory
}

// Tokens builds, signs and validates tokens.
type Tokens struct {
	*core
	directory *Directory
}

// Clients authenticates a client in a tenant.
type Clients struct {
	*core
	directory *Directory
}

// Grants holds authorization codes and refresh tokens and turns grants
// into tokens.
type Grants struct {
	*core
	directory *Directory
	clients   *Clients
	tokens    *Tokens
	refresh   *fifo.Store[[32]byte, *RefreshGrant]
	codes     *fifo.Store[[32]byte, *codeEntry]
}

// Devices holds device codes and their users' decisions.
type Devices struct {
	*core
	directory *Directory
	clients   *Clients
	grants    *Grants
	consent   *Consent
	devices   *deviceStore
}

// Sessions holds browser sessions and checks authorize requests.
type Sessions struct {
	*core
	directory *Directory
	sessions  *fifo.Store[[32]byte, *BrowserSession]
}

// Consent grants and lists consent.
type Consent struct {
	*core
	directory *Directory
}

// New builds a Provider from a seed; every problem in the seed is reported.
func New(opts Options) (*Provider, error) {
	c := &core{clock: opts.Clock, rand: opts.Rand, keys: opts.Keys, log: opts.Logger}
	if c.clock == nil {
		c.clock = NewClock()
	}
	if c.rand == nil {
		c.rand = rand.Reader
	}
	if c.log == nil {
		c.log = slog.Default()
	}
	if c.keys == nil {
		return nil, errors.New("idp: Options.Keys is required")
	}
	if err := c.keys.Complete(); err != nil {
		return nil, err
	}
	p := wire(c, opts.DevicePolicy)
	if err := p.Load(opts.Seed); err != nil {
		return nil, err
	}
	p.initial = cloneSeed(opts.Seed)
	p.initialKeys = p.keys.snapshot()
	return p, nil
}

// wire builds the parts and hands each the siblings it uses.
func wire(c *core, policy DevicePolicy) *Provider {
	now := c.clock.Now
	dir := &Directory{c}
	p := &Provider{core: c, Directory: dir}
	p.State = &State{core: c, directory: dir}
	p.Tokens = &Tokens{core: c, directory: dir}
	p.Clients = &Clients{core: c, directory: dir}
	p.Consent = &Consent{core: c, directory: dir}
	p.Grants = &Grants{core: c, directory: dir, clients: p.Clients, tokens: p.Tokens,
		refresh: newRefreshStore(now), codes: newCodeStore(now)}
	p.Devices = &Devices{core: c, directory: dir, clients: p.Clients, grants: p.Grants, consent: p.Consent,
		devices: newDeviceStore(policy, now)}
	p.Sessions = &Sessions{core: c, directory: dir, sessions: newSessionStore(now)}
	return p
}

// Load replaces the whole directory with seed, atomically; on error the
// old directory stays.
func (p *Provider) Load(seed Seed) error {
	p.updateMu.Lock()
	defer p.updateMu.Unlock()
	return p.loadLocked(seed)
}

// loadLocked is Load for a caller that holds updateMu.
func (p *core) loadLocked(seed Seed) error {
	d, err := buildDirectory(cloneSeed(seed))
	if err != nil {
		return err
	}
	p.dir.Store(d)
	return nil
}

// Seed returns a copy of the directory's current contents.
func (p *Provider) Seed() Seed { return p.seed() }

func (p *core) seed() Seed { return cloneSeed(p.dir.Load().seed) }

// Clock is the provider's clock.
func (p *Provider) Clock() *Clock { return p.clock }

// Keys is the provider's keyring.
func (p *Provider) Keys() *Keyring { return p.keys }

// Rand is the provider's source of randomness.
func (p *Provider) Rand() io.Reader { return p.rand }
