package idp_test

import (
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// A validated token carries the directory snapshot it was checked
// against, and a resource answering from it sees that directory whole
// while a writer removes the caller's subscription, users and role
// assignments: no mix of before and after within one request.
func TestValidTokenKeepsItsSnapshot(t *testing.T) {
	p := newProvider(t, nil)
	caller, armErr := p.ValidateARMToken(clouds.Public, "Bearer "+signTest(t, p, nil, nil))
	if armErr != nil {
		t.Fatal(armErr)
	}
	err := p.Update(func(s *idp.Seed) error {
		s.Subscriptions = nil
		for i := range s.Tenants {
			s.Tenants[i].Users, s.Tenants[i].Computes = nil, nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Subscriptions()) != 0 {
		t.Fatal("the update did not remove the subscriptions")
	}
	sub, ok := caller.Directory.Subscription(idp.DefaultSubscriptionID)
	if !ok || !sub.Assigned(caller.ObjectID) || len(caller.Directory.Subscriptions()) == 0 {
		t.Error("the request's snapshot lost the subscription a later writer removed")
	}
	if sub.Tenant.ID != caller.Tenant.ID {
		t.Errorf("subscription's tenant %s, caller's %s", sub.Tenant.ID, caller.Tenant.ID)
	}
	if _, ok := caller.Tenant.User(idp.DefaultUserID); !ok {
		t.Error("the request's tenant view lost the caller")
	}
	now, _ := p.Directory().TenantByID(idp.DefaultTenantID)
	if _, ok := now.User(idp.DefaultUserID); ok {
		t.Error("a new snapshot still has the removed user")
	}
}
