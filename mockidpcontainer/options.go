package mockidpcontainer

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/mockidp/mockidp/seed"
	"github.com/testcontainers/testcontainers-go"
)

// Option configures the container. Options are plain functions over the
// module's settings; Run turns the settings into the container request
// after the defaults and before the user's own testcontainers options.
type Option func(*options) error

// Customize does nothing: Run reads Option values itself. It exists so an
// Option can be passed where testcontainers.ContainerCustomizer is wanted.
func (o Option) Customize(*testcontainers.GenericContainerRequest) error { return nil }

var _ testcontainers.ContainerCustomizer = Option(nil)

// options are the settings the module turns into the container request.
type options struct {
	seedJSON      []byte // WithSeed
	seedFile      string // WithSeedFile
	configFile    string // WithConfigFile
	network       *testcontainers.DockerNetwork
	generatedKeys bool
	arcVolume     string // WithArcKeyVolume
	controlToken  string // made by Run: the host is not the container's loopback
}

// In-container paths of the files Run copies in.
const (
	dataDir   = "/data"
	configDir = "/etc/mockidp"
)

// WithSeed replaces the default seed (tenants, apps, users) with s. It has
// the same name and meaning as mockidptest.WithSeed.
func WithSeed(s seed.Seed) Option {
	return func(o *options) error {
		data, err := json.Marshal(s)
		if err != nil {
			return fmt.Errorf("mockidpcontainer: seed: %w", err)
		}
		o.seedJSON, o.seedFile = data, ""
		return nil
	}
}

// WithSeedFile replaces the default seed with a JSON or YAML seed file on
// the host (MOCKIDP_SEED_FILE in the container).
func WithSeedFile(path string) Option {
	return func(o *options) error {
		if err := checkExt(path, "seed file"); err != nil {
			return err
		}
		o.seedFile, o.seedJSON = path, nil
		return nil
	}
}

// WithConfigFile starts mockidp with a config file (YAML or JSON) from the
// host, as MOCKIDP_CONFIG. MOCKIDP_* variables the module sets, such as the
// listen addresses, still win over the file.
func WithConfigFile(path string) Option {
	return func(o *options) error {
		if err := checkExt(path, "config file"); err != nil {
			return err
		}
		o.configFile = path
		return nil
	}
}

// WithNetwork attaches the container to nw under every national cloud's
// login host names (login.microsoftonline.com, login.microsoftonline.us,
// login.chinacloudapi.cn, …) and serves the public cloud on port 443, so
// other containers on nw reach mockidp by the real authority URLs. Requests
// are routed to a cloud by the host name they were sent to.
func WithNetwork(nw *testcontainers.DockerNetwork) Option {
	return func(o *options) error {
		if nw == nil || nw.Name == "" {
			return errors.New("mockidpcontainer: WithNetwork needs a created network")
		}
		o.network = nw
		return nil
	}
}

// WithGeneratedKeys makes mockidp generate its own RSA signing keys at
// start instead of using the module's fixed test keys. Startup then takes
// longer; use it when tokens must not verify against the published test keys.
func WithGeneratedKeys() Option {
	return func(o *options) error {
		o.generatedKeys = true
		return nil
	}
}

func checkExt(path, what string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json", ".yaml", ".yml":
		return nil
	}
	return fmt.Errorf("mockidpcontainer: %s %q: want a .json, .yaml or .yml file", what, path)
}
