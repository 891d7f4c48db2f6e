package entra

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

type instanceDiscovery struct {
	TenantDiscoveryEndpoint string                    `json:"tenant_discovery_endpoint"`
	APIVersion              string                    `json:"api-version"`
	Metadata                []clouds.InstanceMetadata `json:"metadata"`
}

// InstanceDiscovery answers /common/discovery/instance from the tenant and
// host in authorization_endpoint: msal-go takes tenant_discovery_endpoint
// verbatim, so answering with /common would silently move it to the common
// tenant. A Microsoft host gets Entra's global alias list; any other host
// (mockidp on localhost, reached directly or through the proxy) is its own
// only alias. MSAL Python drops the port, so mockidp's own host name
// without a port means mockidp's base URL.
func (h *Handler) InstanceDiscovery(c echo.Context) error {
	u, err := url.Parse(c.QueryParam("authorization_endpoint"))
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return idp.ErrInvalidInstance.New()
	}
	// The escaped path keeps a tenant like "a%3Fb" from turning into a query.
	tenant, _, _ := strings.Cut(strings.TrimPrefix(u.EscapedPath(), "/"), "/")
	if tenant == "" {
		return idp.ErrInvalidInstance.New()
	}
	st := web.Site(c)
	base, metadata := "https://"+u.Host, clouds.LocalInstanceMetadata(u.Host)
	switch {
	case isCloudHost(u.Host):
		metadata = clouds.GlobalInstanceMetadata()
	case u.Port() == "" && strings.EqualFold(u.Hostname(), clouds.StripPort(st.Host())):
		base, metadata = st.BaseURL, clouds.LocalInstanceMetadata(st.Host())
	}
	version := c.QueryParam("api-version")
	if version == "" {
		version = "1.1"
	}
	return web.WriteJSON(c, http.StatusOK, instanceDiscovery{
		TenantDiscoveryEndpoint: base + "/" + tenant + "/v2.0/.well-known/openid-configuration",
		APIVersion:              version, Metadata: metadata,
	})
}

func isCloudHost(host string) bool {
	_, ok := clouds.ByLoginHost(host)
	return ok
}
