package app

import (
	"net"
	"testing"
)

func TestDisplayAddr(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0.0.0.0:8443", "localhost:8443"},
		{"[::]:8443", "localhost:8443"},
		{"127.0.0.1:8443", "localhost:8443"},
		{"[::1]:8444", "localhost:8444"},
		{"127.0.0.2:8443", "127.0.0.2:8443"},
		{"192.0.2.10:8080", "192.0.2.10:8080"},
	} {
		addr, err := net.ResolveTCPAddr("tcp", tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := displayAddr(addr); got != tc.want {
			t.Errorf("displayAddr(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
