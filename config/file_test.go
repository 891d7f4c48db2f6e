package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoadFileErrors(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string // each problem's full text after the file name
	}{
		{"unknown key", "listen: ':9443'\n\nlisen: x\n",
			[]string{`:3: unknown key "lisen"`}},
		{"unknown log key", "log:\n  format: json\n  levle: debug\n",
			[]string{`:3: unknown key "log.levle"`}},
		{"dotted key at top", "log.format: json\n",
			[]string{`:1: unknown key "log.format"`}},
		{"list for string", "listen:\n  - ':1'\n",
			[]string{`:1 (key listen): want a string, got a list`}},
		{"mapping for string", "data_dir: {a: b}\n",
			[]string{`:1 (key data_dir): want a string, got a mapping`}},
		{"cloud_listen not a mapping", "cloud_listen: usgov=:1\n",
			[]string{`:1 (key cloud_listen): want a mapping of cloud to address, got a single value`}},
		{"log not a mapping", "log: debug\n",
			[]string{`:1 (key log): want a mapping with format and level, got a single value`}},
		{"duplicate key", "listen: ':1'\nimds_listen: ':2'\nlisten: ':3'\n",
			[]string{`:3: duplicate key "listen" (first on line 1)`}},
		{"seed not a mapping", "seed: [a]\n",
			[]string{`:1 (key seed): want a mapping, got a list`}},
		{"scenario NaN", "scenarios:\n  - delay: .nan\n",
			[]string{`:1 (key scenarios): NaN cannot be written as JSON`}},
		{"top level list", "- listen\n",
			[]string{`:1: want a mapping of settings at the top, got a list`}},
		{"syntax error", "# first\nlisten: a: b\n",
			[]string{`:2: mapping values are not allowed in this context`}},
		{"two documents", "listen: ':1'\n---\nlisten: ':2'\n",
			[]string{`: want one YAML document, found more`}},
		{"value checks carry file lines", "log:\n  format: xml\ncloud_listen:\n  usgov: 'nope'\n",
			[]string{
				`:4 (key cloud_listen.usgov): want host:port or :port: address nope: missing port in address`,
				`:2 (key log.format): unknown log format "xml"; want text or json`,
			}},
		{"several at once", "lisen: 1\nlisten: [1]\nproxy: 2\n",
			[]string{`:1: unknown key "lisen"`, `:2 (key listen): want a string, got a list`, `:3: unknown key "proxy"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := writeFile(t, t.TempDir(), "config.yaml", tc.content)
			_, err := Load([]string{"--config", file}, envOf(nil))
			got := problems(t, err)
			var gotText []string
			for _, p := range got {
				gotText = append(gotText, strings.TrimPrefix(p.Error(), file))
			}
			if !reflect.DeepEqual(gotText, tc.want) {
				t.Errorf("problems =\n%q\nwant\n%q", gotText, tc.want)
			}
		})
	}
}

func TestLoadFileMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	_, err := Load(nil, envOf(map[string]string{"MOCKIDP_CONFIG": missing}))
	got := problems(t, err)
	if len(got) != 1 || got[0].Where != "env MOCKIDP_CONFIG" || !os.IsNotExist(got[0].Err) {
		t.Errorf("err = %v, want one not-exist problem at env MOCKIDP_CONFIG", err)
	}
}

// TestLoadFileRelativePaths checks that paths in a file are relative to
// the file, so a config next to its seed works from any working folder,
// while paths from flags stay relative to the working folder.
func TestLoadFileRelativePaths(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "etc")
	writeFile(t, sub, "seed.json", "{}")
	writeFile(t, sub, "pki/ca.pem", "cert")
	writeFile(t, sub, "pki/ca.key", "key")
	abs := writeFile(t, dir, "abs-seed.json", "{}")
	file := writeFile(t, sub, "mockidp.yaml", `
data_dir: state
ca_cert: pki/ca.pem
ca_key: ./pki/ca.key
write_ca: ../out/ca.pem
seed_file: seed.json
`)
	tests := []struct {
		name string
		args []string
		want func(*Config)
	}{
		{"from file", nil, func(c *Config) {
			c.DataDir = filepath.Join(sub, "state")
			c.SeedFile = filepath.Join(sub, "seed.json")
		}},
		{"absolute stays", []string{"--seed-file", abs}, func(c *Config) {
			c.DataDir = filepath.Join(sub, "state")
			c.SeedFile = abs
		}},
		{"flag stays relative to working folder", []string{"--data-dir", "rel"}, func(c *Config) {
			c.DataDir = "rel"
			c.SeedFile = filepath.Join(sub, "seed.json")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Load(append([]string{"--config", file}, tc.args...), envOf(nil))
			if err != nil {
				t.Fatal(err)
			}
			want := defaults()
			want.ConfigFile = file
			want.CACert = filepath.Join(sub, "pki/ca.pem")
			want.CAKey = filepath.Join(sub, "pki/ca.key")
			want.WriteCA = filepath.Join(dir, "out/ca.pem")
			tc.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Load() =\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

func TestLoadFileFormats(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                func(*Config)
	}{
		{"json", "mockidp.json", `{
  "listen": "127.0.0.1:9443",
  "cloud_listen": {"china": "", "usgov": ":9444"},
  "imds_listen": null,
  "log": {"format": "json", "level": "debug"},
  "seed": {"tenants": [{"id": "t1", "users": 2}]},
  "scenarios": [{"name": "slow", "delay": "2s"}]
}`, func(c *Config) {
			c.Listen = "127.0.0.1:9443"
			c.CloudListen = map[string]string{"usgov": ":9444", "china": "", "germany": "127.0.0.1:8446"}
			c.IMDSListen = ""
			c.LogFormat, c.LogLevel = "json", "debug"
			c.Seed = []byte(`{"tenants":[{"id":"t1","users":2}]}`)
			c.Scenarios = []byte(`[{"delay":"2s","name":"slow"}]`)
		}},
		{"yaml with anchors, merges and odd keys", "mockidp.yaml", `
seed:
  defaults: &d {tenant: t1, when: 2024-01-02}
  apps:
    - <<: *d
      name: web
    - {1: one, true: yes}
scenarios:
`, func(c *Config) {
			c.Seed = []byte(`{"apps":[{"name":"web","tenant":"t1","when":"2024-01-02"},{"1":"one","true":"yes"}],"defaults":{"tenant":"t1","when":"2024-01-02"}}`)
		}},
		{"empty file", "empty.yaml", "", func(c *Config) {}},
		{"only comments", "comments.yaml", "# nothing yet\n", func(c *Config) {}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := writeFile(t, t.TempDir(), tc.file, tc.content)
			got, err := Load([]string{"--config", file}, envOf(nil))
			if err != nil {
				t.Fatal(err)
			}
			want := defaults()
			want.ConfigFile = file
			tc.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Load() =\n%+v\nwant\n%+v\nseed %s\nscenarios %s", got, want, got.Seed, got.Scenarios)
			}
		})
	}
}
