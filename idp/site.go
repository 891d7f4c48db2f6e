package idp

import (
	"net/url"
	"strings"

	"github.com/mockidp/mockidp/clouds"
)

// Site is where a request arrived: the national cloud and the base URL the
// client used (scheme and host, no path).
//
// The issuer policy lives here, in one place. v1.0 issuers are always the
// cloud's real one (https://sts.windows.net/{tid}/), whatever host the
// client called, as on Entra: resource servers configure that value. v2.0
// issuers are Entra's own (https://login.microsoftonline.com/{tid}/v2.0)
// when the client reached mockidp by a real login host (through a hosts
// entry, a container alias or the proxy); on any other host they are
// rooted at the base URL (https://localhost:8443/{tid}/v2.0), which is what
// msal-go, msal-node and go-oidc accept for an authority on that host.
type Site struct {
	Cloud   *clouds.Cloud
	BaseURL string
}

// NewSite builds a Site; baseURL is trimmed of a trailing slash.
func NewSite(c *clouds.Cloud, baseURL string) Site {
	return Site{Cloud: c, BaseURL: strings.TrimRight(baseURL, "/")}
}

// Host is the host[:port] of the base URL.
func (s Site) Host() string {
	if u, err := url.Parse(s.BaseURL); err == nil {
		return u.Host
	}
	return ""
}

// RealHost reports whether the client used one of the cloud's own login
// hosts.
func (s Site) RealHost() bool {
	c, ok := clouds.ByLoginHost(s.Host())
	return ok && c == s.Cloud
}

// V1Issuer is the iss of v1.0 tokens for tenant tid: the cloud's own on
// every host.
func (s Site) V1Issuer(tid string) string {
	return "https://" + s.Cloud.V1IssuerHost + "/" + tid + "/"
}

// V2Issuer is the iss of v2.0 tokens for tenant tid.
func (s Site) V2Issuer(tid string) string {
	if s.RealHost() {
		return "https://" + s.Cloud.V2IssuerHost + "/" + tid + "/v2.0"
	}
	return s.BaseURL + "/" + tid + "/v2.0"
}

// Issuer is the iss for a token of the given version.
func (s Site) Issuer(version int, tid string) string {
	if version == 2 {
		return s.V2Issuer(tid)
	}
	return s.V1Issuer(tid)
}

// URL joins path (starting with "/") to the base URL.
func (s Site) URL(path string) string { return s.BaseURL + path }
