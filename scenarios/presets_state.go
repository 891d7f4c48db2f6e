package scenarios

import (
	"fmt"
	"time"

	"github.com/mockidp/mockidp/idp"
)

// statePreset wraps a directory change as a preset.
func statePreset(name, desc string, params []string, fn func(env Env, p Params) (string, error)) {
	register(name, desc, params, func(env Env, p Params) (Result, error) {
		if err := needIDP(env, name); err != nil {
			return Result{}, err
		}
		msg, err := fn(env, p)
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", name, err)
		}
		return changed("%s", msg), nil
	})
}

func registerStatePresets() {
	revoke := func(what string) func(Env, Params) (string, error) {
		return func(env Env, p Params) (string, error) {
			user := orDefault(p.User, idp.DefaultUserID)
			at, err := env.IDP.RevokeSessions(p.Tenant, user)
			return fmt.Sprintf("%s: sessions of %s revoked at %s", what, user, at.Format(time.RFC3339)), err
		}
	}
	statePreset("revoked-refresh-token", "Revokes the user's sessions (TokensValidFrom = now): refresh tokens issued before fail with AADSTS50173 bad_token; a new sign-in works.",
		[]string{"tenant", "user"}, revoke("revoked-refresh-token"))
	statePreset("cae-revoked", "Revokes the user's sessions: CAE-capable clients (xms_cc cp1) get a 401 insufficient_claims challenge from the Graph resource and ARM and recover with a new token; refresh tokens fail with AADSTS50173.",
		[]string{"tenant", "user"}, revoke("cae-revoked"))
	statePreset("revoked-consent", "Removes the app's delegated consent (of user, or tenant-wide when user is empty): token requests fail with AADSTS65001 consent_required.",
		[]string{"tenant", "client_id", "user"}, func(env Env, p Params) (string, error) {
			client := orDefault(p.ClientID, idp.DefaultCLIClientID)
			return "consent of " + client + " revoked", env.IDP.RevokeConsent(p.Tenant, client, p.User)
		})
	statePreset("insufficient-privileges", "Removes the app role (role, default all) on resource (default Microsoft Graph) from the app (default daemon): new tokens lack it and Graph answers 403 Authorization_RequestDenied.",
		[]string{"tenant", "client_id", "resource", "role"}, func(env Env, p Params) (string, error) {
			client := orDefault(p.ClientID, idp.DefaultDaemonClientID)
			res := p.Resource
			if res == "" {
				res = graphResource(env, p.Tenant)
			}
			return "app roles of " + client + " on " + res + " removed", env.IDP.RemoveAppRole(p.Tenant, client, res, p.Role)
		})
	statePreset("invalid-secret", "Deletes the app's client secret (credential: ID or value; default all secrets): the old secret fails with AADSTS7000215.",
		[]string{"tenant", "client_id", "credential"}, secretChange(false))
	statePreset("expired-secret", "Expires the app's client secret (credential: ID or value; default all secrets) now: it fails with AADSTS7000222.",
		[]string{"tenant", "client_id", "credential"}, secretChange(true))
	statePreset("mfa-required", "Requires MFA for the user: password and refresh grants fail with AADSTS50076 interaction_required, suberror basic_action and a claims challenge.",
		[]string{"tenant", "user"}, func(env Env, p Params) (string, error) {
			user := orDefault(p.User, idp.DefaultUserID)
			return "MFA required for " + user, env.IDP.SetRequireMFA(p.Tenant, user, true)
		})
	statePreset("conditional-access-blocked", "Adds a Conditional Access block policy (for user and client_id when given, else everyone): user token requests fail with AADSTS53003.",
		[]string{"tenant", "user", "client_id", "resource"}, func(env Env, p Params) (string, error) {
			pol := idp.BlockPolicy{Name: "mockidp block"}
			for _, f := range []struct {
				dst *[]string
				v   string
			}{{&pol.Users, p.User}, {&pol.ClientIDs, p.ClientID}, {&pol.Resources, p.Resource}} {
				if f.v != "" {
					*f.dst = []string{f.v}
				}
			}
			return "Conditional Access block added", env.IDP.BlockByConditionalAccess(p.Tenant, pol)
		})
	statePreset("user-disabled", "Disables the user: sign-ins and refreshes fail with AADSTS50057.",
		[]string{"tenant", "user"}, func(env Env, p Params) (string, error) {
			user := orDefault(p.User, idp.DefaultUserID)
			return "user " + user + " disabled", env.IDP.SetUserDisabled(p.Tenant, user, true)
		})
	statePreset("key-rotation", "Rotates the cloud's signing key: with overlap the old key stays in the JWKS, without it the old kid disappears and tokens it signed no longer verify.",
		[]string{"cloud", "overlap"}, func(env Env, p Params) (string, error) {
			cloud, err := cloudOf(p)
			if err != nil {
				return "", err
			}
			if env.NewKey == nil {
				return "", fmt.Errorf("no key source configured")
			}
			key, err := env.NewKey(cloud)
			if err != nil {
				return "", err
			}
			return "signing key of " + cloud + " is now " + key.ID, env.IDP.RotateKeys(cloud, key, p.Overlap)
		})
	statePreset("clock-skew", "Shifts the times in tokens minted for client_id (required) by skew (default 1h; negative allowed).",
		[]string{"client_id", "skew"}, func(env Env, p Params) (string, error) {
			if p.ClientID == "" {
				return "", fmt.Errorf("client_id is required")
			}
			d := time.Duration(orDefault(p.Skew, Duration(time.Hour)))
			env.IDP.SetClientSkew(p.ClientID, d)
			return fmt.Sprintf("tokens of %s skewed by %s", p.ClientID, d), nil
		})
}

func secretChange(expire bool) func(Env, Params) (string, error) {
	return func(env Env, p Params) (string, error) {
		client := orDefault(p.ClientID, idp.DefaultDaemonClientID)
		creds := []string{p.Credential}
		if p.Credential == "" {
			creds = secretsOf(env.IDP, p.Tenant, client)
			if len(creds) == 0 {
				return "", fmt.Errorf("application %s has no client secret in tenant %s", client, p.Tenant)
			}
		}
		for _, c := range creds {
			var err error
			if expire {
				err = env.IDP.ExpireCredential(p.Tenant, client, c)
			} else {
				err = env.IDP.DeleteCredential(p.Tenant, client, c)
			}
			if err != nil {
				return "", err
			}
		}
		verb := map[bool]string{true: "expired", false: "deleted"}[expire]
		return fmt.Sprintf("%d secret(s) of %s %s", len(creds), client, verb), nil
	}
}

func secretsOf(p *idp.Provider, tenantID, clientID string) []string {
	t, ok := p.TenantByID(tenantID)
	if !ok {
		return nil
	}
	app, ok := t.App(clientID)
	if !ok {
		return nil
	}
	var out []string
	for _, s := range app.Secrets {
		out = append(out, s.Value)
	}
	return out
}

func graphResource(env Env, tenantID string) string {
	if t, ok := env.IDP.TenantByID(tenantID); ok {
		return "https://" + t.Cloud.GraphHost
	}
	return "https://graph.microsoft.com"
}
