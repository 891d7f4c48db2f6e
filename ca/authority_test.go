package ca

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestLoadOrCreateRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "ca")
	first, err := LoadOrCreate(dir, testNow)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	info, err := os.Stat(filepath.Join(dir, KeyFileName))
	if err != nil {
		t.Fatalf("key file: %v", err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("key mode = %v, want 0600", got)
	}

	second, err := LoadOrCreate(dir, testNow.Add(24*time.Hour))
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	if !second.Cert.Equal(first.Cert) {
		t.Error("reloaded certificate differs from the created one")
	}
	if !bytes.Equal(second.CertPEM, first.CertPEM) {
		t.Error("reloaded CertPEM differs")
	}
	if !second.Key.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(first.Key.Public()) {
		t.Error("reloaded key differs")
	}
}

func TestLoadOrCreateCAProperties(t *testing.T) {
	a, err := LoadOrCreate("", testNow)
	if err != nil {
		t.Fatal(err)
	}
	c := a.Cert
	if c.Subject.CommonName != "mockidp test CA" {
		t.Errorf("CN = %q", c.Subject.CommonName)
	}
	if !c.IsCA || !c.BasicConstraintsValid {
		t.Error("not a CA")
	}
	if c.KeyUsage&x509.KeyUsageCertSign == 0 {
		t.Errorf("key usage %b lacks cert sign", c.KeyUsage)
	}
	if got := c.NotAfter.Sub(testNow); got < 9*365*24*time.Hour {
		t.Errorf("validity %v, want about 10 years", got)
	}
	if !c.NotBefore.Before(testNow) {
		t.Errorf("NotBefore %v not before now", c.NotBefore)
	}
}

func TestLoadOrCreateErrors(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, dir string)
		now     time.Time
		wantErr string
	}{
		{
			name: "fail/only certificate",
			setup: func(t *testing.T, dir string) {
				writeCA(t, dir)
				os.Remove(filepath.Join(dir, KeyFileName))
			},
			now:     testNow,
			wantErr: "holds only one of",
		},
		{
			name: "fail/only key",
			setup: func(t *testing.T, dir string) {
				writeCA(t, dir)
				os.Remove(filepath.Join(dir, CertFileName))
			},
			now:     testNow,
			wantErr: "holds only one of",
		},
		{
			name:    "fail/expired",
			setup:   writeCA,
			now:     testNow.Add(11 * 365 * 24 * time.Hour),
			wantErr: "expired",
		},
		{
			name: "fail/garbage certificate",
			setup: func(t *testing.T, dir string) {
				writeCA(t, dir)
				os.WriteFile(filepath.Join(dir, CertFileName), []byte("hello"), 0o644)
			},
			now:     testNow,
			wantErr: `no PEM "CERTIFICATE" block`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			_, err := LoadOrCreate(dir, tc.now)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want containing %q", err, tc.wantErr)
			}
			if !strings.HasPrefix(err.Error(), "ca: ") {
				t.Errorf("err %q lacks the ca: prefix", err)
			}
		})
	}
}

func TestWritePEM(t *testing.T) {
	a, err := LoadOrCreate("", testNow)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a", "b", "mockidp-ca.pem")
	if err := a.WritePEM(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, a.CertPEM) {
		t.Error("written PEM differs from CertPEM")
	}
	if !bytes.HasPrefix(got, []byte("-----BEGIN CERTIFICATE-----")) {
		t.Errorf("not a certificate PEM: %q", got[:20])
	}
}

func writeCA(t *testing.T, dir string) {
	t.Helper()
	if _, err := LoadOrCreate(dir, testNow); err != nil {
		t.Fatal(err)
	}
}

func TestKeyPEMRoundTrip(t *testing.T) {
	a, err := LoadOrCreate("", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	keyPEM, err := a.KeyPEM()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "ca.pem"), filepath.Join(dir, "ca-key.pem")
	if err := os.WriteFile(certFile, a.CertPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, keyPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := LoadFiles(certFile, keyFile)
	if err != nil {
		t.Fatalf("LoadFiles of KeyPEM's output: %v", err)
	}
	if !b.Cert.Equal(a.Cert) {
		t.Fatal("round trip changed the certificate")
	}
}
