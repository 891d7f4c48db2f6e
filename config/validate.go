package config

import (
	"fmt"
	"maps"
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"
)

// checks is the validation table, in the spirit of dex's cmd/dex/config.go:
// each check adds whatever it finds and none stops the others, so a user
// sees every problem in one run.
var checks = []func(c *Config, at origins, errs *Errors){
	checkListen,
	checkCloudNames,
	checkAddresses,
	checkDistinctAddresses,
	checkPublicURL,
	checkCAPair,
	checkFilesExist,
	checkLog,
	checkDataDir,
	checkOperation,
}

// listener is one enabled listener, named by its key.
type listener struct{ key, addr string }

// listeners lists the enabled listeners in a fixed order, so messages do
// not shuffle between runs.
func listeners(c *Config) []listener {
	var ls []listener
	if c.Listen != "" {
		ls = append(ls, listener{"listen", c.Listen})
	}
	for _, name := range sortedKeys(c.CloudListen) {
		if addr := c.CloudListen[name]; addr != "" {
			ls = append(ls, listener{keyCloudListen + "." + name, addr})
		}
	}
	if c.ProxyListen != "" {
		ls = append(ls, listener{"proxy_listen", c.ProxyListen})
	}
	if c.IMDSListen != "" {
		ls = append(ls, listener{"imds_listen", c.IMDSListen})
	}
	return ls
}

func checkListen(c *Config, at origins, errs *Errors) {
	if c.Listen == "" {
		errs.addf(at.of("listen"), "must not be empty: the public cloud listener cannot be turned off")
	}
}

// checkCloudNames also looks at disabled clouds: "--cloud-listen chian="
// is a typo, not a way to turn something off.
func checkCloudNames(c *Config, at origins, errs *Errors) {
	for _, name := range sortedKeys(c.CloudListen) {
		if !slices.Contains(cloudNames, name) {
			errs.addf(at.of(keyCloudListen+"."+name), "unknown cloud %q; want one of %q (the public cloud is listen)", name, cloudNames)
		}
	}
}

func checkAddresses(c *Config, at origins, errs *Errors) {
	for _, l := range listeners(c) {
		if _, _, err := splitAddr(l.addr); err != nil {
			errs.add(at.of(l.key), err)
		}
	}
}

// splitAddr is net.SplitHostPort plus a numeric port, since a service
// name such as "https" would depend on /etc/services inside the container.
func splitAddr(addr string) (host string, port int, err error) {
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, fmt.Errorf("want host:port or :port: %w", err)
	}
	port, err = strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("address %q: port must be a number from 0 to 65535", addr)
	}
	return host, port, nil
}

// checkDistinctAddresses catches two listeners on one port before the
// second bind fails with a less helpful "address already in use". A
// wildcard host ("", 0.0.0.0, ::) clashes with any host on the same port;
// port 0 asks the kernel for a free port and never clashes.
func checkDistinctAddresses(c *Config, at origins, errs *Errors) {
	type bound struct {
		key, host string
		port      int
	}
	var seen []bound
	for _, l := range listeners(c) {
		host, port, err := splitAddr(l.addr)
		if err != nil || port == 0 {
			continue
		}
		host = normalHost(host)
		for _, b := range seen {
			if b.port == port && (b.host == "" || host == "" || b.host == host) {
				errs.addf(at.of(l.key), "address %q is also used by %s (%s)", l.addr, b.key, at.of(b.key))
				break
			}
		}
		seen = append(seen, bound{l.key, host, port})
	}
}

func normalHost(h string) string {
	if ip := net.ParseIP(h); ip != nil {
		if ip.IsUnspecified() {
			return ""
		}
		return ip.String()
	}
	return h
}

func checkPublicURL(c *Config, at origins, errs *Errors) {
	if c.PublicURL == "" {
		return
	}
	if err := publicURL(c.PublicURL); err != nil {
		errs.add(at.of("public_url"), err)
	}
}

// publicURL accepts https://host[:port] with an optional trailing slash.
// It is a base that tenant paths are appended to, so a path, query or
// fragment would end up in the middle of every issuer.
func publicURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	switch {
	case u.Scheme != "https":
		return fmt.Errorf("%q: want an https URL (clients refuse plain-http authorities)", s)
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("%q: has no host", s)
	case u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return fmt.Errorf("%q: want https://host[:port] with no user, path, query or fragment", s)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("%q: port must be from 1 to 65535", s)
		}
	}
	return nil
}

func checkCAPair(c *Config, at origins, errs *Errors) {
	switch {
	case c.CACert != "" && c.CAKey == "":
		errs.addf(at.of("ca_cert"), "ca_key is not set; give both or neither")
	case c.CAKey != "" && c.CACert == "":
		errs.addf(at.of("ca_key"), "ca_cert is not set; give both or neither")
	}
}

// checkFilesExist fails early on files mockidp reads, rather than after
// the listeners are up. WriteCA and DataDir are written, so they may not
// exist yet.
func checkFilesExist(c *Config, at origins, errs *Errors) {
	for _, f := range []struct{ key, path string }{
		{"ca_cert", c.CACert}, {"ca_key", c.CAKey}, {"seed_file", c.SeedFile},
	} {
		if f.path == "" {
			continue
		}
		fi, err := os.Stat(f.path)
		switch {
		case err != nil:
			errs.add(at.of(f.key), err)
		case fi.IsDir():
			errs.addf(at.of(f.key), "%s is a folder, want a file", f.path)
		}
	}
}

func checkLog(c *Config, at origins, errs *Errors) {
	if !slices.Contains([]string{"text", "json"}, c.LogFormat) {
		errs.addf(at.of("log.format"), "unknown log format %q; want text or json", c.LogFormat)
	}
	if !slices.Contains([]string{"auto", "go"}, c.Signer) {
		errs.addf(at.of("signer"), "unknown signer %q; want auto or go", c.Signer)
	}
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, c.LogLevel) {
		errs.addf(at.of("log.level"), "unknown log level %q; want debug, info, warn or error", c.LogLevel)
	}
}

func checkDataDir(c *Config, at origins, errs *Errors) {
	if c.DataDir == "" {
		errs.addf(at.of("data_dir"), "must not be empty")
	}
}

func sortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}
