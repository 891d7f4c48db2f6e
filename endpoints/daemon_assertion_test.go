package endpoints

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/pem"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mockidp/mockidp/idp"
)

// fixtureDaemonAssertion signs a client assertion for the default daemon
// app with its published test certificate, addressed to aud and issued at
// now. RS256 signatures are deterministic, so the result is too.
func fixtureDaemonAssertion(t testing.TB, aud string, now time.Time) string {
	t.Helper()
	block, _ := pem.Decode([]byte(idp.DaemonCertificatePEM()))
	if block == nil {
		t.Fatal("daemon certificate PEM has no block")
	}
	key, err := idp.ParsePrivateKeyPEM(idp.DaemonCredentialPEM)
	if err != nil {
		t.Fatal(err)
	}
	thumb := sha1.Sum(block.Bytes)
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"aud": aud, "iss": idp.DefaultDaemonClientID, "sub": idp.DefaultDaemonClientID,
		"jti": "fixture-jti-1", "iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(),
	})
	tok.Header["x5t"] = base64.RawURLEncoding.EncodeToString(thumb[:])
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
