// Package signer makes the RS256 signatures of mockidp's tokens.
//
// On amd64 CPUs with AVX-512 IFMA, two-prime RSA-2048 keys sign on a fast
// path: the two CRT exponentiations run side by side in radix-2^52 almost
// Montgomery multiplication (the method of OpenSSL's rsaz-2k-avx512), in
// Go assembly. Everything else — other key sizes, other CPUs and
// architectures, the purego build tag, or MOCKIDP_SIGNER=go — signs with
// crypto/rsa. PKCS#1 v1.5 signatures are deterministic, so both paths give
// identical bytes; the tests require that.
//
// The fast path is not constant-time: its window lookups and big.Int
// arithmetic depend on the key. mockidp signs test tokens with keys it
// publishes no secrets for, so speed wins here; crypto/rsa remains a flag
// away.
//
// Every signature of the fast path is verified with the public key before
// it is returned; on a mismatch (a fault) the signature is made again with
// crypto/rsa and the fault is counted.
package signer

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Mode names, as MOCKIDP_SIGNER and --signer take them.
const (
	ModeAuto = "auto" // fastest path this CPU runs
	ModeGo   = "go"   // always crypto/rsa
)

// Signer names, as the banner and /_mockidp/health report them.
const (
	NameIFMA      = "avx512-ifma"
	NameCryptoRSA = "crypto/rsa"
)

var (
	forced    atomic.Bool // ModeGo
	faults    atomic.Uint64
	fastSigns atomic.Uint64 // signatures the fast path made
	slots     = make(chan struct{}, runtime.GOMAXPROCS(0))
	cache     = keyCache{m: map[*rsa.PrivateKey]*fastKey{}}
	scratchs  = sync.Pool{New: func() any { return newScratch() }}
)

// SetMode selects the signer for the whole process.
func SetMode(mode string) error {
	switch mode {
	case ModeAuto, "":
		forced.Store(false)
	case ModeGo:
		forced.Store(true)
	default:
		return fmt.Errorf("signer: unknown mode %q (want %s or %s)", mode, ModeAuto, ModeGo)
	}
	return nil
}

// Name is the signer RSA-2048 keys use now.
func Name() string {
	if fastEnabled() {
		return NameIFMA
	}
	return NameCryptoRSA
}

// Describe explains Name in one line, for the banner.
func Describe() string {
	switch {
	case fastEnabled():
		return NameIFMA + " (RSA-2048 on AVX-512 IFMA; other key sizes crypto/rsa)"
	case forced.Load():
		return NameCryptoRSA + " (forced by mode " + ModeGo + ")"
	default:
		return NameCryptoRSA + " (this CPU or build has no AVX-512 IFMA path)"
	}
}

// Faults counts fast-path signatures that failed their verification and
// were made again with crypto/rsa, and key generations whose prime search
// found nothing (crypto/rsa then made the key). It stays 0 on sound hardware.
func Faults() uint64 { return faults.Load() }

func fastEnabled() bool { return hasIFMA && !forced.Load() }

// SignSHA256 signs SHA-256(msg) with PKCS#1 v1.5 (JWS RS256). No more
// signatures run at once than the process has cores: beyond that, callers
// queue instead of time-slicing the CPU, which keeps the latency tail short.
func SignSHA256(key *rsa.PrivateKey, msg []byte) ([]byte, error) {
	digest := sha256.Sum256(msg)
	slots <- struct{}{}
	defer func() { <-slots }()
	if fastEnabled() {
		if fk := cache.get(key); fk != nil {
			if sig, ok := signFast(fk, digest[:]); ok {
				fastSigns.Add(1)
				return sig, nil
			}
			faults.Add(1)
		}
	}
	return rsa.SignPKCS1v15(nil, key, crypto.SHA256, digest[:])
}

func signFast(fk *fastKey, digest []byte) ([]byte, bool) {
	s := scratchs.Get().(*scratch)
	defer scratchs.Put(s)
	return fk.signRaw(emSHA256(fk.nLen, digest), s)
}

// sha256Prefix is the DER DigestInfo header of a SHA-256 digest (RFC 8017 §9.2).
var sha256Prefix = []byte{0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20}

// emSHA256 is the EMSA-PKCS1-v1_5 encoding: 00 01 FF…FF 00 DigestInfo.
func emSHA256(k int, digest []byte) []byte {
	em := make([]byte, k)
	em[1] = 1
	t := k - len(sha256Prefix) - len(digest)
	for i := 2; i < t-1; i++ {
		em[i] = 0xff
	}
	copy(em[t:], sha256Prefix)
	copy(em[t+len(sha256Prefix):], digest)
	return em
}

// keyCache maps keys to their prepared form (nil: not eligible). Keys are
// few (one per cloud, plus rotations and scenarios); the map is bounded
// anyway and starts over when full.
type keyCache struct {
	mu sync.RWMutex
	m  map[*rsa.PrivateKey]*fastKey
}

const maxCachedKeys = 64

func (c *keyCache) get(k *rsa.PrivateKey) *fastKey {
	c.mu.RLock()
	fk, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return fk
	}
	fk, err := newFastKey(k)
	if err != nil {
		fk = nil
	}
	c.mu.Lock()
	if len(c.m) >= maxCachedKeys {
		clear(c.m)
	}
	c.m[k] = fk
	c.mu.Unlock()
	return fk
}
