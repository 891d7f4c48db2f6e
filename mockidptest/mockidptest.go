package mockidptest

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/mockidp/mockidp/ca"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints"
	"github.com/mockidp/mockidp/endpoints/managedidentity"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/scenarios"
)

// Server is an in-process mockidp with one TLS listener per national cloud.
type Server struct {
	// IDP is the identity provider: directory, keys and grants.
	IDP *idp.Provider
	// Clock is the mock clock; tests move it instead of sleeping.
	Clock *idp.Clock
	// CA issued the listeners' certificate; trust CA.Pool() in clients.
	CA *ca.Authority
	// Scenarios is the scenario engine: add scripted failures directly.
	Scenarios *scenarios.Engine
	// Control is a client of the control API (/_mockidp/…) of this server:
	// presets, state changes, clock, reset and inspection.
	Control *mockidpclient.Client

	handler *endpoints.Server
	servers map[string]*httptest.Server
	proxy   *httptest.Server
	mi      *httptest.Server
	arcDir  string
}

// Option changes how NewServer builds the server.
type Option func(*options)

type options struct {
	seed      *idp.Seed
	now       *time.Time
	logger    *slog.Logger
	arcDir    string
	device    idp.DevicePolicy
	scenarios []byte
}

// WithSeed replaces the default seed.
func WithSeed(s idp.Seed) Option { return func(o *options) { o.seed = &s } }

// WithClock freezes the mock clock at t; the default follows real time.
func WithClock(t time.Time) Option { return func(o *options) { o.now = &t } }

// WithLogger sends mockidp's request log to l; the default discards it.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithScenarios applies a scenario file (JSON, as the config file's
// scenarios: section) at start.
func WithScenarios(file []byte) Option { return func(o *options) { o.scenarios = file } }

// NewServer starts mockidp for the test and stops it in t.Cleanup.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatalf("mockidptest: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts mockidp outside a single test — in TestMain, a benchmark
// harness or an example — where there is no t to clean up with. The caller
// must Close it.
func Start(opts ...Option) (*Server, error) {
	o := options{logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, opt := range opts {
		opt(&o)
	}
	// The Azure Arc challenge writes key files; each server gets its own
	// folder, removed by Close.
	dir, err := os.MkdirTemp("", "mockidp-arc-")
	if err != nil {
		return nil, err
	}
	o.arcDir = dir
	s, err := start(o)
	if err != nil {
		os.RemoveAll(dir)
	}
	return s, err
}

func start(o options) (*Server, error) {
	clock := idp.NewClock()
	if o.now != nil {
		clock = idp.NewFixedClock(*o.now)
	}
	seed := idp.DefaultSeed()
	if o.seed != nil {
		seed = *o.seed
	}
	keys, authority, cert, err := sharedCrypto()
	if err != nil {
		return nil, err
	}
	p, err := idp.New(idp.Options{Clock: clock, Keys: keys, Seed: seed, Logger: o.logger,
		DevicePolicy: o.device})
	if err != nil {
		return nil, err
	}
	s := &Server{IDP: p, Clock: clock, CA: authority, servers: map[string]*httptest.Server{}, arcDir: o.arcDir}
	h := endpoints.NewServer(endpoints.Options{Provider: p, CAPEM: authority.CertPEM, Logger: o.logger,
		NewSigningKey: rotatedKey,
		ManagedIdentity: managedidentity.Options{ArcKeyDir: o.arcDir,
			IssuerBaseURL: func(c *clouds.Cloud) string { return s.CloudURL(c) }}})
	s.handler = h
	s.Scenarios = h.Scenarios()
	// Every listener the binary can open, each on its own loopback port.
	tlsConf := &tls.Config{Certificates: []tls.Certificate{cert}}
	for _, l := range h.Listeners(tlsConf, o.logger, nil) {
		ts := httptest.NewUnstartedServer(l.Handler)
		if l.TLS {
			ts.TLS = tlsConf
			ts.StartTLS()
		} else {
			ts.Start()
		}
		switch l.Name {
		case endpoints.ListenerProxy:
			s.proxy = ts
		case endpoints.ListenerIMDS:
			s.mi = ts
		default:
			s.servers[l.Name] = ts
		}
	}
	s.Control = mockidpclient.New(s.URL(), s.Client())
	if o.scenarios != nil {
		if _, err := h.LoadScenarios(o.scenarios); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Tests share the fixture signing keys and one CA: RSA key generation and
// parsing would otherwise dominate a short test. The keyring is rebuilt per
// server so a test that rotates keys touches only its own server.
var (
	shared     sync.Once
	sharedErr  error
	sharedCA   *ca.Authority
	sharedCert tls.Certificate
)

func sharedCrypto() (*idp.Keyring, *ca.Authority, tls.Certificate, error) {
	shared.Do(func() {
		now := time.Now()
		sharedCA, sharedErr = ca.LoadOrCreate("", now)
		if sharedErr == nil {
			sharedCert, sharedErr = sharedCA.ServerCertificate(endpoints.TLSNames(""), now)
		}
	})
	if sharedErr != nil {
		return nil, nil, tls.Certificate{}, sharedErr
	}
	keys, err := idp.KeyringFromPEM(fixtures.SigningPEMs())
	return keys, sharedCA, sharedCert, err
}

// rotatedKey is the key of a key-rotation preset in tests: the "rotated"
// fixture, so no test generates RSA keys.
func rotatedKey(string) (*idp.SigningKey, error) {
	return idp.ParseSigningKeyPEM(fixtures.SigningPEM("rotated"))
}

// Close stops every listener.
func (s *Server) Close() {
	for _, ts := range s.servers {
		ts.Close()
	}
	s.proxy.Close()
	s.mi.Close()
	os.RemoveAll(s.arcDir)
}

// ProxyURL is mockidp's CONNECT proxy: it serves every cloud's real login
// hosts (https://login.microsoftonline.com/…) and refuses all else.
func (s *Server) ProxyURL() *url.URL {
	u, _ := url.Parse(s.proxy.URL)
	return u
}

// ProxyClient is an HTTP client that reaches the real login host names
// through ProxyURL and trusts mockidp's CA, and nothing else: what an
// unmodified application gets from HTTPS_PROXY and SSL_CERT_FILE.
func (s *Server) ProxyClient() *http.Client {
	return &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(s.ProxyURL()),
		TLSClientConfig: &tls.Config{RootCAs: s.CertPool()}}}
}

// URL is the base URL of the public cloud's listener.
func (s *Server) URL() string { return s.CloudURL(clouds.Public) }

// CloudURL is the base URL of a cloud's listener.
func (s *Server) CloudURL(c *clouds.Cloud) string { return s.servers[c.Name].URL }

// AuthorityURL is the authority a client configures for tenant in the
// public cloud: https://127.0.0.1:port/{tenant}.
func (s *Server) AuthorityURL(tenant string) string { return s.URL() + "/" + tenant }

// CloudAuthorityURL is AuthorityURL for another cloud.
func (s *Server) CloudAuthorityURL(c *clouds.Cloud, tenant string) string {
	return s.CloudURL(c) + "/" + tenant
}

// CertPool trusts mockidp's CA.
func (s *Server) CertPool() *x509.CertPool { return s.CA.Pool() }

// Client is an HTTP client that trusts mockidp's CA.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.CertPool()}}}
}

// Handler is mockidp's HTTP handler, for tests that serve it themselves.
func (s *Server) Handler(c *clouds.Cloud) http.Handler { return s.handler.Handler(c) }
