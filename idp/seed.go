package idp

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// cloneSeed deep-copies a seed through JSON, so a loaded directory never
// shares slices with its caller.
func cloneSeed(s Seed) Seed {
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("idp: seed does not encode: %v", err)) // plain data always encodes
	}
	var out Seed
	if err := json.Unmarshal(b, &out); err != nil {
		panic(fmt.Sprintf("idp: seed does not decode: %v", err))
	}
	return out
}

// ParseSeed decodes a JSON seed, rejecting unknown fields so typos show.
func ParseSeed(data []byte) (Seed, error) {
	var s Seed
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Seed{}, fmt.Errorf("seed: %w", err)
	}
	return s, nil
}

// WithTenants keeps only the named tenants (by ID) and the subscriptions
// that belong to them, so a test can start from a smaller default seed.
func (s Seed) WithTenants(ids ...string) Seed {
	out := cloneSeed(s)
	out.Tenants = out.Tenants[:0]
	for _, t := range cloneSeed(s).Tenants {
		if containsFold(ids, t.ID) {
			out.Tenants = append(out.Tenants, t)
		}
	}
	out.Subscriptions = out.Subscriptions[:0]
	for _, sub := range cloneSeed(s).Subscriptions {
		if containsFold(ids, sub.TenantID) {
			out.Subscriptions = append(out.Subscriptions, sub)
		}
	}
	return out
}
