package app

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/mockidp/mockidp/ca"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/signer"
)

// printBanner tells a person what they can use right away: where mockidp
// listens, what to trust, and the seeded tenant, apps and user.
func (a *App) printBanner(ls []listener, nls []net.Listener) {
	var b strings.Builder
	fmt.Fprintln(&b, "mockidp is ready")
	for i, l := range ls {
		scheme := "https"
		if !l.tls {
			scheme = "http"
		}
		fmt.Fprintf(&b, "  %-8s %s://%s\n", l.name, scheme, displayAddr(nls[i].Addr()))
	}
	for i, l := range ls {
		if l.tls { // the first HTTPS listener, the public cloud's
			fmt.Fprintf(&b, "  web console      https://%s/_mockidp/\n", displayAddr(nls[i].Addr()))
			break
		}
	}
	caPath := filepath.Join(a.cfg.DataDir, ca.CertFileName)
	if a.cfg.CACert != "" {
		caPath = a.cfg.CACert
	}
	fmt.Fprintf(&b, "  CA certificate   %s (also at /_mockidp/ca.pem)\n", caPath)
	fmt.Fprintf(&b, "  token signer     %s\n", signer.Describe())
	a.printManagedIdentity(&b)
	a.printSeed(&b)
	// `go run` starts mockidp as a child: killing go run's pid orphans it.
	fmt.Fprintf(&b, "stop with Ctrl-C, or kill %d (mockidp's own pid)\n", os.Getpid())
	fmt.Fprint(a.out, b.String())
}

func (a *App) printSeed(b *strings.Builder) {
	seed := a.provider.Seed()
	for _, t := range seed.Tenants {
		cloud := t.Cloud
		if cloud == "" {
			cloud = "public"
		}
		fmt.Fprintf(b, "tenant %s  %s  (%s cloud, %s)\n", t.ID, strings.Join(t.Domains, ", "), cloud, t.DisplayName)
		if cloud != "public" {
			continue // same apps and users as below; print them once
		}
		for _, app := range t.Applications {
			kind := "confidential"
			if app.PublicClient {
				kind = "public client"
			}
			fmt.Fprintf(b, "  app %s  %s (%s)\n", app.ClientID, app.DisplayName, kind)
			for _, s := range app.Secrets {
				fmt.Fprintf(b, "      secret %q\n", s.Value)
			}
			if len(app.Certificates) > 0 && app.ClientID == idp.DefaultDaemonClientID {
				fmt.Fprintf(b, "      certificate and key %s\n", a.credPath)
			}
			if len(app.IdentifierURIs) > 0 {
				fmt.Fprintf(b, "      API %s\n", strings.Join(app.IdentifierURIs, ", "))
			}
		}
		for _, u := range t.Users {
			fmt.Fprintf(b, "  user %s  %s  password %q\n", u.ObjectID, u.UserPrincipalName, u.Password)
		}
		for _, sub := range seed.Subscriptions {
			if !strings.EqualFold(sub.TenantID, t.ID) {
				continue
			}
			var groups []string
			for _, g := range sub.ResourceGroups {
				groups = append(groups, g.Name)
			}
			fmt.Fprintf(b, "  subscription %s  %s  resource groups %s\n", sub.ID, sub.DisplayName, strings.Join(groups, ", "))
		}
	}
}

// displayAddr shows a wildcard or the default loopback listener as
// localhost, the name clients use and README spells; any other address
// (127.0.0.2, a LAN address) as it is, since localhost would not reach it.
func displayAddr(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() || ip.Equal(net.IPv4(127, 0, 0, 1)) || ip.Equal(net.IPv6loopback) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
