package idp

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/signer"
)

// SigningKey is an RSA token-signing key with its self-signed certificate,
// published in JWKS as Entra does (kid = x5t = SHA-1 thumbprint).
type SigningKey struct {
	ID   string
	Key  *rsa.PrivateKey
	Cert *x509.Certificate
}

// NewSigningKey pairs a key with its certificate and derives the key ID.
func NewSigningKey(key *rsa.PrivateKey, cert *x509.Certificate) *SigningKey {
	sum := sha1.Sum(cert.Raw)
	return &SigningKey{ID: base64.RawURLEncoding.EncodeToString(sum[:]), Key: key, Cert: cert}
}

// GenerateSigningKey makes a 2048-bit key (with signer.GenerateKey, as the
// startup key pool does) and a five-year certificate, as Entra's signing
// certificates are.
func GenerateSigningKey(cn string, now time.Time) (*SigningKey, error) {
	key, err := signer.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate signing key: %w", err)
	}
	return CertifySigningKey(key, cn, now)
}

// CertifySigningKey gives key a self-signed five-year certificate named cn,
// for keys made ahead of knowing which cloud they will sign for.
func CertifySigningKey(key *rsa.PrivateKey, cn string, now time.Time) (*SigningKey, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: cn},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(5, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("self-sign signing certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return NewSigningKey(key, cert), nil
}

// ParseSigningKeyPEM reads a certificate and an RSA private key (PKCS#8 or
// PKCS#1) from one PEM file.
func ParseSigningKeyPEM(data []byte) (*SigningKey, error) {
	var cert *x509.Certificate
	var key *rsa.PrivateKey
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		switch b.Type {
		case "CERTIFICATE":
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("signing certificate: %w", err)
			}
			cert = c
		case "PRIVATE KEY", "RSA PRIVATE KEY":
			k, err := parseRSAKey(b)
			if err != nil {
				return nil, err
			}
			key = k
		}
	}
	if cert == nil || key == nil {
		return nil, errors.New("signing key PEM needs a CERTIFICATE and a PRIVATE KEY block")
	}
	if !key.PublicKey.Equal(cert.PublicKey) {
		return nil, errors.New("signing certificate does not match its private key")
	}
	return NewSigningKey(key, cert), nil
}

// ParsePrivateKeyPEM reads the first private key of a PEM file (PKCS#8,
// PKCS#1 or EC), for client certificates.
func ParsePrivateKeyPEM(data []byte) (crypto.Signer, error) {
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return nil, errors.New("no PEM private key block")
		}
		switch b.Type {
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
			if err != nil {
				return nil, err
			}
			if s, ok := k.(crypto.Signer); ok {
				return s, nil
			}
			return nil, errors.New("PKCS#8 key is not a signer")
		case "RSA PRIVATE KEY":
			return x509.ParsePKCS1PrivateKey(b.Bytes)
		case "EC PRIVATE KEY":
			return x509.ParseECPrivateKey(b.Bytes)
		}
	}
}

func parseRSAKey(b *pem.Block) (*rsa.PrivateKey, error) {
	if b.Type == "RSA PRIVATE KEY" {
		return x509.ParsePKCS1PrivateKey(b.Bytes)
	}
	k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("signing key is not RSA")
	}
	return rk, nil
}

// PEM encodes the certificate and key in the form ParseSigningKeyPEM reads.
func (k *SigningKey) PEM() []byte {
	der, err := x509.MarshalPKCS8PrivateKey(k.Key)
	if err != nil {
		panic(err) // an *rsa.PrivateKey always marshals
	}
	out := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: k.Cert.Raw})
	return append(out, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})...)
}

// Keyring holds each cloud's signing keys: the first signs, all are
// published, so a rotation can keep the old key valid for a while. A
// cloud's key can also be lazy (SetLazy): made on first use.
type Keyring struct {
	mu   sync.RWMutex
	sets map[string][]*SigningKey
	lazy map[string]*lazyKey
}

// NewKeyring starts an empty keyring.
func NewKeyring() *Keyring {
	return &Keyring{sets: map[string][]*SigningKey{}, lazy: map[string]*lazyKey{}}
}

// Set replaces the keys of a cloud; keys[0] signs from now on.
func (r *Keyring) Set(cloud string, keys ...*SigningKey) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.lazy, cloud)
	r.sets[cloud] = append([]*SigningKey(nil), keys...)
}

// Signer returns the key that signs the cloud's tokens.
func (r *Keyring) Signer(cloud string) (*SigningKey, bool) {
	ks := r.keys(cloud)
	if len(ks) == 0 {
		return nil, false
	}
	return ks[0], true
}

// Published lists the cloud's keys as its JWKS shows them.
func (r *Keyring) Published(cloud string) []*SigningKey {
	return append([]*SigningKey(nil), r.keys(cloud)...)
}

// Complete reports the clouds that have no signing key.
func (r *Keyring) Complete() error {
	var missing []string
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, c := range clouds.All() {
		if len(r.sets[c.Name]) == 0 && r.lazy[c.Name] == nil {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("no signing key for clouds %v", missing)
	}
	return nil
}

// KeyringFromPEM builds a keyring from one PEM (certificate and key) per
// cloud name, as ParseSigningKeyPEM reads it.
func KeyringFromPEM(pems map[string][]byte) (*Keyring, error) {
	r := NewKeyring()
	for cloud, data := range pems {
		k, err := ParseSigningKeyPEM(data)
		if err != nil {
			return nil, fmt.Errorf("cloud %s: %w", cloud, err)
		}
		r.Set(cloud, k)
	}
	return r, nil
}
