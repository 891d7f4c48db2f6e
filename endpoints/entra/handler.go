// Package entra is the Entra protocol a client library speaks without a
// browser: the token endpoint, device authorization, the discovery
// documents, the key sets, instance discovery and user-realm discovery.
//
// The token endpoint is one pipeline (token.go):
//
//	parse the form ─▶ resolve the tenant ─▶ pick the grant ─▶ grant.prepare
//	  (check its material, find the tenant the client is registered in)
//	─▶ authenticate the client (unless the grant authenticates it itself)
//	─▶ grant.issue ─▶ respond (v1 or v2 shape) and journal the token
package entra

import (
	"net/url"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Handler serves the Entra protocol endpoints.
type Handler struct {
	IDP *idp.Provider
	// Issued journals an access token issued at the request's site.
	Issued func(c echo.Context, base, token string)

	grants map[string]grant
}

// New builds the handler with its grants.
func New(p *idp.Provider, issued func(c echo.Context, base, token string)) *Handler {
	h := &Handler{IDP: p, Issued: issued}
	h.grants = h.grantTable()
	return h
}

// recordToken journals an access token issued at the request's site.
func (h *Handler) recordToken(c echo.Context, token string) {
	h.Issued(c, web.Site(c).BaseURL, token)
}

// resolveTenant resolves the :tenant path segment and records it for the
// request log.
// echo routes on the escaped path when there is one, so the segment is
// unescaped here, as Entra reads it.
func (h *Handler) resolveTenant(c echo.Context) (idp.TenantRef, error) {
	segment := c.Param("tenant")
	if u, err := url.PathUnescape(segment); err == nil {
		segment = u
	}
	web.Note(c).Tenant = segment
	return h.IDP.Directory.ResolveTenant(web.Site(c), segment)
}
