package idp

import "strings"

// Federation is what home-realm discovery tells a client about a
// federated domain: where its (AD FS) WS-Trust endpoints are. mockidp
// does not emulate AD FS; the URLs are under mockidp's own base URL and
// answer 404, so a client that follows them fails loudly instead of
// reaching the network.
type Federation struct {
	Protocol, MetadataURL, ActiveAuthURL string
}

// FederationOf reports whether upn's domain is one of the tenant's
// federated domains, and its federation endpoints on site.
func (tv *TenantView) FederationOf(site Site, upn string) (Federation, bool) {
	_, domain, ok := strings.Cut(upn, "@")
	if !ok {
		return Federation{}, false
	}
	for _, d := range tv.FederatedDomains {
		if strings.EqualFold(d, domain) {
			base := "/_mockidp/federation/" + strings.ToLower(d) + "/adfs/services/trust"
			return Federation{Protocol: "WSTrust", MetadataURL: site.URL(base + "/mex"),
				ActiveAuthURL: site.URL(base + "/2005/usernamemixed")}, true
		}
	}
	return Federation{}, false
}
