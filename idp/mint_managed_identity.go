package idp

import (
	"strings"
	"time"
)

// ManagedIdentityLifetime is the lifetime of managed-identity tokens:
// 24 hours, expires_in 86399 at issue as IMDS reports it.
const ManagedIdentityLifetime = 86399 * time.Second

// UserTokenLifetime is the lifetime of delegated tokens Cloud Shell hands
// out.
const UserTokenLifetime = 3599 * time.Second

// AzureCLIClientID is the Azure CLI's app ID; Cloud Shell's tokens are
// the signed-in user's tokens for it.
const AzureCLIClientID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"

// ManagedIdentityTokenSpec describes a token a managed-identity endpoint
// hands out for one identity of a compute.
type ManagedIdentityTokenSpec struct {
	Site     Site
	Compute  *ComputeView
	Identity *AppView
	// Resource is the resource as the client named it (no /.default).
	Resource string
	// Claims are the client's capabilities, where a source passes them.
	Claims ClaimsRequest
}

// MintManagedIdentityToken signs an identity's token for a resource with
// Entra's managed-identity claims: appid/azp the identity's client ID,
// appidacr "2", oid and sub its principal ID, xms_mirid its resource ID,
// and for a user-assigned identity xms_az_rid the compute's. An unknown
// resource is AADSTS500011, which IMDS passes through.
func (p *Tokens) MintManagedIdentityToken(s ManagedIdentityTokenSpec) (*IssuedToken, error) {
	resource, err := p.directory.FindResource(s.Compute.Tenant, s.Resource)
	if err != nil {
		return nil, err
	}
	spec := AccessTokenSpec{Site: s.Site, Tenant: s.Compute.Tenant, Client: s.Identity, ClientAuth: ClientAuthCertificate,
		Resource: resource, Audience: s.Resource, Lifetime: ManagedIdentityLifetime, Claims: s.Claims}
	if s.Identity != s.Compute.System {
		spec.ComputeResourceID = s.Compute.ResourceID
	}
	return p.MintAccessToken(spec)
}

// MintCloudShellToken signs the Cloud Shell user's delegated token for a
// resource: the user's Azure CLI token, as Cloud Shell hands it out, so its
// sub is the one the user's Azure CLI tokens carry.
func (p *Tokens) MintCloudShellToken(site Site, cv *ComputeView, resourceID string) (*IssuedToken, error) {
	t := cv.Tenant
	resource, err := p.directory.FindResource(t, resourceID)
	if err != nil {
		return nil, err
	}
	u, ok := t.User(cv.User)
	if !ok {
		return nil, ErrIdentityNotFound
	}
	cli, ok := t.App(AzureCLIClientID) // built in, unless the seed replaced it
	if !ok {
		return nil, ErrAppNotFound.New(AzureCLIClientID, t.ID)
	}
	return p.MintAccessToken(AccessTokenSpec{Site: site, Tenant: t, Client: cli, ClientAuth: ClientAuthNone,
		Resource: resource, Audience: resourceID, SignIn: &SignIn{User: u, AMR: []string{"pwd"}},
		Scopes: scopeValues(resource), Lifetime: UserTokenLifetime})
}

// scopeValues are the delegated scopes a resource exposes.
func scopeValues(resource *AppView) []string {
	var out []string
	for _, s := range resource.Scopes {
		if !OIDCScopes[strings.ToLower(s.Value)] {
			out = append(out, s.Value)
		}
	}
	return out
}
