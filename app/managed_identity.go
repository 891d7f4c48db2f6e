package app

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net"
	"path/filepath"
	"strings"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/managedidentity"
	"github.com/mockidp/mockidp/idp"
)

// managedIdentityOptions roots managed-identity token issuers at the
// cloud's own listener (or the public URL), so the tokens verify against
// the discovery documents a client reaches.
func (a *App) managedIdentityOptions() managedidentity.Options {
	dir := a.cfg.ArcKeyDir
	if dir == "" {
		dir = filepath.Join(a.cfg.DataDir, "azcmagent-tokens")
	}
	return managedidentity.Options{ArcKeyDir: dir, IssuerBaseURL: a.issuerBaseURL}
}

func (a *App) issuerBaseURL(c *clouds.Cloud) string {
	if c == clouds.Public && a.cfg.PublicURL != "" {
		return a.cfg.PublicURL
	}
	addr := a.Addr(c.Name) // listeners are named after their cloud
	if addr == "" {
		return ""
	}
	_, port, _ := net.SplitHostPort(addr)
	return "https://localhost:" + port
}

// printManagedIdentity tells a person how to point each managed-identity
// source at mockidp.
func (a *App) printManagedIdentity(b *strings.Builder) {
	imds, proxy, public := a.Addr("imds"), a.Addr("proxy"), a.Addr("public")
	if imds == "" {
		return
	}
	_, port, _ := net.SplitHostPort(imds)
	base := "http://localhost:" + port
	fmt.Fprintln(b, "managed identity (see README.md)")
	if vm, ok := a.provider.Directory.Compute(idp.DefaultVMName); ok && vm.System != nil {
		fmt.Fprintf(b, "  VM %s  system-assigned client %s", vm.Name, vm.System.ClientID)
		for _, u := range vm.Attached {
			fmt.Fprintf(b, ", user-assigned %s client %s", u.DisplayName, u.ClientID)
		}
		fmt.Fprintln(b)
	}
	if proxy != "" {
		_, pport, _ := net.SplitHostPort(proxy)
		fmt.Fprintf(b, "  VM (IMDS)      HTTP_PROXY=http://localhost:%s or AZURE_POD_IDENTITY_AUTHORITY_HOST=%s\n", pport, base)
	}
	httpsBase, thumbprint := "", ""
	if len(a.tlsConf.Certificates) > 0 && public != "" {
		sum := sha1.Sum(a.tlsConf.Certificates[0].Certificate[0])
		_, pport, _ := net.SplitHostPort(public)
		httpsBase, thumbprint = "https://localhost:"+pport, hex.EncodeToString(sum[:])
	}
	for _, src := range controlapi.ManagedIdentitySources {
		if src == controlapi.SourceServiceFabric && httpsBase == "" {
			continue
		}
		env, _ := controlapi.ManagedIdentityEnv(src, base, httpsBase, thumbprint)
		fmt.Fprintf(b, "  %-14s %s\n", src, controlapi.EnvLine(env))
	}
}
