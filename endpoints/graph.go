package endpoints

import (
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
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

func (s *Server) graphRoutes(e *echo.Echo) {
	g := e.Group("/v1.0", s.graphHeaders)
	g.GET("/me", s.graphMe)
	g.GET("/users", s.graphUsers)
	g.GET("/users/:id", s.graphUser)
	g.GET("/applications", s.graphApplications)
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
	return site(c).Cloud
}

// graphHeaders sets Graph's response headers and takes over the error
// writing for the group.
func (s *Server) graphHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		trace, _ := c.Get(ctxTrace).(string)
		h.Set("request-id", trace)
		h.Set("client-request-id", graphClientRequestID(c))
		h.Set("x-ms-ags-diagnostic", `{"ServerInfo":{"DataCenter":"mockidp","Slice":"E","Ring":"1","ScaleUnit":"000","RoleInstance":"mockidp"}}`)
		h.Del("x-ms-ests-server")
		return next(c)
	}
}

func graphClientRequestID(c echo.Context) string {
	if v := c.Request().Header.Get("client-request-id"); v != "" {
		return v
	}
	v, _ := c.Get(ctxTrace).(string)
	return v
}

// authorize validates the bearer token of a Graph request.
func (s *Server) graphToken(c echo.Context) (*idp.AccessClaims, error) {
	cloud := graphSite(c)
	auth := c.Request().Header.Get("Authorization")
	token := ""
	if len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
		token = strings.TrimSpace(auth[7:])
	}
	graph := "https://" + cloud.GraphHost
	claims, err := s.idp.ValidateAccessToken(token, idp.TokenCheck{Cloud: cloud,
		Audiences: []string{graph, graph + "/", graphAppID}, IssuerBaseOK: s.issuers.has})
	if err != nil {
		var te *idp.TokenError
		errors.As(err, &te)
		return nil, &graphError{status: http.StatusUnauthorized, code: "InvalidAuthenticationToken", message: te.Detail, cloud: cloud}
	}
	if claims.CAECapable() {
		if at, revoked := s.idp.RevokedAt(claims); revoked {
			return nil, &graphError{status: http.StatusUnauthorized, code: "InvalidAuthenticationToken", cloud: cloud,
				message: "Continuous access evaluation resulted in claims challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp",
				claims:  caeClaims(at.Unix())}
		}
	}
	return claims, nil
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
