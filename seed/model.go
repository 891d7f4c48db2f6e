package seed

import (
	"encoding/json"
	"time"
)

// Seed is everything that exists in mockidp's directory: the config file,
// the test packages and the control API all describe the world with it.
type Seed struct {
	Tenants []Tenant `json:"tenants"`
	// TrustedIssuers are external token issuers (GitHub Actions, a
	// Kubernetes cluster, …) with their published keys, for workload
	// identity federation. mockidp's own issuer needs no entry.
	TrustedIssuers []TrustedIssuer `json:"trusted_issuers,omitempty"`
	// Subscriptions and custom RoleDefinitions are Azure Resource
	// Manager's part of the world (azure.go).
	Subscriptions   []Subscription   `json:"subscriptions,omitempty"`
	RoleDefinitions []RoleDefinition `json:"role_definitions,omitempty"`
}

// TrustedIssuer is an external OIDC issuer and its JWKS document, given
// inline because mockidp never fetches from the network.
type TrustedIssuer struct {
	Issuer string          `json:"issuer"`
	JWKS   json.RawMessage `json:"jwks"`
}

// Tenant is an Entra directory in one national cloud.
type Tenant struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name,omitempty"`
	// Cloud is the national cloud's short name; empty means public.
	Cloud string `json:"cloud,omitempty"`
	// Domains are the verified domains; the first is the default domain.
	Domains []string `json:"domains,omitempty"`
	// FederatedDomains are verified domains federated with an on-premises
	// identity provider (AD FS): home-realm discovery answers Federated for
	// their users and the password grant (ROPC) refuses them, as Entra
	// does. They name the tenant like Domains.
	FederatedDomains []string `json:"federated_domains,omitempty"`
	// RegionScope overrides the cloud's tenant_region_scope.
	RegionScope       string            `json:"region_scope,omitempty"`
	Applications      []Application     `json:"applications,omitempty"`
	Users             []User            `json:"users,omitempty"`
	ManagedIdentities []ManagedIdentity `json:"managed_identities,omitempty"`
	// Computes are the Azure resources (VMs, App Services, …) whose code
	// gets tokens from a managed identity.
	Computes []Compute `json:"computes,omitempty"`
	// ConditionalAccess lists block policies for user sign-ins.
	ConditionalAccess []BlockPolicy `json:"conditional_access,omitempty"`
	// ServicePrincipals are the tenant's service principals of
	// multi-tenant applications registered in another tenant: what a
	// consent in this tenant created. The tenant's own applications
	// carry their service principal in Applications.
	ServicePrincipals []ServicePrincipal `json:"service_principals,omitempty"`
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
	// PublicClient is the portal's "Allow public client flows": the app
	// may use the device code and password grants and the authorization
	// code grant without a credential. Confidential apps without it get
	// AADSTS7000218 there.
	PublicClient bool `json:"public_client,omitempty"`
	Disabled     bool `json:"disabled,omitempty"`
	// TokensValidFrom is the service principal's last revocation event
	// (disabled by an administrator): the Graph resource, which evaluates
	// continuous access for workload identities, challenges the app's
	// CAE-capable (cp1) tokens issued before it.
	TokensValidFrom time.Time `json:"tokens_valid_from,omitzero"`
	// SignInAudience is who may use the app: AzureADMyOrg (the default:
	// users of its home tenant, the tenant listing it),
	// AzureADMultipleOrgs (any organization, after consent in theirs) or
	// AzureADandPersonalMicrosoftAccount (also personal accounts).
	SignInAudience string `json:"sign_in_audience,omitempty"`

	Secrets      []Secret      `json:"secrets,omitempty"`
	Certificates []Certificate `json:"certificates,omitempty"`
	RedirectURIs []string      `json:"redirect_uris,omitempty"`
	// SPARedirectURIs are redirect URIs of the "Single-page application"
	// platform: codes issued for them must be redeemed cross-origin (with
	// an Origin header) and with PKCE, and their refresh tokens live a
	// fixed 24 hours.
	SPARedirectURIs []string `json:"spa_redirect_uris,omitempty"`
	// ImplicitIDToken and ImplicitAccessToken allow response_type id_token
	// and token on /authorize (the portal's implicit-grant checkboxes).
	ImplicitIDToken     bool `json:"implicit_id_token,omitempty"`
	ImplicitAccessToken bool `json:"implicit_access_token,omitempty"`
	// AccessTokenLifetime, in seconds, overrides the 60–90 minutes of the
	// delegated tokens issued to this app, like a token lifetime policy.
	// Unlike Entra (minimum 10 minutes) any value is accepted: clients
	// refresh a token that lives 5 minutes or less on every silent call,
	// which lets tests exercise refresh although client caches run on
	// real time.
	AccessTokenLifetime int `json:"access_token_lifetime,omitempty"`
	// RequiredPermissions are the API permissions the app is configured
	// with: what /.default and admin consent grant.
	RequiredPermissions []RequiredPermission `json:"required_permissions,omitempty"`

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

	// FederatedCredentials trust tokens of external issuers (workload
	// identity federation) as client assertions of the app.
	FederatedCredentials []FederatedCredential `json:"federated_credentials,omitempty"`
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

// RequiredPermission lists delegated scopes and app roles of one resource
// that an app is configured to ask for.
type RequiredPermission struct {
	Resource string   `json:"resource"`
	Scopes   []string `json:"scopes,omitempty"`
	Roles    []string `json:"roles,omitempty"`
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
	// AutoApprove is mockidp's headless mode: an authorize request whose
	// login_hint names this user signs them in and consents without showing
	// a page, as if they had clicked through.
	AutoApprove bool `json:"auto_approve,omitempty"`
	// TokensValidFrom revokes the user's refresh tokens and sessions
	// issued before it (Revoke-MgUserSignInSession): refresh answers
	// AADSTS50173, CAE resources challenge older tokens.
	TokensValidFrom time.Time `json:"tokens_valid_from,omitzero"`
	// RequireMFA makes sign-ins without MFA fail with AADSTS50076.
	RequireMFA bool `json:"require_mfa,omitempty"`
	// Roles are the user's Entra directory roles by display name
	// ("Global Administrator", "Privileged Role Administrator", "Cloud
	// Application Administrator", "Application Administrator"): the
	// ones that may grant tenant-wide (admin) consent.
	Roles []string `json:"roles,omitempty"`
}

// ManagedIdentity is a system- or user-assigned managed identity. A
// user-assigned one is a resource of its own (Tenant.ManagedIdentities)
// attached to computes by name; a system-assigned one lives inside its
// Compute. Empty IDs are derived.
type ManagedIdentity struct {
	Name        string `json:"name"`
	ClientID    string `json:"client_id"`
	PrincipalID string `json:"principal_id"`
	ResourceID  string `json:"resource_id,omitempty"`

	// AppRoleAssignments are the app roles granted to the identity's
	// service principal; MI tokens for a resource carry them as roles.
	AppRoleAssignments []RoleAssignment `json:"app_role_assignments,omitempty"`
	// FederatedCredentials let external tokens act as this identity.
	FederatedCredentials []FederatedCredential `json:"federated_credentials,omitempty"`
}

// Compute is an Azure resource that runs code with managed identities: a
// VM, an App Service, an Arc machine, a Cloud Shell, a Service Fabric app
// or an Azure ML compute. Empty IDs are derived from the tenant and name.
type Compute struct {
	Name string `json:"name"`
	// Kind is vm, app_service, arc, cloud_shell, service_fabric or
	// azure_ml; it decides which managed-identity endpoint serves it.
	Kind           string `json:"kind"`
	SubscriptionID string `json:"subscription_id,omitempty"`
	ResourceGroup  string `json:"resource_group,omitempty"`
	Location       string `json:"location,omitempty"`
	// ResourceID is the ARM ID (xms_az_rid of its tokens).
	ResourceID string `json:"resource_id,omitempty"`
	// VMID is the vmId of the instance metadata document.
	VMID string `json:"vm_id,omitempty"`
	// SystemAssigned is the compute's own identity, if enabled.
	SystemAssigned *ManagedIdentity `json:"system_assigned,omitempty"`
	// UserAssigned names the tenant's user-assigned identities attached
	// to the compute, by name, client ID or resource ID.
	UserAssigned []string `json:"user_assigned,omitempty"`
	// User is who is signed in to a cloud_shell compute (object ID or
	// UPN): Cloud Shell hands out that user's tokens.
	User string `json:"user,omitempty"`
}

// FederatedCredential trusts tokens from Issuer with exactly Subject and
// one of Audiences (default: the cloud's FederationAudience). The issuer
// "mockidp" means mockidp's own service-account token issuer, whatever
// URL it is reached at.
type FederatedCredential struct {
	Name      string   `json:"name,omitempty"`
	Issuer    string   `json:"issuer"`
	Subject   string   `json:"subject"`
	Audiences []string `json:"audiences,omitempty"`
}
