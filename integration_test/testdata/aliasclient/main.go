// Command aliasclient is the "application" of the container-to-container
// test: unmodified azidentity code with the real public-cloud authority and
// instance discovery left on. Its container knows mockidp only as the
// network alias login.microsoftonline.com and trusts only mockidp's CA
// (/etc/ssl/certs/ca-certificates.crt). It prints the token's claims as
// JSON on success and exits 1 with the error otherwise.
//
// With AZURE_CREDENTIAL=managedidentity it uses ManagedIdentityCredential
// instead, which picks its source from the environment alone (for Azure
// Arc: IDENTITY_ENDPOINT and IMDS_ENDPOINT, and the key file under
// /var/opt/azcmagent/tokens).
package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "aliasclient:", err)
		os.Exit(1)
	}
}

func credential() (azcore.TokenCredential, error) {
	if os.Getenv("AZURE_CREDENTIAL") == "managedidentity" {
		return azidentity.NewManagedIdentityCredential(nil)
	}
	return azidentity.NewClientSecretCredential(os.Getenv("AZURE_TENANT_ID"),
		os.Getenv("AZURE_CLIENT_ID"), os.Getenv("AZURE_CLIENT_SECRET"), nil)
}

func run() error {
	cred, err := credential()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tok, err := cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{"https://graph.microsoft.com/.default"}})
	if err != nil {
		return err
	}
	parts := strings.Split(tok.Token, ".")
	if len(parts) != 3 {
		return fmt.Errorf("not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return err
	}
	fmt.Printf("CLAIMS %s\n", payload)
	return nil
}
