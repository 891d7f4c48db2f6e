package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// logRequest writes one structured line per request, with what a person
// debugging a failed sign-in looks for first, and hands the answer to the
// journal.
func (s *Stack) logRequest(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		took := time.Since(start)
		if s.cfg.Answered != nil && !s.AreaOf(c).Internal {
			s.cfg.Answered(c, took)
		}
		if !s.cfg.Log.Enabled(c.Request().Context(), slog.LevelInfo) {
			return nil
		}
		attrs := []slog.Attr{
			slog.String("method", c.Request().Method),
			slog.String("path", c.Request().URL.Path),
			slog.String("host", c.Request().Host),
			slog.Int("status", c.Response().Status),
			slog.Duration("duration", took),
		}
		n := Note(c)
		for _, k := range []struct{ v, name string }{{n.Tenant, "tenant"}, {n.Client, "client"}, {n.Grant, "grant"}, {n.Scenario, "scenario"}} {
			if k.v != "" {
				attrs = append(attrs, slog.String(k.name, k.v))
			}
		}
		if n.AADSTS != 0 {
			attrs = append(attrs, slog.Int("aadsts", n.AADSTS))
		}
		s.cfg.Log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request", attrs...)
		return nil
	}
}

// recoverPanics turns a bug's panic into Entra's server error (AADSTS90036)
// with the stack in the log, so a client never sees a dropped connection or
// a Go message. http.ErrAbortHandler passes through: the drop scenario
// uses it to close the connection on purpose.
func (s *Stack) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if r == http.ErrAbortHandler {
				panic(r)
			}
			s.cfg.Log.Error("panic in handler", "path", c.Request().URL.Path, "panic", r, "stack", string(debug.Stack()))
			err = idp.ErrServer.New().Wrap(fmt.Errorf("panic: %v", r))
		}()
		return next(c)
	}
}
