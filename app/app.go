package app

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/mockidp/mockidp/ca"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/config"
	"github.com/mockidp/mockidp/endpoints"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
	"github.com/mockidp/mockidp/signer"
)

// App is a configured mockidp, ready to serve.
type App struct {
	cfg      config.Config
	log      *slog.Logger
	out      io.Writer
	ca       *ca.Authority
	provider *idp.Provider
	handler  *endpoints.Server
	tlsConf  *tls.Config
	credPath string
	ls       []listener
	nls      []net.Listener
	inflight inflight
}

// New prepares everything that can fail before a port is opened.
func New(cfg config.Config, out io.Writer) (*App, error) {
	a := &App{cfg: cfg, out: out, log: newLogger(cfg, out)}
	if err := signer.SetMode(cfg.Signer); err != nil {
		return nil, err
	}
	now := time.Now()
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	keys, err := a.loadDataFolder(now)
	if err != nil {
		return nil, err
	}
	seed, err := loadSeed(cfg)
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	a.provider, err = idp.New(idp.Options{Keys: keys, Seed: seed, Logger: a.log})
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	a.handler = endpoints.NewServer(endpoints.Options{Provider: a.provider, PublicURL: cfg.PublicURL,
		CAPEM: a.ca.CertPEM, Logger: a.log, ManagedIdentity: a.managedIdentityOptions(),
		Control: endpoints.ControlAccess{Token: cfg.ControlToken, AllowRemote: cfg.AllowRemote}, IssuerHosts: endpoints.TLSNames(cfg.PublicURL)})
	if len(cfg.Scenarios) > 0 {
		if _, err := a.handler.LoadScenarios(cfg.Scenarios); err != nil {
			return nil, fmt.Errorf("scenarios: %w", err)
		}
	}
	cert, err := a.ca.ServerCertificate(endpoints.TLSNames(a.cfg.PublicURL), now)
	if err != nil {
		return nil, err
	}
	a.tlsConf = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	return a, nil
}

func (a *App) loadCA(now time.Time) error {
	var err error
	if a.cfg.CACert != "" {
		a.ca, err = ca.LoadFiles(a.cfg.CACert, a.cfg.CAKey)
	} else {
		a.ca, err = ca.LoadOrCreate(a.cfg.DataDir, now)
	}
	if err != nil {
		return err
	}
	if a.cfg.WriteCA != "" {
		return a.ca.WritePEM(a.cfg.WriteCA)
	}
	return nil
}

// listener is one port mockidp serves.
type listener struct {
	name string
	addr string
	srv  *http.Server
	tls  bool
}

// listeners are the configured ones of the listeners endpoints composes:
// the public cloud's always, the others when given an address.
func (a *App) listeners() []listener {
	addr := map[string]string{clouds.Public.Name: a.cfg.Listen, endpoints.ListenerIMDS: a.cfg.IMDSListen,
		endpoints.ListenerProxy: a.cfg.ProxyListen}
	for _, c := range clouds.All()[1:] {
		addr[c.Name] = a.cfg.CloudListen[c.Name]
	}
	var ls []listener
	for _, l := range a.handler.Listeners(a.tlsConf, a.log, a.inflight.wrap) {
		if l.Name == clouds.Public.Name || addr[l.Name] != "" {
			ls = append(ls, listener{name: l.Name, addr: addr[l.Name], tls: l.TLS, srv: a.httpServer(l.Handler)})
		}
	}
	return ls
}

// httpServer serves one listener's handler (requests already counted in
// flight: endpoints.Listeners wraps them).
func (a *App) httpServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: bodyReadTimeout,
		IdleTimeout: 2 * time.Minute,
		ErrorLog:    slog.NewLogLogger(a.log.Handler(), slog.LevelDebug)}
}

// Run opens the listeners and serves until ctx ends.
func (a *App) Run(ctx context.Context) error {
	if err := a.Listen(); err != nil {
		return err
	}
	return a.Serve(ctx)
}

// Listen opens every configured port, or none if one fails.
func (a *App) Listen() error {
	a.ls = a.listeners()
	for _, l := range a.ls {
		nl, err := net.Listen("tcp", l.addr)
		if err != nil {
			closeAll(a.nls)
			return fmt.Errorf("%s listener: %w", l.name, err)
		}
		a.nls = append(a.nls, a.limitConns(nl))
	}
	a.printBanner(a.ls, a.nls)
	return nil
}

// Addr is the bound address of a listener ("public", "usgov", "china",
// "germany", "proxy") after Listen, or "".
func (a *App) Addr(name string) string {
	for i, l := range a.ls {
		if l.name == name {
			return a.nls[i].Addr().String()
		}
	}
	return ""
}

// Serve serves the opened listeners until ctx ends or one fails, then
// shuts all of them down gracefully.
func (a *App) Serve(ctx context.Context) error {
	errc := make(chan error, len(a.ls))
	var wg sync.WaitGroup
	for i, l := range a.ls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- a.serve(l, a.nls[i])
		}()
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	if serr := a.shutdown(a.ls); err == nil {
		err = serr
	}
	wg.Wait()
	return err
}

func (a *App) serve(l listener, nl net.Listener) error {
	if l.tls {
		nl = tls.NewListener(nl, a.tlsConf)
	}
	if err := l.srv.Serve(nl); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("%s listener: %w", l.name, err)
	}
	return nil
}

func closeAll(ls []net.Listener) {
	for _, l := range ls {
		_ = l.Close()
	}
}

func newLogger(cfg config.Config, out io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(out, opts))
	}
	return slog.New(slog.NewTextHandler(out, opts))
}

// Scenarios is the running app's scenario engine (the config file's
// scenarios: section is in it after New).
func (a *App) Scenarios() *scenarios.Engine { return a.handler.Scenarios() }
