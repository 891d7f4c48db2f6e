// Package graph is a small stand-in for Microsoft Graph: /v1.0/me,
// /v1.0/users, /v1.0/users/{id} and /v1.0/applications over the
// directory, behind exact bearer-token validation and Graph's error
// envelope.
package graph

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/cae"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Handler serves the Graph-like resource.
type Handler struct {
	IDP *idp.Provider
	// PublicURL, IssuerHosts and MIIssuerBaseURL are where mockidp issues
	// tokens from besides loopback and the request's own host: the
	// resource accepts issuers rooted there and nowhere else.
	PublicURL       string
	IssuerHosts     []string
	MIIssuerBaseURL func(c *clouds.Cloud) string
}

// Versions are the API versions Graph serves; mockidp answers both from
// the same directory.
var Versions = []string{"v1.0", "beta"}

// Hosts are the names a cloud's Graph answers on: its Graph host and
// aliases, with and without the default port.
func Hosts(c *clouds.Cloud) []string {
	var out []string
	for _, h := range append([]string{c.GraphHost}, c.GraphAliases...) {
		out = append(out, h, h+":443")
	}
	return out
}

// Mount adds the resource's routes, under each version, to r: on
// mockidp's own listeners, beside the sign-in site.
func (h *Handler) Mount(r *web.Routes) {
	for _, v := range Versions {
		h.mountVersion(r.Under("/" + v))
	}
}

// MountHost makes r, the routes of one Graph host, all Graph: a path
// outside the versions is Graph's "Invalid version." and never reaches
// the sign-in site.
func (h *Handler) MountHost(r *web.Routes) {
	h.Mount(r)
	r.NotFound("/*", invalidVersion)
}

func (h *Handler) mountVersion(g *web.Routes) {
	for _, rt := range []struct {
		path string
		get  echo.HandlerFunc
	}{{"", h.serviceDocument}, {"/", h.serviceDocument}, {"/me", h.me}, {"/users", h.users},
		{"/users/:id", h.user}, {"/applications", h.applications}} {
		g.GET(rt.path, rt.get)
		g.HEAD(rt.path, rt.get)
		g.Match(readOnly, rt.path, methodNotAllowed)
	}
	g.NotFound("/*", unknownSegment)
}

// readOnly are the methods the resources here do not take.
var readOnly = []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// A small Microsoft Graph: /v1.0/me, /v1.0/users, /v1.0/users/{id} and
// /v1.0/applications over the directory, behind exact bearer-token
// validation and Graph's error envelope (protocol.md §11). It answers on
// each cloud's Graph host (reached through the proxy or a hosts entry)
// and, for convenience, on mockidp's own listeners.

// graphAppID is Microsoft Graph's application ID, named in challenges.
const graphAppID = "00000003-0000-0000-c000-000000000000"

// cloudOf is the cloud a Graph request is for: by Graph host, else the
// listener's cloud.
func cloudOf(c echo.Context) *clouds.Cloud {
	if cl, ok := clouds.ByGraphHost(c.Request().Host); ok {
		return cl
	}
	return web.Site(c).Cloud
}

// Headers sets Graph's response headers.
func Headers(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		web.TraceHeaders(c)
		h := c.Response().Header()
		trace := web.Trace(c)
		h.Set("request-id", trace)
		h.Set("client-request-id", graphClientRequestID(c))
		h.Set("x-ms-ags-diagnostic", `{"ServerInfo":{"DataCenter":"mockidp","Slice":"E","Ring":"1","ScaleUnit":"000","RoleInstance":"mockidp"}}`)
		return next(c)
	}
}

func graphClientRequestID(c echo.Context) string {
	if v := c.Request().Header.Get("client-request-id"); v != "" {
		return v
	}
	v := web.Trace(c)
	return v
}

// token validates the bearer token of a Graph request and, for
// CAE-capable clients, the revocation state of the user or, for app-only
// tokens, of the service principal. The request answers from the token's
// tenant as validated: one directory snapshot.
func (h *Handler) token(c echo.Context) (*idp.ValidToken, error) {
	cloud := cloudOf(c)
	graph := "https://" + cloud.GraphHost
	v, te := h.IDP.Tokens.ValidateBearer(c.Request().Header.Get(echo.HeaderAuthorization), idp.TokenCheck{Cloud: cloud,
		Audiences: []string{graph, graph + "/", graphAppID}, IssuerBaseOK: h.issuerBaseOK(c)})
	if te != nil {
		return nil, &graphError{status: http.StatusUnauthorized, code: "InvalidAuthenticationToken", message: graphTokenMessages[te.Problem], cloud: cloud}
	}
	if at, revoked := cae.Revoked(v.Tenant, v.Claims, cae.UsersAndWorkloads); revoked {
		return nil, &graphError{status: http.StatusUnauthorized, code: "InvalidAuthenticationToken", cloud: cloud,
			message: idp.CAERevokedMessage, claims: cae.Claims(at.Unix())}
	}
	return v, nil
}

// graphTokenMessages word token rejections as Graph does.
var graphTokenMessages = map[idp.TokenProblem]string{
	idp.TokenEmpty:        "Access token is empty.",
	idp.TokenNotBearer:    "Access token is empty.",
	idp.TokenMalformed:    "CompactToken parsing failed with error code: 80049217",
	idp.TokenBadSignature: "Access token validation failure.",
	idp.TokenBadIssuer:    "Access token validation failure. Invalid issuer.",
	idp.TokenBadAudience:  "Access token validation failure. Invalid audience.",
	idp.TokenExpired:      "Lifetime validation failed, the token is expired.",
	idp.TokenNotYetValid:  "Access token has expired or is not yet valid.",
}
