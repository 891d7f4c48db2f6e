package entra

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
)

// UserRealmPrefix is routed case-insensitively: msal-go asks for
// /common/UserRealm/…, MSAL Python for /common/userrealm/….
const UserRealmPrefix = "/common/userrealm/"

type userRealm struct {
	Ver         string `json:"ver"`
	AccountType string `json:"account_type"`
	DomainName  string `json:"domain_name"`
	// The federation fields come only for a Federated account, between
	// domain_name and cloud_instance_name as Entra orders them.
	FederationProtocol      string `json:"federation_protocol,omitempty"`
	FederationMetadataURL   string `json:"federation_metadata_url,omitempty"`
	FederationActiveAuthURL string `json:"federation_active_auth_url,omitempty"`
	CloudInstanceName       string `json:"cloud_instance_name"`
	CloudAudienceURN        string `json:"cloud_audience_urn"`
}

// NormaliseUserRealm lower-cases the user-realm route prefix before routing.
func NormaliseUserRealm(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		p := r.URL.Path
		if len(p) >= len(UserRealmPrefix) && strings.EqualFold(p[:len(UserRealmPrefix)], UserRealmPrefix) {
			r.URL.Path = UserRealmPrefix + p[len(UserRealmPrefix):]
			r.URL.RawPath = ""
		}
		return next(c)
	}
}

// UserRealm is home-realm discovery: a user of a tenant's domain is a
// managed (cloud) account, of a federated domain a Federated one with its
// WS-Trust endpoints; a domain no tenant owns is "Unknown". msal-go needs
// the four common fields before it sends a password grant.
func (h *Handler) UserRealm(c echo.Context) error {
	st := web.Site(c)
	upn := c.Param("upn")
	_, domain, _ := strings.Cut(upn, "@")
	out := userRealm{Ver: "1.0", AccountType: "Unknown", DomainName: domain,
		CloudInstanceName: st.Cloud.InstanceName, CloudAudienceURN: st.Cloud.AudienceURN}
	if t, err := h.IDP.Directory.TenantOfUser(st, upn); err == nil {
		out.AccountType = "Managed"
		if f, ok := t.FederationOf(st, upn); ok {
			out.AccountType, out.FederationProtocol = "Federated", f.Protocol
			out.FederationMetadataURL, out.FederationActiveAuthURL = f.MetadataURL, f.ActiveAuthURL
		}
	}
	return web.WriteJSON(c, http.StatusOK, out)
}
