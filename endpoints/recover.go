package endpoints

import (
	"fmt"
	"net/http"
	"runtime/debug"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// recoverPanics turns a bug's panic into Entra's server error (AADSTS90036)
// with the stack in the log, so a client never sees a dropped connection or
// a Go message. http.ErrAbortHandler passes through: the drop scenario
// uses it to close the connection on purpose.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if r == http.ErrAbortHandler {
				panic(r)
			}
			s.log.Error("panic in handler", "path", c.Request().URL.Path, "panic", r, "stack", string(debug.Stack()))
			err = idp.ErrServer.New().Wrap(fmt.Errorf("panic: %v", r))
		}()
		return next(c)
	}
}
