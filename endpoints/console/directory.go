package console

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// TenantRow is a tenant on the overview.
type TenantRow struct {
	ID, Name, Cloud              string
	Domains                      []string
	Apps, Users, Identities, SPs int
}

// OverviewData is the console's home page.
type OverviewData struct {
	Frame
	Tenants                              []TenantRow
	Scenarios, Pending, Requests, Tokens int
	DefaultTenant                        string
}

func (h *Handler) overview(c echo.Context) error {
	d := OverviewData{Frame: h.frame("", "mockidp console"), Scenarios: len(h.Scenarios.List()),
		Pending: len(h.IDP.PendingDeviceCodes(maxRows)), Requests: len(h.Journal.Requests()), Tokens: len(h.Journal.TokensWhere(noFilter))}
	for _, t := range h.IDP.Seed().Tenants {
		d.Tenants = append(d.Tenants, TenantRow{ID: t.ID, Name: t.DisplayName, Cloud: cloudOf(t), Domains: t.Domains,
			Apps: len(t.Applications), Users: len(t.Users), Identities: len(t.ManagedIdentities), SPs: len(t.ServicePrincipals)})
	}
	if len(d.Tenants) > 0 {
		d.DefaultTenant = d.Tenants[0].ID
	}
	return render(c, http.StatusOK, "overview.html", d)
}

// TenantPage is a directory page about one tenant, with tabs to the
// others.
type TenantPage struct {
	Frame
	Tenants []NavLink
	Tenant  idp.Tenant
	Cloud   string
}

// tenantPage picks the tenant the query names (?tenant=), else the first.
func (h *Handler) tenantPage(c echo.Context, slug, title string) (TenantPage, bool) {
	p := TenantPage{Frame: h.frame(slug, title)}
	tenants := h.IDP.Seed().Tenants
	want := c.QueryParam("tenant")
	i := slices.IndexFunc(tenants, func(t idp.Tenant) bool { return t.ID == want })
	if want == "" && len(tenants) > 0 {
		i = 0
	}
	for j, t := range tenants {
		p.Tenants = append(p.Tenants, NavLink{Href: pagesDir + "/" + slug + "?tenant=" + t.ID,
			Title: t.DisplayName + " (" + cloudOf(t) + ")", Active: j == i})
	}
	if i < 0 {
		return p, false
	}
	p.Tenant, p.Cloud = tenants[i], cloudOf(tenants[i])
	return p, true
}

// AppsData is the applications page.
type AppsData struct {
	TenantPage
	Apps []AppCard
}

// tenantView renders the page show makes of the tenant the query names;
// an unknown tenant is a 404 page.
func (h *Handler) tenantView(c echo.Context, slug, title, template string, show func(TenantPage) any) error {
	p, ok := h.tenantPage(c, slug, title)
	if !ok {
		return errorPage(c, http.StatusNotFound, "no tenant "+c.QueryParam("tenant")+" in the directory")
	}
	return render(c, http.StatusOK, template, show(p))
}

func (h *Handler) apps(c echo.Context) error {
	return h.tenantView(c, "apps", "Applications", "apps.html", func(p TenantPage) any {
		names := h.resourceNames(p.Tenant)
		now := h.IDP.Clock().Now()
		d := AppsData{TenantPage: p}
		for _, a := range p.Tenant.Applications {
			d.Apps = append(d.Apps, appCard(a, names, now))
		}
		return d
	})
}

// UsersData is the users page.
type UsersData struct {
	TenantPage
	Users []idp.User
}

func (h *Handler) users(c echo.Context) error {
	return h.tenantView(c, "users", "Users", "users.html", func(p TenantPage) any {
		return UsersData{TenantPage: p, Users: p.Tenant.Users}
	})
}

// IdentitiesData is the managed-identities page.
type IdentitiesData struct {
	TenantPage
	Identities []IdentityRow
	Computes   []idp.Compute
}

// IdentityRow is a managed identity with its role assignments named.
type IdentityRow struct {
	idp.ManagedIdentity
	Roles []PermRow
}

func (h *Handler) identities(c echo.Context) error {
	return h.tenantView(c, "identities", "Managed identities", "identities.html", func(p TenantPage) any {
		names := h.resourceNames(p.Tenant)
		d := IdentitiesData{TenantPage: p, Computes: p.Tenant.Computes}
		for _, mi := range p.Tenant.ManagedIdentities {
			d.Identities = append(d.Identities, IdentityRow{ManagedIdentity: mi, Roles: roleRows(mi.AppRoleAssignments, names)})
		}
		return d
	})
}
