package endpoints

import (
	"net/url"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// resolveTenant resolves the :tenant path segment and records it for the
// request log.
// echo routes on the escaped path when there is one, so the segment is
// unescaped here, as Entra reads it.
func (s *Server) resolveTenant(c echo.Context) (idp.TenantRef, error) {
	segment := c.Param("tenant")
	if u, err := url.PathUnescape(segment); err == nil {
		segment = u
	}
	web.Note(c).Tenant = segment
	return s.idp.ResolveTenant(web.Site(c), segment)
}
