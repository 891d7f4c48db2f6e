package scenarios

import (
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
)

// defaultVendor names the default seed's multi-tenant vendor app.
func defaultVendor(_ Env, p *Params) { p.ClientID = orDefault(p.ClientID, idp.DefaultVendorClientID) }

func init() {
	principalParams := []string{"tenant", "client_id"}
	change(controlapi.OpCreateServicePrincipal, "Creates the service principal of a multi-tenant app (default the vendor app) of another tenant in tenant, with no grants: client credentials there get tokens without roles, users are asked to consent.",
		principalParams, needClient, defaultVendor, func(env Env, p Params) (string, error) {
			sp, err := env.IDP.State.ServicePrincipals().Create(p.Tenant, p.ClientID)
			return "service principal " + sp.ObjectID + " of " + p.ClientID + " created in tenant " + p.Tenant, err
		})
	change(controlapi.OpDeleteServicePrincipal, "Deletes the service principal of a multi-tenant app (default the vendor app) from tenant, with every grant made there: client credentials fail with AADSTS700016 and users with AADSTS65001 until someone consents again.",
		principalParams, needClient, defaultVendor, func(env Env, p Params) (string, error) {
			return "service principal of " + p.ClientID + " deleted from tenant " + p.Tenant,
				env.IDP.State.ServicePrincipals().Delete(p.Tenant, p.ClientID)
		})
	change(controlapi.OpGrantAdminConsent, "Grants admin consent in tenant to the app (default the vendor app), as an administrator accepting /adminconsent: its configured delegated permissions for everyone and its application permissions (app roles); creates the service principal of a multi-tenant app.",
		principalParams, needClient, defaultVendor, func(env Env, p Params) (string, error) {
			sp, err := env.IDP.State.ServicePrincipals().GrantAdminConsent(p.Tenant, p.ClientID)
			return "admin consent to " + p.ClientID + " granted in tenant " + p.Tenant + " (service principal " + sp.ObjectID + ")", err
		})
	change(controlapi.OpRevokeAdminConsent, "Revokes admin consent to the app (default the vendor app) in tenant: the tenant-wide delegated grants and the app roles go, users' own grants and the service principal stay; client credentials get tokens without roles.",
		principalParams, needClient, defaultVendor, func(env Env, p Params) (string, error) {
			return "admin consent to " + p.ClientID + " revoked in tenant " + p.Tenant,
				env.IDP.State.ServicePrincipals().RevokeAdminConsent(p.Tenant, p.ClientID)
		})
}
