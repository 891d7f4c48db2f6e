package endpoints

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// A small Microsoft Graph: /v1.0/me, /v1.0/users, /v1.0/users/{id} and
// /v1.0/applications over the directory, behind exact bearer-token
// validation and Graph's error envelope (protocol.md §11). It answers on
// each cloud's Graph host (reached through the proxy or a hosts entry)
// and, for convenience, on mockidp's own listeners.

// graphPrefix is the path prefix of the Graph-like resource.
const graphPrefix = "/v1.0/"

// graphAppID is Microsoft Graph's application ID, named in challenges.
const graphAppID = "00000003-0000-0000-c000-000000000000"

func graphCloud(host string) (*clouds.Cloud, bool) { return clouds.ByGraphHost(host) }

func (s *Server) graphRoutes(e *echo.Echo, m *web.Stack) {
	g := m.Mount(e, web.Area{Kind: scenarios.EndpointGraph, Errors: graphShape{s.aad},
		Before: []echo.MiddlewareFunc{graphHeaders}}).Under("/v1.0")
	g.GET("/me", s.graphMe)
	g.GET("/users", s.graphUsers)
	g.GET("/users/:id", s.graphUser)
	g.GET("/applications", s.graphApplications)
	g.NotFound("", echo.NotFoundHandler)
	g.NotFound("/*", echo.NotFoundHandler)
}

// issuerBases remembers the base URLs tokens were issued from, so the
// Graph resource accepts issuers rooted at them and nothing else.
type issuerBases struct{ m sync.Map }

func (b *issuerBases) add(base string)      { b.m.Store(strings.ToLower(base), true) }
func (b *issuerBases) has(base string) bool { _, ok := b.m.Load(strings.ToLower(base)); return ok }

// graphSite is the cloud a Graph request is for: by Graph host, else the
// listener's cloud.
func graphSite(c echo.Context) *clouds.Cloud {
	if cl, ok := graphCloud(c.Request().Host); ok {
		return cl
	}
	return web.Site(c).Cloud
}

// graphHeaders sets Graph's response headers.
func graphHeaders(next echo.HandlerFunc) echo.HandlerFunc {
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

// graphToken validates the bearer token of a Graph request and, for
// CAE-capable clients, the user's revocation state.
func (s *Server) graphToken(c echo.Context) (*idp.AccessClaims, error) {
	cloud := graphSite(c)
	graph := "https://" + cloud.GraphHost
	v, te := s.idp.ValidateBearer(c.Request().Header.Get(echo.HeaderAuthorization), idp.TokenCheck{Cloud: cloud,
		Audiences: []string{graph, graph + "/", graphAppID}, IssuerBaseOK: s.issuers.has})
	if te != nil {
		return nil, &graphError{status: http.StatusUnauthorized, code: "InvalidAuthenticationToken", message: graphTokenMessages[te.Problem], cloud: cloud}
	}
	if at, revoked := s.caeRevoked(v.Claims); revoked {
		return nil, &graphError{status: http.StatusUnauthorized, code: "InvalidAuthenticationToken", cloud: cloud,
			message: idp.CAERevokedMessage, claims: caeClaims(at.Unix())}
	}
	return v.Claims, nil
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

// caeRevoked reports whether a resource evaluating CAE rejects the token:
// its client declared cp1 and the user's sessions were revoked after it
// was issued. It returns the revocation time the challenge names.
func (s *Server) caeRevoked(claims *idp.AccessClaims) (time.Time, bool) {
	if !claims.CAECapable() {
		return time.Time{}, false
	}
	return s.idp.RevokedAt(claims)
}

// caeClaims is the challenge's claims value: standard base64 with
// padding, as Graph sends it, of a JSON whose spacing is chosen so the
// encoding has no '+' or '/'. azcore versions decode it either with
// StdEncoding or with RawURLEncoding after cutting at '=', and only such a
// string decodes the same both ways (protocol.md §0.6).
func caeClaims(nbf int64) string {
	parts := []string{`{"access_token":{"nbf":{"essential":true,`, `"value":"`, strconv.FormatInt(nbf, 10), `"}}}`}
	for n := range 4 * 4 * 4 {
		sp := []string{strings.Repeat(" ", n%4), strings.Repeat(" ", n/4%4), strings.Repeat(" ", n/16%4)}
		js := parts[0] + sp[0] + parts[1] + parts[2] + `"` + sp[1] + "}" + sp[2] + "}}"
		enc := base64.StdEncoding.EncodeToString([]byte(js))
		if !strings.ContainsAny(enc, "+/") {
			return enc
		}
	}
	return base64.StdEncoding.EncodeToString([]byte(strings.Join(parts, "")))
}
