package idp

import "strings"

// NonOIDCScopes splits a v2 scope parameter into the resource scopes,
// dropping the OIDC scopes (openid, profile, email, offline_access) that name
// no resource.
func NonOIDCScopes(scope string) []string {
	var out []string
	for _, s := range strings.Fields(scope) {
		if !OIDCScopes[strings.ToLower(s)] {
			out = append(out, s)
		}
	}
	return out
}

// DefaultScopeResource returns the resource of an app-only v2 scope: exactly
// one "{resource}/.default" besides OIDC scopes. The suffix is removed once,
// so "https://management.core.windows.net//.default" names
// "https://management.core.windows.net/".
func DefaultScopeResource(scope string) (string, error) {
	scopes := NonOIDCScopes(scope)
	switch {
	case strings.TrimSpace(scope) == "":
		return "", ErrMissingParameter.New("scope")
	case len(scopes) > 1:
		return "", ErrInvalidScope.New(scope)
	case len(scopes) == 0 || !strings.HasSuffix(strings.ToLower(scopes[0]), ScopeDefault):
		return "", ErrScopeNotDefault.New(scope)
	}
	s := scopes[0]
	return s[:len(s)-len(ScopeDefault)], nil
}

// FindResource resolves the API a client names, as Entra does: by
// identifier URI or client ID, first-party APIs included.
func (p *Directory) FindResource(t *TenantView, id string) (*AppView, error) {
	r, ok := t.Resource(id)
	if !ok {
		return nil, ErrResourceNotFound.New(id, t.ID)
	}
	return r, nil
}
