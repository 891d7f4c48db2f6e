package ca

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strings"
	"time"
)

// leafValidity stays under Apple's 398-day limit for TLS server
// certificates so macOS and iOS clients accept the leaf.
const leafValidity = 365 * 24 * time.Hour

// ServerCertificate issues a TLS server certificate for hosts: DNS names,
// and IP literals (also bracketed, "[::1]") which become IP SANs. The SANs
// are exactly the given hosts, without duplicates. The leaf is valid from
// now-1h for about a year, but never past the CA's own expiry.
func (a *Authority) ServerCertificate(hosts []string, now time.Time) (tls.Certificate, error) {
	dnsNames, ips, err := splitHosts(hosts)
	if err != nil {
		return tls.Certificate{}, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("ca: generate leaf key: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return tls.Certificate{}, err
	}
	notAfter := now.Add(leafValidity)
	if notAfter.After(a.Cert.NotAfter) {
		notAfter = a.Cert.NotAfter
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		// The CN is informational only (clients match SANs) but makes the
		// leaf readable in browser and openssl output.
		Subject:               pkix.Name{CommonName: hosts[0], Organization: []string{"mockidp"}},
		NotBefore:             now.Add(-backdate),
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		DNSNames:              dnsNames,
		IPAddresses:           ips,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, a.Cert, key.Public(), a.Key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("ca: sign server certificate for %v: %w", hosts, err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("ca: parse server certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}

func splitHosts(hosts []string) (dnsNames []string, ips []net.IP, err error) {
	if len(hosts) == 0 {
		return nil, nil, errors.New("ca: server certificate needs at least one host")
	}
	seen := make(map[string]bool, len(hosts))
	for _, h := range hosts {
		if h == "" || strings.ContainsAny(h, " \t\r\n/") {
			return nil, nil, fmt.Errorf("ca: invalid host %q for a server certificate", h)
		}
		if seen[h] {
			continue
		}
		seen[h] = true
		if ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")); ip != nil {
			ips = append(ips, ip)
			continue
		}
		dnsNames = append(dnsNames, h)
	}
	return dnsNames, ips, nil
}

// randomSerial returns a positive 128-bit serial: RFC 5280 allows up to 20
// octets and CAs must not reuse serials, which randomness makes practical
// without keeping state.
func randomSerial() (*big.Int, error) {
	limit := new(big.Int).Lsh(big.NewInt(1), 128)
	n, err := rand.Int(rand.Reader, limit)
	if err != nil {
		return nil, fmt.Errorf("ca: random serial: %w", err)
	}
	return n.Add(n, big.NewInt(1)), nil
}
