package idp

import (
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mockidp/mockidp/clouds"
)

// directory is an immutable, indexed view of a Seed. Changes build a new
// one and swap it in whole.
type directory struct {
	seed    Seed
	tenants map[string]*TenantView // "cloud/" + lower(ID or domain)
	order   []*TenantView          // seed order
	issuers map[string]map[string]*rsa.PublicKey
	azure   *azureDirectory
	// registrations are the application registrations by cloud and
	// client ID, for multi-tenant lookups (multitenant.go).
	registrations map[string]*AppView
}

// TenantView is a tenant with its lookups.
type TenantView struct {
	*Tenant
	Cloud     *clouds.Cloud
	apps      map[string]*AppView // lower(client ID)
	resources map[string]*AppView // normalised identifier URI or client ID
	users     map[string]*User    // lower(object ID) and lower(UPN)

	identities  map[string]*AppView // user-assigned: lower(name, IDs)
	computeList []*ComputeView
	// registrations is the directory's, shared by its tenants.
	registrations map[string]*AppView
}

// AppView is an application with its parsed credentials.
type AppView struct {
	*Application
	Certs     []*ParsedCert
	firstPart bool
	// Identity is set when the "app" is a managed identity.
	Identity *ManagedIdentity
	// HomeTenantID is the tenant that registers the app ("" for
	// first-party apps); home is that tenant's view.
	HomeTenantID string
	home         *TenantView
	// provisional: a multi-tenant app seen from a tenant that has not
	// consented to it yet (no service principal there).
	provisional bool
}

// ParsedCert is a client certificate with the thumbprints clients send.
type ParsedCert struct {
	*x509.Certificate
	SHA1   [20]byte
	SHA256 [32]byte
	// Expires is when the credential stops working: NotAfter, or the
	// credential's own earlier expiry.
	Expires time.Time
}

func tenantKey(cloud, name string) string { return cloud + "/" + strings.ToLower(name) }

// resourceKey normalises a resource identifier: case and trailing slashes
// do not distinguish resources.
func resourceKey(id string) string { return strings.ToLower(strings.TrimRight(id, "/")) }

func buildDirectory(seed Seed) (*directory, error) {
	d := &directory{seed: seed, tenants: map[string]*TenantView{}}
	var errs []error
	issuers, err := parseTrustedIssuers(seed.TrustedIssuers)
	d.issuers = issuers
	errs = append(errs, err)
	for i := range seed.Tenants {
		t := &seed.Tenants[i]
		tv, err := buildTenant(t)
		if err != nil {
			errs = append(errs, fmt.Errorf("tenant %d (%s): %w", i, t.ID, err))
			continue
		}
		d.order = append(d.order, tv)
		for _, name := range append(append([]string{t.ID}, t.Domains...), t.FederatedDomains...) {
			k := tenantKey(tv.Cloud.Name, name)
			if _, dup := d.tenants[k]; dup {
				errs = append(errs, fmt.Errorf("tenant %d: %q already names another tenant in cloud %s", i, name, tv.Cloud.Name))
			}
			d.tenants[k] = tv
		}
	}
	errs = append(errs, d.linkServicePrincipals())
	az, err := buildAzure(&d.seed, d.tenantByID)
	d.azure = az
	return d, errors.Join(append(errs, err)...)
}

// cloudTenants is the one list of a cloud's tenants, in seed order.
func (d *directory) cloudTenants(cloud string) []*TenantView {
	var out []*TenantView
	for _, tv := range d.order {
		if tv.Cloud.Name == cloud {
			out = append(out, tv)
		}
	}
	return out
}

func (d *directory) tenantByID(id string) *TenantView {
	for _, t := range d.order {
		if strings.EqualFold(t.ID, id) {
			return t
		}
	}
	return nil
}

func buildTenant(t *Tenant) (*TenantView, error) {
	var errs []error
	if !IsGUID(t.ID) {
		errs = append(errs, fmt.Errorf("id %q is not a GUID", t.ID))
	}
	cloudName := t.Cloud
	if cloudName == "" {
		cloudName = clouds.Public.Name
	}
	c, ok := clouds.ByName(cloudName)
	if !ok {
		errs = append(errs, fmt.Errorf("unknown cloud %q", t.Cloud))
		c = clouds.Public
	}
	tv := &TenantView{Tenant: t, Cloud: c, apps: map[string]*AppView{},
		resources: map[string]*AppView{}, users: map[string]*User{}}
	for _, fp := range FirstPartyApps(c) {
		av := &AppView{Application: &fp, firstPart: true}
		fp.ServicePrincipalID = DerivedGUID(t.ID, fp.ClientID, "sp")
		tv.indexResource(av)
	}
	for i := range t.Applications {
		if err := tv.addApp(&t.Applications[i]); err != nil {
			errs = append(errs, fmt.Errorf("application %d (%s): %w", i, t.Applications[i].ClientID, err))
		}
	}
	tv.addFirstPartyClients()
	for i := range t.Users {
		if err := tv.addUser(&t.Users[i]); err != nil {
			errs = append(errs, fmt.Errorf("user %d: %w", i, err))
		}
	}
	errs = append(errs, tv.addComputes()...)
	return tv, errors.Join(errs...)
}

func (tv *TenantView) addApp(a *Application) error {
	if !IsGUID(a.ClientID) {
		return fmt.Errorf("client_id %q is not a GUID", a.ClientID)
	}
	if _, dup := tv.apps[strings.ToLower(a.ClientID)]; dup {
		return fmt.Errorf("client_id %s appears twice", a.ClientID)
	}
	if a.AccessTokenVersion != 0 && a.AccessTokenVersion != 1 && a.AccessTokenVersion != 2 {
		return fmt.Errorf("access_token_version %d is not 1 or 2", a.AccessTokenVersion)
	}
	if err := checkAudience(a); err != nil {
		return err
	}
	if a.ObjectID == "" {
		a.ObjectID = DerivedGUID(tv.ID, a.ClientID, "app")
	}
	if a.ServicePrincipalID == "" {
		a.ServicePrincipalID = DerivedGUID(tv.ID, a.ClientID, "sp")
	}
	av := &AppView{Application: a, HomeTenantID: tv.ID, home: tv}
	for i, c := range a.Certificates {
		pc, err := ParseCertificatePEM([]byte(c.PEM))
		if err != nil {
			return fmt.Errorf("certificate %d: %w", i, err)
		}
		if !c.Expires.IsZero() && c.Expires.Before(pc.Expires) {
			pc.Expires = c.Expires
		}
		av.Certs = append(av.Certs, pc)
	}
	tv.apps[strings.ToLower(a.ClientID)] = av
	tv.indexResource(av)
	return nil
}

func (tv *TenantView) indexResource(av *AppView) {
	tv.resources[resourceKey(av.ClientID)] = av
	for _, u := range av.IdentifierURIs {
		tv.resources[resourceKey(u)] = av
	}
}

func (tv *TenantView) addUser(u *User) error {
	if !IsGUID(u.ObjectID) {
		return fmt.Errorf("id %q is not a GUID", u.ObjectID)
	}
	if !strings.Contains(u.UserPrincipalName, "@") {
		return fmt.Errorf("upn %q is not user@domain", u.UserPrincipalName)
	}
	if err := checkRoles(u); err != nil {
		return err
	}
	tv.users[strings.ToLower(u.ObjectID)] = u
	tv.users[strings.ToLower(u.UserPrincipalName)] = u
	return nil
}

// App finds a registered (not first-party) application by client ID.
func (tv *TenantView) App(clientID string) (*AppView, bool) {
	a, ok := tv.apps[strings.ToLower(clientID)]
	return a, ok
}

// Resource finds the API named by an identifier URI or client ID,
// first-party APIs included.
func (tv *TenantView) Resource(id string) (*AppView, bool) {
	a, ok := tv.resources[resourceKey(id)]
	return a, ok
}

// User finds a user by object ID or UPN.
func (tv *TenantView) User(idOrUPN string) (*User, bool) {
	u, ok := tv.users[strings.ToLower(idOrUPN)]
	return u, ok
}

// DefaultDomain is the tenant's first domain, or its ID without one.
func (tv *TenantView) DefaultDomain() string {
	if len(tv.Domains) > 0 {
		return tv.Domains[0]
	}
	return tv.ID
}

// RegionScope is the tenant_region_scope of the tenant.
func (tv *TenantView) RegionScope() string {
	if tv.Tenant.RegionScope != "" {
		return tv.Tenant.RegionScope
	}
	return tv.Cloud.RegionScope
}

// RolesOn lists the app roles of resource granted to app.
func (a *AppView) RolesOn(resource *AppView) []string {
	var roles []string
	for _, ra := range a.AppRoleAssignments {
		if resourceMatches(resource, ra.Resource) {
			roles = append(roles, ra.Roles...)
		}
	}
	return roles
}

func resourceMatches(a *AppView, id string) bool {
	k := resourceKey(id)
	if k == resourceKey(a.ClientID) {
		return true
	}
	for _, u := range a.IdentifierURIs {
		if k == resourceKey(u) {
			return true
		}
	}
	return false
}

// ParseCertificatePEM parses the first certificate in a PEM block list and
// computes its thumbprints.
func ParseCertificatePEM(data []byte) (*ParsedCert, error) {
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return nil, errors.New("no PEM CERTIFICATE block")
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse certificate: %w", err)
		}
		return &ParsedCert{Certificate: c, SHA1: sha1.Sum(c.Raw), SHA256: sha256.Sum256(c.Raw), Expires: c.NotAfter}, nil
	}
}
