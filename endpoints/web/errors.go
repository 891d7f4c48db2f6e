package web

import (
	"context"
	"errors"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// handleError is the only place that writes errors: an error that
// renders itself does, any other is written in the shape of the area the
// request was routed to.
func (s *Stack) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	// The client gave up (a scenario's delay outlasted its timeout): there
	// is nobody to answer, and a 500 here would only confuse the logs.
	if errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil {
		s.cfg.Log.Debug("client went away", "path", c.Request().URL.Path)
		return
	}
	var (
		rerr RenderableError
		aerr *idp.Error
		werr error
	)
	if errors.As(err, &rerr) {
		werr = rerr.Render(c)
	} else {
		werr = s.AreaOf(c).Errors.Error(c, err)
	}
	if werr != nil || !errors.As(err, &aerr) {
		s.cfg.Log.Debug("error response", "err", err, "write_err", werr)
	}
}
