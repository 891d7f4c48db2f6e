package scenarios

import (
	"fmt"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
)

func registerCredentialOps() {
	params, required := []string{"tenant", "client_id", "credential"}, []string{"client_id", "credential"}
	change(controlapi.OpExpireCredential, "Expires the app's (default the daemon's) credential now (credential: ID or value; the preset form's default is every client secret): it fails with AADSTS7000222.",
		params, required, defaultDaemon, credentialChange(true))
	change(controlapi.OpDeleteCredential, "Deletes the app's (default the daemon's) credential (credential: ID or value; the preset form's default is every client secret): the old secret fails with AADSTS7000215.",
		params, required, defaultDaemon, credentialChange(false))
}

// credentialChange expires or deletes the named credential, or every
// client secret of the app when none is named.
func credentialChange(expire bool) func(Env, Params) (string, error) {
	return func(env Env, p Params) (string, error) {
		creds := []string{p.Credential}
		if p.Credential == "" {
			creds = secretsOf(env.IDP, p.Tenant, p.ClientID)
			if len(creds) == 0 {
				return "", fmt.Errorf("application %s has no client secret in tenant %s", p.ClientID, p.Tenant)
			}
		}
		for _, c := range creds {
			var err error
			if expire {
				err = env.IDP.State.ExpireCredential(p.Tenant, p.ClientID, c)
			} else {
				err = env.IDP.State.DeleteCredential(p.Tenant, p.ClientID, c)
			}
			if err != nil {
				return "", err
			}
		}
		verb := map[bool]string{true: "expired", false: "deleted"}[expire]
		return fmt.Sprintf("%d credential(s) of %s %s", len(creds), p.ClientID, verb), nil
	}
}

func secretsOf(p *idp.Provider, tenantID, clientID string) []string {
	t, ok := p.Directory.TenantByID(tenantID)
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
