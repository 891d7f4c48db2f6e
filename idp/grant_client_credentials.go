package idp

import "strings"

// ClientCredentialsRequest is a client_credentials token request whose
// client the token pipeline has authenticated.
type ClientCredentialsRequest struct {
	Site   Site
	Tenant *TenantView
	Client *AppView
	// ClientAuth is how the client authenticated (ClientAuth…).
	ClientAuth string
	// Resource is what ClientCredentialsResource found the request asks for.
	Resource string
	// Claims is the claims parameter (client capabilities).
	Claims string
}

// ClientCredentialsResource checks what a client_credentials request asks
// for before its client is authenticated, the order of Entra's errors: a
// tenant (not an alias), then exactly one of scope (v2, ending in
// /.default) or resource (v1). It returns the tenant and the resource.
func ClientCredentialsResource(ref TenantRef, v1 bool, scope, resource string) (*TenantView, string, error) {
	if ref.Tenant == nil {
		return nil, "", ErrNoTenantInfo.New()
	}
	if v1 {
		if resource == "" {
			return nil, "", ErrMissingParameter.New("resource")
		}
		return ref.Tenant, resource, nil
	}
	if resource != "" {
		return nil, "", ErrResourceParamV2.New()
	}
	id, err := DefaultScopeResource(scope)
	return ref.Tenant, id, err
}

// ClientCredentials issues an app-only token with the app roles granted
// to the client on the resource.
func (p *Grants) ClientCredentials(req ClientCredentialsRequest) (*IssuedToken, error) {
	client := req.Client
	if req.ClientAuth == ClientAuthNone {
		// A public client has no credential to present, and app-only
		// tokens need one.
		return nil, ErrMissingCredential.New()
	}
	resource, err := p.directory.FindResource(req.Tenant, req.Resource)
	if err != nil {
		return nil, err
	}
	if resource == client && !strings.EqualFold(req.Resource, client.ClientID) {
		return nil, ErrSelfTokenByURI.New(client.ClientID, client.DisplayName)
	}
	claims, err := ParseClaimsRequest(req.Claims)
	if err != nil {
		return nil, ErrMalformedRequest.New().Wrap(err)
	}
	return p.tokens.MintAccessToken(AccessTokenSpec{Site: req.Site, Tenant: req.Tenant, Client: client, ClientAuth: req.ClientAuth,
		Resource: resource, Audience: req.Resource, Claims: claims, Lifetime: appOnlyLifetime(req.Tenant, client, resource, claims)})
}
