package endpoints

import (
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"
)

// logRequest writes one structured line per request, with what a person
// debugging a failed sign-in looks for first.
func (s *Server) logRequest(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		s.recordRequest(c, s.idp.Clock().Now())
		if !s.log.Enabled(c.Request().Context(), slog.LevelInfo) {
			return nil
		}
		attrs := []slog.Attr{
			slog.String("method", c.Request().Method),
			slog.String("path", c.Request().URL.Path),
			slog.String("host", c.Request().Host),
			slog.Int("status", c.Response().Status),
			slog.Duration("duration", time.Since(start)),
		}
		for _, k := range []struct{ key, name string }{{ctxTenant, "tenant"}, {ctxClient, "client"}, {ctxGrant, "grant"}, {ctxScenario, "scenario"}} {
			if v, _ := c.Get(k.key).(string); v != "" {
				attrs = append(attrs, slog.String(k.name, v))
			}
		}
		if code, _ := c.Get(ctxAADSTS).(int); code != 0 {
			attrs = append(attrs, slog.Int("aadsts", code))
		}
		s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request", attrs...)
		return nil
	}
}
