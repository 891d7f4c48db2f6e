package scenarios

import (
	"fmt"
	"strings"
	"time"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
)

// change registers an operation that changes the directory; its message
// says what changed.
func change(name, desc string, params, required []string, defaults func(Env, *Params), fn func(env Env, p Params) (string, error)) {
	register(&operation{Operation: controlapi.Operation{Name: name, Description: desc, Params: params, Required: required, State: true},
		defaults: defaults, apply: func(env Env, p Params) (Result, error) {
			msg, err := fn(env, p)
			if err != nil {
				return Result{}, err
			}
			return changed("%s", msg), nil
		}})
}

// Defaults of the preset form: the default seed's user and apps.
func defaultUser(_ Env, p *Params)   { p.User = orDefault(p.User, idp.DefaultUserID) }
func defaultDaemon(_ Env, p *Params) { p.ClientID = orDefault(p.ClientID, idp.DefaultDaemonClientID) }
func defaultCLI(_ Env, p *Params)    { p.ClientID = orDefault(p.ClientID, idp.DefaultCLIClientID) }

var (
	userParams   = []string{"tenant", "user"}
	needUser     = []string{"user"}
	needClient   = []string{"client_id"}
	consentScope = []string{"tenant", "client_id", "user", "resource", "scope"}
)

func init() {
	change(controlapi.OpRevokeSessions, "Revokes the user's sessions (TokensValidFrom = now): refresh tokens issued before fail with AADSTS50173 bad_token, CAE-capable clients (xms_cc cp1) get a 401 insufficient_claims challenge from the Graph resource and ARM; a new sign-in works.",
		userParams, needUser, defaultUser, func(env Env, p Params) (string, error) {
			at, err := env.IDP.RevokeSessions(p.Tenant, p.User)
			return fmt.Sprintf("sessions of %s revoked at %s", p.User, at.Format(time.RFC3339)), err
		})
	userFlag(controlapi.OpDisableUser, "Disables the user: sign-ins and refreshes fail with AADSTS50057.", "disabled", true,
		func(env Env, p Params, on bool) error { return env.IDP.SetUserDisabled(p.Tenant, p.User, on) })
	userFlag(controlapi.OpEnableUser, "Enables the user again.", "enabled", false,
		func(env Env, p Params, on bool) error { return env.IDP.SetUserDisabled(p.Tenant, p.User, on) })
	userFlag(controlapi.OpRequireMFA, "Requires MFA for the user: password and refresh grants fail with AADSTS50076 interaction_required, suberror basic_action and a claims challenge.",
		"now needs MFA", true, func(env Env, p Params, on bool) error { return env.IDP.SetRequireMFA(p.Tenant, p.User, on) })
	userFlag(controlapi.OpClearMFA, "No longer requires MFA for the user.", "no longer needs MFA", false,
		func(env Env, p Params, on bool) error { return env.IDP.SetRequireMFA(p.Tenant, p.User, on) })
	appFlag(controlapi.OpDisableApp, "Disables the application's service principal (default the daemon's): its token requests fail with AADSTS7000112, and the Graph resource answers its CAE-capable app-only tokens (client credentials with cp1) issued before with a 401 insufficient_claims challenge (continuous access evaluation for workload identities).", "disabled", true)
	appFlag(controlapi.OpEnableApp, "Enables the application's service principal (default the daemon's) again: new tokens work; CAE-capable tokens issued before it was disabled stay challenged.", "enabled", false)
	registerConsentOps()
	registerCredentialOps()
	registerPolicyOps()
}

// userFlag registers an operation that sets or clears one flag of a user.
func userFlag(name, desc, done string, on bool, set func(Env, Params, bool) error) {
	change(name, desc, userParams, needUser, defaultUser, func(env Env, p Params) (string, error) {
		return "user " + p.User + " " + done, set(env, p, on)
	})
}

// appFlag registers an operation that disables or enables an app.
func appFlag(name, desc, done string, disabled bool) {
	change(name, desc, []string{"tenant", "client_id"}, needClient, defaultDaemon, func(env Env, p Params) (string, error) {
		return "application " + p.ClientID + " " + done, env.IDP.SetAppDisabled(p.Tenant, p.ClientID, disabled)
	})
}

func registerConsentOps() {
	change(controlapi.OpRevokeConsent, "Removes the app's (default the Azure CLI's) delegated consent, of user or tenant-wide when user is empty: token requests fail with AADSTS65001 consent_required.",
		[]string{"tenant", "client_id", "user"}, needClient, defaultCLI, func(env Env, p Params) (string, error) {
			return "consent of " + p.ClientID + " revoked", env.IDP.RevokeConsent(p.Tenant, p.ClientID, p.User)
		})
	change(controlapi.OpGrantConsent, "Grants the app (default the Azure CLI) delegated consent to scope (space-separated) of resource, for user or tenant-wide.",
		consentScope, []string{"client_id", "resource", "scope"}, defaultCLI, func(env Env, p Params) (string, error) {
			if err := needAll(p, "resource", "scope"); err != nil {
				return "", err
			}
			return "consent granted", env.IDP.GrantConsent(p.Tenant, p.ClientID, p.User, p.Resource, strings.Fields(p.Scope))
		})
	change(controlapi.OpRemoveScope, "Removes one consented scope of resource from the app (default the Azure CLI), for user or tenant-wide: new tokens lack it.",
		consentScope, []string{"client_id", "resource", "scope"}, defaultCLI, func(env Env, p Params) (string, error) {
			if err := needAll(p, "resource", "scope"); err != nil {
				return "", err
			}
			return "scope removed", env.IDP.RemoveScope(p.Tenant, p.ClientID, p.User, p.Resource, p.Scope)
		})
	change(controlapi.OpRemoveRole, "Removes the app role (role, default all) on resource (default Microsoft Graph) from the app (default the daemon) or managed identity: new tokens lack it and Graph answers 403 Authorization_RequestDenied.",
		[]string{"tenant", "client_id", "resource", "role"}, []string{"client_id", "resource"}, func(env Env, p *Params) {
			defaultDaemon(env, p)
			if p.Resource == "" {
				p.Resource = graphResource(env, p.Tenant)
			}
		}, func(env Env, p Params) (string, error) {
			return "app roles of " + p.ClientID + " on " + p.Resource + " removed", env.IDP.RemoveAppRole(p.Tenant, p.ClientID, p.Resource, p.Role)
		})
}

// needAll fails when a named parameter is empty: the preset form has no
// default for it either.
func needAll(p Params, names ...string) error {
	if missing := missingParams(p, names); len(missing) > 0 {
		return fmt.Errorf("%s is required", strings.Join(missing, " and "))
	}
	return nil
}

func graphResource(env Env, tenantID string) string {
	if env.IDP != nil {
		if t, ok := env.IDP.TenantByID(tenantID); ok {
			return "https://" + t.Cloud.GraphHost
		}
	}
	return "https://graph.microsoft.com"
}
