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

// Mount adds the resource's routes (under /v1.0) to r.
func (h *Handler) Mount(r *web.Routes) {
	g := r.Under("/v1.0")
	g.GET("/me", h.me)
	g.GET("/users", h.users)
	g.GET("/users/:id", h.user)
	g.GET("/applications", h.applications)
	g.GET("", h.serviceDocument)
	g.GET("/", h.serviceDocument)
	g.NotFound("/*", unknownSegment)
}

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
	v, te := h.IDP.ValidateBearer(c.Request().Header.Get(echo.HeaderAuthorization), idp.TokenCheck{Cloud: cloud,
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
