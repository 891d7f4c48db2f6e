package clouds

import (
	"net"
	"strings"
)

// Cloud describes one national cloud of the Microsoft identity platform.
type Cloud struct {
	// Name is mockidp's short name: public, usgov, china or germany.
	Name string
	// Environment is the ARM/IMDS environment name, e.g. AzurePublicCloud.
	Environment string
	// LoginHost is the authority host clients are configured with.
	LoginHost string
	// LoginAliases are further login hosts of the same cloud.
	LoginAliases []string
	// V1IssuerHost is the host of v1.0 token issuers (https://{host}/{tid}/).
	V1IssuerHost string
	// V2IssuerHost is the host of v2.0 issuers (https://{host}/{tid}/v2.0);
	// it differs from LoginHost in China.
	V2IssuerHost string
	// InstanceName is cloud_instance_name in discovery documents.
	InstanceName string
	// AudienceURN is cloud_audience_urn in user-realm answers.
	AudienceURN string
	// GraphHost is the Microsoft Graph host (msgraph_host).
	GraphHost string
	// GraphAliases are other Graph hosts of the cloud (DoD Graph).
	GraphAliases []string
	// AADGraphHost is the legacy Azure AD Graph host (cloud_graph_host_name).
	AADGraphHost string
	// ARMEndpoint is the Azure Resource Manager URL.
	ARMEndpoint string
	// ARMAudiences are the token audiences ARM accepts; the first is the
	// one Azure CLI asks for.
	ARMAudiences []string
	// KeyVaultResource is the Key Vault token resource.
	KeyVaultResource string
	// KeyVaultSuffix is the vault DNS suffix.
	KeyVaultSuffix string
	// StorageResource is the Storage token resource.
	StorageResource string
	// StorageSuffix is the storage endpoint suffix.
	StorageSuffix string
	// RBACURL is rbac_url in discovery documents.
	RBACURL string
	// RegionScope is tenant_region_scope of this cloud's tenants by default.
	RegionScope string
	// RegionSubScope is tenant_region_sub_scope ("" when absent).
	RegionSubScope string
	// ErrorHost is the host of error_uri lookups.
	ErrorHost string
	// DeviceLoginPath is the path of the device-code verification page.
	DeviceLoginPath string
	// FederationAudience is the default audience of federated credentials.
	FederationAudience string
	// Port is the TCP port of the cloud's own listener by default; ports
	// are next to each other so `-p 8443-8446` publishes every cloud.
	Port string
	// ARM is what ARM's metadata documents add to the hosts above.
	ARM ARMFacts
	// Regions are the locations mockidp's ARM offers; Azure CLI maps display
	// names ("West US") to names through them.
	Regions []Region
	// CountryCode is the countryCode of the cloud's tenants in ARM.
	CountryCode string
	// DefaultSubscription is the default seed's subscription of the
	// cloud's default tenant.
	DefaultSubscription Subscription
}

// Public is Azure's global cloud.
var Public = &Cloud{
	Name:               "public",
	Environment:        "AzurePublicCloud",
	LoginHost:          "login.microsoftonline.com",
	LoginAliases:       []string{"login.windows.net", "login.microsoft.com", "sts.windows.net"},
	V1IssuerHost:       "sts.windows.net",
	V2IssuerHost:       "login.microsoftonline.com",
	InstanceName:       "microsoftonline.com",
	AudienceURN:        "urn:federation:MicrosoftOnline",
	GraphHost:          "graph.microsoft.com",
	AADGraphHost:       "graph.windows.net",
	ARMEndpoint:        "https://management.azure.com/",
	ARMAudiences:       []string{"https://management.core.windows.net/", "https://management.azure.com/"},
	KeyVaultResource:   "https://vault.azure.net",
	KeyVaultSuffix:     ".vault.azure.net",
	StorageResource:    "https://storage.azure.com/",
	StorageSuffix:      "core.windows.net",
	RBACURL:            "https://pas.windows.net",
	RegionScope:        "NA",
	ErrorHost:          "login.microsoftonline.com",
	DeviceLoginPath:    "/devicelogin",
	FederationAudience: "api://AzureADTokenExchange",
	Port:               "8443",
	ARM: ARMFacts{"AzureCloud", "https://portal.azure.com", "https://gallery.azure.com/", "https://batch.core.windows.net/",
		"https://rest.media.azure.net", "database.windows.net", "azurecr.io", "https://management.core.windows.net:8443/"},
	Regions: []Region{{"eastus", "East US"}, {"eastus2", "East US 2"}, {"centralus", "Central US"},
		{"westus", "West US"}, {"westus2", "West US 2"}, {"westus3", "West US 3"},
		{"northeurope", "North Europe"}, {"westeurope", "West Europe"}, {"uksouth", "UK South"},
		{"germanywestcentral", "Germany West Central"}, {"japaneast", "Japan East"},
		{"southeastasia", "Southeast Asia"}, {"australiaeast", "Australia East"}},
	CountryCode:         "US",
	DefaultSubscription: Subscription{"0f2e4d6c-8b1a-4c3e-9d5f-7a9b1c3d5e7f", "Contoso Development", "eastus"},
}

// USGovernment is Azure Government (Fairfax), home of GCC High and DoD
// tenants; the two differ in Graph host, not in login host.
var USGovernment = &Cloud{
	Name:               "usgov",
	Environment:        "AzureUSGovernmentCloud",
	LoginHost:          "login.microsoftonline.us",
	LoginAliases:       []string{"login.usgovcloudapi.net"},
	V1IssuerHost:       "sts.windows.net",
	V2IssuerHost:       "login.microsoftonline.us",
	InstanceName:       "microsoftonline.us",
	AudienceURN:        "urn:federation:MicrosoftOnline:usgov",
	GraphHost:          "graph.microsoft.us",
	GraphAliases:       []string{"dod-graph.microsoft.us"},
	AADGraphHost:       "graph.windows.net",
	ARMEndpoint:        "https://management.usgovcloudapi.net/",
	ARMAudiences:       []string{"https://management.core.usgovcloudapi.net/", "https://management.usgovcloudapi.net/"},
	KeyVaultResource:   "https://vault.usgovcloudapi.net",
	KeyVaultSuffix:     ".vault.usgovcloudapi.net",
	StorageResource:    "https://storage.azure.com/",
	StorageSuffix:      "core.usgovcloudapi.net",
	RBACURL:            "https://pasff.usgovcloudapi.net",
	RegionScope:        "USGov",
	RegionSubScope:     "DODCON",
	ErrorHost:          "login.microsoftonline.us",
	DeviceLoginPath:    "/deviceloginus",
	FederationAudience: "api://AzureADTokenExchangeUSGov",
	Port:               "8444",
	ARM: ARMFacts{"AzureUSGovernment", "https://portal.azure.us", "https://gallery.usgovcloudapi.net/", "https://batch.core.usgovcloudapi.net/",
		"https://rest.media.usgovcloudapi.net", "database.usgovcloudapi.net", "azurecr.us", "https://management.core.usgovcloudapi.net:8443/"},
	Regions:             []Region{{"usgovvirginia", "USGov Virginia"}, {"usgovtexas", "USGov Texas"}, {"usgovarizona", "USGov Arizona"}},
	CountryCode:         "US",
	DefaultSubscription: Subscription{"1a3f5e7d-9c2b-4d4f-8e6a-8b0c2d4e6f80", "Contoso Government Development", "usgovvirginia"},
}

// China is Azure operated by 21Vianet; its v2 issuer host differs from the
// login host clients are configured with.
var China = &Cloud{
	Name:               "china",
	Environment:        "AzureChinaCloud",
	LoginHost:          "login.chinacloudapi.cn",
	LoginAliases:       []string{"login.partner.microsoftonline.cn"},
	V1IssuerHost:       "sts.chinacloudapi.cn",
	V2IssuerHost:       "login.partner.microsoftonline.cn",
	InstanceName:       "partner.microsoftonline.cn",
	AudienceURN:        "urn:federation:partner.microsoftonline.cn",
	GraphHost:          "microsoftgraph.chinacloudapi.cn",
	AADGraphHost:       "graph.chinacloudapi.cn",
	ARMEndpoint:        "https://management.chinacloudapi.cn/",
	ARMAudiences:       []string{"https://management.core.chinacloudapi.cn/", "https://management.chinacloudapi.cn/"},
	KeyVaultResource:   "https://vault.azure.cn",
	KeyVaultSuffix:     ".vault.azure.cn",
	StorageResource:    "https://storage.azure.com/",
	StorageSuffix:      "core.chinacloudapi.cn",
	RBACURL:            "https://pas.chinacloudapi.cn",
	RegionScope:        "AS",
	ErrorHost:          "login.partner.microsoftonline.cn",
	DeviceLoginPath:    "/deviceloginchina",
	FederationAudience: "api://AzureADTokenExchangeChina",
	Port:               "8445",
	ARM: ARMFacts{"AzureChinaCloud", "https://portal.azure.cn", "https://gallery.chinacloudapi.cn/", "https://batch.chinacloudapi.cn/",
		"https://rest.media.chinacloudapi.cn", "database.chinacloudapi.cn", "azurecr.cn", "https://management.core.chinacloudapi.cn:8443/"},
	Regions: []Region{{"chinaeast", "China East"}, {"chinanorth", "China North"}, {"chinaeast2", "China East 2"},
		{"chinanorth2", "China North 2"}, {"chinanorth3", "China North 3"}},
	CountryCode:         "CN",
	DefaultSubscription: Subscription{"2b4a6f8e-ad3c-4e5a-9f7b-9c1d3e5f7a91", "Contoso China Development", "chinanorth"},
}

// Germany is the legacy Microsoft Cloud Deutschland (closed in 2021), kept
// for clients and configurations that still name it.
var Germany = &Cloud{
	Name:               "germany",
	Environment:        "AzureGermanCloud",
	LoginHost:          "login.microsoftonline.de",
	V1IssuerHost:       "sts.microsoftonline.de",
	V2IssuerHost:       "login.microsoftonline.de",
	InstanceName:       "microsoftonline.de",
	AudienceURN:        "urn:federation:MicrosoftOnline:germany",
	GraphHost:          "graph.microsoft.de",
	AADGraphHost:       "graph.cloudapi.de",
	ARMEndpoint:        "https://management.microsoftazure.de/",
	ARMAudiences:       []string{"https://management.core.cloudapi.de/", "https://management.microsoftazure.de/"},
	KeyVaultResource:   "https://vault.microsoftazure.de",
	KeyVaultSuffix:     ".vault.microsoftazure.de",
	StorageResource:    "https://storage.azure.com/",
	StorageSuffix:      "core.cloudapi.de",
	RBACURL:            "https://pas.cloudapi.de",
	RegionScope:        "DE",
	ErrorHost:          "login.microsoftonline.de",
	DeviceLoginPath:    "/deviceloginde",
	FederationAudience: "api://AzureADTokenExchange",
	Port:               "8446",
	ARM: ARMFacts{"AzureGermanCloud", "https://portal.microsoftazure.de", "https://gallery.cloudapi.de/", "https://batch.cloudapi.de/",
		"https://rest.media.cloudapi.de", "database.cloudapi.de", "", "https://management.core.cloudapi.de:8443/"},
	Regions:             []Region{{"germanycentral", "Germany Central"}, {"germanynortheast", "Germany Northeast"}},
	CountryCode:         "DE",
	DefaultSubscription: Subscription{"3c5b7a9f-be4d-4f6b-8a8c-ad2e4f6a8ba2", "Contoso Germany Development", "germanycentral"},
}

var all = []*Cloud{Public, USGovernment, China, Germany}

// All returns every cloud, public first.
func All() []*Cloud { return append([]*Cloud(nil), all...) }

// ByName finds a cloud by its short name (case-insensitive); it also
// accepts the environment name (AzureChinaCloud).
func ByName(name string) (*Cloud, bool) {
	for _, c := range all {
		if strings.EqualFold(c.Name, name) || strings.EqualFold(c.Environment, name) {
			return c, true
		}
	}
	return nil, false
}

// ByLoginHost finds the cloud whose login host or alias is host. A port is
// ignored, so login.microsoftonline.com:443 matches.
func ByLoginHost(host string) (*Cloud, bool) {
	host = strings.ToLower(StripPort(host))
	for _, c := range all {
		if c.hasLoginHost(host) {
			return c, true
		}
	}
	return nil, false
}

// hasLoginHost is contains(c.LoginHosts(), host) without building the
// list: every request looks its cloud up.
func (c *Cloud) hasLoginHost(host string) bool {
	if c.LoginHost == host || c.V2IssuerHost == host {
		return true
	}
	for _, h := range c.LoginAliases {
		if h == host {
			return true
		}
	}
	return false
}

// LoginHosts lists the login host first, then its aliases and the v2 issuer
// host when that differs.
func (c *Cloud) LoginHosts() []string {
	hosts := append([]string{c.LoginHost}, c.LoginAliases...)
	if !contains(hosts, c.V2IssuerHost) {
		hosts = append(hosts, c.V2IssuerHost)
	}
	return hosts
}

// ARMAudience is the audience Azure CLI requests for ARM.
func (c *Cloud) ARMAudience() string { return c.ARMAudiences[0] }

// AllLoginHosts lists every login host of every cloud, for TLS certificates
// and the proxy.
func AllLoginHosts() []string {
	var hosts []string
	for _, c := range all {
		hosts = append(hosts, c.LoginHosts()...)
	}
	return hosts
}

// StripPort removes a :port suffix from a host, keeping IPv6 literals whole.
func StripPort(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// ManagementHost is the host of the cloud's Azure Resource Manager
// endpoint (management.azure.com).
func (c *Cloud) ManagementHost() string {
	h := strings.TrimPrefix(strings.TrimPrefix(c.ARMEndpoint, "https://"), "http://")
	return strings.TrimRight(h, "/")
}

// ByManagementHost finds the cloud whose ARM host is host; a port is
// ignored.
func ByManagementHost(host string) (*Cloud, bool) {
	host = strings.ToLower(StripPort(host))
	for _, c := range all {
		if c.ManagementHost() == host {
			return c, true
		}
	}
	return nil, false
}

// AllManagementHosts lists every cloud's ARM host, for TLS certificates
// and the proxy.
func AllManagementHosts() []string {
	var hosts []string
	for _, c := range all {
		hosts = append(hosts, c.ManagementHost())
	}
	return hosts
}

// ServedByProxy reports the hosts mockidp's proxy serves itself: every
// cloud's login, Resource Manager and Graph hosts. Everything else is
// refused, never forwarded.
func ServedByProxy(host string) bool {
	_, login := ByLoginHost(host)
	_, arm := ByManagementHost(host)
	_, graph := ByGraphHost(host)
	return login || arm || graph
}

// ByGraphHost finds the cloud whose Microsoft Graph host (or alias) is host.
func ByGraphHost(host string) (*Cloud, bool) {
	host = strings.ToLower(StripPort(host))
	for _, c := range all {
		if host == c.GraphHost || contains(c.GraphAliases, host) {
			return c, true
		}
	}
	return nil, false
}

// ServedHosts lists every host mockidp answers for: each cloud's login,
// Resource Manager and Microsoft Graph hosts. Its TLS certificate covers
// them all.
func ServedHosts() []string {
	hosts := append(AllLoginHosts(), AllManagementHosts()...)
	for _, c := range all {
		hosts = append(hosts, c.GraphHost)
		hosts = append(hosts, c.GraphAliases...)
	}
	return hosts
}
