package scenarios

import (
	"fmt"
	"time"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
)

func registerPolicyOps() {
	change(controlapi.OpBlockCA, "Adds a Conditional Access block policy (for user, client_id and resource when given, else everyone): user token requests fail with AADSTS53003.",
		[]string{"tenant", "user", "client_id", "resource"}, nil, nil, func(env Env, p Params) (string, error) {
			pol := idp.BlockPolicy{Name: "mockidp block"}
			for _, f := range []struct {
				dst *[]string
				v   string
			}{{&pol.Users, p.User}, {&pol.ClientIDs, p.ClientID}, {&pol.Resources, p.Resource}} {
				if f.v != "" {
					*f.dst = []string{f.v}
				}
			}
			return "Conditional Access block added", env.IDP.State.BlockByConditionalAccess(p.Tenant, pol)
		})
	change(controlapi.OpRotateKeys, "Rotates the cloud's signing key. The old key stays in the JWKS (up to 4 keys, newest first), as Entra keeps publishing it; with \"overlap\": false the old kid disappears and tokens it signed no longer verify.",
		[]string{"cloud", "overlap"}, nil, nil, func(env Env, p Params) (string, error) {
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
			return "signing key of " + cloud + " is now " + key.ID, env.IDP.State.RotateKeys(cloud, key, p.KeepsOldKeys())
		})
	change(controlapi.OpSkewClient, "Shifts the times in tokens minted for client_id (required) by skew (negative allowed; the preset form's default is 1h, the state form's 0 removes the skew).",
		[]string{"client_id", "skew"}, needClient, func(_ Env, p *Params) {
			p.Skew = orDefault(p.Skew, Duration(time.Hour))
		}, func(env Env, p Params) (string, error) {
			if p.ClientID == "" {
				return "", fmt.Errorf("client_id is required")
			}
			env.IDP.State.SetClientSkew(p.ClientID, time.Duration(p.Skew))
			return fmt.Sprintf("tokens of %s skewed by %s", p.ClientID, time.Duration(p.Skew)), nil
		})
}
