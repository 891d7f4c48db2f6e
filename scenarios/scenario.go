package scenarios

import (
	"strings"
)

// Request is what the engine knows of an incoming request.
type Request struct {
	Cloud string
	// Tenants are the names the request's tenant goes by: the path segment
	// and, when it resolved, the tenant's ID.
	Tenants   []string
	ClientID  string
	User      string
	Identity  string
	Endpoint  string
	GrantType string
	// Scope is the scope and resource parameters joined by a space.
	Scope string
	Path  string
}

// matches reports whether r is selected by m.
func matches(m Match, r Request) bool {
	return eq(m.Cloud, r.Cloud) && tenantMatches(m.Tenant, r.Tenants) && eq(m.ClientID, r.ClientID) &&
		eq(m.User, r.User) && eq(m.Identity, r.Identity) && eq(m.Endpoint, r.Endpoint) &&
		eq(m.GrantType, r.GrantType) &&
		(m.Scope == "" || strings.Contains(strings.ToLower(r.Scope), strings.ToLower(m.Scope))) &&
		(m.Path == "" || strings.HasPrefix(strings.ToLower(r.Path), strings.ToLower(m.Path)))
}

func eq(want, got string) bool { return want == "" || strings.EqualFold(want, got) }

func tenantMatches(want string, names []string) bool {
	if want == "" {
		return true
	}
	for _, n := range names {
		if strings.EqualFold(want, n) {
			return true
		}
	}
	return false
}
