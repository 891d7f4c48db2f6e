package idp

import (
	"crypto/sha256"
	"encoding/base64"
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
}

// MintManagedIdentityToken signs an identity's token for a resource with
// Entra's managed-identity claims: appid/azp the identity's client ID,
// appidacr "2", oid and sub its principal ID, xms_mirid its resource ID,
// and for a user-assigned identity xms_az_rid the compute's. An unknown
// resource is AADSTS500011, which IMDS passes through.
func (p *Provider) MintManagedIdentityToken(s ManagedIdentityTokenSpec) (*IssuedToken, error) {
	t := s.Compute.Tenant
	resource, err := p.FindResource(t, s.Resource)
	if err != nil {
		return nil, err
	}
	id := s.Identity
	version := resource.TokenVersion()
	c := &AccessClaims{
		Iss: s.Site.Issuer(version, t.ID),
		Aio: p.aio(), Idtyp: "app", Oid: id.ServicePrincipalID, Sub: id.ServicePrincipalID,
		Rh: p.refreshHint(), Roles: id.RolesOn(resource), Tid: t.ID, Uti: randomString(p.rand, 16),
		XmsMirid: id.Identity.ResourceID,
	}
	if id != s.Compute.System {
		c.XmsAzRid = s.Compute.ResourceID
	}
	if version == 2 {
		c.Aud, c.Azp, c.AzpAcr, c.Ver = resource.ClientID, id.ClientID, ClientAuthCertificate, "2.0"
	} else {
		c.Aud, c.AppID, c.AppIDAcr, c.Idp, c.Ver = s.Resource, id.ClientID, ClientAuthCertificate, c.Iss, "1.0"
	}
	return p.sign(s.Site.Cloud.Name, c, p.clock.Now(), ManagedIdentityLifetime)
}

// MintCloudShellToken signs the Cloud Shell user's delegated token for a
// resource: the user's Azure CLI token, as Cloud Shell hands it out.
func (p *Provider) MintCloudShellToken(site Site, cv *ComputeView, resourceID string) (*IssuedToken, error) {
	t := cv.Tenant
	resource, err := p.FindResource(t, resourceID)
	if err != nil {
		return nil, err
	}
	u, ok := t.User(cv.User)
	if !ok {
		return nil, ErrIdentityNotFound
	}
	version := resource.TokenVersion()
	c := &AccessClaims{
		Iss: site.Issuer(version, t.ID), Aio: p.aio(), Idtyp: "user", Name: u.DisplayName, Oid: u.ObjectID,
		Rh: p.refreshHint(), Scp: scopeValues(resource), Sub: pairwiseSubject(u.ObjectID, AzureCLIClientID),
		Tid: t.ID, Uti: randomString(p.rand, 16),
	}
	if version == 2 {
		c.Aud, c.Azp, c.AzpAcr, c.PreferredUsername, c.Ver = resource.ClientID, AzureCLIClientID, ClientAuthNone, u.UserPrincipalName, "2.0"
	} else {
		c.Aud, c.Acr, c.Amr, c.AppID, c.AppIDAcr = resourceID, "1", []string{"pwd"}, AzureCLIClientID, ClientAuthNone
		c.FamilyName, c.GivenName, c.UniqueName, c.Upn, c.Ver = u.Surname, u.GivenName, u.UserPrincipalName, u.UserPrincipalName, "1.0"
	}
	return p.sign(site.Cloud.Name, c, p.clock.Now(), UserTokenLifetime)
}

// scopeValues are the delegated scopes a resource exposes, space-separated.
func scopeValues(resource *AppView) string {
	var out []string
	for _, s := range resource.Scopes {
		if !OIDCScopes[strings.ToLower(s.Value)] {
			out = append(out, s.Value)
		}
	}
	return strings.Join(out, " ")
}

// pairwiseSubject is a stable 43-character sub per user and app, the shape
// of Entra's pairwise subjects.
func pairwiseSubject(userID, appID string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(userID + "\x00" + appID)))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
