package idp

import (
	"strings"
	"time"
)

// spaRefreshLifetime is the fixed lifetime of a single-page app's refresh
// token chain, counted from its first issue: redeeming one does not
// extend it (Entra's 24-hour SPA rule).
const spaRefreshLifetime = 24 * time.Hour

// IsSPARedirect reports whether uri is one of the app's single-page
// application redirect URIs (matched exactly, as Entra does).
func (a *AppView) IsSPARedirect(uri string) bool {
	for _, r := range a.SPARedirectURIs {
		if r == uri {
			return true
		}
	}
	return false
}

// CheckOrigin applies Entra's cross-origin rule to a token redemption: a
// single-page app's code or refresh token must come from a browser's
// cross-origin call (an Origin header, AADSTS9002327), and anything else
// must not (AADSTS9002326).
func CheckOrigin(spa bool, origin string) error {
	origin = strings.TrimSpace(origin)
	switch {
	case spa && origin == "":
		return ErrSPANeedsOrigin.New()
	case !spa && origin != "":
		return ErrCrossOriginNotSPA.New(origin)
	}
	return nil
}
