package idp

import (
	"net/url"
	"strings"
)

// CheckRedirectURI decides whether an authorize request may send its answer
// to uri. Every failure here is shown on mockidp's error page and never
// sent to the URI: it may belong to someone else.
//
// Matching is exact, except that a public client's loopback URI
// (http://localhost or http://127.0.0.1) matches on any port, as Entra and
// RFC 8252 allow for native apps.
func (a *AppView) CheckRedirectURI(uri string) error {
	switch {
	case uri == "":
		return ErrNoRedirectProvided.New()
	case len(a.RedirectURIs) == 0 && len(a.SPARedirectURIs) == 0:
		return ErrNoRedirectRegistered.New()
	}
	u, err := url.Parse(uri)
	if err != nil || !u.IsAbs() || u.Host == "" && u.Scheme != "urn" && u.Opaque == "" {
		return ErrRedirectInvalid.New()
	}
	for _, r := range a.RedirectURIs {
		if r == uri || a.PublicClient && loopbackMatch(r, u) {
			return nil
		}
	}
	if a.IsSPARedirect(uri) {
		return nil
	}
	return ErrRedirectNotRegistered.New(uri, a.ClientID)
}

// loopbackMatch compares two loopback URIs ignoring the port.
func loopbackMatch(registered string, got *url.URL) bool {
	r, err := url.Parse(registered)
	if err != nil || r.Scheme != "http" || got.Scheme != "http" || !isLoopback(r.Hostname()) {
		return false
	}
	return strings.EqualFold(r.Hostname(), got.Hostname()) &&
		strings.TrimSuffix(r.Path, "/") == strings.TrimSuffix(got.Path, "/") && r.RawQuery == got.RawQuery
}

func isLoopback(host string) bool {
	return strings.EqualFold(host, "localhost") || host == "127.0.0.1" || host == "::1"
}

// LogoutRedirectAllowed reports whether a post_logout_redirect_uri is a
// registered redirect URI of the client (or, with no client_id, of any
// app) in the tenants the path segment can name.
func (p *Sessions) LogoutRedirectAllowed(site Site, ref TenantRef, clientID, uri string) bool {
	tenants := p.dir.Load().cloudTenants(site.Cloud.Name)
	if ref.Tenant != nil {
		tenants = []*TenantView{ref.Tenant}
	}
	for _, t := range tenants {
		for _, a := range t.apps {
			if clientID != "" && !equalFold(a.ClientID, clientID) {
				continue
			}
			if a.CheckRedirectURI(uri) == nil {
				return true
			}
		}
	}
	return false
}
