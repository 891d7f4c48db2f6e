package clouds

// InstanceMetadata is one entry of the instance-discovery "metadata" list:
// hosts that share tokens and cache entries.
type InstanceMetadata struct {
	PreferredNetwork string   `json:"preferred_network"`
	PreferredCache   string   `json:"preferred_cache"`
	Aliases          []string `json:"aliases"`
}

// GlobalInstanceMetadata is the list Entra returns from instance discovery
// on every cloud; msal-go matches cache entries by these aliases.
func GlobalInstanceMetadata() []InstanceMetadata {
	return []InstanceMetadata{
		{"login.microsoftonline.com", "login.windows.net",
			[]string{"login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"}},
		{"login.partner.microsoftonline.cn", "login.partner.microsoftonline.cn",
			[]string{"login.partner.microsoftonline.cn", "login.chinacloudapi.cn"}},
		{"login.microsoftonline.de", "login.microsoftonline.de",
			[]string{"login.microsoftonline.de"}},
		{"login.microsoftonline.us", "login.microsoftonline.us",
			[]string{"login.microsoftonline.us", "login.usgovcloudapi.net"}},
		{"login-us.microsoftonline.com", "login-us.microsoftonline.com",
			[]string{"login-us.microsoftonline.com"}},
	}
}

// LocalInstanceMetadata is the discovery answer for a host that is not a
// Microsoft login host (localhost:8443): the host is its own only alias.
func LocalInstanceMetadata(host string) []InstanceMetadata {
	return []InstanceMetadata{{host, host, []string{host}}}
}
