package mockidpcontainer

import (
	"archive/tar"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/ca"
	"github.com/mockidp/mockidp/idp"
	"github.com/testcontainers/testcontainers-go"
)

func TestOptionErrors(t *testing.T) {
	tests := []struct {
		name    string
		opt     Option
		wantErr string
	}{
		{"fail/seed file without a known extension", WithSeedFile("seed.txt"), "want a .json, .yaml or .yml"},
		{"fail/config file without a known extension", WithConfigFile("mockidp.toml"), "want a .json, .yaml or .yml"},
		{"fail/nil network", WithNetwork(nil), "needs a created network"},
		{"fail/Arc volume without a name", WithArcKeyVolume(""), "needs a volume name"},
		{"ok/Arc volume", WithArcKeyVolume("arc-keys"), ""},
		{"ok/yaml seed file", WithSeedFile("seed.YAML"), ""},
		{"ok/seed", WithSeed(idp.DefaultSeed()), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.opt(&options{})
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// Run reports a bad option before it touches Docker.
func TestRunReportsOptionErrorFirst(t *testing.T) {
	_, err := Run(t.Context(), "no-such-image", WithSeedFile("seed.txt"))
	if err == nil || !strings.Contains(err.Error(), "seed.txt") {
		t.Fatalf("Run = %v, want the option's error", err)
	}
}

func TestRequestOptions(t *testing.T) {
	authority, err := ca.LoadOrCreate("", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	seedPath := filepath.Join(t.TempDir(), "seed.yaml")
	if err := os.WriteFile(seedPath, []byte("tenants: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		s         options
		wantPort  string
		wantFiles []string
		wantEnv   map[string]string
		wantErr   error
	}{
		{"defaults", options{controlToken: "tok"}, PublicPort,
			[]string{"/data/ca-key.pem", "/data/ca.pem", "/data/keys/china.pem", "/data/keys/germany.pem", "/data/keys/public.pem", "/data/keys/usgov.pem"},
			map[string]string{"MOCKIDP_LISTEN": ":8443", "MOCKIDP_CONTROL_TOKEN": "tok"}, nil},
		{"network serves 443", options{network: &testcontainers.DockerNetwork{Name: "n"}, generatedKeys: true}, NetworkPublicPort,
			[]string{"/data/ca-key.pem", "/data/ca.pem"}, map[string]string{"MOCKIDP_LISTEN": ":443"}, nil},
		{"seed file keeps its extension", options{seedFile: seedPath, generatedKeys: true}, PublicPort,
			[]string{"/data/ca-key.pem", "/data/ca.pem", "/etc/mockidp/seed.yaml"},
			map[string]string{"MOCKIDP_SEED_FILE": "/etc/mockidp/seed.yaml"}, nil},
		{"missing seed file", options{seedFile: filepath.Join(t.TempDir(), "gone.json")}, "", nil, nil, os.ErrNotExist},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts, files, port, err := requestOptions(tc.s, authority)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if port != tc.wantPort {
				t.Errorf("public port %s, want %s", port, tc.wantPort)
			}
			var paths []string
			for _, f := range files {
				paths = append(paths, f.path)
			}
			slices.Sort(paths)
			if !slices.Equal(paths, tc.wantFiles) {
				t.Errorf("files %v, want %v", paths, tc.wantFiles)
			}
			req := testcontainers.GenericContainerRequest{}
			for _, o := range opts {
				if err := o.Customize(&req); err != nil {
					t.Fatal(err)
				}
			}
			for k, v := range tc.wantEnv {
				if req.Env[k] != v {
					t.Errorf("env %s = %q, want %q", k, req.Env[k], v)
				}
			}
			if !slices.Contains(req.ExposedPorts, tc.wantPort) || !slices.Contains(req.ExposedPorts, IMDSPort) {
				t.Errorf("exposed %v, want %s and %s among them", req.ExposedPorts, tc.wantPort, IMDSPort)
			}
			if tc.s.network != nil && len(req.NetworkAliases["n"]) == 0 {
				t.Error("no login host aliases on the network")
			}
		})
	}
}

func TestTarOf(t *testing.T) {
	files := []file{
		{path: "/data/ca-key.pem", data: []byte("k"), mode: 0o600},
		{path: "/data/keys/public.pem", data: []byte("p"), mode: 0o600},
	}
	archive, err := tarOf(dataDir, files)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	tr := tar.NewReader(archive)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != imageUser || h.Gid != imageUser {
			t.Errorf("%s owned by %d:%d, want the image user", h.Name, h.Uid, h.Gid)
		}
		got = append(got, h.Name)
	}
	want := []string{"keys/", "ca-key.pem", "keys/public.pem"}
	if !slices.Equal(got, want) {
		t.Fatalf("entries %v, want %v (relative to /data, no entry for /data itself)", got, want)
	}
}
