package browser

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// Flow kinds, carried from page to page in the hidden "flow" field.
const (
	FlowV2          = "v2"
	FlowV1          = "v1"
	FlowAdminV2     = "admin2"
	FlowAdminLegacy = "admin1"
)

// authFlow is one authorize (or admin consent) request on its way through
// the sign-in, account picker and consent pages. It is rebuilt from the
// original parameters on every page post, so the pages need no server
// state beyond the session cookie.
type authFlow struct {
	kind   string
	site   idp.Site
	ref    idp.TenantRef
	req    *idp.AuthRequest
	params url.Values
	// home is the tenant the app was found in; for /common and
	// /organizations the user's tenant decides later.
	home *idp.TenantView
	app  *idp.AppView
	// hinted is the tenant domain_hint names when there is no login_hint:
	// only its accounts answer without a page (see pickSignIn).
	hinted *idp.TenantView
}

func (f *authFlow) admin() bool { return f.kind == FlowAdminV2 || f.kind == FlowAdminLegacy }

// hidden is the state every page form carries back.
func (f *authFlow) hidden() []Field {
	return []Field{{"flow", f.kind}, {"ctx", f.params.Encode()}}
}

// action is where the pages of this flow post.
func (f *authFlow) action(page string) string {
	return "/" + url.PathEscape(f.ref.Segment) + "/" + page
}

func parseAuthRequest(kind string, q url.Values) *idp.AuthRequest {
	return &idp.AuthRequest{V1: kind == FlowV1, ClientID: q.Get("client_id"), RedirectURI: q.Get("redirect_uri"),
		ResponseType: q.Get("response_type"), ResponseMode: q.Get("response_mode"), Scope: q.Get("scope"),
		Resource: q.Get("resource"), State: q.Get("state"), Nonce: q.Get("nonce"), Prompt: q.Get("prompt"),
		LoginHint: q.Get("login_hint"), DomainHint: q.Get("domain_hint"), CodeChallenge: q.Get("code_challenge"),
		CodeChallengeMethod: q.Get("code_challenge_method"), ClientInfo: q.Get("client_info") == "1",
		Claims: q.Get("claims")}
}

// Authorize is /{tenant}/oauth2/v2.0/authorize and the v1
// /{tenant}/oauth2/authorize, by GET or POST.
func (h *Handler) Authorize(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		params, err := entryParams(c.Request())
		if err != nil {
			return h.pageError(err)
		}
		f, err := h.startFlow(c, kind, params)
		if err != nil {
			return err
		}
		return h.proceed(c, f, nil, false)
	}
}

// startFlow checks what can be checked before anyone signs in. Errors
// about the tenant, client or redirect URI are shown on a page; the rest
// go back to the app's redirect URI.
func (h *Handler) startFlow(c echo.Context, kind string, params url.Values) (*authFlow, error) {
	f := &authFlow{kind: kind, site: web.Site(c), params: params, req: parseAuthRequest(kind, params)}
	web.Note(c).Client = f.req.ClientID
	ref, err := h.resolveTenant(c)
	if err != nil {
		return nil, h.pageError(err)
	}
	f.ref = ref
	if f.admin() && ref.Alias != "" && ref.Alias != idp.TenantOrganizations {
		return nil, h.pageError(idp.ErrGrantOnCommon.New())
	}
	f.home, f.app, err = h.IDP.FindAuthClient(f.site, ref, f.req)
	if err != nil {
		return nil, h.pageError(err)
	}
	if t := h.IDP.DomainHintTenant(f.site, f.req.DomainHint); t != nil && f.req.LoginHint == "" && f.fitsTenant(t) {
		f.hinted = t
	}
	if !f.admin() {
		if _, err := h.IDP.CheckAuthRequest(f.home, f.app, f.req); err != nil {
			return nil, h.redirectError(f, err, "")
		}
	}
	return f, nil
}

// readParams merges the query and, for a POST, the form body of at most
// limit bytes.
func readParams(r *http.Request, limit int64) (url.Values, error) {
	q := r.URL.Query()
	if r.Method != http.MethodPost {
		return q, nil
	}
	r.Body = http.MaxBytesReader(nil, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		return nil, idp.ErrMalformedRequest.New().Wrap(err)
	}
	for k, v := range r.PostForm {
		q[k] = v
	}
	return q, nil
}

// fitsTenant reports whether a signed-in user may answer a request on the
// flow's tenant segment.
func (f *authFlow) fitsTenant(t *idp.TenantView) bool {
	switch {
	case f.ref.Tenant != nil:
		return f.ref.Tenant.ID == t.ID
	case f.ref.Alias == idp.TenantConsumers:
		return t.ID == idp.ConsumersTenantID
	case f.ref.Alias == idp.TenantOrganizations:
		return t.ID != idp.ConsumersTenantID
	}
	return true
}

// hintMatches reports whether a user is the one login_hint names.
func hintMatches(hint string, u *idp.User) bool {
	return strings.EqualFold(hint, u.UserPrincipalName) || strings.EqualFold(hint, u.ObjectID)
}
