package idp

import "strings"

// ConsentItem is one permission a consent prompt lists.
type ConsentItem struct {
	// ResourceID names the API the way consent grants record it.
	ResourceID   string
	ResourceName string
	Scope        string
	Description  string
}

// ConsentNeeded lists the permissions of a request that user has not
// consented to for app: named scopes, the app's configured permissions for
// /.default, and the OIDC scopes (which are Microsoft Graph permissions).
// With force (prompt=consent) every requested permission is listed.
func (p *Consent) ConsentNeeded(t *TenantView, app *AppView, set ScopeSet, user *User, force bool) []ConsentItem {
	var out []ConsentItem
	for _, rs := range set.Resources {
		want := rs.Scopes
		if rs.Default {
			want = app.RequiredScopes(rs.Resource)
		}
		have := app.ConsentedScopes(rs.Resource, user)
		for _, s := range want {
			if force || !containsFold(have, s) {
				out = append(out, consentItem(rs.ResourceID, rs.Resource, s))
			}
		}
	}
	graphID := "https://" + t.Cloud.GraphHost
	if graph, ok := t.Resource(graphID); ok {
		have := app.ConsentedScopes(graph, user)
		for _, s := range set.OIDC {
			if force || !containsFold(have, s) {
				out = append(out, consentItem(graphID, graph, s))
			}
		}
	}
	return out
}

func consentItem(id string, res *AppView, scope string) ConsentItem {
	it := ConsentItem{ResourceID: id, ResourceName: res.DisplayName, Scope: scope, Description: scope}
	if perm := res.Scope(scope); perm != nil && perm.Description != "" {
		it.Description = perm.Description
	}
	return it
}

// RequiredScopes are the delegated scopes of resource the app is
// configured to ask for (its API permissions).
func (a *AppView) RequiredScopes(resource *AppView) []string {
	var out []string
	for _, rp := range a.RequiredPermissions {
		if resourceMatches(resource, rp.Resource) {
			for _, s := range rp.Scopes {
				out = appendUnique(out, s)
			}
		}
	}
	return out
}

// GrantConsentItems records the consent a user (object ID; "" for the
// whole tenant) gave on a consent prompt.
func (p *Consent) GrantConsentItems(tenantID, clientID, user string, items []ConsentItem) error {
	var order []string
	byRes := map[string][]string{}
	for _, it := range items {
		k := strings.ToLower(it.ResourceID)
		if _, ok := byRes[k]; !ok {
			order = append(order, it.ResourceID)
		}
		byRes[k] = appendUnique(byRes[k], it.Scope)
	}
	for _, res := range order {
		if err := p.GrantConsent(tenantID, clientID, user, res, byRes[strings.ToLower(res)]); err != nil {
			return err
		}
	}
	return nil
}
