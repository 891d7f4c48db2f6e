package seed

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Clone deep-copies the seed through JSON, so a copy never shares slices
// with its original.
func (s Seed) Clone() Seed {
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("seed: does not encode: %v", err)) // plain data always encodes
	}
	var out Seed
	if err := json.Unmarshal(b, &out); err != nil {
		panic(fmt.Sprintf("seed: does not decode: %v", err))
	}
	return out
}

// WithTenants keeps only the named tenants (by ID) and the subscriptions
// that belong to them, so a test can start from a smaller default seed.
func (s Seed) WithTenants(ids ...string) Seed {
	out := s.Clone()
	out.Tenants = out.Tenants[:0]
	for _, t := range s.Clone().Tenants {
		if containsFold(ids, t.ID) {
			out.Tenants = append(out.Tenants, t)
		}
	}
	out.Subscriptions = out.Subscriptions[:0]
	for _, sub := range s.Clone().Subscriptions {
		if containsFold(ids, sub.TenantID) {
			out.Subscriptions = append(out.Subscriptions, sub)
		}
	}
	return out
}

// FindTenant is the tenant with ID tenantID (any case), or nil.
func (s *Seed) FindTenant(tenantID string) *Tenant {
	for i := range s.Tenants {
		if strings.EqualFold(s.Tenants[i].ID, tenantID) {
			return &s.Tenants[i]
		}
	}
	return nil
}

// FindApp is the application clientID of tenant tenantID, or nil.
func (s *Seed) FindApp(tenantID, clientID string) *Application {
	t := s.FindTenant(tenantID)
	if t == nil {
		return nil
	}
	for j := range t.Applications {
		if strings.EqualFold(t.Applications[j].ClientID, clientID) {
			return &t.Applications[j]
		}
	}
	return nil
}

func containsFold(list []string, v string) bool {
	for _, s := range list {
		if strings.EqualFold(s, v) {
			return true
		}
	}
	return false
}
