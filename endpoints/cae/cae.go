// Package cae is what the resource stand-ins (ARM, the Graph-like
// resource) share about continuous access evaluation: whether a token's
// user, or the service principal of an app-only token, was revoked after
// it was issued, and the claims challenge that asks the client for a new
// one.
package cae

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/mockidp/mockidp/idp"
)

// Scope is what a resource's continuous access evaluation covers.
type Scope int

const (
	// Users: revocations of users' sessions (ARM).
	Users Scope = iota
	// UsersAndWorkloads also covers workload identities' revocation
	// events, their service principal disabled (the Graph resource, the
	// only one Entra documents for workload identities; the same fact,
	// idp.AppView.EvaluatesWorkloadCAE, gives its app tokens 24 hours).
	UsersAndWorkloads
)

// Revoked reports whether a resource evaluating CAE over scope rejects
// the token: its client declared cp1 and the user's sessions, or the
// app's service principal, were revoked after it was issued. It returns
// the revocation time the challenge names. The tenant is the one the
// token was validated in, from the request's directory snapshot.
func Revoked(t *idp.TenantView, claims *idp.AccessClaims, scope Scope) (time.Time, bool) {
	if !claims.CAECapable() {
		return time.Time{}, false
	}
	if at, revoked := t.RevokedAt(claims); revoked {
		return at, true
	}
	if scope == UsersAndWorkloads {
		return t.WorkloadRevokedAt(claims)
	}
	return time.Time{}, false
}

// Claims is the challenge's claims value: standard base64 with padding,
// as Graph sends it, of a JSON whose spacing is chosen so the encoding
// has no '+' or '/'. azcore versions decode it either with StdEncoding or
// with RawURLEncoding after cutting at '=', and only such a string
// decodes the same both ways (protocol.md §0.6).
func Claims(nbf int64) string {
	parts := []string{`{"access_token":{"nbf":{"essential":true,`, `"value":"`, strconv.FormatInt(nbf, 10), `"}}}`}
	for n := range 4 * 4 * 4 {
		sp := []string{strings.Repeat(" ", n%4), strings.Repeat(" ", n/4%4), strings.Repeat(" ", n/16%4)}
		js := parts[0] + sp[0] + parts[1] + parts[2] + `"` + sp[1] + "}" + sp[2] + "}}"
		enc := base64.StdEncoding.EncodeToString([]byte(js))
		if !strings.ContainsAny(enc, "+/") {
			return enc
		}
	}
	return base64.StdEncoding.EncodeToString([]byte(strings.Join(parts, "")))
}
