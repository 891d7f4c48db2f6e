package idp

import "strings"

// Directory is one snapshot of the directory. A request takes one when it
// starts and makes every lookup through it, so what it sees hangs
// together — the caller's tenant, its users, its subscriptions — while
// writers swap in new directories. Views taken from two snapshots are
// different values for the same tenant: compare them by ID, never by
// pointer.
type Directory struct{ d *directory }

// Directory is the current snapshot of the directory.
func (p *Provider) Directory() Directory { return Directory{p.dir.Load()} }

// TenantByID finds a tenant of any cloud by its GUID.
func (d Directory) TenantByID(id string) (*TenantView, bool) {
	t := d.d.tenantByID(id)
	return t, t != nil
}

// Subscription finds a subscription by ID in any cloud.
func (d Directory) Subscription(id string) (*SubscriptionView, bool) {
	s, ok := d.d.azure.subs[strings.ToLower(id)]
	return s, ok
}

// Subscriptions lists every subscription in seed order.
func (d Directory) Subscriptions() []*SubscriptionView {
	return append([]*SubscriptionView(nil), d.d.azure.order...)
}

// RoleDefinition finds a built-in or custom role by GUID or name.
func (d Directory) RoleDefinition(idOrName string) (*RoleDefinition, bool) {
	rd, ok := d.d.azure.roles[strings.ToLower(idOrName)]
	return rd, ok
}
