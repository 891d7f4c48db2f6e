package browser

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
)

// Logout is /{tenant}/oauth2/v2.0/Logout and /{tenant}/oauth2/Logout: it
// ends the browser session, then returns to post_logout_redirect_uri when
// that is a registered redirect URI, or shows a signed-out page.
func (h *Handler) Logout(c echo.Context) error {
	params, err := entryParams(c.Request())
	if err != nil {
		return h.pageError(err)
	}
	if ck, err := c.Cookie(sessionCookie); err == nil {
		h.IDP.EndSession(ck.Value)
		c.SetCookie(sessionCookieOf(c, "", -1))
	}
	ref, err := h.resolveTenant(c)
	if err != nil {
		return h.pageError(err)
	}
	target := params.Get("post_logout_redirect_uri")
	if target != "" && h.IDP.LogoutRedirectAllowed(web.Site(c), ref, params.Get("client_id"), target) {
		var fields []Field
		if st := params.Get("state"); st != "" {
			fields = append(fields, Field{"state", st})
		}
		if len(fields) == 0 {
			return redirectTo(c, target)
		}
		return respond(c, target, "query", fields)
	}
	return renderMessage(c, http.StatusOK, MessagePage{Title: "You signed out of your account",
		Lines: []string{"It's a good idea to close all browser windows."}})
}
