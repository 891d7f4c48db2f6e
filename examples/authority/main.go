// Command authority gets a token from a running mockidp with MSAL for Go and
// with azidentity, configured by authority URL. Start mockidp first
// (go run ./cmd/mockidp), then: go run ./examples/authority
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// The default seed's public-cloud tenant and confidential app.
const (
	tenantID     = "3a6e1f52-8c4d-4b7e-9a21-5f0c2d8e4b19"
	clientID     = "b2c4d6e8-1a3c-4e5f-8a7b-9c0d1e2f3a4b"
	clientSecret = "mockidp-daemon-secret"
	graphScope   = "https://graph.microsoft.com/.default"
)

func main() {
	cacheDir, _ := os.UserCacheDir()
	caFile := flag.String("ca", filepath.Join(cacheDir, "mockidp", "ca.pem"), "mockidp's CA certificate (its banner prints the path)")
	host := flag.String("authority-host", "https://localhost:8443/", "mockidp's public-cloud listener")
	flag.Parse()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := run(ctx, *host, *caFile); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, authorityHost, caFile string) error {
	client, err := httpClientTrusting(caFile)
	if err != nil {
		return err
	}

	// MSAL for Go: the authority is mockidp's URL for the tenant; instance
	// discovery would ask the real login.microsoftonline.com, so it is off.
	cred, err := confidential.NewCredFromSecret(clientSecret)
	if err != nil {
		return err
	}
	app, err := confidential.New(authorityHost+tenantID, clientID, cred,
		confidential.WithHTTPClient(client), confidential.WithInstanceDiscovery(false))
	if err != nil {
		return err
	}
	res, err := app.AcquireTokenByCredential(ctx, []string{graphScope})
	if err != nil {
		return fmt.Errorf("MSAL: %w", err)
	}
	fmt.Println("MSAL token expires", res.ExpiresOn.Format(time.RFC3339))

	// azidentity: the same, as a cloud configuration.
	c, err := azidentity.NewClientSecretCredential(tenantID, clientID, clientSecret,
		&azidentity.ClientSecretCredentialOptions{
			ClientOptions: azcore.ClientOptions{
				Cloud:     cloud.Configuration{ActiveDirectoryAuthorityHost: authorityHost},
				Transport: client,
			},
			DisableInstanceDiscovery: true,
		})
	if err != nil {
		return err
	}
	tok, err := c.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{graphScope}})
	if err != nil {
		return fmt.Errorf("azidentity: %w", err)
	}
	fmt.Println("azidentity token expires", tok.ExpiresOn.Format(time.RFC3339))
	return nil
}

// httpClientTrusting is an HTTP client that trusts the CA in caFile (and
// only it), as every client of mockidp must: Entra's clients insist on HTTPS.
func httpClientTrusting(caFile string) (*http.Client, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("mockidp's CA: %w (is mockidp running? -ca names another file)", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New(caFile + " holds no PEM certificate")
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}, nil
}
