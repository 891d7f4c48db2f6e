package seed

// The default seed's customer tenant and the vendor's multi-tenant app
// (README.md, "A vendor's multi-tenant app"): the app is registered in
// the default tenant and not yet consented in the customer's.
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
