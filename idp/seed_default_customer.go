package idp

import "github.com/mockidp/mockidp/clouds"

// The default seed's customer tenant and the vendor's multi-tenant app,
// for the vendor flow README.md walks through: the app is registered in
// the default (vendor) tenant and not yet consented in the customer's.
const (
	DefaultCustomerTenantID = "8f2e4d6c-1b3a-4c5d-9e7f-0a1b2c3d4e5f"
	DefaultCustomerDomain   = "woodgrove.com"
	DefaultCustomerAdminID  = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	DefaultCustomerAdminUPN = "megan@" + DefaultCustomerDomain
	DefaultCustomerUserID   = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
	DefaultCustomerUserUPN  = "lee@" + DefaultCustomerDomain

	DefaultVendorClientID = "a7c9e1f3-5b7d-4f9a-8c1e-3d5f7a9b1c3e"
	DefaultVendorSecret   = "mockidp-vendor-secret"
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
