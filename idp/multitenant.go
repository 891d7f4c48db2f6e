package idp

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mockidp/mockidp/seed"
)

// Sign-in audiences of an application registration (signInAudience).
const (
	AudienceMyOrg           = seed.AudienceMyOrg
	AudienceMultipleOrgs    = seed.AudienceMultipleOrgs
	AudienceOrgsAndPersonal = seed.AudienceOrgsAndPersonal
)

// ServicePrincipal is a multi-tenant app's service principal in a
// tenant other than its home.
type ServicePrincipal = seed.ServicePrincipal

// Directory roles that may grant consent for the whole tenant, with
// their role template IDs.
var consentAdminRoles = map[string]string{
	"global administrator":            "62e90394-69f5-4237-9190-012177145e10",
	"privileged role administrator":   "e8611ab8-c189-46e8-94e1-60213ab1f814",
	"cloud application administrator": "158c047a-c907-4556-b7ef-446551a6b5f7",
	"application administrator":       "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
}

func checkAudience(a *Application) error {
	switch a.SignInAudience {
	case "", AudienceMyOrg, AudienceMultipleOrgs, AudienceOrgsAndPersonal:
		return nil
	}
	return fmt.Errorf("sign_in_audience %q is not %s, %s or %s", a.SignInAudience, AudienceMyOrg, AudienceMultipleOrgs, AudienceOrgsAndPersonal)
}

// ConsentAdmin reports whether the user holds a role that may grant
// consent for the whole tenant.
func ConsentAdmin(u *User) bool {
	for _, r := range u.Roles {
		if _, ok := consentAdminRoles[strings.ToLower(r)]; ok {
			return true
		}
	}
	return false
}

func checkRoles(u *User) error {
	for _, r := range u.Roles {
		if _, ok := consentAdminRoles[strings.ToLower(r)]; !ok {
			return fmt.Errorf("role %q is not one of Global Administrator, Privileged Role Administrator, Cloud Application Administrator, Application Administrator", r)
		}
	}
	return nil
}

// registrationKey indexes application registrations across a cloud.
func registrationKey(cloud, clientID string) string { return tenantKey(cloud, clientID) }

// linkServicePrincipals indexes every application registration by cloud
// and client ID (the first tenant listing an app is its home) and adds
// each tenant's foreign service principals to its apps, composed of the
// home registration and the grants made in the tenant.
func (d *directory) linkServicePrincipals() error {
	d.registrations = map[string]*AppView{}
	for _, tv := range d.order {
		for _, av := range tv.apps {
			if av.HomeTenantID != tv.ID {
				continue // a first-party client
			}
			if _, seen := d.registrations[registrationKey(tv.Cloud.Name, av.ClientID)]; !seen {
				d.registrations[registrationKey(tv.Cloud.Name, av.ClientID)] = av
			}
		}
	}
	var errs []error
	for _, tv := range d.order {
		tv.registrations = d.registrations
		for i := range tv.ServicePrincipals {
			if err := tv.addServicePrincipal(&tv.ServicePrincipals[i]); err != nil {
				errs = append(errs, fmt.Errorf("tenant %s: service principal %d (%s): %w", tv.ID, i, tv.ServicePrincipals[i].AppID, err))
			}
		}
	}
	return errors.Join(errs...)
}

func (tv *TenantView) addServicePrincipal(sp *ServicePrincipal) error {
	reg, ok := tv.registrations[registrationKey(tv.Cloud.Name, sp.AppID)]
	switch {
	case !ok:
		return fmt.Errorf("no tenant of cloud %s registers application %s", tv.Cloud.Name, sp.AppID)
	case reg.HomeTenantID == tv.ID:
		return errors.New("the tenant registers the application itself; its service principal is the application entry")
	case !reg.MultiTenant():
		return fmt.Errorf("application %s is single-tenant (sign_in_audience %s) in its home tenant %s", sp.AppID, AudienceMyOrg, reg.HomeTenantID)
	case sp.ObjectID != "" && !IsGUID(sp.ObjectID):
		return fmt.Errorf("id %q is not a GUID", sp.ObjectID)
	}
	if _, dup := tv.apps[strings.ToLower(sp.AppID)]; dup {
		if tv.apps[strings.ToLower(sp.AppID)].HomeTenantID != tv.ID {
			return errors.New("the application has two service principals in the tenant")
		}
	}
	if sp.ObjectID == "" {
		sp.ObjectID = DerivedGUID(tv.ID, sp.AppID, "sp")
	}
	av := reg.inTenant(tv, sp)
	tv.apps[strings.ToLower(sp.AppID)] = av
	tv.indexResource(av)
	return nil
}

// inTenant is the home registration as a tenant sees it through its
// service principal sp: the app's credentials, redirect URIs and API, the
// tenant's grants and object ID. A nil sp is the view before consent.
func (a *AppView) inTenant(tv *TenantView, sp *ServicePrincipal) *AppView {
	app := *a.Application
	app.AppRoleAssignments, app.ConsentGrants = nil, nil
	app.ServicePrincipalID = DerivedGUID(tv.ID, a.ClientID, "sp")
	if sp != nil {
		app.ServicePrincipalID = sp.ObjectID
		app.Disabled = app.Disabled || sp.Disabled
		app.AppRoleAssignments, app.ConsentGrants = sp.AppRoleAssignments, sp.ConsentGrants
	}
	return &AppView{Application: &app, Certs: a.Certs, HomeTenantID: a.HomeTenantID, home: a.home, provisional: sp == nil}
}

// Registration finds an application registered in any tenant of this
// tenant's cloud, by client ID.
func (tv *TenantView) Registration(clientID string) (*AppView, bool) {
	a, ok := tv.registrations[registrationKey(tv.Cloud.Name, clientID)]
	return a, ok
}

// Foreign reports whether the app's home is another tenant than the one
// the view belongs to.
func (a *AppView) Foreign(tv *TenantView) bool {
	return a.HomeTenantID != "" && a.HomeTenantID != tv.ID
}

// Provisional reports whether the view is of a multi-tenant app the
// tenant has not consented to yet: it has no service principal there,
// and consent creates one.
func (a *AppView) Provisional() bool { return a.provisional }

// ConsentableApp finds the app a user of tv may sign in to or consent
// to: one the tenant knows (its own, a consented one, a first-party
// client), or a multi-tenant app of another tenant, provisional until
// consent creates its service principal. A single-tenant app of another
// tenant is ErrUserNotInAppTenant for user (or 700016 without one).
func (tv *TenantView) ConsentableApp(clientID string, user *User) (*AppView, error) {
	if clientID == "" {
		return nil, ErrMissingParameter.New("client_id")
	}
	if app, ok := tv.App(clientID); ok {
		if app.Disabled {
			return nil, ErrAppDisabled.New(app.ClientID, app.DisplayName)
		}
		return app, nil
	}
	reg, ok := tv.Registration(clientID)
	switch {
	case !ok:
		return nil, ErrAppNotFound.New(clientID, tv.ID)
	case reg.MultiTenant():
		return reg.inTenant(tv, nil), nil
	case user != nil:
		return nil, ErrUserNotInAppTenant.New(user.UserPrincipalName, tv.STSIssuer(), reg.home.Name(), reg.ClientID, reg.DisplayName)
	}
	return nil, ErrAppNotFound.New(clientID, tv.ID)
}

// STSIssuer is the v1 issuer naming the tenant as an identity provider,
// as AADSTS50020 quotes it.
func (tv *TenantView) STSIssuer() string {
	return "https://" + tv.Cloud.V1IssuerHost + "/" + tv.ID + "/"
}

// Name is how Entra's messages name the tenant: its display name, else
// its ID.
func (tv *TenantView) Name() string {
	if tv.DisplayName != "" {
		return tv.DisplayName
	}
	return tv.ID
}
