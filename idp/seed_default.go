package idp

import (
	_ "embed"
	"encoding/pem"
	"strings"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/seed"
)

// The default seed's fixed identifiers (package seed documents them).
const (
	DefaultTenantID        = seed.DefaultTenantID
	DefaultUSGovTenantID   = seed.DefaultUSGovTenantID
	DefaultChinaTenantID   = seed.DefaultChinaTenantID
	DefaultGermanyTenantID = seed.DefaultGermanyTenantID
	DefaultDaemonClientID  = seed.DefaultDaemonClientID
	DefaultDaemonSecret    = seed.DefaultDaemonSecret
	DefaultCLIClientID     = seed.DefaultCLIClientID
	DefaultAPIClientID     = seed.DefaultAPIClientID
	DefaultAPISecret       = seed.DefaultAPISecret
	DefaultAPIURI          = seed.DefaultAPIURI
	DefaultUserID          = seed.DefaultUserID
	DefaultUserName        = seed.DefaultUserName
	DefaultUserPassword    = seed.DefaultUserPassword
)

// DaemonCredentialPEM is the certificate and private key of the default
// daemon app. It is public test material: never trust it outside tests.
//
//go:embed defaults/daemon-credential.pem
var DaemonCredentialPEM []byte

// DaemonCertificatePEM is the certificate part of DaemonCredentialPEM.
func DaemonCertificatePEM() string {
	b, _ := pem.Decode(DaemonCredentialPEM)
	return string(pem.EncodeToMemory(b))
}

// defaultTenants names each cloud's default tenant and its domain.
var defaultTenants = []struct{ cloud, id, name, domain string }{
	{clouds.Public.Name, DefaultTenantID, "Contoso", "contoso.onmicrosoft.com"},
	{clouds.USGovernment.Name, DefaultUSGovTenantID, "Contoso Government", "contosogov.onmicrosoft.us"},
	{clouds.China.Name, DefaultChinaTenantID, "Contoso China", "contosocn.partner.onmschina.cn"},
	{clouds.Germany.Name, DefaultGermanyTenantID, "Contoso Germany", "contosode.onmicrosoft.de"},
}

// DefaultSeed is the world `mockidp` starts with when given no seed.
func DefaultSeed() Seed {
	var s Seed
	for _, d := range defaultTenants {
		s.Tenants = append(s.Tenants, defaultTenant(d.cloud, d.id, d.name, d.domain))
		s.Subscriptions = append(s.Subscriptions, defaultSubscription(mustCloud(d.cloud), d.id))
	}
	s.Tenants[0] = withDefaultComputes(s.Tenants[0], "https://"+clouds.Public.GraphHost)
	s.Subscriptions[0].RoleAssignments = append(s.Subscriptions[0].RoleAssignments, defaultIdentityRoles(s.Tenants[0])...)
	s.Tenants[0].Applications = append(s.Tenants[0].Applications, vendorApp())
	s.Tenants[0].Users[0].Roles = []string{"Global Administrator"}
	s.Tenants = append(s.Tenants, customerTenant())
	return s
}

// DefaultUserUPN is the default user's sign-in name in a default tenant
// domain.
func DefaultUserUPN(domain string) string { return DefaultUserName + "@" + domain }

func defaultTenant(cloud, id, name, domain string) Tenant {
	graph := "https://" + mustCloud(cloud).GraphHost
	return Tenant{
		ID: id, DisplayName: name, Cloud: cloud, Domains: []string{domain},
		Applications: []Application{
			{ClientID: DefaultDaemonClientID, DisplayName: "mockidp daemon",
				Secrets:      []Secret{{ID: "daemon-secret", Value: DefaultDaemonSecret}},
				Certificates: []Certificate{{ID: "daemon-cert", PEM: DaemonCertificatePEM()}},
				AppRoleAssignments: []RoleAssignment{
					{Resource: graph, Roles: []string{"User.Read.All", "Directory.Read.All"}},
					{Resource: DefaultAPIURI, Roles: []string{"Tasks.Read.All"}},
				}},
			{ClientID: DefaultCLIClientID, DisplayName: "mockidp CLI", PublicClient: true,
				RedirectURIs: []string{"http://localhost"},
				ConsentGrants: []ConsentGrant{
					{Resource: graph, Scopes: []string{"User.Read", "openid", "profile", "email", "offline_access"}},
					{Resource: DefaultAPIURI, Scopes: []string{"access_as_user"}},
				}},
			{ClientID: DefaultAPIClientID, DisplayName: "mockidp Tasks API", AccessTokenVersion: 2,
				IdentifierURIs: []string{DefaultAPIURI, "api://" + DefaultAPIClientID},
				Secrets:        []Secret{{ID: "api-secret", Value: DefaultAPISecret}},
				Scopes:         []Permission{{ID: DerivedGUID(DefaultAPIClientID, "access_as_user"), Value: "access_as_user", Description: "Access the Tasks API as the signed-in user"}},
				AppRoles: []Permission{
					{ID: DerivedGUID(DefaultAPIClientID, "Tasks.Read.All"), Value: "Tasks.Read.All", Description: "Read all tasks"},
					{ID: DerivedGUID(DefaultAPIClientID, "Tasks.ReadWrite.All"), Value: "Tasks.ReadWrite.All", Description: "Read and write all tasks"},
				},
				ConsentGrants: []ConsentGrant{{Resource: graph, Scopes: []string{"User.Read"}}}},
		},
		Users: []User{{ObjectID: DefaultUserID, UserPrincipalName: DefaultUserUPN(domain),
			DisplayName: "Alex Wilber", GivenName: "Alex", Surname: "Wilber", Mail: DefaultUserUPN(domain),
			Password: DefaultUserPassword}},
	}
}

func mustCloud(name string) *clouds.Cloud {
	c, ok := clouds.ByName(name)
	if !ok {
		panic("idp: unknown cloud " + strings.ToLower(name))
	}
	return c
}
