package mockidpcontainer

import (
	"context"
	"crypto/sha1"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"net"
	"strings"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/controlapi"
)

// IMDSPort is the plain-HTTP managed-identity listener: Azure VM IMDS
// paths and the other sources' paths (App Service, Arc, Cloud Shell,
// Azure ML).
const IMDSPort = "8081/tcp"

// IMDSHost is the address of Azure's Instance Metadata Service, fixed in
// every client. ProxyURL serves plain-HTTP proxy requests for it, so a
// client whose transport uses the proxy (HTTP_PROXY, or ProxyClient)
// reaches the container's IMDS unmodified.
const IMDSHost = controlapi.IMDSHost

// Managed-identity sources, named as msal-go's managedidentity.Source.
const (
	SourceAppService    = controlapi.SourceAppService
	SourceCloudShell    = controlapi.SourceCloudShell
	SourceAzureML       = controlapi.SourceAzureML
	SourceAzureArc      = controlapi.SourceAzureArc
	SourceServiceFabric = controlapi.SourceServiceFabric
)

// IMDSURL is the base URL of the container's managed-identity listener as
// the test process reaches it: http://host:mapped-port, no trailing slash.
func (c *Container) IMDSURL(ctx context.Context) (string, error) {
	hostPort, err := c.hostPort(ctx, IMDSPort)
	if err != nil {
		return "", err
	}
	return "http://" + hostPort, nil
}

// ManagedIdentityEnv is the environment that makes azidentity's
// ManagedIdentityCredential and msal-go's managed-identity client pick
// source and call the container for it, from the test process. It has the
// same name and meaning as mockidptest's. For the Azure VM (IMDS) there
// is no variable to set: use ProxyClient, or HTTP_PROXY=ProxyURL.
//
// Azure Arc clients read the challenge's key file from a fixed folder on
// the machine they run on, so the Arc variables only work for a client in
// a container that shares WithArcKeyVolume (see NetworkManagedIdentityEnv).
func (c *Container) ManagedIdentityEnv(ctx context.Context, source string) (map[string]string, error) {
	if source == SourceServiceFabric {
		return c.serviceFabricEnv(ctx)
	}
	base, err := c.IMDSURL(ctx)
	if err != nil {
		return nil, err
	}
	return miEnv(base, source)
}

// NetworkManagedIdentityEnv is ManagedIdentityEnv for a client in another
// container on the WithNetwork network: it names the container by its
// network alias login.microsoftonline.com and its in-container IMDS port.
// Service Fabric is not offered: its endpoint is HTTPS pinned to the
// server certificate, which ManagedIdentityEnv reads from the host.
func (c *Container) NetworkManagedIdentityEnv(source string) (map[string]string, error) {
	if c.settings.network == nil {
		return nil, fmt.Errorf("mockidpcontainer: NetworkManagedIdentityEnv needs WithNetwork")
	}
	if source == SourceServiceFabric {
		return nil, fmt.Errorf("mockidpcontainer: NetworkManagedIdentityEnv: %s is not offered on the network", source)
	}
	port, _, _ := strings.Cut(IMDSPort, "/")
	return miEnv("http://"+net.JoinHostPort(clouds.Public.LoginHost, port), source)
}

// miEnv are the variables of a source served by the plain-HTTP listener
// at base.
func miEnv(base, source string) (map[string]string, error) {
	env, err := controlapi.ManagedIdentityEnv(source, base, "", "")
	if err != nil {
		return nil, fmt.Errorf("mockidpcontainer: %w", err)
	}
	return env, nil
}

// serviceFabricEnv points at the Service Fabric path of the public
// listener and pins its certificate, whose thumbprint it reads from a TLS
// handshake verified against the CA.
func (c *Container) serviceFabricEnv(ctx context.Context) (map[string]string, error) {
	base, err := c.BaseURL(ctx)
	if err != nil {
		return nil, err
	}
	d := tls.Dialer{Config: &tls.Config{RootCAs: c.CACertPool(), ServerName: "localhost", MinVersion: tls.VersionTLS12}}
	conn, err := d.DialContext(ctx, "tcp", strings.TrimPrefix(base, "https://"))
	if err != nil {
		return nil, fmt.Errorf("mockidpcontainer: read the server certificate: %w", err)
	}
	defer conn.Close()
	sum := sha1.Sum(conn.(*tls.Conn).ConnectionState().PeerCertificates[0].Raw)
	return controlapi.ManagedIdentityEnv(SourceServiceFabric, "", base, hex.EncodeToString(sum[:]))
}
