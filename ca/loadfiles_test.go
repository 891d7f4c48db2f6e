package ca

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadFiles(t *testing.T) {
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	otherKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecCA := selfSigned(t, ecKey, true)
	rsaCA := selfSigned(t, rsaKey, true)
	ecLeaf := selfSigned(t, ecKey, false)

	pkcs8 := func(k crypto.Signer) []byte {
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return pemBlock("PRIVATE KEY", der)
	}
	sec1, err := x509.MarshalECPrivateKey(ecKey)
	if err != nil {
		t.Fatal(err)
	}
	// openssl ecparam -genkey prints the curve parameters before the key.
	ecParams := pemBlock("EC PARAMETERS", []byte{0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07})

	tests := []struct {
		name    string
		cert    []byte
		key     []byte
		wantErr string
	}{
		{name: "ok/ec pkcs8", cert: ecCA, key: pkcs8(ecKey)},
		{name: "ok/ec sec1", cert: ecCA, key: pemBlock("EC PRIVATE KEY", sec1)},
		{name: "ok/ec sec1 after parameters", cert: ecCA, key: append(ecParams, pemBlock("EC PRIVATE KEY", sec1)...)},
		{name: "ok/rsa pkcs1", cert: rsaCA, key: pemBlock("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey))},
		{name: "ok/rsa pkcs8", cert: rsaCA, key: pkcs8(rsaKey)},
		{name: "ok/bundle with ca first", cert: append(ecCA, rsaCA...), key: pkcs8(ecKey)},
		{name: "fail/cert not pem", cert: []byte("not a certificate"), key: pkcs8(ecKey), wantErr: `no PEM "CERTIFICATE" block`},
		{name: "fail/cert corrupt", cert: pemBlock("CERTIFICATE", []byte("junk")), key: pkcs8(ecKey), wantErr: "parse certificate"},
		{name: "fail/key not pem", cert: ecCA, key: []byte("not a key"), wantErr: "no PEM private key block"},
		{name: "fail/key corrupt", cert: ecCA, key: pemBlock("EC PRIVATE KEY", []byte("junk")), wantErr: `parse "EC PRIVATE KEY" block`},
		{name: "fail/cert given as key", cert: ecCA, key: ecCA, wantErr: "no PEM private key block"},
		{name: "fail/key mismatch", cert: ecCA, key: pkcs8(otherKey), wantErr: "does not match"},
		{name: "fail/not a ca", cert: ecLeaf, key: pkcs8(ecKey), wantErr: "is not a CA"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			certFile := filepath.Join(dir, "cert.pem")
			keyFile := filepath.Join(dir, "key.pem")
			mustWrite(t, certFile, tc.cert)
			mustWrite(t, keyFile, tc.key)

			a, err := LoadFiles(certFile, keyFile)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			leaf, err := a.ServerCertificate([]string{"localhost"}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := leaf.Leaf.Verify(x509.VerifyOptions{DNSName: "localhost", Roots: a.Pool()}); err != nil {
				t.Errorf("leaf from loaded CA does not verify: %v", err)
			}
		})
	}
}

func TestLoadFilesMissing(t *testing.T) {
	dir := t.TempDir()
	_, err := LoadFiles(filepath.Join(dir, "nope.pem"), filepath.Join(dir, "nope-key.pem"))
	if err == nil || !strings.Contains(err.Error(), "ca: read certificate") {
		t.Fatalf("err = %v", err)
	}
}

func selfSigned(t *testing.T, key crypto.Signer, isCA bool) []byte {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(42),
		Subject:               pkix.Name{CommonName: "user CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		BasicConstraintsValid: true,
		IsCA:                  isCA,
	}
	if isCA {
		tmpl.KeyUsage = x509.KeyUsageCertSign
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return pemBlock("CERTIFICATE", der)
}

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func mustWrite(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
