package ca

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// File names LoadOrCreate uses inside its directory.
const (
	CertFileName = "ca.pem"
	KeyFileName  = "ca-key.pem"
)

const (
	caCommonName = "mockidp test CA"
	caValidity   = 10 * 365 * 24 * time.Hour
	// backdate covers clock skew between mockidp and its clients
	// (containers, VMs) so a fresh certificate is not "not yet valid".
	backdate = time.Hour
)

// Authority is a CA that issues mockidp's TLS server certificates.
type Authority struct {
	Cert    *x509.Certificate
	Key     crypto.Signer
	CertPEM []byte
}

// LoadOrCreate loads ca.pem and ca-key.pem from dir, or creates and writes
// them (the key with mode 0600) when both are absent. With dir "" the CA is
// created in memory only. A directory holding only one of the two files is
// an error rather than a reason to overwrite it, and so is an expired CA:
// silently replacing either would break trust the user already installed.
func LoadOrCreate(dir string, now time.Time) (*Authority, error) {
	if dir == "" {
		return create(now)
	}
	certPath := filepath.Join(dir, CertFileName)
	keyPath := filepath.Join(dir, KeyFileName)
	certOK, err := exists(certPath)
	if err != nil {
		return nil, err
	}
	keyOK, err := exists(keyPath)
	if err != nil {
		return nil, err
	}
	switch {
	case certOK && keyOK:
		a, err := LoadFiles(certPath, keyPath)
		if err != nil {
			return nil, err
		}
		if now.After(a.Cert.NotAfter) {
			return nil, fmt.Errorf("ca: %s expired at %s; delete %s and %s to create a new CA",
				certPath, a.Cert.NotAfter.Format(time.RFC3339), CertFileName, KeyFileName)
		}
		return a, nil
	case certOK || keyOK:
		return nil, fmt.Errorf("ca: %s holds only one of %s and %s; restore the other or delete both",
			dir, CertFileName, KeyFileName)
	}
	a, err := create(now)
	if err != nil {
		return nil, err
	}
	if err := a.save(certPath, keyPath); err != nil {
		return nil, err
	}
	return a, nil
}

// LoadFiles loads a CA given by the user: a PEM certificate and a PEM
// private key in PKCS#8, PKCS#1 (RSA) or SEC 1 (EC) form.
func LoadFiles(certFile, keyFile string) (*Authority, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return nil, fmt.Errorf("ca: read certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("ca: read key: %w", err)
	}
	cert, err := parseCertPEM(certPEM)
	if err != nil {
		return nil, fmt.Errorf("ca: %s: %w", certFile, err)
	}
	key, err := parseKeyPEM(keyPEM)
	if err != nil {
		return nil, fmt.Errorf("ca: %s: %w", keyFile, err)
	}
	return newAuthority(cert, key)
}

// newAuthority checks that cert can act as a CA for key.
func newAuthority(cert *x509.Certificate, key crypto.Signer) (*Authority, error) {
	if !cert.BasicConstraintsValid || !cert.IsCA {
		return nil, fmt.Errorf("ca: certificate %q is not a CA (basic constraints CA:TRUE missing)", cert.Subject)
	}
	if cert.KeyUsage != 0 && cert.KeyUsage&x509.KeyUsageCertSign == 0 {
		return nil, fmt.Errorf("ca: certificate %q lacks the keyCertSign key usage", cert.Subject)
	}
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(cert.PublicKey) {
		return nil, fmt.Errorf("ca: private key does not match certificate %q", cert.Subject)
	}
	return &Authority{Cert: cert, Key: key, CertPEM: encodeCert(cert.Raw)}, nil
}

func create(now time.Time) (*Authority, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("ca: generate key: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: caCommonName, Organization: []string{"mockidp"}},
		NotBefore:             now.Add(-backdate),
		NotAfter:              now.Add(caValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		// MaxPathLenZero: the CA signs leaves only, never intermediates.
		MaxPathLen:     0,
		MaxPathLenZero: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("ca: create CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("ca: parse CA certificate: %w", err)
	}
	return &Authority{Cert: cert, Key: key, CertPEM: encodeCert(der)}, nil
}

// Pool returns a fresh pool holding only the CA certificate, for clients
// (tests, mockidptest) that should trust mockidp and nothing else.
func (a *Authority) Pool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(a.Cert)
	return pool
}

// WritePEM writes the CA certificate PEM to path, creating parent
// directories, so it can be handed to clients as a trust bundle.
func (a *Authority) WritePEM(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("ca: create directory for %s: %w", path, err)
	}
	if err := writeFileAtomic(path, a.CertPEM, 0o644); err != nil {
		return fmt.Errorf("ca: write %s: %w", path, err)
	}
	return nil
}

// save writes the key before the certificate so that an interrupted save
// never leaves a certificate users might trust without its key.
func (a *Authority) save(certPath, keyPath string) error {
	keyPEM, err := encodeKey(a.Key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(keyPath), 0o700); err != nil {
		return fmt.Errorf("ca: create directory: %w", err)
	}
	if err := writeFileAtomic(keyPath, keyPEM, 0o600); err != nil {
		return fmt.Errorf("ca: write %s: %w", keyPath, err)
	}
	if err := writeFileAtomic(certPath, a.CertPEM, 0o644); err != nil {
		return fmt.Errorf("ca: write %s: %w", certPath, err)
	}
	return nil
}

func exists(path string) (bool, error) {
	_, err := os.Stat(path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("ca: %w", err)
	}
}

// KeyPEM is the CA's private key as PKCS #8 PEM, for handing a CA made in
// one process to a mockidp started elsewhere (a container) as
// --ca-cert/--ca-key or as ca.pem/ca-key.pem in its data folder.
func (a *Authority) KeyPEM() ([]byte, error) { return encodeKey(a.Key) }
