package idp

import "strings"

// ClientCredentialsRequest is a client_credentials token request after
// HTTP parsing. Exactly one of Scope (v2) or Resource (v1) names the API.
type ClientCredentialsRequest struct {
	Site     Site
	Tenant   TenantRef
	Client   ClientCredential
	Scope    string
	Resource string
	// V1 marks the v1.0 endpoint, which takes resource instead of scope.
	V1 bool
	// Claims is the claims parameter (client capabilities).
	Claims string
}

// ClientCredentials issues an app-only token: tenant, client, resource,
// then the token with the app roles granted on that resource.
func (p *Provider) ClientCredentials(req ClientCredentialsRequest) (*IssuedToken, error) {
	if req.Tenant.Tenant == nil {
		return nil, ErrNoTenantInfo.New()
	}
	resourceID, err := requestedResource(req)
	if err != nil {
		return nil, err
	}
	t := req.Tenant.Tenant
	client, acr, err := p.AuthenticateClient(t, req.Client)
	if err != nil {
		return nil, err
	}
	if acr == ClientAuthNone {
		// A public client has no credential to present, and app-only
		// tokens need one.
		return nil, ErrMissingCredential.New()
	}
	resource, err := p.FindResource(t, resourceID)
	if err != nil {
		return nil, err
	}
	if resource == client && !strings.EqualFold(resourceID, client.ClientID) {
		return nil, ErrSelfTokenByURI.New(client.ClientID, client.DisplayName)
	}
	claims, err := ParseClaimsRequest(req.Claims)
	if err != nil {
		return nil, ErrMalformedRequest.New().Wrap(err)
	}
	return p.MintAccessToken(AccessTokenSpec{Site: req.Site, Tenant: t, Client: client, ClientAuth: acr,
		Resource: resource, Audience: resourceID, Claims: claims, Lifetime: appOnlyLifetime(t, client, resource, claims)})
}

func requestedResource(req ClientCredentialsRequest) (string, error) {
	if req.V1 {
		if req.Resource == "" {
			return "", ErrMissingParameter.New("resource")
		}
		return req.Resource, nil
	}
	if req.Resource != "" {
		return "", ErrResourceParamV2.New()
	}
	return DefaultScopeResource(req.Scope)
}
