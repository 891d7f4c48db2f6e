package endpoints

import (
	"bytes"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"testing"

	"github.com/go-jose/go-jose/v4"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
)

// TestJWKSParsesWithGoJose reads every cloud's key sets the way go-oidc
// does (go-jose's JSONWebKeySet) and checks that each key is one
// consistent whole: kid = x5t = SHA-1 of x5c[0], the certificate's key is
// n/e, and that key is the cloud's fixture signing key and verifies the
// tokens the cloud issues.
func TestJWKSParsesWithGoJose(t *testing.T) {
	for _, gc := range goldenClouds(t) {
		ts := newTestServer(t, gc.cloud, nil)
		want, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM(gc.cloud.Name))
		if err != nil {
			t.Fatal(err)
		}
		token := issueGraphToken(t, ts, gc)
		for _, path := range []string{"/" + gc.tenant + "/discovery/v2.0/keys", "/common/discovery/keys"} {
			t.Run(gc.cloud.Name+path, func(t *testing.T) {
				resp := ts.get(t, path)
				body, err := io.ReadAll(resp.Body)
				if err != nil || resp.StatusCode != http.StatusOK {
					t.Fatalf("status %d, err %v: %s", resp.StatusCode, err, body)
				}
				var set jose.JSONWebKeySet
				if err := json.Unmarshal(body, &set); err != nil {
					t.Fatalf("go-jose rejects the key set: %v", err)
				}
				var raw struct {
					Keys []struct {
						Kid, X5t, N, E string
						X5c            []string
					}
				}
				if err := json.Unmarshal(body, &raw); err != nil {
					t.Fatal(err)
				}
				if len(set.Keys) == 0 || len(set.Keys) != len(raw.Keys) {
					t.Fatalf("go-jose read %d keys of %d", len(set.Keys), len(raw.Keys))
				}
				for i, k := range set.Keys {
					checkJWK(t, k, raw.Keys[i].Kid, raw.Keys[i].X5t, raw.Keys[i].N, raw.Keys[i].E, raw.Keys[i].X5c)
				}
				if pub, _ := set.Keys[0].Key.(*rsa.PublicKey); pub == nil || !pub.Equal(&want.Key.PublicKey) {
					t.Errorf("first key is not the %s fixture signing key", gc.cloud.Name)
				}
				verifyWithSet(t, &set, token)
			})
		}
	}
}

func checkJWK(t *testing.T, k jose.JSONWebKey, kid, x5t, n, e string, x5c []string) {
	t.Helper()
	if k.KeyID != kid || kid != x5t {
		t.Errorf("kid %q, x5t %q: want kid = x5t", kid, x5t)
	}
	if k.Use != "sig" || !k.Valid() || !k.IsPublic() {
		t.Errorf("key %s: use %q, valid %v, public %v", kid, k.Use, k.Valid(), k.IsPublic())
	}
	if len(x5c) == 0 || len(k.Certificates) != len(x5c) {
		t.Fatalf("key %s: x5c has %d certificates, go-jose parsed %d", kid, len(x5c), len(k.Certificates))
	}
	der, err := base64.StdEncoding.DecodeString(x5c[0])
	if err != nil {
		t.Fatalf("x5c[0] is not standard base64: %v", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha1.Sum(cert.Raw)
	if got := base64.RawURLEncoding.EncodeToString(sum[:]); got != x5t {
		t.Errorf("x5t %q, SHA-1 of x5c[0] is %q", x5t, got)
	}
	if !bytes.Equal(k.CertificateThumbprintSHA1, sum[:]) {
		t.Errorf("go-jose x5t %x, SHA-1 of x5c[0] %x", k.CertificateThumbprintSHA1, sum)
	}
	pub, ok := k.Key.(*rsa.PublicKey)
	if !ok {
		t.Fatalf("key %s is %T, want *rsa.PublicKey", kid, k.Key)
	}
	if !pub.Equal(cert.PublicKey) {
		t.Errorf("key %s: n/e do not match the certificate's public key", kid)
	}
	nb, err1 := base64.RawURLEncoding.DecodeString(n)
	eb, err2 := base64.RawURLEncoding.DecodeString(e)
	if err1 != nil || err2 != nil {
		t.Fatalf("n/e are not unpadded base64url: %v %v", err1, err2)
	}
	if new(big.Int).SetBytes(nb).Cmp(pub.N) != 0 || new(big.Int).SetBytes(eb).Int64() != int64(pub.E) {
		t.Errorf("key %s: n/e decode to another key than go-jose's", kid)
	}
}

// issueGraphToken gets an app-only Graph token of the cloud over TLS.
func issueGraphToken(t *testing.T, ts *testServer, gc goldenCloud) string {
	t.Helper()
	form := url.Values{"grant_type": {idp.GrantClientCredentials}, "client_id": {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret}, "scope": {"https://" + gc.cloud.GraphHost + "/.default"}}
	resp, err := ts.Client().PostForm(ts.URL+"/"+gc.tenant+"/oauth2/v2.0/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("status %d: no access token (%v)", resp.StatusCode, err)
	}
	return tok.AccessToken
}

func verifyWithSet(t *testing.T, set *jose.JSONWebKeySet, token string) {
	t.Helper()
	jws, err := jose.ParseSignedCompact(token, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		t.Fatal(err)
	}
	keys := set.Key(jws.Signatures[0].Header.KeyID)
	if len(keys) != 1 {
		t.Fatalf("kid %q matches %d keys", jws.Signatures[0].Header.KeyID, len(keys))
	}
	if _, err := jws.Verify(keys[0].Key); err != nil {
		t.Errorf("token does not verify with the published key: %v", err)
	}
}
