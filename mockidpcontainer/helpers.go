package mockidpcontainer

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/seed"
)

// BaseURL is the public cloud's HTTPS base URL as the test process reaches
// it: https://host:mapped-port, no trailing slash.
func (c *Container) BaseURL(ctx context.Context) (string, error) {
	return c.CloudBaseURL(ctx, clouds.Public)
}

// CloudBaseURL is BaseURL for a national cloud; each has its own listener.
func (c *Container) CloudBaseURL(ctx context.Context, cloud *clouds.Cloud) (string, error) {
	port := c.publicPort
	if cloud != clouds.Public {
		if _, known := clouds.ByName(cloud.Name); !known {
			return "", fmt.Errorf("mockidpcontainer: no listener for cloud %q", cloud.Name)
		}
		port = cloudPort(cloud)
	}
	hostPort, err := c.hostPort(ctx, port)
	if err != nil {
		return "", err
	}
	return "https://" + hostPort, nil
}

// AuthorityURL is the authority a client configures for tenant in cloud:
// https://host:port/{tenant}.
func (c *Container) AuthorityURL(ctx context.Context, cloud *clouds.Cloud, tenant string) (string, error) {
	base, err := c.CloudBaseURL(ctx, cloud)
	if err != nil {
		return "", err
	}
	return base + "/" + tenant, nil
}

// TokenURL is tenant's v2.0 token endpoint in cloud, for x/oauth2 and
// other clients that take an endpoint instead of an authority.
func (c *Container) TokenURL(ctx context.Context, cloud *clouds.Cloud, tenant string) (string, error) {
	authority, err := c.AuthorityURL(ctx, cloud, tenant)
	if err != nil {
		return "", err
	}
	return authority + "/oauth2/v2.0/token", nil
}

// ProxyURL is mockidp's CONNECT proxy: it serves every cloud's real login
// hosts and refuses everything else. Pair it with CACertPool.
func (c *Container) ProxyURL(ctx context.Context) (*url.URL, error) {
	hostPort, err := c.hostPort(ctx, ProxyPort)
	if err != nil {
		return nil, err
	}
	return &url.URL{Scheme: "http", Host: hostPort}, nil
}

// NetworkAuthorityURL is the authority other containers on the WithNetwork
// network use: the cloud's real login host, https://login.microsoftonline.com/{tenant}.
func (c *Container) NetworkAuthorityURL(cloud *clouds.Cloud, tenant string) (string, error) {
	if c.settings.network == nil {
		return "", errors.New("mockidpcontainer: NetworkAuthorityURL needs WithNetwork")
	}
	return "https://" + cloud.LoginHost + "/" + tenant, nil
}

// CAPEM is the certificate of the CA that issued mockidp's TLS certificate,
// for copying into other containers or writing to SSL_CERT_FILE.
func (c *Container) CAPEM() []byte { return c.authority.CertPEM }

// CACertPool trusts mockidp's CA and nothing else.
func (c *Container) CACertPool() *x509.CertPool { return c.authority.Pool() }

// HTTPClient is an HTTP client that trusts mockidp's CA, for BaseURL and
// the authority URLs (and as azidentity's ClientOptions.Transport or
// MSAL's WithHTTPClient).
func (c *Container) HTTPClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: c.CACertPool(), MinVersion: tls.VersionTLS12}}}
}

// ProxyClient reaches the real login host names through ProxyURL and
// trusts mockidp's CA: what an unmodified application gets from
// HTTPS_PROXY and SSL_CERT_FILE.
func (c *Container) ProxyClient(ctx context.Context) (*http.Client, error) {
	proxy, err := c.ProxyURL(ctx)
	if err != nil {
		return nil, err
	}
	return &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy),
		TLSClientConfig: &tls.Config{RootCAs: c.CACertPool(), MinVersion: tls.VersionTLS12}}}, nil
}

// Env is the environment for running an SDK-based program against the
// container from the host: AZURE_AUTHORITY_HOST (the public cloud's base
// URL), SSL_CERT_FILE (the CA, written to a file Terminate removes), and
// HTTPS_PROXY/NO_PROXY so MSAL's instance discovery, which always asks
// login.microsoftonline.com, reaches mockidp through its proxy. With the
// default seed it also has AZURE_TENANT_ID, AZURE_CLIENT_ID and
// AZURE_CLIENT_SECRET of the seeded daemon app, which is what
// azidentity's EnvironmentCredential reads.
func (c *Container) Env(ctx context.Context) (map[string]string, error) {
	base, err := c.BaseURL(ctx)
	if err != nil {
		return nil, err
	}
	proxy, err := c.ProxyURL(ctx)
	if err != nil {
		return nil, err
	}
	caFile, err := c.caFile()
	if err != nil {
		return nil, err
	}
	host, _, _ := net.SplitHostPort(proxy.Host)
	env := map[string]string{
		"AZURE_AUTHORITY_HOST": base + "/",
		"SSL_CERT_FILE":        caFile,
		"HTTPS_PROXY":          proxy.String(),
		"NO_PROXY":             "localhost,127.0.0.1,::1," + host,
	}
	if c.defaultSeed() {
		env["AZURE_TENANT_ID"] = seed.DefaultTenantID
		env["AZURE_CLIENT_ID"] = seed.DefaultDaemonClientID
		env["AZURE_CLIENT_SECRET"] = seed.DefaultDaemonSecret
	}
	return env, nil
}

func (c *Container) defaultSeed() bool {
	return c.settings.seedJSON == nil && c.settings.seedFile == "" && c.settings.configFile == ""
}

// caFile writes the CA once to a temporary file.
func (c *Container) caFile() (string, error) {
	if c.tempDir == "" {
		dir, err := os.MkdirTemp("", "mockidpcontainer-")
		if err != nil {
			return "", err
		}
		c.tempDir = dir
	}
	path := filepath.Join(c.tempDir, "ca.pem")
	return path, os.WriteFile(path, c.CAPEM(), 0o644)
}

func (c *Container) hostPort(ctx context.Context, port string) (string, error) {
	host, err := c.Host(ctx)
	if err != nil {
		return "", err
	}
	mapped, err := c.MappedPort(ctx, port)
	if err != nil {
		return "", err
	}
	return net.JoinHostPort(host, mapped.Port()), nil
}
