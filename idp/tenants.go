package idp

import "strings"

// TenantRef is the tenant segment of a request path after resolution: a
// tenant, or one of the aliases common, organizations and consumers.
type TenantRef struct {
	Segment string      // as the client sent it
	Alias   string      // common, organizations or consumers; "" for a tenant
	Tenant  *TenantView // nil for an alias
}

// ResolveTenant finds the tenant a path segment names in the site's cloud,
// by GUID or verified domain, case-insensitively. A tenant of another cloud
// is not found, as on Entra.
func (p *Directory) ResolveTenant(site Site, segment string) (TenantRef, error) {
	ref := TenantRef{Segment: segment}
	switch lower := strings.ToLower(segment); lower {
	case TenantCommon, TenantOrganizations, TenantConsumers:
		ref.Alias = lower
		return ref, nil
	}
	if !IsTenantName(segment) {
		return ref, ErrTenantInvalid.New(segment)
	}
	t, ok := p.dir.Load().tenants[tenantKey(site.Cloud.Name, segment)]
	if !ok {
		return ref, ErrTenantNotFound.New(segment)
	}
	ref.Tenant = t
	return ref, nil
}

// TenantID is the tenant's GUID, or "" for an alias.
func (r TenantRef) TenantID() string {
	if r.Tenant == nil {
		return ""
	}
	return r.Tenant.ID
}

// TenantOfUser finds the tenant of the site's cloud that owns a UPN's
// domain, as home-realm discovery does for /organizations.
func (p *Directory) TenantOfUser(site Site, upn string) (*TenantView, error) {
	_, domain, ok := strings.Cut(upn, "@")
	if !ok {
		return nil, ErrUserNotFound.New(upn, "organizations")
	}
	ref, err := p.ResolveTenant(site, domain)
	if err != nil {
		return nil, err
	}
	return ref.Tenant, nil
}
