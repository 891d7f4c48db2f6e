package endpoints

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// Options configure a Server.
type Options struct {
	Provider *idp.Provider
	// PublicURL, when set, replaces the scheme and host taken from each
	// request (https://idp.example.test:8443).
	PublicURL string
	// CAPEM is the certificate of mockidp's CA, served at /_mockidp/ca.pem.
	CAPEM  []byte
	Logger *slog.Logger
	// ManagedIdentity configures the managed-identity endpoints.
	ManagedIdentity ManagedIdentityOptions
	// Scenarios scripts failures; nil gets an empty engine on the
	// provider's clock.
	Scenarios *scenarios.Engine
	// NewSigningKey makes the key of a key-rotation preset; nil generates
	// one.
	NewSigningKey func(cloud string) (*idp.SigningKey, error)
	// IssuerHosts are host names (the TLS certificate's) at which the
	// Graph-like resource accepts issuers besides loopback, this machine
	// and the request's own host.
	IssuerHosts []string
	// Control says who besides loopback clients may use the control API.
	Control ControlAccess
}

// Server is mockidp's HTTP handler.
type Server struct {
	echo        *echo.Echo
	idp         *idp.Provider
	publicURL   string
	caPEM       []byte
	log         *slog.Logger
	grants      map[string]grantFunc
	mi          ManagedIdentityOptions
	arc         arcKeys
	imdsCache   *imdsCache
	scenarios   *scenarios.Engine
	journal     journal
	issuerHosts []string
	newKey      func(cloud string) (*idp.SigningKey, error)
	control     ControlAccess
}

// NewServer builds the handler with every route mounted.
func NewServer(opts Options) *Server {
	s := &Server{idp: opts.Provider, publicURL: strings.TrimRight(opts.PublicURL, "/"),
		caPEM: opts.CAPEM, log: opts.Logger, mi: opts.ManagedIdentity, scenarios: opts.Scenarios,
		control: opts.Control, issuerHosts: opts.IssuerHosts, imdsCache: newIMDSCache(opts.Provider.Clock().Now)}
	s.newKey = opts.NewSigningKey
	if s.newKey == nil {
		s.newKey = func(cloud string) (*idp.SigningKey, error) {
			return idp.GenerateSigningKey("mockidp "+cloud+" signing", opts.Provider.Clock().Now())
		}
	}
	if s.scenarios == nil {
		s.scenarios = scenarios.NewEngine(opts.Provider.Clock().Now)
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.Pre(s.requestContext)
	e.Use(s.logRequest)
	e.Use(s.recoverPanics)
	e.Use(s.applyScenarios)
	s.echo = e
	s.grants = s.grantTable()
	s.routes(e)
	return s
}

type cloudKey struct{}

// Handler serves requests; those not addressed to a Microsoft login host
// belong to defaultCloud (nil means public).
func (s *Server) Handler(defaultCloud *clouds.Cloud) http.Handler {
	if defaultCloud == nil {
		defaultCloud = clouds.Public
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), cloudKey{}, defaultCloud)
		s.echo.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Provider is the identity provider behind the server.
func (s *Server) Provider() *idp.Provider { return s.idp }

// Scenarios is the server's scenario engine.
func (s *Server) Scenarios() *scenarios.Engine { return s.scenarios }
