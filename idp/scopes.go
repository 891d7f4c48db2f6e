package idp

import "strings"

// ResourceScopes are the delegated scopes a request asks of one API.
type ResourceScopes struct {
	// ResourceID is the resource as the client named it
	// (https://graph.microsoft.com, api://mockidp-tasks).
	ResourceID string
	Resource   *AppView
	// Scopes are short scope names (User.Read); Default marks /.default,
	// which means every scope already consented.
	Scopes  []string
	Default bool
}

// ScopeSet is a v2 scope parameter split into OIDC scopes and the scopes of
// each resource.
type ScopeSet struct {
	OIDC      []string
	Resources []ResourceScopes
}

// Has reports whether the OIDC scope name was requested.
func (s ScopeSet) Has(oidc string) bool {
	for _, o := range s.OIDC {
		if o == oidc {
			return true
		}
	}
	return false
}

// ParseScopes splits a delegated scope parameter as Entra does: a scope
// without a resource prefix belongs to Microsoft Graph; "{resource}/{name}"
// names a scope of an API by identifier URI or client ID.
func ParseScopes(t *TenantView, scope string) (ScopeSet, error) {
	var set ScopeSet
	for _, s := range strings.Fields(scope) {
		if OIDCScopes[strings.ToLower(s)] {
			set.OIDC = appendUnique(set.OIDC, strings.ToLower(s))
			continue
		}
		resourceID, name := splitScope(t, s)
		res, ok := t.Resource(resourceID)
		if !ok {
			return ScopeSet{}, ErrResourceNotFound.New(resourceID, t.ID)
		}
		rs := set.forResource(res, resourceID)
		switch {
		case name == ".default":
			rs.Default = true
		case res.Scope(name) == nil:
			return ScopeSet{}, ErrInvalidScope.New(s)
		default:
			rs.Scopes = appendUnique(rs.Scopes, res.Scope(name).Value)
		}
	}
	return set, nil
}

// splitScope separates a scope into resource and name. The split is at the
// last slash, so "https://management.core.windows.net//.default" names
// resource "https://management.core.windows.net/".
func splitScope(t *TenantView, s string) (string, string) {
	i := strings.LastIndex(s, "/")
	if i <= 0 {
		return "https://" + t.Cloud.GraphHost, s
	}
	return s[:i], s[i+1:]
}

func (s *ScopeSet) forResource(res *AppView, id string) *ResourceScopes {
	for i := range s.Resources {
		if s.Resources[i].Resource == res {
			return &s.Resources[i]
		}
	}
	s.Resources = append(s.Resources, ResourceScopes{ResourceID: id, Resource: res})
	return &s.Resources[len(s.Resources)-1]
}

// Scope finds a delegated scope the API exposes, by value, ignoring case.
func (a *AppView) Scope(name string) *Permission {
	for i := range a.Scopes {
		if strings.EqualFold(a.Scopes[i].Value, name) {
			return &a.Scopes[i]
		}
	}
	return nil
}

func appendUnique(list []string, s string) []string {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return list
		}
	}
	return append(list, s)
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }
