package proxy

import (
	"errors"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// parseAuthority splits a CONNECT target in authority form, "host:port"
// (RFC 9110 section 9.3.6, which requires the port), into a normalized host
// and port: DNS names lower case without a trailing dot, IPv6 literals
// unbracketed in canonical form, the port in decimal without leading zeros.
// It is stricter than RFC 3986's reg-name on purpose: anything unusual is
// refused rather than matched against Emulated.
func parseAuthority(s string) (host, port string, err error) {
	if s == "" {
		return "", "", errors.New("empty target")
	}
	h, p, err := net.SplitHostPort(s)
	if err != nil {
		return "", "", errors.New("want host:port")
	}
	n, err := strconv.ParseUint(p, 10, 16)
	if err != nil || n == 0 {
		return "", "", errors.New("port must be 1-65535")
	}
	port = strconv.FormatUint(n, 10)
	if strings.HasPrefix(s, "[") {
		ip, err := netip.ParseAddr(h)
		if err != nil || !ip.Is6() {
			return "", "", errors.New("brackets must hold an IPv6 address")
		}
		// A zone names an interface of the client's machine; it means
		// nothing to the proxy (and RFC 6874 zones need %25 anyway).
		if ip.Zone() != "" {
			return "", "", errors.New("IPv6 zones are not supported")
		}
		return ip.String(), port, nil
	}
	host, ok := normalizeName(h)
	if !ok {
		return "", "", errors.New("invalid host name")
	}
	return host, port, nil
}

// normalizeName lower-cases a DNS name or IPv4 literal and drops one
// trailing dot ("login.microsoftonline.com." is the same host). Empty
// labels and characters outside letters, digits, '-', '_' and '.' fail.
func normalizeName(h string) (string, bool) {
	h = strings.TrimSuffix(h, ".")
	if h == "" || len(h) > 253 {
		return "", false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" {
			return "", false
		}
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
		case 'A' <= c && c <= 'Z':
		default:
			return "", false
		}
	}
	return strings.ToLower(h), true
}
