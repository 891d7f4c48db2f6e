package idp

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

// IsGUID reports whether s has the 8-4-4-4-12 hex form.
func IsGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// DerivedGUID makes a stable GUID from parts, so IDs a seed leaves out stay
// the same from run to run.
func DerivedGUID(parts ...string) string {
	sum := sha1.Sum([]byte(strings.ToLower(strings.Join(parts, "\x00"))))
	sum[6] = sum[6]&0x0f | 0x50 // version 5
	sum[8] = sum[8]&0x3f | 0x80 // RFC 4122 variant
	return formatGUID(sum[:16])
}

// NewGUID reads a random version-4 GUID from r.
func NewGUID(r io.Reader) string {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		panic(fmt.Sprintf("idp: random source failed: %v", err))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return formatGUID(b[:])
}

func formatGUID(b []byte) string {
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	hex.Encode(s[9:13], b[4:6])
	hex.Encode(s[14:18], b[6:8])
	hex.Encode(s[19:23], b[8:10])
	hex.Encode(s[24:36], b[10:16])
	s[8], s[13], s[18], s[23] = '-', '-', '-', '-'
	return string(s[:])
}

// randomString reads n random bytes from r as unpadded base64url.
func randomString(r io.Reader, n int) string {
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		panic(fmt.Sprintf("idp: random source failed: %v", err))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// encodeRandom is prefix, raw as unpadded base64url, and suffix, made in
// one allocation (every token carries three such claims).
func encodeRandom(prefix string, raw []byte, suffix string) string {
	var out [128]byte
	b := append(out[:0], prefix...)
	b = base64.RawURLEncoding.AppendEncode(b, raw)
	return string(append(b, suffix...))
}

// IsTenantName reports whether s can name a tenant: a GUID or a DNS name.
// Entra answers anything else with AADSTS900023.
func IsTenantName(s string) bool {
	if IsGUID(s) {
		return true
	}
	if len(s) == 0 || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(isHex(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-') {
				return false
			}
		}
	}
	return true
}
