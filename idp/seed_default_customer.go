package idp

import (
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/seed"
)

// The default seed's customer tenant and vendor app (package seed
// documents them).
const (
	DefaultCustomerTenantID = seed.DefaultCustomerTenantID
	DefaultCustomerDomain   = seed.DefaultCustomerDomain
	DefaultCustomerAdminID  = seed.DefaultCustomerAdminID
	DefaultCustomerAdminUPN = seed.DefaultCustomerAdminUPN
	DefaultCustomerUserID   = seed.DefaultCustomerUserID
	DefaultCustomerUserUPN  = seed.DefaultCustomerUserUPN
	DefaultVendorClientID   = seed.DefaultVendorClientID
	DefaultVendorSecret     = seed.DefaultVendorSecret
)

// vendorApp is the multi-tenant app the default tenant publishes: it asks
// for User.Read (delegated) and User.Read.All (application) on Graph and
// has no public client flows.
func vendorApp() Application {
	graph := "https://" + clouds.Public.GraphHost
	return Application{ClientID: DefaultVendorClientID, DisplayName: "mockidp vendor app",
		SignInAudience: AudienceMultipleOrgs,
		Secrets:        []Secret{{ID: "vendor-secret", Value: DefaultVendorSecret}},
		RedirectURIs:   []string{"http://localhost"},
		RequiredPermissions: []RequiredPermission{
			{Resource: graph, Scopes: []string{"User.Read"}, Roles: []string{"User.Read.All"}},
		},
		ConsentGrants: []ConsentGrant{{Resource: graph, Scopes: []string{"User.Read"}}},
	}
}

// customerTenant is a second public-cloud organization with its own
// domain, an administrator and a user.
func customerTenant() Tenant {
	return Tenant{ID: DefaultCustomerTenantID, DisplayName: "Woodgrove Bank",
		Domains: []string{DefaultCustomerDomain, "woodgrovebank.onmicrosoft.com"},
		Users: []User{
			{ObjectID: DefaultCustomerAdminID, UserPrincipalName: DefaultCustomerAdminUPN, DisplayName: "Megan Bowen",
				GivenName: "Megan", Surname: "Bowen", Mail: DefaultCustomerAdminUPN, Password: DefaultUserPassword,
				Roles: []string{"Global Administrator"}},
			{ObjectID: DefaultCustomerUserID, UserPrincipalName: DefaultCustomerUserUPN, DisplayName: "Lee Gu",
				GivenName: "Lee", Surname: "Gu", Mail: DefaultCustomerUserUPN, Password: DefaultUserPassword},
		},
	}
}
