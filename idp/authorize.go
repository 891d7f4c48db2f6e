package idp

import (
	"strings"
)

// Response types and modes of /authorize.
const (
	ResponseCode    = "code"
	ResponseIDToken = "id_token"
	ResponseToken   = "token"

	ModeQuery    = "query"
	ModeFragment = "fragment"
	ModeFormPost = "form_post"

	PromptLogin         = "login"
	PromptNone          = "none"
	PromptConsent       = "consent"
	PromptSelectAccount = "select_account"
	PromptAdminConsent  = "admin_consent"
)

// AuthRequest is an authorize request as the client sent it.
type AuthRequest struct {
	V1                                 bool
	ClientID, RedirectURI              string
	ResponseType, ResponseMode         string
	Scope, Resource                    string
	State, Nonce                       string
	Prompt, LoginHint, DomainHint      string
	CodeChallenge, CodeChallengeMethod string
	ClientInfo                         bool
	// Claims is the claims parameter (a JSON claims request), carried
	// into the code so the redeemed tokens honour it.
	Claims string
}

// Wants reports whether response_type includes part (code, id_token,
// token).
func (r *AuthRequest) Wants(part string) bool {
	for _, f := range strings.Fields(r.ResponseType) {
		if f == part {
			return true
		}
	}
	return false
}

// Mode is the response mode in effect: as asked, or query for a plain
// code and fragment when tokens travel in the answer.
func (r *AuthRequest) Mode() string {
	if r.ResponseMode != "" {
		return r.ResponseMode
	}
	if r.Wants(ResponseIDToken) || r.Wants(ResponseToken) {
		return ModeFragment
	}
	return ModeQuery
}

// FindAuthClient finds the client of an authorize request and checks its
// redirect URI. On /common and /organizations the app is looked up in the
// cloud's tenants, since the user (and so the tenant) is not known yet; a
// tenant finds the multi-tenant apps it may consent to.
// Errors from here are shown on a page, never redirected.
func (p *Sessions) FindAuthClient(site Site, ref TenantRef, r *AuthRequest) (*TenantView, *AppView, error) {
	t := ref.Tenant
	if t == nil {
		t = p.homeTenantOf(site, r)
	}
	if t == nil {
		return nil, nil, ErrAppNotFound.New(r.ClientID, ref.Segment)
	}
	app, err := t.ConsentableApp(r.ClientID, nil)
	if err != nil {
		return nil, nil, err
	}
	if ref.Alias == TenantConsumers && !app.PersonalAccounts() {
		// Work-and-school-only apps do not exist for personal accounts.
		return nil, nil, ErrAppNotFound.New(r.ClientID, ConsumersTenantID)
	}
	if err := app.CheckRedirectURI(r.RedirectURI); err != nil {
		return nil, nil, err
	}
	return t, app, nil
}

// homeTenantOf picks a tenant for an alias request: the login_hint's
// domain (or else the domain_hint) if it names one with the app, else the
// first tenant of the cloud that registers the app.
func (p *Sessions) homeTenantOf(site Site, r *AuthRequest) *TenantView {
	t, err := p.directory.TenantOfUser(site, r.LoginHint)
	if err != nil && r.LoginHint == "" {
		t = p.DomainHintTenant(site, r.DomainHint)
	}
	if t != nil {
		if _, ok := t.App(r.ClientID); ok {
			return t
		}
	}
	for _, tv := range p.dir.Load().cloudTenants(site.Cloud.Name) {
		if _, ok := tv.App(r.ClientID); ok {
			return tv
		}
	}
	return nil
}

// DomainHintTenant is the tenant a domain_hint names (a verified domain
// or a tenant ID), or nil when it names none of the site's cloud.
func (p *Sessions) DomainHintTenant(site Site, hint string) *TenantView {
	if hint = strings.TrimSpace(hint); hint == "" {
		return nil
	}
	ref, err := p.directory.ResolveTenant(site, hint)
	if err != nil {
		return nil
	}
	return ref.Tenant
}

// CheckAuthRequest validates the rest of an authorize request once its
// redirect URI is trusted; errors from here go back to the app.
func (p *Sessions) CheckAuthRequest(t *TenantView, app *AppView, r *AuthRequest) (ScopeSet, error) {
	if err := checkResponseType(app, r); err != nil {
		return ScopeSet{}, err
	}
	switch r.Mode() {
	case ModeQuery:
		if r.Wants(ResponseIDToken) || r.Wants(ResponseToken) {
			return ScopeSet{}, ErrMalformedRequest.New()
		}
	case ModeFragment, ModeFormPost:
	default:
		return ScopeSet{}, ErrMalformedRequest.New()
	}
	if r.Wants(ResponseIDToken) && r.Nonce == "" {
		return ScopeSet{}, ErrMissingParameter.New("nonce")
	}
	if err := checkChallenge(r); err != nil {
		return ScopeSet{}, err
	}
	if _, err := ParseClaimsRequest(r.Claims); err != nil {
		return ScopeSet{}, ErrMalformedRequest.New().Wrap(err)
	}
	switch {
	case !r.V1 && r.Resource != "":
		return ScopeSet{}, ErrResourceParamV2.New()
	case !r.V1 && strings.TrimSpace(r.Scope) == "":
		return ScopeSet{}, ErrMissingParameter.New("scope")
	}
	set, err := ParseScopes(t, r.Scope)
	if err != nil {
		return ScopeSet{}, err
	}
	if r.V1 && r.Resource != "" {
		res, err := p.directory.FindResource(t, r.Resource)
		if err != nil {
			return ScopeSet{}, err
		}
		set.Resources = append(set.Resources, ResourceScopes{ResourceID: r.Resource, Resource: res, Default: true})
	}
	return set, nil
}

func checkResponseType(app *AppView, r *AuthRequest) error {
	if strings.TrimSpace(r.ResponseType) == "" {
		return ErrMissingParameter.New("response_type")
	}
	for _, f := range strings.Fields(r.ResponseType) {
		if f != ResponseCode && f != ResponseIDToken && f != ResponseToken {
			return ErrResponseTypeUnsupported.New(r.ResponseType)
		}
	}
	if r.Wants(ResponseIDToken) && !app.ImplicitIDToken {
		return ErrIDTokenNotEnabled.New()
	}
	if r.Wants(ResponseToken) && !app.ImplicitAccessToken {
		return ErrResponseTypeUnsupported.New(ResponseToken)
	}
	return nil
}

func checkChallenge(r *AuthRequest) error {
	if r.CodeChallenge == "" {
		return nil
	}
	m := r.CodeChallengeMethod
	if m != "" && m != PKCEMethodS256 && m != PKCEMethodPlain {
		return ErrMalformedRequest.New()
	}
	if n := len(r.CodeChallenge); n < 43 || n > 128 {
		return ErrPKCEChallengeSize.New()
	}
	return nil
}
