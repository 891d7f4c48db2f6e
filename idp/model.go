package idp

import "time"

// Seed is everything that exists in mockidp's directory: the config file,
// the test packages and the control API all describe the world with it.
type Seed struct {
	Tenants []Tenant `json:"tenants"`
}

// Tenant is an Entra directory in one national cloud.
type Tenant struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name,omitempty"`
	// Cloud is the national cloud's short name; empty means public.
	Cloud string `json:"cloud,omitempty"`
	// Domains are the verified domains; the first is the default domain.
	Domains []string `json:"domains,omitempty"`
	// RegionScope overrides the cloud's tenant_region_scope.
	RegionScope       string            `json:"region_scope,omitempty"`
	Applications      []Application     `json:"applications,omitempty"`
	Users             []User            `json:"users,omitempty"`
	ManagedIdentities []ManagedIdentity `json:"managed_identities,omitempty"`
	// ConditionalAccess lists block policies for user sign-ins.
	ConditionalAccess []BlockPolicy `json:"conditional_access,omitempty"`
}

// BlockPolicy is a Conditional Access policy that blocks user token
// issuance (AADSTS53003). Empty lists match everything; users are named by
// object ID or UPN, resources by app ID or identifier URI.
type BlockPolicy struct {
	Name      string   `json:"name,omitempty"`
	Users     []string `json:"users,omitempty"`
	ClientIDs []string `json:"client_ids,omitempty"`
	Resources []string `json:"resources,omitempty"`
}

// Application is an app registration together with its service principal
// in the same tenant: what it exposes, how it authenticates, and what it
// has been granted.
type Application struct {
	ClientID    string `json:"client_id"`
	DisplayName string `json:"display_name,omitempty"`
	// ObjectID of the application object; derived from ClientID if empty.
	ObjectID string `json:"object_id,omitempty"`
	// ServicePrincipalID is the object ID of the app's service principal,
	// the oid of its app-only tokens; derived if empty.
	ServicePrincipalID string `json:"service_principal_id,omitempty"`
	PublicClient       bool   `json:"public_client,omitempty"`
	Disabled           bool   `json:"disabled,omitempty"`

	Secrets      []Secret      `json:"secrets,omitempty"`
	Certificates []Certificate `json:"certificates,omitempty"`
	RedirectURIs []string      `json:"redirect_uris,omitempty"`

	// The API the app exposes.
	IdentifierURIs []string     `json:"identifier_uris,omitempty"`
	Scopes         []Permission `json:"scopes,omitempty"`
	AppRoles       []Permission `json:"app_roles,omitempty"`
	// AccessTokenVersion is the token version its API accepts: 1 (the
	// default, as for an unset accessTokenAcceptedVersion) or 2.
	AccessTokenVersion int `json:"access_token_version,omitempty"`

	// What the app's service principal has been granted.
	AppRoleAssignments []RoleAssignment `json:"app_role_assignments,omitempty"`
	ConsentGrants      []ConsentGrant   `json:"consent_grants,omitempty"`
}

// Secret is a client secret; a zero Expires never expires.
type Secret struct {
	ID      string    `json:"id,omitempty"`
	Value   string    `json:"value"`
	Expires time.Time `json:"expires,omitzero"`
}

// Certificate is a client certificate credential (public part only, PEM).
// It expires with the certificate's NotAfter.
type Certificate struct {
	ID  string `json:"id,omitempty"`
	PEM string `json:"pem"`
	// Expires, when set, ends the credential before the certificate's
	// NotAfter, as removing or letting a key credential lapse does.
	Expires time.Time `json:"expires,omitzero"`
}

// Permission is a delegated scope or an app role that an API exposes.
type Permission struct {
	ID          string `json:"id,omitempty"`
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
}

// RoleAssignment grants app roles of a resource (named by app ID or
// identifier URI) to the app's service principal: application permissions
// with admin consent.
type RoleAssignment struct {
	Resource string   `json:"resource"`
	Roles    []string `json:"roles"`
}

// ConsentGrant records delegated consent for scopes of a resource, for one
// user (by object ID or UPN) or, with User empty, for the whole tenant.
type ConsentGrant struct {
	Resource string   `json:"resource"`
	Scopes   []string `json:"scopes"`
	User     string   `json:"user,omitempty"`
}

// User is a member of a tenant who can sign in.
type User struct {
	ObjectID          string `json:"id"`
	UserPrincipalName string `json:"upn"`
	DisplayName       string `json:"display_name,omitempty"`
	GivenName         string `json:"given_name,omitempty"`
	Surname           string `json:"surname,omitempty"`
	Mail              string `json:"mail,omitempty"`
	Password          string `json:"password,omitempty"`
	Disabled          bool   `json:"disabled,omitempty"`
	// TokensValidFrom revokes the user's refresh tokens and sessions
	// issued before it (Revoke-MgUserSignInSession): refresh answers
	// AADSTS50173, CAE resources challenge older tokens.
	TokensValidFrom time.Time `json:"tokens_valid_from,omitzero"`
	// RequireMFA makes sign-ins without MFA fail with AADSTS50076.
	RequireMFA bool `json:"require_mfa,omitempty"`
}

// ManagedIdentity is a system- or user-assigned managed identity.
type ManagedIdentity struct {
	Name        string `json:"name"`
	ClientID    string `json:"client_id"`
	PrincipalID string `json:"principal_id"`
	ResourceID  string `json:"resource_id,omitempty"`
}
