package config

import (
	"bytes"
	"errors"
	"flag"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoadDefaults(t *testing.T) {
	got, err := Load(nil, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if want := defaults(); !reflect.DeepEqual(got, want) {
		t.Errorf("Load() =\n%+v\nwant\n%+v", got, want)
	}
}

// TestLoadPrecedence proves each layer beats the one below it: one case
// per layer, each adding that layer on top of all lower ones.
func TestLoadPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "mockidp.yaml", `
listen: ":9001"
proxy_listen: ":9101"
cloud_listen:
  china: ":9201"
log:
  level: warn
`)
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want func(*Config)
	}{
		{
			name: "default",
			want: func(c *Config) {},
		},
		{
			name: "file beats default",
			env:  map[string]string{"MOCKIDP_CONFIG": file},
			want: func(c *Config) {
				c.Listen, c.ProxyListen, c.CloudListen["china"], c.LogLevel = ":9001", ":9101", ":9201", "warn"
				c.ConfigFile = file
			},
		},
		{
			name: "env beats file",
			env: map[string]string{
				"MOCKIDP_CONFIG": file, "MOCKIDP_LISTEN": ":9002",
				"MOCKIDP_PROXY_LISTEN": "", // set to empty disables, and still beats the file
				"MOCKIDP_CLOUD_LISTEN": "china=:9202", "MOCKIDP_LOG_LEVEL": "error",
			},
			want: func(c *Config) {
				c.Listen, c.ProxyListen, c.CloudListen["china"], c.LogLevel = ":9002", "", ":9202", "error"
				c.ConfigFile = file
			},
		},
		{
			name: "flag beats env",
			args: []string{"--listen", ":9003", "--proxy-listen=:9103", "--cloud-listen", "china=:9203", "-log-level", "debug"},
			env: map[string]string{
				"MOCKIDP_CONFIG": file, "MOCKIDP_LISTEN": ":9002", "MOCKIDP_PROXY_LISTEN": "",
				"MOCKIDP_CLOUD_LISTEN": "china=:9202", "MOCKIDP_LOG_LEVEL": "error",
			},
			want: func(c *Config) {
				c.Listen, c.ProxyListen, c.CloudListen["china"], c.LogLevel = ":9003", ":9103", ":9203", "debug"
				c.ConfigFile = file
			},
		},
		{
			name: "--config beats MOCKIDP_CONFIG",
			args: []string{"--config", file},
			env:  map[string]string{"MOCKIDP_CONFIG": filepath.Join(dir, "missing.yaml")},
			want: func(c *Config) {
				c.Listen, c.ProxyListen, c.CloudListen["china"], c.LogLevel = ":9001", ":9101", ":9201", "warn"
				c.ConfigFile = file
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Load(tc.args, envOf(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			want := defaults()
			tc.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Load() =\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

func TestLoadCloudListen(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want map[string]string
	}{
		{"comma list", []string{"--cloud-listen", "usgov=:9444,china=:9445"}, nil,
			map[string]string{"usgov": ":9444", "china": ":9445", "germany": "127.0.0.1:8446"}},
		{"repeated flag", []string{"--cloud-listen", "usgov=:9444", "--cloud-listen=germany=:9446"}, nil,
			map[string]string{"usgov": ":9444", "china": "127.0.0.1:8445", "germany": ":9446"}},
		{"empty value disables", []string{"--cloud-listen", "china=,germany="}, nil,
			map[string]string{"usgov": "127.0.0.1:8444", "china": "", "germany": ""}},
		{"spaces and trailing comma", nil, map[string]string{"MOCKIDP_CLOUD_LISTEN": " usgov = 127.0.0.1:9444 , "},
			map[string]string{"usgov": "127.0.0.1:9444", "china": "127.0.0.1:8445", "germany": "127.0.0.1:8446"}},
		{"flag merges over env per cloud", []string{"--cloud-listen", "china=:9445"},
			map[string]string{"MOCKIDP_CLOUD_LISTEN": "china=,usgov="},
			map[string]string{"usgov": "", "china": ":9445", "germany": "127.0.0.1:8446"}},
		{"later entry wins", []string{"--cloud-listen", "china=:9000,china=:9001"}, nil,
			map[string]string{"usgov": "127.0.0.1:8444", "china": ":9001", "germany": "127.0.0.1:8446"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Load(tc.args, envOf(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.CloudListen, tc.want) {
				t.Errorf("CloudListen = %v, want %v", got.CloudListen, tc.want)
			}
		})
	}
}

// TestLoadReportsEveryProblem checks that problems from all layers come
// back together, each at the place to fix it.
func TestLoadReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "config.yaml", `# line 1
listen: ":9443"
proxy_listen: ":9443"
lisen: ":1"
cloud_listen:
  mars: ":9500"
seed_file: nope.json
`)
	args := []string{"--config", file, "--imds-listen", "localhost", "--cloud-listen", "usgov", "--log-format", "xml"}
	env := map[string]string{"MOCKIDP_LOG_LEVEL": "loud", "MOCKIDP_PUBLIC_URL": "http://example.com/base", "MOCKIDP_CA_KEY": "key.pem"}
	_, err := Load(args, envOf(env))
	want := []struct{ where, msg string }{
		{"flag --cloud-listen", `"usgov": want cloud=address`},
		{file + ":4", `unknown key "lisen"`},
		{file + ":6 (key cloud_listen.mars)", `unknown cloud "mars"`},
		{"flag --imds-listen", "missing port"},
		{file + ":3 (key proxy_listen)", `also used by listen (` + file + `:2 (key listen))`},
		{"env MOCKIDP_PUBLIC_URL", "want an https URL"},
		{"env MOCKIDP_CA_KEY", "ca_cert is not set"},
		{"env MOCKIDP_CA_KEY", "no such file"},
		{file + ":7 (key seed_file)", filepath.Join(dir, "nope.json")},
		{"flag --log-format", `unknown log format "xml"`},
		{"env MOCKIDP_LOG_LEVEL", `unknown log level "loud"`},
	}
	got := problems(t, err)
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(got), len(want), err)
	}
	for i, w := range want {
		if got[i].Where != w.where || !strings.Contains(got[i].Err.Error(), w.msg) {
			t.Errorf("problem %d = %q, want %q containing %q", i, got[i].Error(), w.where, w.msg)
		}
	}
}

func TestLoadCommandLineErrors(t *testing.T) {
	tests := []struct {
		name, want string
		args       []string
	}{
		{"unknown flag", "flag provided but not defined: -lisen", []string{"--lisen", ":1"}},
		{"positional argument", `unexpected arguments ["serve"]`, []string{"serve"}},
		{"missing value", "flag needs an argument: -listen", []string{"--listen"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.args, envOf(nil))
			got := problems(t, err)
			if len(got) != 1 || got[0].Where != "command line" || !strings.Contains(got[0].Err.Error(), tc.want) {
				t.Errorf("err = %v, want one command line problem containing %q", err, tc.want)
			}
		})
	}
}

func TestLoadHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help", "-help"} {
		t.Run(arg, func(t *testing.T) {
			// Help wins even over a broken environment: the user asked how to fix it.
			_, err := Load([]string{arg}, envOf(map[string]string{"MOCKIDP_LOG_LEVEL": "loud"}))
			if !errors.Is(err, flag.ErrHelp) {
				t.Fatalf("err = %v, want flag.ErrHelp", err)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	var b bytes.Buffer
	Usage(&b)
	out := b.String()
	for _, want := range []string{
		"--config file", "MOCKIDP_CONFIG",
		"--cloud-listen listeners", "MOCKIDP_CLOUD_LISTEN", `(default "usgov=127.0.0.1:8444,china=127.0.0.1:8445,germany=127.0.0.1:8446")`,
		"--proxy-listen address", "MOCKIDP_PROXY_LISTEN", `(default "127.0.0.1:8080")`,
		"--log-level level", "MOCKIDP_LOG_LEVEL",
		"mockidp healthcheck [flags]", "mockidp version", "--version", "Ctrl-C",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Usage() lacks %q:\n%s", want, out)
		}
	}
}

func TestLoadPublicURL(t *testing.T) {
	tests := []struct {
		in, want, wantErr string
	}{
		{in: "https://idp.example", want: "https://idp.example"},
		{in: "https://idp.example:8443/", want: "https://idp.example:8443"},
		{in: "https://[::1]:8443", want: "https://[::1]:8443"},
		{in: "http://idp.example", wantErr: "want an https URL"},
		{in: "https://", wantErr: "has no host"},
		{in: "https://idp.example/tenant", wantErr: "no user, path"},
		{in: "https://idp.example?x=1", wantErr: "no user, path"},
		{in: "https://u@idp.example", wantErr: "no user, path"},
		{in: "https://idp.example:70000", wantErr: "port must be"},
		{in: "idp.example", wantErr: "want an https URL"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Load([]string{"--public-url", tc.in}, envOf(nil))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), "flag --public-url: ") || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got.PublicURL != tc.want {
				t.Errorf("PublicURL = %q, %v; want %q", got.PublicURL, err, tc.want)
			}
		})
	}
}
