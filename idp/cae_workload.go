package idp

import (
	"slices"
	"strings"
	"time"
)

// Continuous access evaluation for workload identities: an app that
// declares cp1 in client credentials gets a long-lived token for a
// resource that evaluates CAE for service principals, which that resource
// then rejects with a claims challenge after a revocation event of the
// service principal. Entra documents Microsoft Graph as the only such
// resource, and the tenant's own single-tenant apps as the only such
// workloads (no managed identities, no multi-tenant apps).

// WorkloadCAELifetime is the lifetime of an app-only CAE token (expires_in
// 86399: up to 24 hours).
const WorkloadCAELifetime = 86399 * time.Second

// EvaluatesWorkloadCAE reports whether the resource challenges app-only
// tokens on service-principal revocation events: only Microsoft Graph.
func (a *AppView) EvaluatesWorkloadCAE() bool { return strings.EqualFold(a.ClientID, GraphAppID) }

// WorkloadCAE reports whether continuous access evaluation covers the app
// as a workload identity in tv: one of the tenant's own single-tenant
// apps.
func (a *AppView) WorkloadCAE(tv *TenantView) bool {
	return a.Identity == nil && a.HomeTenantID == tv.ID && !a.MultiTenant()
}

// declaresCP1 reports whether client capabilities include cp1, the
// ability to answer claims challenges.
func declaresCP1(capabilities []string) bool {
	return slices.ContainsFunc(capabilities, func(v string) bool { return strings.EqualFold(v, "cp1") })
}

// appOnlyLifetime is the lifetime of a client-credentials token: 24 hours
// for a CAE-capable workload asking a resource that evaluates CAE for
// workloads, else Entra's hour.
func appOnlyLifetime(tv *TenantView, client, resource *AppView, cr ClaimsRequest) time.Duration {
	if declaresCP1(cr.Capabilities) && resource.EvaluatesWorkloadCAE() && client.WorkloadCAE(tv) {
		return WorkloadCAELifetime
	}
	return AppOnlyLifetime
}

// WorkloadRevokedAt returns the time of the last revocation event of an
// app-only token's service principal (it was disabled) when the token
// predates it. Only the workload identities that continuous access
// evaluation covers have such events: the tenant's own single-tenant
// apps, not managed identities nor multi-tenant apps.
func (p *Provider) WorkloadRevokedAt(c *AccessClaims) (time.Time, bool) {
	t, _ := p.TenantByID(c.Tid)
	return t.WorkloadRevokedAt(c)
}

// WorkloadRevokedAt is Provider.WorkloadRevokedAt for a token of this
// tenant, as one directory snapshot sees it.
func (t *TenantView) WorkloadRevokedAt(c *AccessClaims) (time.Time, bool) {
	if t == nil || c.Idtyp != "app" {
		return time.Time{}, false
	}
	app, ok := t.App(c.ClientID())
	if !ok || !app.WorkloadCAE(t) || app.TokensValidFrom.IsZero() {
		return time.Time{}, false
	}
	return app.TokensValidFrom, c.issuedBefore(app.TokensValidFrom)
}
