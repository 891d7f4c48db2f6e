package idp

import (
	"errors"
	"strings"
)

// Subscription finds a subscription by ID in the current directory.
func (p *Provider) Subscription(id string) (*SubscriptionView, bool) {
	return p.Directory().Subscription(id)
}

// Subscriptions lists every subscription of the current directory.
func (p *Provider) Subscriptions() []*SubscriptionView { return p.Directory().Subscriptions() }

// RoleDefinition finds a built-in or custom role in the current directory.
func (p *Provider) RoleDefinition(idOrName string) (*RoleDefinition, bool) {
	return p.Directory().RoleDefinition(idOrName)
}

// Group finds a resource group by name; ARM compares names without case.
func (s *SubscriptionView) Group(name string) (*ResourceGroup, bool) {
	for i := range s.ResourceGroups {
		if strings.EqualFold(s.ResourceGroups[i].Name, name) {
			return &s.ResourceGroups[i], true
		}
	}
	return nil, false
}

// Assigned reports whether principal holds any role anywhere in the
// subscription: ARM lists a subscription to such a caller.
func (s *SubscriptionView) Assigned(principal string) bool {
	for _, a := range s.Assignments {
		if strings.EqualFold(a.PrincipalID, principal) {
			return true
		}
	}
	return false
}

// Allowed reports whether principal may perform action on the
// subscription (group "") or on one resource group: some assignment at
// that scope or above has a role whose Actions match and whose NotActions
// do not.
func (s *SubscriptionView) Allowed(principal, action, group string) bool {
	for _, a := range s.Assignments {
		if !strings.EqualFold(a.PrincipalID, principal) {
			continue
		}
		if a.ResourceGroup != "" && !strings.EqualFold(a.ResourceGroup, group) {
			continue
		}
		if a.Definition.Permits(action) {
			return true
		}
	}
	return false
}

// ErrNoSuchSubscription is returned when an Azure change names a
// subscription that does not exist.
var ErrNoSuchSubscription = errors.New("no such subscription")

// PutResourceGroup creates or updates a resource group; created reports
// which.
func (p *Provider) PutResourceGroup(subID string, rg ResourceGroup) (created bool, err error) {
	err = p.Update(func(s *Seed) error {
		sub := findSubscription(s, subID)
		if sub == nil {
			return ErrNoSuchSubscription
		}
		for i := range sub.ResourceGroups {
			if strings.EqualFold(sub.ResourceGroups[i].Name, rg.Name) {
				rg.Name = sub.ResourceGroups[i].Name
				sub.ResourceGroups[i] = rg
				return nil
			}
		}
		created = true
		sub.ResourceGroups = append(sub.ResourceGroups, rg)
		return nil
	})
	return created, err
}

// DeleteResourceGroup removes a resource group and the role assignments
// scoped to it; found is false when there was none.
func (p *Provider) DeleteResourceGroup(subID, name string) (found bool, err error) {
	err = p.Update(func(s *Seed) error {
		sub := findSubscription(s, subID)
		if sub == nil {
			return ErrNoSuchSubscription
		}
		groups := sub.ResourceGroups[:0]
		for _, rg := range sub.ResourceGroups {
			if strings.EqualFold(rg.Name, name) {
				found = true
				continue
			}
			groups = append(groups, rg)
		}
		sub.ResourceGroups = groups
		assignments := sub.RoleAssignments[:0]
		for _, ra := range sub.RoleAssignments {
			if !strings.EqualFold(ra.ResourceGroup, name) {
				assignments = append(assignments, ra)
			}
		}
		sub.RoleAssignments = assignments
		return nil
	})
	return found, err
}

// RemoveRoleAssignments deletes every role assignment of principal in the
// subscription and reports how many there were.
func (p *Provider) RemoveRoleAssignments(subID, principal string) (removed int, err error) {
	err = p.Update(func(s *Seed) error {
		sub := findSubscription(s, subID)
		if sub == nil {
			return ErrNoSuchSubscription
		}
		kept := sub.RoleAssignments[:0]
		for _, ra := range sub.RoleAssignments {
			if strings.EqualFold(ra.PrincipalID, principal) {
				removed++
				continue
			}
			kept = append(kept, ra)
		}
		sub.RoleAssignments = kept
		return nil
	})
	return removed, err
}

func findSubscription(s *Seed, id string) *Subscription {
	for i := range s.Subscriptions {
		if strings.EqualFold(s.Subscriptions[i].ID, id) {
			return &s.Subscriptions[i]
		}
	}
	return nil
}
