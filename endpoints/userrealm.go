package endpoints

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// userRealmPrefix is routed case-insensitively: msal-go asks for
// /common/UserRealm/…, MSAL Python for /common/userrealm/….
const userRealmPrefix = "/common/userrealm/"

type userRealm struct {
	Ver               string `json:"ver"`
	AccountType       string `json:"account_type"`
	DomainName        string `json:"domain_name"`
	CloudInstanceName string `json:"cloud_instance_name"`
	CloudAudienceURN  string `json:"cloud_audience_urn"`
}

// normaliseUserRealm lower-cases the user-realm route prefix before routing.
func normaliseUserRealm(r *http.Request) {
	p := r.URL.Path
	if len(p) >= len(userRealmPrefix) && strings.EqualFold(p[:len(userRealmPrefix)], userRealmPrefix) {
		r.URL.Path = userRealmPrefix + p[len(userRealmPrefix):]
		r.URL.RawPath = ""
	}
}

// userRealm is home-realm discovery: every mockidp user is a managed
// (cloud) account; a domain no tenant owns is "Unknown". msal-go needs all
// four fields before it sends a password grant.
func (s *Server) userRealm(c echo.Context) error {
	st := site(c)
	upn := c.Param("upn")
	_, domain, _ := strings.Cut(upn, "@")
	kind := "Unknown"
	if _, err := s.idp.TenantOfUser(st, upn); err == nil {
		kind = "Managed"
	}
	return writeJSON(c, http.StatusOK, userRealm{Ver: "1.0", AccountType: kind, DomainName: domain,
		CloudInstanceName: st.Cloud.InstanceName, CloudAudienceURN: st.Cloud.AudienceURN})
}
