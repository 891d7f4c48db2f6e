package idp

import (
	"slices"
	"strings"
)

// detach copies the request-derived strings of a pending device
// authorization: parsed form values can be slices of the whole request
// body, and a small client ID kept in a store would otherwise pin a
// 300 KB body the store's byte count never sees.
func (d *DeviceAuthorization) detach() {
	for _, f := range []*string{&d.Cloud, &d.TenantID, &d.TenantAlias, &d.ClientID, &d.Scope, &d.Resource} {
		*f = strings.Clone(*f)
	}
}

// detach copies the request-derived strings of a code grant (see
// DeviceAuthorization.detach).
func (g *AuthCodeGrant) detach() {
	for _, f := range []*string{&g.Cloud, &g.TenantID, &g.ClientID, &g.RedirectURI, &g.Challenge,
		&g.ChallengeMethod, &g.Nonce, &g.Scope, &g.Resource, &g.Claims} {
		*f = strings.Clone(*f)
	}
}

// detach copies the request-derived strings of a refresh grant (see
// DeviceAuthorization.detach): a kept scope must not pin the body it was
// parsed from for the 90 days a refresh token lives.
func (g *RefreshGrant) detach() {
	for _, f := range []*string{&g.Cloud, &g.TenantID, &g.ClientID, &g.UserID, &g.SessionID, &g.Scope, &g.Resource} {
		*f = strings.Clone(*f)
	}
	g.AMR = slices.Clone(g.AMR)
}
