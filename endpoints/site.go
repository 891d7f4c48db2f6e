package endpoints

import (
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// Keys of request-scoped values on echo.Context.
const (
	ctxSite     = "mockidp.site"
	ctxTrace    = "mockidp.trace"
	ctxCorr     = "mockidp.correlation"
	ctxTenant   = "mockidp.tenant"
	ctxClient   = "mockidp.client"
	ctxGrant    = "mockidp.grant"
	ctxAADSTS   = "mockidp.aadsts"
	ctxMetadata = "mockidp.metadata"
	ctxScenario = "mockidp.scenario"
	ctxUser     = "mockidp.user"
	// ctxServer lets package-level writers shared by every user grant
	// (writeUserTokens) record issued tokens without changing signatures.
	ctxServer = "mockidp.server"
	ctxScope  = "mockidp.scope"
)

// requestContext resolves the site (cloud and public base URL) and the
// trace and correlation IDs before routing, and sets the headers Entra puts
// on every answer.
func (s *Server) requestContext(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		normaliseUserRealm(r)
		c.Set(ctxSite, s.siteOf(c))
		c.Set(ctxServer, s)
		trace := idp.NewGUID(s.idp.Rand())
		corr := r.Header.Get("client-request-id")
		if corr == "" {
			corr = idp.NewGUID(s.idp.Rand())
		} else if !strings.EqualFold(r.Header.Get("return-client-request-id"), "false") {
			c.Response().Header().Set("client-request-id", corr)
		}
		c.Set(ctxTrace, trace)
		c.Set(ctxCorr, corr)
		h := c.Response().Header()
		h.Set("x-ms-request-id", trace)
		h.Set("x-ms-ests-server", "2.1.0 - mockidp")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		return next(c)
	}
}

func (s *Server) siteOf(c echo.Context) idp.Site {
	r := c.Request()
	cloud, ok := clouds.ByLoginHost(r.Host)
	if !ok {
		cloud, _ = r.Context().Value(cloudKey{}).(*clouds.Cloud)
		if cloud == nil {
			cloud = clouds.Public
		}
	}
	if s.publicURL != "" {
		return idp.NewSite(cloud, s.publicURL)
	}
	scheme := "https"
	if r.TLS == nil {
		scheme = "http"
	}
	return idp.NewSite(cloud, scheme+"://"+r.Host)
}

func site(c echo.Context) idp.Site { return c.Get(ctxSite).(idp.Site) }

// resolveTenant resolves the :tenant path segment and records it for the
// request log.
// echo routes on the escaped path when there is one, so the segment is
// unescaped here, as Entra reads it.
func (s *Server) resolveTenant(c echo.Context) (idp.TenantRef, error) {
	segment := c.Param("tenant")
	if u, err := url.PathUnescape(segment); err == nil {
		segment = u
	}
	c.Set(ctxTenant, segment)
	return s.idp.ResolveTenant(site(c), segment)
}
