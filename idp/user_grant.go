package idp

import (
	"strings"
	"time"
)

// UserGrant is a delegated token request after the grant itself (code,
// refresh token, password, device code) has been checked: who signed in,
// which client, and what it asks for.
type UserGrant struct {
	Site       Site
	Tenant     *TenantView
	Client     *AppView
	ClientAuth string
	SignIn     SignIn
	// Scope is the v2 scope parameter; on v1 endpoints Resource names the
	// API instead and Scope may only hold OIDC scopes.
	Scope    string
	Resource string
	V1       bool
	// Nonce, Code: see IDTokenSpec.
	Nonce, Code string
	// ClientInfo asks for client_info (client_info=1).
	ClientInfo bool
	// Claims is the request's claims parameter (CAE capabilities and
	// challenges).
	Claims string
	// SPA: the tokens go to a single-page app, whose refresh token lives
	// a fixed 24 hours from SPASince (zero: from now).
	SPA      bool
	SPASince time.Time
}

// UserTokens is a delegated token answer before rendering.
type UserTokens struct {
	Access       *IssuedToken
	Scope        string // the response's scope parameter
	Resource     string // v1 resource
	IDToken      string
	RefreshToken string
	ClientInfo   string
}

// IssueUserTokens checks the request's scopes against consent and issues
// the access token, and the ID token, refresh token and client_info when
// asked for. Missing consent is AADSTS65001.
func (p *Grants) IssueUserTokens(g UserGrant) (*UserTokens, error) {
	set, rs, err := p.userResource(g)
	if err != nil {
		return nil, err
	}
	user := g.SignIn.User
	if err := p.checkSignInPolicy(g.Tenant, g.Client, user, g.SignIn.AMR, rs.Resource, rs.ResourceID); err != nil {
		return nil, err
	}
	claims, err := ParseClaimsRequest(g.Claims)
	if err != nil {
		return nil, ErrMalformedRequest.New().Wrap(err)
	}
	if claims.StepUp && !g.SignIn.DidMFA() {
		// A challenge asking for more than this sign-in did: back to
		// /authorize with it, where the second factor is asked.
		return nil, ErrMFARequired.New(rs.ResourceID).WithClaims(g.Claims)
	}
	if missing := g.Client.MissingConsent(rs, user); len(missing) > 0 || noConsentAtAll(g.Client, rs, user) {
		return nil, ErrConsentRequired.New(g.Client.ClientID, g.Client.DisplayName)
	}
	scopes := g.Client.GrantedScopes(rs, user)
	if rs.Resource.ClientID == GraphAppID {
		for _, o := range set.OIDC {
			if o != "offline_access" {
				scopes = appendUnique(scopes, o)
			}
		}
	}
	access, err := p.tokens.MintAccessToken(AccessTokenSpec{Site: g.Site, Tenant: g.Tenant, Client: g.Client,
		ClientAuth: g.ClientAuth, SignIn: &g.SignIn, Resource: rs.Resource, Audience: rs.ResourceID, Scopes: scopes,
		Claims: claims})
	if err != nil {
		return nil, err
	}
	out := &UserTokens{Access: access, Scope: responseScope(g, set, rs, scopes), Resource: rs.ResourceID}
	if set.Has("openid") || g.V1 {
		version := 2
		if g.V1 {
			version = 1
		}
		out.IDToken, err = p.tokens.MintIDToken(IDTokenSpec{Site: g.Site, Tenant: g.Tenant, Client: g.Client, SignIn: g.SignIn,
			Version: version, Nonce: g.Nonce, Code: g.Code, Email: set.Has("email")})
		if err != nil {
			return nil, err
		}
	}
	if set.Has("offline_access") || g.V1 {
		out.RefreshToken, err = p.IssueRefreshToken(RefreshGrant{Cloud: g.Site.Cloud.Name, TenantID: g.Tenant.ID,
			ClientID: g.Client.ClientID, UserID: user.ObjectID, SessionID: g.SignIn.SessionID,
			AuthTime: g.SignIn.AuthTime, AMR: g.SignIn.AMR, Scope: g.Scope, Resource: g.Resource,
			SPA: g.SPA, SPASince: g.SPASince})
		if err != nil {
			return nil, err
		}
	}
	if g.ClientInfo {
		out.ClientInfo = ClientInfo(user.ObjectID, g.Tenant.ID)
	}
	return out, nil
}

// userResource picks the one resource a delegated token is for. With only
// OIDC scopes the token is for Microsoft Graph, as on Entra.
func (p *Grants) userResource(g UserGrant) (ScopeSet, ResourceScopes, error) {
	set, err := ParseScopes(g.Tenant, g.Scope)
	if err != nil {
		return ScopeSet{}, ResourceScopes{}, err
	}
	if g.V1 && g.Resource != "" {
		res, err := p.directory.FindResource(g.Tenant, g.Resource)
		if err != nil {
			return ScopeSet{}, ResourceScopes{}, err
		}
		return set, ResourceScopes{ResourceID: g.Resource, Resource: res, Default: true}, nil
	}
	switch len(set.Resources) {
	case 0:
		graph := "https://" + g.Tenant.Cloud.GraphHost
		res, _ := g.Tenant.Resource(graph)
		return set, ResourceScopes{ResourceID: graph, Resource: res}, nil
	case 1:
		return set, set.Resources[0], nil
	default:
		return ScopeSet{}, ResourceScopes{}, ErrMultipleResources.New(g.Scope)
	}
}

// responseScope writes granted scopes in the form the client asked for
// them: prefixed when it named the resource, and it always contains every
// requested scope string (msal-go fails on "declined" scopes otherwise).
// v1 answers use short names.
func responseScope(g UserGrant, set ScopeSet, rs ResourceScopes, granted []string) string {
	if g.V1 {
		return strings.Join(granted, " ")
	}
	prefixed := strings.Contains(g.Scope, rs.ResourceID+"/")
	var out []string
	for _, s := range granted {
		switch {
		case OIDCScopes[strings.ToLower(s)]:
			out = appendUnique(out, s)
		case prefixed:
			out = appendUnique(out, strings.TrimRight(rs.ResourceID, "/")+"/"+s)
		default:
			out = appendUnique(out, s)
		}
	}
	if rs.Default {
		out = appendUnique(out, rs.ResourceID+"/.default")
	}
	for _, o := range set.OIDC {
		if o != "offline_access" {
			out = appendUnique(out, o)
		}
	}
	return strings.Join(out, " ")
}

// noConsentAtAll: /.default asks for what was consented, and with nothing
// consented to the resource Entra asks for consent (65001), as after a
// revocation.
func noConsentAtAll(client *AppView, rs ResourceScopes, user *User) bool {
	return rs.Default && rs.Resource != nil && len(client.ConsentedScopes(rs.Resource, user)) == 0
}
