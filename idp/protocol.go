package idp

// Grant types, assertion types and other protocol vocabulary. Handlers use
// these names, never string literals.
const (
	GrantClientCredentials = "client_credentials"
	GrantAuthorizationCode = "authorization_code"
	GrantRefreshToken      = "refresh_token"
	GrantPassword          = "password"
	GrantDeviceCode        = "urn:ietf:params:oauth:grant-type:device_code"
	GrantDeviceCodeShort   = "device_code"
	GrantJWTBearer         = "urn:ietf:params:oauth:grant-type:jwt-bearer"

	AssertionTypeJWTBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

	TokenTypeBearer = "Bearer"

	// ScopeDefault is the suffix that asks for every statically granted
	// permission of a resource.
	ScopeDefault = "/.default"

	// Tenant aliases that name no single tenant.
	TenantCommon        = "common"
	TenantOrganizations = "organizations"
	TenantConsumers     = "consumers"
	// ConsumersTenantID is the Microsoft account tenant behind "consumers".
	ConsumersTenantID = "9188040d-6c67-4c5b-b112-36a304b66dad"
)

// OIDCScopes are the scopes that name no resource; msal-go adds them to
// every request, app-only ones included.
var OIDCScopes = map[string]bool{"openid": true, "profile": true, "email": true, "offline_access": true}

// Authentication method references of a client (appidacr / azpacr).
const (
	ClientAuthNone        = "0"
	ClientAuthSecret      = "1"
	ClientAuthCertificate = "2"
)
