package idp

import "strings"

// CheckRequestedResources refuses an authorize request for a resource the
// app never registered (AADSTS650057). Entra checks the resource-centric
// requests — v1 resource= and v2 /.default, which mean "the permissions the
// app is configured with" — against the app's required permissions; named
// v2 scopes are dynamic consent and may name any API.
//
// A resource passes when the app lists it among its required permissions,
// is the resource itself, or already holds a delegated grant or app role on
// it in the tenant: consent recorded there (a seed's, an admin's, a
// first-party client's pre-authorization) stands for the configuration
// that produced it.
func CheckRequestedResources(t *TenantView, app *AppView, set ScopeSet) error {
	for _, rs := range set.Resources {
		if !rs.Default || app.mayRequest(rs.Resource) {
			continue
		}
		return ErrResourceNotRegistered.New(appLabel(app), rs.ResourceID,
			rs.Resource.ClientID, strings.Join(app.registeredResources(t), ", "))
	}
	return nil
}

func (a *AppView) mayRequest(res *AppView) bool {
	if strings.EqualFold(res.ClientID, a.ClientID) {
		return true
	}
	for _, rp := range a.RequiredPermissions {
		if resourceMatches(res, rp.Resource) {
			return true
		}
	}
	for _, g := range a.ConsentGrants {
		if resourceMatches(res, g.Resource) {
			return true
		}
	}
	for _, r := range a.AppRoleAssignments {
		if resourceMatches(res, r.Resource) {
			return true
		}
	}
	return false
}

// registeredResources lists the app IDs of the resources the app's
// required permissions name, as Entra's 650057 text does.
func (a *AppView) registeredResources(t *TenantView) []string {
	var out []string
	for _, rp := range a.RequiredPermissions {
		id := rp.Resource
		if res, ok := t.Resource(rp.Resource); ok {
			id = res.ClientID
		}
		out = appendUnique(out, id)
	}
	return out
}

// appLabel is "{appId}({name})", how Entra names a client in its texts.
func appLabel(app *AppView) string {
	if app.DisplayName == "" {
		return app.ClientID
	}
	return app.ClientID + "(" + app.DisplayName + ")"
}
