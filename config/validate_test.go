package config

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadListenerChecks(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string // "" means valid
	}{
		{name: "ok/ephemeral ports never clash", args: []string{"--listen", ":0", "--proxy-listen", ":0", "--imds-listen", "127.0.0.1:0"}},
		{name: "ok/different hosts same port", args: []string{"--listen", "127.0.0.1:9000", "--proxy-listen", "127.0.0.2:9000"}},
		{name: "ok/everything optional off", env: map[string]string{
			"MOCKIDP_PROXY_LISTEN": "", "MOCKIDP_IMDS_LISTEN": "", "MOCKIDP_CLOUD_LISTEN": "usgov=,china=,germany="}},
		{name: "fail/listen empty", env: map[string]string{"MOCKIDP_LISTEN": ""},
			wantErr: "env MOCKIDP_LISTEN: must not be empty"},
		{name: "fail/port out of range", args: []string{"--listen", ":65536"},
			wantErr: `flag --listen: address ":65536": port must be a number from 0 to 65535`},
		{name: "fail/named port", args: []string{"--imds-listen", ":http"},
			wantErr: `flag --imds-listen: address ":http": port must be a number`},
		{name: "fail/wildcard clashes with a host", args: []string{"--listen", "0.0.0.0:9000", "--proxy-listen", "localhost:9000"},
			wantErr: `flag --proxy-listen: address "localhost:9000" is also used by listen (flag --listen)`},
		{name: "fail/ipv6 wildcard clashes with empty host", args: []string{"--listen", "[::]:9000", "--cloud-listen", "china=:9000"},
			wantErr: `flag --cloud-listen: address ":9000" is also used by listen (flag --listen)`},
		{name: "fail/clash with a default", args: []string{"--imds-listen", ":8445"},
			wantErr: `flag --imds-listen: address ":8445" is also used by cloud_listen.china (default)`},
		{name: "fail/disabled unknown cloud is still a typo", args: []string{"--cloud-listen", "chian="},
			wantErr: `flag --cloud-listen: unknown cloud "chian"`},
		{name: "fail/public is not a national cloud", env: map[string]string{"MOCKIDP_CLOUD_LISTEN": "public=:9000"},
			wantErr: `env MOCKIDP_CLOUD_LISTEN: unknown cloud "public"`},
		{name: "fail/empty data dir", args: []string{"--data-dir="},
			wantErr: "flag --data-dir: must not be empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.args, envOf(tc.env))
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestLoadFileChecks(t *testing.T) {
	dir := t.TempDir()
	cert := writeFile(t, dir, "ca.pem", "cert")
	key := writeFile(t, dir, "ca.key", "key")
	missing := filepath.Join(dir, "missing.pem")
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{name: "ok/both", args: []string{"--ca-cert", cert, "--ca-key", key}},
		{name: "ok/write target need not exist", args: []string{"--write-ca", filepath.Join(dir, "new/ca.pem")}},
		{name: "fail/cert without key", args: []string{"--ca-cert", cert},
			wantErr: "flag --ca-cert: ca_key is not set; give both or neither"},
		{name: "fail/missing key file", args: []string{"--ca-cert", cert, "--ca-key", missing},
			wantErr: "flag --ca-key: stat " + missing},
		{name: "fail/seed file is a folder", args: []string{"--seed-file", dir},
			wantErr: "flag --seed-file: " + dir + " is a folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.args, envOf(nil))
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
	// errors.Is sees through *Errors and Problem to the cause.
	if _, err := Load([]string{"--seed-file", missing}, envOf(nil)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing seed file: err = %v, want one matching fs.ErrNotExist", err)
	}
}
