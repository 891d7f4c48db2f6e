// Package browser is the Entra sign-in a person sees: /authorize (v1 and
// v2), its sign-in, account-picker and consent pages, the device-login
// page, admin consent and logout.
//
// An authorize request is a flow rebuilt from its own parameters on every
// page post, so the pages need no server state beyond the session cookie:
//
//	authorize ─▶ pick sign-in ─┬─ session / auto-approve ──┐
//	                           └─ sign-in page ─▶ login ───┤
//	                                                       ▼
//	                     consent needed? ─ yes ─▶ consent page ─▶ consent
//	                           │ no                               │
//	                           ▼                                  ▼
//	                  answer the app (code, tokens) ◀─────────────┘
package browser

import (
	"net/url"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/aad"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Handler serves the browser flows.
type Handler struct {
	IDP *idp.Provider
	// AAD words errors sent back to an app as Entra does.
	AAD *aad.Shape
}

// resolveTenant resolves the :tenant path segment and records it for the
// request log. echo routes on the escaped path when there is one, so the
// segment is unescaped here, as Entra reads it.
func (h *Handler) resolveTenant(c echo.Context) (idp.TenantRef, error) {
	segment := c.Param("tenant")
	if u, err := url.PathUnescape(segment); err == nil {
		segment = u
	}
	web.Note(c).Tenant = segment
	return h.IDP.Directory.ResolveTenant(web.Site(c), segment)
}
