package proxy

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

func TestParseAuthority(t *testing.T) {
	tests := []struct {
		in       string
		wantHost string
		wantPort string
		wantErr  string
	}{
		{in: "login.microsoftonline.com:443", wantHost: "login.microsoftonline.com", wantPort: "443"},
		{in: "LOGIN.MicrosoftOnline.COM:443", wantHost: "login.microsoftonline.com", wantPort: "443"},
		{in: "login.microsoftonline.com.:443", wantHost: "login.microsoftonline.com", wantPort: "443"},
		{in: "login.microsoftonline.com:0443", wantHost: "login.microsoftonline.com", wantPort: "443"},
		{in: "127.0.0.1:8443", wantHost: "127.0.0.1", wantPort: "8443"},
		{in: "[::1]:443", wantHost: "::1", wantPort: "443"},
		{in: "[0:0::1]:443", wantHost: "::1", wantPort: "443"},
		{in: "my_host:1", wantHost: "my_host", wantPort: "1"},
		{in: "", wantErr: "empty target"},
		{in: "login.microsoftonline.com", wantErr: "want host:port"},
		{in: ":443", wantErr: "invalid host name"},
		{in: ".:443", wantErr: "invalid host name"},
		{in: "a..b:443", wantErr: "invalid host name"},
		{in: "a..:443", wantErr: "invalid host name"},
		{in: "a b:443", wantErr: "invalid host name"},
		{in: "user@host:443", wantErr: "invalid host name"},
		{in: "host:65536", wantErr: "port must be 1-65535"},
		{in: "host:-1", wantErr: "port must be 1-65535"},
		{in: "host:https", wantErr: "port must be 1-65535"},
		{in: "::1:443", wantErr: "want host:port"},
		{in: "[127.0.0.1]:443", wantErr: "brackets must hold an IPv6 address"},
		{in: "[example.com]:443", wantErr: "brackets must hold an IPv6 address"},
		{in: "host:443/path", wantErr: "port must be 1-65535"},
		{in: "[fe80::1%eth0]:443", wantErr: "IPv6 zones are not supported"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			host, port, err := parseAuthority(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || host != tc.wantHost || port != tc.wantPort {
				t.Fatalf("= %q, %q, %v; want %q, %q", host, port, err, tc.wantHost, tc.wantPort)
			}
		})
	}
}

// FuzzParseAuthority checks that accepted targets are normalized: lower
// case, a port in range, and stable when joined and parsed again.
func FuzzParseAuthority(f *testing.F) {
	for _, s := range []string{
		"login.microsoftonline.com:443", "[::1]:443", "[fe80::1%eth0]:443", "127.0.0.1:80",
		"A.B.:1", "host:0443", "[::ffff:1.2.3.4]:443", "x:65535", "", ":", "[]:1", "a..:1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		host, port, err := parseAuthority(s)
		if err != nil {
			return
		}
		if host == "" || strings.HasSuffix(host, ".") {
			t.Fatalf("%q: bad host %q", s, host)
		}
		if !strings.Contains(host, ":") && host != strings.ToLower(host) {
			t.Fatalf("%q: host %q not lower case", s, host)
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || strconv.Itoa(n) != port {
			t.Fatalf("%q: bad port %q", s, port)
		}
		h2, p2, err := parseAuthority(net.JoinHostPort(host, port))
		if err != nil || h2 != host || p2 != port {
			t.Fatalf("%q: not stable: %q %q -> %q %q %v", s, host, port, h2, p2, err)
		}
	})
}
