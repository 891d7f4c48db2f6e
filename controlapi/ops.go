package controlapi

// Operations are the named recipes of the control API. Each has one name
// and a description, and may go by older names (Aliases). Every operation
// can be applied at POST /_mockidp/presets/{name} and in a scenario file
// ("preset": name), where the parameters it reads default to the default
// seed's tenant, user and apps. The operations that change the directory
// (State) can also be applied at POST /_mockidp/state/{name}, the
// administrator's form: it fills in nothing but the tenant, so Required
// parameters must be given.

// Operations that script faults: they add scenarios.
const (
	OpExpiredToken    = "expired-token"
	OpMissingScope    = "missing-scope"
	OpThrottled       = "throttled"
	OpServerError     = "server-error"
	OpSlow            = "slow"
	OpIMDSUnavailable = "imds-unavailable"
	OpIMDSThrottled   = "imds-throttled"
)

// Operations that change the directory as an administrator would.
const (
	OpRevokeSessions   = "revoke-sessions"
	OpDisableUser      = "disable-user"
	OpEnableUser       = "enable-user"
	OpRequireMFA       = "require-mfa"
	OpClearMFA         = "clear-mfa"
	OpDisableApp       = "disable-app"
	OpEnableApp        = "enable-app"
	OpRevokeConsent    = "revoke-consent"
	OpGrantConsent     = "grant-consent"
	OpRemoveScope      = "remove-scope"
	OpRemoveRole       = "remove-role"
	OpExpireCredential = "expire-credential"
	OpDeleteCredential = "delete-credential"
	OpBlockCA          = "block-ca"
	OpRotateKeys       = "rotate-keys"
	OpSkewClient       = "skew-client"
)

// Operations on a tenant's service principals: what consent creates and
// revocation removes (multi-tenant applications).
const (
	OpCreateServicePrincipal = "create-service-principal"
	OpDeleteServicePrincipal = "delete-service-principal"
	OpGrantAdminConsent      = "grant-admin-consent"
	OpRevokeAdminConsent     = "revoke-admin-consent"
)

// OpNames lists every operation's name.
var OpNames = []string{OpExpiredToken, OpMissingScope, OpThrottled, OpServerError, OpSlow, OpIMDSUnavailable,
	OpIMDSThrottled, OpRevokeSessions, OpDisableUser, OpEnableUser, OpRequireMFA, OpClearMFA, OpDisableApp,
	OpEnableApp, OpRevokeConsent, OpGrantConsent, OpRemoveScope, OpRemoveRole, OpExpireCredential,
	OpDeleteCredential, OpBlockCA, OpRotateKeys, OpSkewClient, OpCreateServicePrincipal, OpDeleteServicePrincipal,
	OpGrantAdminConsent, OpRevokeAdminConsent}

// Aliases maps the older names, named after the symptom a client sees, to
// the operation they stand for. They keep working everywhere a name does.
var Aliases = map[string]string{
	"revoked-refresh-token":      OpRevokeSessions,
	"cae-revoked":                OpRevokeSessions,
	"user-disabled":              OpDisableUser,
	"mfa-required":               OpRequireMFA,
	"revoked-consent":            OpRevokeConsent,
	"insufficient-privileges":    OpRemoveRole,
	"expired-secret":             OpExpireCredential,
	"invalid-secret":             OpDeleteCredential,
	"conditional-access-blocked": OpBlockCA,
	"key-rotation":               OpRotateKeys,
	"clock-skew":                 OpSkewClient,
}

// Canonical is the operation a name or alias stands for (name itself when
// it is no alias).
func Canonical(name string) string {
	if op, ok := Aliases[name]; ok {
		return op
	}
	return name
}

// Operation describes one operation, as GET /_mockidp/presets lists it.
type Operation struct {
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases,omitempty"`
	Description string   `json:"description"`
	// Params names the parameters the operation reads.
	Params []string `json:"params"`
	// Required names the parameters it needs once defaults are filled in;
	// the state form fills in none but the tenant.
	Required []string `json:"required,omitempty"`
	// State marks an operation that changes the directory: it is also
	// offered at POST /_mockidp/state/{name}.
	State bool `json:"state,omitempty"`
}

// Params are the parameters of every operation; each reads the ones it
// lists.
type Params struct {
	Cloud      string   `json:"cloud,omitempty"`
	Tenant     string   `json:"tenant,omitempty"`
	ClientID   string   `json:"client_id,omitempty"`
	User       string   `json:"user,omitempty"`
	Identity   string   `json:"identity,omitempty"`
	Resource   string   `json:"resource,omitempty"`
	Scope      string   `json:"scope,omitempty"`
	Role       string   `json:"role,omitempty"`
	Credential string   `json:"credential,omitempty"`
	Times      int      `json:"times,omitempty"`
	Status     int      `json:"status,omitempty"`
	RetryAfter int      `json:"retry_after,omitempty"`
	Delay      Duration `json:"delay,omitempty"`
	Skew       Duration `json:"skew,omitempty"`
	// Overlap keeps the old signing keys published after a rotation, as
	// Entra does; nil means true.
	Overlap *bool `json:"overlap,omitempty"`
}

// KeepsOldKeys is Overlap with its default: a rotation keeps the old key
// unless told "overlap": false.
func (p Params) KeepsOldKeys() bool { return p.Overlap == nil || *p.Overlap }

// Get returns the named string parameter ("user", "client_id", …) and
// whether the name is one.
func (p Params) Get(name string) (string, bool) {
	v, ok := map[string]string{"cloud": p.Cloud, "tenant": p.Tenant, "client_id": p.ClientID, "user": p.User,
		"identity": p.Identity, "resource": p.Resource, "scope": p.Scope, "role": p.Role, "credential": p.Credential}[name]
	return v, ok
}

// Changed is the answer of POST /_mockidp/state/{name}.
type Changed struct {
	Changed string `json:"changed"`
}

// IMDSFault is the body of POST /_mockidp/imds/faults, the older form of
// the imds-unavailable and imds-throttled operations: the next Count IMDS
// token requests get Status (404, 410, 429 or 5xx) and Retry-After when
// RetryAfter is positive.
type IMDSFault struct {
	Status     int `json:"status"`
	Count      int `json:"count"`
	RetryAfter int `json:"retry_after,omitempty"`
}
