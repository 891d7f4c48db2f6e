package ca

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestServerCertificateVerifies(t *testing.T) {
	a, err := LoadOrCreate(t.TempDir(), testNow)
	if err != nil {
		t.Fatal(err)
	}
	hosts := []string{"localhost", "127.0.0.1", "::1", "login.microsoftonline.com"}
	cert, err := a.ServerCertificate(hosts, testNow)
	if err != nil {
		t.Fatal(err)
	}
	leaf := cert.Leaf

	tests := []struct {
		name    string
		host    string
		at      time.Time
		wantErr bool
	}{
		{name: "ok/localhost", host: "localhost", at: testNow},
		{name: "ok/ipv4", host: "127.0.0.1", at: testNow},
		{name: "ok/ipv6", host: "::1", at: testNow},
		{name: "ok/login host", host: "login.microsoftonline.com", at: testNow},
		{name: "ok/skewed client clock", host: "localhost", at: testNow.Add(-30 * time.Minute)},
		{name: "ok/after 11 months", host: "localhost", at: testNow.Add(330 * 24 * time.Hour)},
		{name: "fail/other host", host: "login.windows.net", at: testNow, wantErr: true},
		{name: "fail/other ip", host: "127.0.0.2", at: testNow, wantErr: true},
		{name: "fail/expired", host: "localhost", at: testNow.Add(400 * 24 * time.Hour), wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := leaf.Verify(x509.VerifyOptions{
				DNSName:     tc.host,
				Roots:       a.Pool(),
				CurrentTime: tc.at,
				KeyUsages:   []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			})
			if gotErr := err != nil; gotErr != tc.wantErr {
				t.Fatalf("Verify(%q) err = %v, wantErr %v", tc.host, err, tc.wantErr)
			}
		})
	}

	if want := []string{"localhost", "login.microsoftonline.com"}; !slices.Equal(leaf.DNSNames, want) {
		t.Errorf("DNSNames = %v, want %v", leaf.DNSNames, want)
	}
	wantIPs := []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")}
	if !slices.EqualFunc(leaf.IPAddresses, wantIPs, net.IP.Equal) {
		t.Errorf("IPAddresses = %v, want %v", leaf.IPAddresses, wantIPs)
	}
	if leaf.IsCA {
		t.Error("leaf must not be a CA")
	}
	if !leaf.NotBefore.Equal(testNow.Add(-time.Hour)) {
		t.Errorf("NotBefore = %v, want now-1h", leaf.NotBefore)
	}
}

func TestServerCertificateUniqueSerials(t *testing.T) {
	a, err := LoadOrCreate("", testNow)
	if err != nil {
		t.Fatal(err)
	}
	c1, err := a.ServerCertificate([]string{"localhost"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := a.ServerCertificate([]string{"localhost"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if c1.Leaf.SerialNumber.Cmp(c2.Leaf.SerialNumber) == 0 {
		t.Error("two leaves share a serial number")
	}
	if c1.Leaf.SerialNumber.Cmp(a.Cert.SerialNumber) == 0 {
		t.Error("leaf shares the CA's serial number")
	}
}

func TestServerCertificateErrors(t *testing.T) {
	a, err := LoadOrCreate("", testNow)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		hosts []string
	}{
		{name: "fail/no hosts", hosts: nil},
		{name: "fail/empty host", hosts: []string{"localhost", ""}},
		{name: "fail/url instead of host", hosts: []string{"https://login.microsoftonline.com/"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := a.ServerCertificate(tc.hosts, testNow)
			if err == nil || !strings.HasPrefix(err.Error(), "ca: ") {
				t.Fatalf("err = %v, want a ca: error", err)
			}
		})
	}
}

// TestServerCertificateHandshake proves the tls.Certificate is usable as
// is, over an in-memory pipe rather than a socket.
func TestServerCertificateHandshake(t *testing.T) {
	a, err := LoadOrCreate("", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	cert, err := a.ServerCertificate([]string{"login.microsoftonline.com"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	c1, c2 := net.Pipe()
	defer c1.Close()
	defer c2.Close()
	srv := tls.Server(c1, &tls.Config{Certificates: []tls.Certificate{cert}})
	cli := tls.Client(c2, &tls.Config{RootCAs: a.Pool(), ServerName: "login.microsoftonline.com"})
	errc := make(chan error, 1)
	go func() { errc <- srv.Handshake() }()
	if err := cli.Handshake(); err != nil {
		t.Fatalf("client handshake: %v", err)
	}
	if err := <-errc; err != nil {
		t.Fatalf("server handshake: %v", err)
	}
}
