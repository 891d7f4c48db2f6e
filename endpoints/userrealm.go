package endpoints

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
)

// userRealmPrefix is routed case-insensitively: msal-go asks for
// /common/UserRealm/…, MSAL Python for /common/userrealm/….
const userRealmPrefix = "/common/userrealm/"

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

// normaliseUserRealm lower-cases the user-realm route prefix before routing.
func normaliseUserRealm(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		p := r.URL.Path
		if len(p) >= len(userRealmPrefix) && strings.EqualFold(p[:len(userRealmPrefix)], userRealmPrefix) {
			r.URL.Path = userRealmPrefix + p[len(userRealmPrefix):]
			r.URL.RawPath = ""
		}
		return next(c)
	}
}

// userRealm is home-realm discovery: a user of a tenant's domain is a
// managed (cloud) account, of a federated domain a Federated one with its
// WS-Trust endpoints; a domain no tenant owns is "Unknown". msal-go needs
// the four common fields before it sends a password grant.
func (s *Server) userRealm(c echo.Context) error {
	st := web.Site(c)
	upn := c.Param("upn")
	_, domain, _ := strings.Cut(upn, "@")
	out := userRealm{Ver: "1.0", AccountType: "Unknown", DomainName: domain,
		CloudInstanceName: st.Cloud.InstanceName, CloudAudienceURN: st.Cloud.AudienceURN}
	if t, err := s.idp.TenantOfUser(st, upn); err == nil {
		out.AccountType = "Managed"
		if f, ok := t.FederationOf(st, upn); ok {
			out.AccountType, out.FederationProtocol = "Federated", f.Protocol
			out.FederationMetadataURL, out.FederationActiveAuthURL = f.MetadataURL, f.ActiveAuthURL
		}
	}
	return web.WriteJSON(c, http.StatusOK, out)
}
