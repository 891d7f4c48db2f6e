package clouds

import "testing"

func TestByLoginHost(t *testing.T) {
	tests := []struct {
		host string
		want string
		ok   bool
	}{
		{"login.microsoftonline.com", "public", true},
		{"LOGIN.MicrosoftOnline.com:443", "public", true},
		{"login.windows.net", "public", true},
		{"login.microsoftonline.us", "usgov", true},
		{"login.usgovcloudapi.net", "usgov", true},
		{"login.chinacloudapi.cn", "china", true},
		{"login.partner.microsoftonline.cn", "china", true},
		{"login.microsoftonline.de", "germany", true},
		{"localhost:8443", "", false},
		{"[::1]:8443", "", false},
		{"example.com", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.host, func(t *testing.T) {
			c, ok := ByLoginHost(tc.host)
			if ok != tc.ok || (ok && c.Name != tc.want) {
				t.Fatalf("ByLoginHost(%q) = %v, %v; want %q, %v", tc.host, c, ok, tc.want, tc.ok)
			}
		})
	}
}

// Every host LoginHosts lists finds its own cloud.
func TestByLoginHostCoversLoginHosts(t *testing.T) {
	for _, c := range all {
		for _, h := range c.LoginHosts() {
			if got, ok := ByLoginHost(h); !ok || got != c {
				t.Errorf("ByLoginHost(%q) = %v, %v; want %s", h, got, ok, c.Name)
			}
		}
	}
}

func TestByName(t *testing.T) {
	for _, name := range []string{"public", "USGov", "china", "germany", "AzureChinaCloud"} {
		if _, ok := ByName(name); !ok {
			t.Errorf("ByName(%q) not found", name)
		}
	}
	if _, ok := ByName("mars"); ok {
		t.Error("ByName(mars) found a cloud")
	}
}

// Every login host must belong to exactly one cloud, or host-based routing
// would be ambiguous.
func TestLoginHostsAreUnique(t *testing.T) {
	seen := map[string]string{}
	for _, c := range All() {
		for _, h := range c.LoginHosts() {
			if other, dup := seen[h]; dup {
				t.Errorf("host %s in %s and %s", h, other, c.Name)
			}
			seen[h] = c.Name
		}
	}
}

// Discovery aliases must agree with the catalogue so msal-go's cache lookups
// and mockidp's routing see the same clouds.
func TestGlobalMetadataCoversLoginHosts(t *testing.T) {
	aliases := map[string]bool{}
	for _, m := range GlobalInstanceMetadata() {
		for _, a := range m.Aliases {
			aliases[a] = true
		}
	}
	for _, c := range All() {
		if !aliases[c.LoginHost] {
			t.Errorf("%s login host %s missing from instance metadata", c.Name, c.LoginHost)
		}
	}
}

// Every cloud carries every per-cloud fact, so readers never need a map of
// their own keyed by cloud name; listener ports are distinct.
func TestEveryCloudHasItsFacts(t *testing.T) {
	ports := map[string]string{}
	for _, c := range All() {
		if c.Port == "" || c.ARM.Name == "" || c.ARM.Portal == "" || len(c.Regions) == 0 ||
			c.CountryCode == "" || c.DefaultSubscription.ID == "" {
			t.Errorf("cloud %s lacks a fact: %+v", c.Name, c)
		}
		if other, dup := ports[c.Port]; dup {
			t.Errorf("clouds %s and %s share port %s", other, c.Name, c.Port)
		}
		ports[c.Port] = c.Name
		found := false
		for _, r := range c.Regions {
			found = found || r.Name == c.DefaultSubscription.Location
		}
		if !found {
			t.Errorf("cloud %s: default subscription's location %q is not one of its regions", c.Name, c.DefaultSubscription.Location)
		}
	}
}
