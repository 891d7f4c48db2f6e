package entra

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// openIDConfigV2 is the v2 metadata document, keys in Entra's order.
type openIDConfigV2 struct {
	TokenEndpoint               string   `json:"token_endpoint"`
	TokenEndpointAuthMethods    []string `json:"token_endpoint_auth_methods_supported"`
	JWKSURI                     string   `json:"jwks_uri"`
	ResponseModes               []string `json:"response_modes_supported"`
	SubjectTypes                []string `json:"subject_types_supported"`
	IDTokenSigningAlgs          []string `json:"id_token_signing_alg_values_supported"`
	ResponseTypes               []string `json:"response_types_supported"`
	Scopes                      []string `json:"scopes_supported"`
	Issuer                      string   `json:"issuer"`
	RequestURIParameter         bool     `json:"request_uri_parameter_supported"`
	UserinfoEndpoint            string   `json:"userinfo_endpoint"`
	AuthorizationEndpoint       string   `json:"authorization_endpoint"`
	DeviceAuthorizationEndpoint string   `json:"device_authorization_endpoint"`
	HTTPLogout                  bool     `json:"http_logout_supported"`
	FrontchannelLogout          bool     `json:"frontchannel_logout_supported"`
	EndSessionEndpoint          string   `json:"end_session_endpoint"`
	Claims                      []string `json:"claims_supported"`
	KerberosEndpoint            string   `json:"kerberos_endpoint"`
	cloudFields
}

// openIDConfigV1 is the v1 metadata document.
type openIDConfigV1 struct {
	TokenEndpoint               string   `json:"token_endpoint"`
	TokenEndpointAuthMethods    []string `json:"token_endpoint_auth_methods_supported"`
	JWKSURI                     string   `json:"jwks_uri"`
	ResponseModes               []string `json:"response_modes_supported"`
	SubjectTypes                []string `json:"subject_types_supported"`
	IDTokenSigningAlgs          []string `json:"id_token_signing_alg_values_supported"`
	ResponseTypes               []string `json:"response_types_supported"`
	Scopes                      []string `json:"scopes_supported"`
	Issuer                      string   `json:"issuer"`
	MultiRefreshToken           bool     `json:"microsoft_multi_refresh_token"`
	AuthorizationEndpoint       string   `json:"authorization_endpoint"`
	DeviceAuthorizationEndpoint string   `json:"device_authorization_endpoint"`
	HTTPLogout                  bool     `json:"http_logout_supported"`
	FrontchannelLogout          bool     `json:"frontchannel_logout_supported"`
	EndSessionEndpoint          string   `json:"end_session_endpoint"`
	Claims                      []string `json:"claims_supported"`
	CheckSessionIframe          string   `json:"check_session_iframe"`
	UserinfoEndpoint            string   `json:"userinfo_endpoint"`
	KerberosEndpoint            string   `json:"kerberos_endpoint"`
	cloudFields
}

// cloudFields close both documents; tenant_region_scope is null for the
// tenant aliases.
type cloudFields struct {
	TenantRegionScope    *string `json:"tenant_region_scope"`
	TenantRegionSubScope string  `json:"tenant_region_sub_scope,omitempty"`
	CloudInstanceName    string  `json:"cloud_instance_name"`
	CloudGraphHostName   string  `json:"cloud_graph_host_name"`
	MSGraphHost          string  `json:"msgraph_host"`
	RBACURL              string  `json:"rbac_url"`
}

var (
	authMethods = []string{"client_secret_post", "private_key_jwt", "client_secret_basic"}
	modes       = []string{"query", "fragment", "form_post"}
	claimsV2    = []string{"sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name",
		"msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username",
		"name", "tid", "ver", "at_hash", "c_hash", "email"}
	claimsV1 = []string{"sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name",
		"msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "amr", "nonce", "email",
		"given_name", "family_name", "nickname"}
)

// tenantPaths is what a metadata document says about the tenant: the path
// segment endpoints use (the GUID for a tenant, the alias itself for
// common/organizations/consumers) and the tenant ID in the issuer.
type tenantPaths struct{ segment, issuerTenant string }

func metadataTenant(ref idp.TenantRef) tenantPaths {
	switch {
	case ref.Tenant != nil:
		return tenantPaths{ref.Tenant.ID, ref.Tenant.ID}
	case ref.Alias == idp.TenantConsumers:
		return tenantPaths{ref.Alias, idp.ConsumersTenantID}
	default:
		return tenantPaths{ref.Alias, "{tenantid}"}
	}
}

func cloudFieldsOf(st idp.Site, ref idp.TenantRef) cloudFields {
	f := cloudFields{CloudInstanceName: st.Cloud.InstanceName, CloudGraphHostName: st.Cloud.AADGraphHost,
		MSGraphHost: st.Cloud.GraphHost, RBACURL: st.Cloud.RBACURL}
	if ref.Tenant != nil {
		scope := ref.Tenant.RegionScope()
		f.TenantRegionScope = &scope
		f.TenantRegionSubScope = st.Cloud.RegionSubScope
	}
	return f
}

// OpenIDConfigurationV2 is the v2 metadata document of a tenant.
func (h *Handler) OpenIDConfigurationV2(c echo.Context) error {
	ref, err := h.resolveTenant(c)
	if err != nil {
		return err
	}
	st, tp := web.Site(c), metadataTenant(ref)
	base := st.URL("/" + tp.segment)
	return web.WriteJSON(c, http.StatusOK, openIDConfigV2{
		TokenEndpoint: base + "/oauth2/v2.0/token", TokenEndpointAuthMethods: authMethods,
		JWKSURI: base + "/discovery/v2.0/keys", ResponseModes: modes,
		SubjectTypes: []string{"pairwise"}, IDTokenSigningAlgs: []string{"RS256"},
		ResponseTypes:         []string{"code", "id_token", "code id_token", "id_token token"},
		Scopes:                []string{"openid", "profile", "email", "offline_access"},
		Issuer:                st.V2Issuer(tp.issuerTenant),
		UserinfoEndpoint:      "https://" + st.Cloud.GraphHost + "/oidc/userinfo",
		AuthorizationEndpoint: base + "/oauth2/v2.0/authorize", DeviceAuthorizationEndpoint: base + "/oauth2/v2.0/devicecode",
		HTTPLogout: true, FrontchannelLogout: true, EndSessionEndpoint: base + "/oauth2/v2.0/logout",
		Claims: claimsV2, KerberosEndpoint: base + "/kerberos", cloudFields: cloudFieldsOf(st, ref),
	})
}

// OpenIDConfigurationV1 is the v1 metadata document of a tenant.
func (h *Handler) OpenIDConfigurationV1(c echo.Context) error {
	ref, err := h.resolveTenant(c)
	if err != nil {
		return err
	}
	st, tp := web.Site(c), metadataTenant(ref)
	base := st.URL("/" + tp.segment)
	return web.WriteJSON(c, http.StatusOK, openIDConfigV1{
		TokenEndpoint: base + "/oauth2/token", TokenEndpointAuthMethods: authMethods,
		// Entra's v1 documents point at the common key set even for a tenant.
		JWKSURI: st.URL("/common/discovery/keys"), ResponseModes: modes,
		SubjectTypes: []string{"pairwise"}, IDTokenSigningAlgs: []string{"RS256"},
		ResponseTypes:     []string{"code", "id_token", "code id_token", "token id_token", "token"},
		Scopes:            []string{"openid"},
		Issuer:            st.V1Issuer(tp.issuerTenant),
		MultiRefreshToken: true, AuthorizationEndpoint: base + "/oauth2/authorize",
		DeviceAuthorizationEndpoint: base + "/oauth2/devicecode",
		HTTPLogout:                  true, FrontchannelLogout: true, EndSessionEndpoint: base + "/oauth2/logout",
		Claims: claimsV1, CheckSessionIframe: base + "/oauth2/checksession",
		UserinfoEndpoint: base + "/openid/userinfo", KerberosEndpoint: base + "/kerberos",
		cloudFields: cloudFieldsOf(st, ref),
	})
}
