package managedidentity

import (
	"context"
	"net/http"
	"strconv"
	"sync"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/aad"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Handler serves the managed-identity sources.
type Handler struct {
	IDP     *idp.Provider
	Options Options
	// Issued journals a token a source hands out, whose issuer is rooted
	// at base.
	Issued func(c echo.Context, base, token string)
	// Errors is the shape of errors a source has no shape of its own for.
	Errors *aad.Shape

	arc   arcKeys
	cache *imdsCache
}

// New builds the handler; issued journals the tokens it hands out.
func New(p *idp.Provider, opts Options, issued func(c echo.Context, base, token string), errors *aad.Shape) *Handler {
	return &Handler{IDP: p, Options: opts, Issued: issued, Errors: errors, cache: newIMDSCache(p.Clock().Now)}
}

// Options configure the managed-identity endpoints (IMDS, App Service,
// Cloud Shell, Azure ML, Arc, Service Fabric).
type Options struct {
	// IssuerBaseURL returns the base URL of a cloud's Entra listener, the
	// root of the issuer of managed-identity tokens (Site's issuer
	// policy). Nil or "" means the cloud's real login host, so tokens
	// carry Entra's own issuers.
	IssuerBaseURL func(c *clouds.Cloud) string
	// IdentityHeader is the secret App Service and Service Fabric clients
	// send (IDENTITY_HEADER); "" means controlapi.DefaultIdentityHeader.
	IdentityHeader string
	// MSISecret is the Azure ML secret (MSI_SECRET); "" means
	// controlapi.DefaultMSISecret.
	MSISecret string
	// ArcKeyDir is where the Arc challenge writes key files; "" disables
	// the Arc endpoint.
	ArcKeyDir string
}

// ComputeSelection names the compute each managed-identity source answers
// for on one listener, by kind (idp.ComputeVM, …); a kind not named is
// answered by the first compute of that kind in the seed.
type ComputeSelection map[string]string

type selectionKey struct{}

// WithSelection serves next with the computes of sel answering: a
// listener's default VM is what IMDS describes and hands tokens out for.
func WithSelection(next http.Handler, sel ComputeSelection) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), selectionKey{}, sel)))
	})
}

// compute finds the compute of kind that answers this request.
func (h *Handler) compute(c echo.Context, kind string) (*idp.ComputeView, bool) {
	if sel, _ := c.Request().Context().Value(selectionKey{}).(ComputeSelection); sel[kind] != "" {
		cv, ok := h.IDP.Directory.Compute(sel[kind])
		return cv, ok && cv.Kind == kind
	}
	return h.IDP.Directory.DefaultCompute(kind)
}

// miSite is where managed-identity tokens of a compute are issued: its
// tenant's cloud, rooted per IssuerBaseURL.
func (h *Handler) miSite(cv *idp.ComputeView) idp.Site {
	cloud := cv.Tenant.Cloud
	base := ""
	if h.Options.IssuerBaseURL != nil {
		base = h.Options.IssuerBaseURL(cloud)
	}
	if base == "" {
		base = "https://" + cloud.LoginHost
	}
	return idp.NewSite(cloud, base)
}

// mintMI mints a managed-identity token and journals it. Its issuer is
// rooted at the compute's site, not the request's (the plain-HTTP
// listener), so that base is what the journal remembers.
func (h *Handler) mintMI(c echo.Context, spec idp.ManagedIdentityTokenSpec) (*idp.IssuedToken, error) {
	tok, err := h.IDP.Tokens.MintManagedIdentityToken(spec)
	if err != nil {
		return nil, err
	}
	h.recordMIToken(c, spec.Site, tok)
	return tok, nil
}

// recordMIToken journals a token a managed-identity source hands out.
func (h *Handler) recordMIToken(c echo.Context, st idp.Site, tok *idp.IssuedToken) {
	if tok.Claims != nil {
		web.Note(c).Client = web.FirstNonEmpty(tok.Claims.AppID, tok.Claims.Azp)
	}
	h.Issued(c, st.BaseURL, tok.Token)
}

// headers are a managed-identity host's headers: its Server header, and
// none of Entra's request IDs.
func headers(server string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Server", server)
			return next(c)
		}
	}
}

// miError is a managed-identity endpoint's failure in that endpoint's own
// body shape.
type miError struct {
	status int
	body   any
	header map[string]string
	msg    string
}

func (e *miError) Error() string { return "managed identity: " + strconv.Itoa(e.status) + " " + e.msg }

// Render writes the source's own error body.
func (e *miError) Render(c echo.Context) error {
	for k, v := range e.header {
		c.Response().Header().Set(k, v)
	}
	if e.body == nil {
		return c.NoContent(e.status)
	}
	return web.WriteJSON(c, e.status, e.body)
}

// epoch formats a time as the string of Unix seconds most MI sources send.
func epoch(sec int64) string { return strconv.FormatInt(sec, 10) }

// arcKeys are the outstanding Arc challenge keys: each is good for one
// token request.
type arcKeys struct {
	mu   sync.Mutex
	keys map[string]string // key → file path
}
