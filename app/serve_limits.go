package app

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/netutil"

	"github.com/mockidp/mockidp/proxy"
)

// Limits of every listener. A request body must arrive within
// bodyReadTimeout (a client sending a byte every few seconds holds a
// connection no longer than that); responses are not limited, since
// scenarios delay them on purpose.
var bodyReadTimeout = 30 * time.Second // a variable so tests can shorten it

const (
	defaultShutdownBudget = 10 * time.Second
	defaultMaxConnections = 1024
)

// inflight counts the requests being served, so shutdown can say how
// many the budget cut.
type inflight struct{ n atomic.Int64 }

func (f *inflight) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.n.Add(1)
		defer f.n.Add(-1)
		h.ServeHTTP(w, r)
	})
}

// limitConns bounds the open connections of one listener; more wait in
// the kernel's backlog instead of costing memory here.
func (a *App) limitConns(nl net.Listener) net.Listener {
	n := a.cfg.ConnLimit
	if n <= 0 {
		n = defaultMaxConnections
	}
	return netutil.LimitListener(nl, n)
}

func (a *App) shutdownBudget() time.Duration {
	if a.cfg.ShutdownTimeout == "" { // a Config built by hand, not by config.Load
		return defaultShutdownBudget
	}
	return a.cfg.Shutdown
}

// shutdown stops every listener at once: all of them stop accepting
// before any waits, then in-flight requests drain together within one
// budget. Requests still running then are cut, and counted.
func (a *App) shutdown(ls []listener) error {
	budget := a.shutdownBudget()
	a.log.Info("shutting down", "budget", budget.String(), "in_flight", a.inflight.n.Load())
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	var wg sync.WaitGroup
	for _, l := range ls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = l.srv.Shutdown(ctx)
			if p, ok := l.srv.Handler.(*proxy.Proxy); ok {
				_ = p.Shutdown(ctx)
			}
		}()
	}
	wg.Wait()
	cut := a.inflight.n.Load()
	for _, l := range ls {
		if ctx.Err() != nil {
			_ = l.srv.Close()
		}
		if p, ok := l.srv.Handler.(*proxy.Proxy); ok {
			_ = p.Close()
		}
	}
	if cut > 0 {
		a.log.Warn("shutdown budget exceeded", "budget", budget.String(), "cut_requests", cut)
		return fmt.Errorf("shutdown: %d requests still running after %s were cut", cut, budget)
	}
	a.log.Info("shut down", "cut_requests", 0)
	return nil
}
