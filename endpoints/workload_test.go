package endpoints

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

const externalIssuer = "https://token.actions.githubusercontent.com"

// withExternalIssuer trusts a GitHub-like issuer whose key is the fixture
// "rotated" key, and lets the daemon app federate with one repository.
func withExternalIssuer(t testing.TB) func(*idp.Seed) {
	key, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM("rotated"))
	if err != nil {
		t.Fatal(err)
	}
	jwks, _ := json.Marshal(map[string]any{"keys": []map[string]string{{"kty": "RSA", "kid": "gh",
		"n": base64.RawURLEncoding.EncodeToString(key.Key.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.Key.E)).Bytes())}}})
	return func(s *idp.Seed) {
		s.TrustedIssuers = append(s.TrustedIssuers, idp.TrustedIssuer{Issuer: externalIssuer, JWKS: jwks})
		for i := range s.Tenants[0].Applications {
			a := &s.Tenants[0].Applications[i]
			if a.ClientID == idp.DefaultDaemonClientID {
				a.FederatedCredentials = append(a.FederatedCredentials, idp.FederatedCredential{
					Issuer: externalIssuer, Subject: "repo:contoso/app:ref:refs/heads/main"})
			}
		}
	}
}

// assertion signs claims with a fixture key ("public" is mockidp's own
// service-account issuer key, "rotated" the external issuer's).
func assertion(t testing.TB, keyName, kid string, claims map[string]any) string {
	t.Helper()
	key, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM(keyName))
	if err != nil {
		t.Fatal(err)
	}
	if kid != "" {
		key.ID = kid
	}
	tok, err := idp.SignJWT(key, 2, claims)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestFederatedAssertions(t *testing.T) {
	ts := newTestServer(t, clouds.Public, withExternalIssuer(t))
	self := ts.URL + idp.WorkloadIssuerPath
	publicKey, _ := idp.ParseSigningKeyPEM(fixtures.SigningPEM("public"))
	now := fixedNow.Unix()
	claims := func(iss, sub, aud string, exp int64) map[string]any {
		return map[string]any{"iss": iss, "sub": sub, "aud": []string{aud}, "exp": exp, "iat": now - 60, "nbf": now - 60, "jti": "x"}
	}
	const aud = "api://AzureADTokenExchange"
	tests := []struct {
		name, clientID, assertion string
		status                    int
		code                      int
		desc                      string
	}{
		{"own issuer, identity", idp.DefaultIdentityClientID,
			assertion(t, "public", "", claims(self, idp.DefaultWorkloadSubject, aud, now+3600)), 200, 0, ""},
		{"external issuer, app", idp.DefaultDaemonClientID,
			assertion(t, "rotated", "gh", claims(externalIssuer, "repo:contoso/app:ref:refs/heads/main", aud, now+600)), 200, 0, ""},
		{"wrong subject", idp.DefaultIdentityClientID,
			assertion(t, "public", "", claims(self, "system:serviceaccount:default:other", aud, now+3600)), 401, 70021,
			"No matching federated identity record found for presented assertion. Assertion Issuer: '" + self + "'. Assertion Subject: 'system:serviceaccount:default:other'. Assertion Audience: 'api://AzureADTokenExchange'."},
		{"wrong audience", idp.DefaultIdentityClientID,
			assertion(t, "public", "", claims(self, idp.DefaultWorkloadSubject, "api://other", now+3600)), 401, 70021,
			"Assertion Audience: 'api://other'."},
		{"unknown issuer", idp.DefaultIdentityClientID,
			assertion(t, "rotated", "gh", claims("https://evil.example", idp.DefaultWorkloadSubject, aud, now+3600)), 401, 700211,
			"No matching federated identity record found for presented assertion issuer 'https://evil.example'."},
		{"issuer not trusted by this app", idp.DefaultIdentityClientID,
			assertion(t, "rotated", "gh", claims(externalIssuer, "repo:contoso/app:ref:refs/heads/main", aud, now+600)), 401, 700211, ""},
		{"expired", idp.DefaultIdentityClientID,
			assertion(t, "public", "", claims(self, idp.DefaultWorkloadSubject, aud, now-3600)), 401, 700024,
			"Client assertion is not within its valid time range."},
		{"forged signature", idp.DefaultIdentityClientID,
			assertion(t, "rotated", publicKey.ID, claims(self, idp.DefaultWorkloadSubject, aud, now+3600)), 400, 50027, ""},
		{"not a JWT", idp.DefaultIdentityClientID, "a.b", 400, 50027, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			form := url.Values{"grant_type": {"client_credentials"}, "client_id": {tc.clientID},
				"scope": {idp.DefaultAPIURI + "/.default"}, "client_assertion": {tc.assertion},
				"client_assertion_type": {idp.AssertionTypeJWTBearer}}
			resp, err := ts.Client().PostForm(ts.URL+"/"+idp.DefaultTenantID+"/oauth2/v2.0/token", form)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			var body struct {
				Error string `json:"error"`
				Desc  string `json:"error_description"`
				Codes []int  `json:"error_codes"`
			}
			_ = json.Unmarshal(b, &body)
			if resp.StatusCode != tc.status || (tc.code != 0 && (len(body.Codes) == 0 || body.Codes[0] != tc.code)) ||
				!strings.Contains(body.Desc, tc.desc) {
				t.Errorf("got %d %s", resp.StatusCode, b)
			}
		})
	}
}

func TestWorkloadIssuerEndpoints(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	resp, err := ts.Client().Post(ts.URL+idp.WorkloadIssuerPath+"/token", "application/json",
		strings.NewReader(`{"namespace":"prod","service_account":"api","lifetime_seconds":600}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Issuer    string `json:"issuer"`
		Subject   string `json:"subject"`
		Audience  string `json:"audience"`
		ExpiresOn int64  `json:"expires_on"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	if got.Issuer != ts.URL+idp.WorkloadIssuerPath || got.Subject != "system:serviceaccount:prod:api" ||
		got.Audience != "api://AzureADTokenExchange" || got.ExpiresOn != fixedNow.Add(10*time.Minute).Unix() {
		t.Errorf("response %+v", got)
	}
	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	r := ts.get(t, idp.WorkloadIssuerPath+"/.well-known/openid-configuration")
	if err := json.NewDecoder(r.Body).Decode(&doc); err != nil || doc.Issuer != got.Issuer {
		t.Fatalf("discovery %+v %v", doc, err)
	}
	keys := ts.get(t, strings.TrimPrefix(doc.JWKSURI, ts.URL))
	b, _ := io.ReadAll(keys.Body)
	set, err := idp.ParseJWKS(b)
	if err != nil || len(set) == 0 {
		t.Fatalf("jwks %s: %v", b, err)
	}

	for name, body := range map[string]string{
		"bad account":  `{"service_account":"Not_A_Name"}`,
		"bad lifetime": `{"lifetime_seconds":-1}`,
		"not json":     `{`,
	} {
		resp, err := ts.Client().Post(ts.URL+idp.WorkloadIssuerPath+"/token", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(string(b), `{"error":"invalid_request","detail":`) {
			t.Errorf("%s: %d %s", name, resp.StatusCode, b)
		}
	}
}
