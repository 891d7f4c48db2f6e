package mockidpcontainer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidpcontainer"
	"github.com/testcontainers/testcontainers-go"
)

// Start mockidp and get a token with the default seed's daemon app.
// image is mockidp's image, for example built with `docker build -t mockidp .`.
func ExampleRun() {
	ctx := context.Background()
	ctr, err := mockidpcontainer.Run(ctx, image)
	defer func() { _ = testcontainers.TerminateContainer(ctr) }()
	if err != nil {
		fmt.Println(err)
		return
	}
	tokenURL, _ := ctr.TokenURL(ctx, clouds.Public, idp.DefaultTenantID)
	res, err := ctr.HTTPClient().PostForm(tokenURL, url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret},
		"scope":         {"https://graph.microsoft.com/.default"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	var token struct {
		TokenType   string `json:"token_type"`
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(res.Body).Decode(&token)
	fmt.Println(res.Status, token.TokenType, strings.Count(token.AccessToken, "."))
	// Output: 200 OK Bearer 2
}

// Env gives the variables an SDK-based program run from the test needs.
func ExampleContainer_Env() {
	ctx := context.Background()
	ctr, err := mockidpcontainer.Run(ctx, image)
	defer func() { _ = testcontainers.TerminateContainer(ctr) }()
	if err != nil {
		fmt.Println(err)
		return
	}
	env, err := ctr.Env(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range env {
			if !yield(k) {
				return
			}
		}
	})
	fmt.Println(strings.Join(names, "\n"))
	fmt.Println(env["AZURE_CLIENT_ID"] == idp.DefaultDaemonClientID)
	// Output:
	// AZURE_AUTHORITY_HOST
	// AZURE_CLIENT_ID
	// AZURE_CLIENT_SECRET
	// AZURE_TENANT_ID
	// HTTPS_PROXY
	// NO_PROXY
	// SSL_CERT_FILE
	// true
}

// ManagedIdentityEnv gives the variables that make azidentity's
// ManagedIdentityCredential (or msal-go's managed-identity client) use the
// container as the App Service identity endpoint.
func ExampleContainer_ManagedIdentityEnv() {
	ctx := context.Background()
	ctr, err := mockidpcontainer.Run(ctx, image)
	defer func() { _ = testcontainers.TerminateContainer(ctr) }()
	if err != nil {
		fmt.Println(err)
		return
	}
	env, err := ctr.ManagedIdentityEnv(ctx, mockidpcontainer.SourceAppService)
	if err != nil {
		fmt.Println(err)
		return
	}
	imds, _ := ctr.IMDSURL(ctx)
	fmt.Println(env["IDENTITY_ENDPOINT"] == imds+"/msi/token", env["IDENTITY_HEADER"] != "")
	// Output: true true
}
