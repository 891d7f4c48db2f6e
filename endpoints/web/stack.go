package web

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// Config is what the plumbing needs.
type Config struct {
	IDP *idp.Provider
	Log *slog.Logger
	// PublicURL, when set, replaces the scheme and host taken from each
	// request (https://idp.example.test:8443).
	PublicURL string
	Scenarios *scenarios.Engine
	// Fallback is the area of a request that reached no mounted route
	// (which the route table's catch-all routes make rare).
	Fallback Area
	// Answered is told about every answer of an area that is not
	// Internal, once it is written (the journal), with how long it took.
	Answered func(c echo.Context, took time.Duration)
	// Pre rewrites requests before routing.
	Pre []echo.MiddlewareFunc
}

// Stack is an echo instance with the shared plumbing in place; the route
// table mounts the areas on it.
type Stack struct {
	echo      *echo.Echo
	cfg       Config
	publicURL string
}

// New builds the echo instance with the request context, the request log,
// panic recovery and the error renderer.
func New(cfg Config) *Stack {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	s := &Stack{cfg: cfg, publicURL: strings.TrimRight(cfg.PublicURL, "/")}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.Pre(s.begin)
	e.Pre(cfg.Pre...)
	e.Use(s.logRequest)
	e.Use(s.recoverPanics)
	s.echo = e
	return s
}

// Echo is the echo instance, for the route table.
func (s *Stack) Echo() *echo.Echo { return s.echo }

// ServeHTTP serves a request.
func (s *Stack) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }
