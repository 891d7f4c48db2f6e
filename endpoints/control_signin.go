package endpoints

import (
	"crypto/subtle"
	"encoding/json"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/console"
	"github.com/mockidp/mockidp/endpoints/control"
)

// consoleSignIn lets a browser that is not on loopback use the web
// console with the control token: a person types it once on the
// console's 403 page, and it comes back as a cookie the gate accepts
// like the bearer token (HttpOnly, Secure, SameSite=Strict, the
// console's path only, gone with the browser session). The request
// obeys the gate's rules for state changes: same origin, JSON.
func (s *Server) consoleSignIn(c echo.Context) error {
	r := c.Request()
	switch {
	case onPlainListener(r.Context()):
		return echo.ErrNotFound
	case s.access.Token == "":
		return control.Fail(http.StatusNotFound, controlapi.ErrNotFound, "this mockidp has no control token; "+controlHelp)
	case foreignOrigin(r):
		return control.Fail(http.StatusForbidden, controlapi.ErrCrossOrigin, "sign-in is refused from another origin")
	case !jsonOrEmpty(r) || r.ContentLength == 0:
		return control.Fail(http.StatusUnsupportedMediaType, controlapi.ErrUnsupportedMediaType, `send {"token": "…"} as application/json`)
	}
	var in struct {
		Token string `json:"token"`
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<10))
	if err != nil || json.Unmarshal(body, &in) != nil {
		return control.Fail(http.StatusBadRequest, controlapi.ErrInvalidJSON, `send {"token": "…"}`)
	}
	if subtle.ConstantTimeCompare([]byte(in.Token), []byte(s.access.Token)) != 1 {
		return control.Fail(http.StatusForbidden, controlapi.ErrForbidden, "that is not the control token")
	}
	c.SetCookie(&http.Cookie{Name: console.TokenCookie, Value: in.Token, Path: controlapi.Prefix + "/",
		HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	return c.NoContent(http.StatusNoContent)
}

// cookieToken is the control token a console sign-in left in the browser.
func cookieToken(r *http.Request) string {
	ck, err := r.Cookie(console.TokenCookie)
	if err != nil {
		return ""
	}
	return ck.Value
}
