package integration_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// Fixtures of the user-flow tests: a confidential web app with no consent
// yet, and a user in headless mode (auto_approve).
const (
	webClientID = "a1b2c3d4-0000-4000-8000-000000000001"
	webSecret   = "web-secret"
	botUPN      = "bot@contoso.onmicrosoft.com"
	botID       = "a1b2c3d4-0000-4000-8000-0000000000b0"
)

var alexUPN = idp.DefaultUserUPN("contoso.onmicrosoft.com")

// userFlowServer starts mockidp with the fixtures; the web app accepts
// the given redirect URIs.
func userFlowServer(t *testing.T, webRedirects ...string) *mockidptest.Server {
	seed := idp.DefaultSeed()
	tn := &seed.Tenants[0]
	tn.Applications = append(tn.Applications, idp.Application{ClientID: webClientID, DisplayName: "Contoso Web",
		Secrets: []idp.Secret{{Value: webSecret}}, RedirectURIs: append(webRedirects, "https://app.example/cb")})
	tn.Users = append(tn.Users, idp.User{ObjectID: botID, UserPrincipalName: botUPN, DisplayName: "Headless Bot",
		GivenName: "Headless", Surname: "Bot", Password: "bot-password", AutoApprove: true})
	return mockidptest.NewServer(t, mockidptest.WithSeed(seed))
}

// codeFromRedirect opens an authorize URL as a browser that does not
// follow redirects and returns the code mockidp sends to the app.
func codeFromRedirect(t *testing.T, srv *mockidptest.Server, authURL string) url.Values {
	t.Helper()
	hc := srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil {
		t.Fatalf("authorize answered %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	q := loc.Query()
	if q.Get("code") == "" {
		t.Fatalf("no code in %s", loc)
	}
	return q
}

// authorizeURL builds a v2 authorize URL on the default tenant.
func authorizeURL(srv *mockidptest.Server, params url.Values) string {
	return srv.AuthorityURL(idp.DefaultTenantID) + "/oauth2/v2.0/authorize?" + params.Encode()
}

// s256 is the PKCE S256 challenge of a verifier.
func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// shortLivedTokens makes the delegated tokens of a client live two
// minutes, so client caches (which run on real time) refresh them on
// every silent call.
func shortLivedTokens(t *testing.T, srv *mockidptest.Server, clientID string) {
	t.Helper()
	err := srv.IDP.Update(func(s *idp.Seed) error {
		for i := range s.Tenants {
			for j := range s.Tenants[i].Applications {
				if a := &s.Tenants[i].Applications[j]; a.ClientID == clientID {
					a.AccessTokenLifetime = 120
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
