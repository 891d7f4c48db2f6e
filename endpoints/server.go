package endpoints

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/aad"
	"github.com/mockidp/mockidp/endpoints/arm"
	"github.com/mockidp/mockidp/endpoints/browser"
	"github.com/mockidp/mockidp/endpoints/console"
	"github.com/mockidp/mockidp/endpoints/control"
	"github.com/mockidp/mockidp/endpoints/entra"
	"github.com/mockidp/mockidp/endpoints/graph"
	"github.com/mockidp/mockidp/endpoints/managedidentity"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/endpoints/workload"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// ControlPrefix is the reserved path prefix of mockidp's own endpoints.
const ControlPrefix = web.ControlPrefix

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
	ManagedIdentity managedidentity.Options
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
	stack     *web.Stack
	aad       *aad.Shape
	idp       *idp.Provider
	caPEM     []byte
	log       *slog.Logger
	entra     *entra.Handler
	workload  *workload.Handler
	mi        *managedidentity.Handler
	scenarios *scenarios.Engine
	control   *control.Handler
	console   *console.Handler
	graph     *graph.Handler
	arm       *arm.Handler
	browser   *browser.Handler
	newKey    func(cloud string) (*idp.SigningKey, error)
	access    ControlAccess
}

// NewServer builds the handler with every route mounted.
func NewServer(opts Options) *Server {
	s := &Server{idp: opts.Provider, caPEM: opts.CAPEM, log: opts.Logger, scenarios: opts.Scenarios, access: opts.Control}
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
	s.aad = &aad.Shape{Now: s.idp.Clock().Now, Log: s.log}
	s.control = &control.Handler{IDP: s.idp, Scenarios: s.scenarios, NewKey: s.newKey, CAPEM: opts.CAPEM,
		Journal: &control.Journal{Now: s.idp.Clock().Now}, Guard: s.guardControl}
	s.console = &console.Handler{IDP: s.idp, Scenarios: s.scenarios, Journal: s.control.Journal, Guard: s.guardControl,
		TokenSignIn: opts.Control.Token != ""}
	s.stack = web.New(web.Config{IDP: s.idp, Log: s.log, PublicURL: opts.PublicURL, Scenarios: s.scenarios,
		Fallback: web.Area{Kind: scenarios.EndpointOther, Errors: s.aad},
		Answered: s.control.Journal.Answered, Pre: []echo.MiddlewareFunc{entra.NormaliseUserRealm}})
	s.mi = managedidentity.New(s.idp, opts.ManagedIdentity, s.control.Journal.TokenAt, s.aad)
	s.arm = &arm.Handler{IDP: s.idp}
	s.browser = &browser.Handler{IDP: s.idp, AAD: s.aad}
	s.graph = &graph.Handler{IDP: s.idp, PublicURL: opts.PublicURL, IssuerHosts: opts.IssuerHosts,
		MIIssuerBaseURL: opts.ManagedIdentity.IssuerBaseURL}
	s.entra = entra.New(s.idp, s.control.Journal.TokenAt)
	s.workload = &workload.Handler{IDP: s.idp}
	s.routes()
	return s
}

// Handler serves requests; those not addressed to a Microsoft login host
// belong to defaultCloud (nil means public).
func (s *Server) Handler(defaultCloud *clouds.Cloud) http.Handler {
	return web.WithCloud(s.stack, defaultCloud)
}

// ManagedIdentityHandler serves the plain-HTTP managed-identity listener:
// the same routes as Handler, with the computes of sel answering.
func (s *Server) ManagedIdentityHandler(sel managedidentity.ComputeSelection) http.Handler {
	h := managedidentity.WithSelection(s.Handler(clouds.Public), sel)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The control API is not served here: this listener speaks plain HTTP.
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), plainListenerKey{}, true)))
	})
}

// Provider is the identity provider behind the server.
func (s *Server) Provider() *idp.Provider { return s.idp }

// Scenarios is the server's scenario engine.
func (s *Server) Scenarios() *scenarios.Engine { return s.scenarios }

// LoadScenarios applies a scenario file (the config file's scenarios:
// section, as JSON) at startup.
func (s *Server) LoadScenarios(file []byte) ([]scenarios.Result, error) {
	return s.control.LoadScenarios(file)
}
