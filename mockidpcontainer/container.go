package mockidpcontainer

import (
	"context"
	"crypto/tls"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/mockidp/mockidp/ca"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/network"
	"github.com/testcontainers/testcontainers-go/wait"
)

// Container ports. The public cloud moves to 443 with WithNetwork so that
// https://login.microsoftonline.com/ works from sibling containers.
const (
	PublicPort        = "8443/tcp"
	NetworkPublicPort = "443/tcp"
	ProxyPort         = "8080/tcp"
)

// cloudPort is a national cloud's listener in the image: its catalogue port.
func cloudPort(c *clouds.Cloud) string { return c.Port + "/tcp" }

// Container is a running mockidp container.
type Container struct {
	testcontainers.Container
	authority  *ca.Authority
	publicPort string
	settings   options
	tempDir    string // holds the CA file Env hands out; removed by Terminate
	arcVolume  string // the Arc key volume Run created; removed by Terminate
}

// Run starts mockidp from img (built from mockidp's Dockerfile) and waits
// until its health endpoint answers over TLS verified against the CA Run
// made. Like every testcontainers module, it returns the container even on
// error so the caller can clean it up (testcontainers.CleanupContainer).
func Run(ctx context.Context, img string, opts ...testcontainers.ContainerCustomizer) (*Container, error) {
	var settings options
	for _, opt := range opts {
		if o, ok := opt.(Option); ok {
			if err := o(&settings); err != nil {
				return nil, err
			}
		}
	}
	authority, err := ca.LoadOrCreate("", time.Now())
	if err != nil {
		return nil, fmt.Errorf("run mockidp: %w", err)
	}
	if settings.controlToken, err = newControlToken(); err != nil {
		return nil, fmt.Errorf("run mockidp: %w", err)
	}
	defaults, files, publicPort, err := requestOptions(settings, authority)
	if err != nil {
		return nil, fmt.Errorf("run mockidp: %w", err)
	}
	// Post-processing after the user's options: WithLifecycleHooks
	// replaces earlier hooks, and the files must always be copied.
	var createdVolume string
	if settings.arcVolume != "" {
		arcOpts, created, err := arcVolumeOptions(ctx, settings.arcVolume)
		if err != nil {
			return nil, fmt.Errorf("run mockidp: %w", err)
		}
		defaults = append(defaults, arcOpts...)
		if created {
			createdVolume = settings.arcVolume
		}
	}
	ctr, err := testcontainers.Run(ctx, img, moduleOptions(&settings, defaults, opts, files)...)
	var c *Container
	if ctr != nil {
		c = &Container{Container: ctr, authority: authority, publicPort: publicPort, settings: settings, arcVolume: createdVolume}
	} else if createdVolume != "" {
		_ = removeArcVolume(ctx, createdVolume)
	}
	if err != nil {
		return c, fmt.Errorf("run mockidp: %w", err)
	}
	return c, nil
}

// moduleOptions orders what Run passes to testcontainers: the module's
// defaults, the user's options, then what must see the final request —
// the control token the user may have set, and the files to copy in.
func moduleOptions(s *options, defaults, user []testcontainers.ContainerCustomizer, files []file) []testcontainers.ContainerCustomizer {
	return append(append(slices.Clip(defaults), user...), adoptControlToken(s),
		testcontainers.WithAdditionalLifecycleHooks(copyFiles(files)))
}

// requestOptions are the module's defaults (ports, environment, wait
// strategy) and the files to copy in before start.
func requestOptions(s options, authority *ca.Authority) ([]testcontainers.ContainerCustomizer, []file, string, error) {
	publicPort, env := PublicPort, map[string]string{"MOCKIDP_LISTEN": ":8443", controlTokenEnv: s.controlToken}
	if s.network != nil {
		publicPort, env["MOCKIDP_LISTEN"] = NetworkPublicPort, ":443"
	}
	files, err := caFiles(authority)
	if err != nil {
		return nil, nil, "", err
	}
	if !s.generatedKeys {
		files = append(files, keyFiles()...)
	}
	seedFiles, err := seedAndConfig(s, env)
	if err != nil {
		return nil, nil, "", err
	}
	files = append(files, seedFiles...)
	ports := []string{publicPort, ProxyPort, IMDSPort}
	for _, c := range clouds.All()[1:] {
		ports = append(ports, cloudPort(c))
	}
	opts := []testcontainers.ContainerCustomizer{
		testcontainers.WithExposedPorts(ports...),
		testcontainers.WithEnv(env),
		testcontainers.WithWaitStrategy(healthWait(publicPort, authority)),
	}
	if s.network != nil {
		opts = append(opts, network.WithNetwork(clouds.AllLoginHosts(), s.network))
	}
	return opts, files, publicPort, nil
}

// healthWait polls /_mockidp/health over TLS that trusts only the CA.
// ServerName is fixed because the mapped host may be an address that is
// not on the certificate (a Docker gateway); "localhost" always is.
//
// The strategy sleeps one interval before its first request, and mockidp
// is usually up by then, so the interval is most of the wait: 5 ms
// instead of 20 ms took about 15 ms off the median start, for a TLS
// handshake or two more while a slow container comes up.
func healthWait(port string, authority *ca.Authority) wait.Strategy {
	return wait.ForHTTP("/_mockidp/health").WithPort(port).
		WithTLS(true, &tls.Config{RootCAs: authority.Pool(), ServerName: "localhost", MinVersion: tls.VersionTLS12}).
		WithPollInterval(5 * time.Millisecond).
		WithStartupTimeout(30 * time.Second)
}

// caFiles put the CA where mockidp looks first: ca.pem and ca-key.pem in
// its data folder.
func caFiles(a *ca.Authority) ([]file, error) {
	keyPEM, err := a.KeyPEM()
	if err != nil {
		return nil, err
	}
	return []file{
		{path: dataDir + "/" + ca.CertFileName, data: a.CertPEM, mode: 0o644},
		{path: dataDir + "/" + ca.KeyFileName, data: keyPEM, mode: 0o600},
	}, nil
}

// keyFiles are the fixed test signing keys, so mockidp skips RSA key
// generation, the slowest part of its start.
func keyFiles() []file {
	var files []file
	for name, pem := range fixtures.SigningPEMs() {
		files = append(files, file{path: dataDir + "/keys/" + name + ".pem", data: pem, mode: 0o600})
	}
	return files
}

// seedAndConfig copies the seed and config files in and names them in env.
func seedAndConfig(s options, env map[string]string) ([]file, error) {
	var files []file
	switch {
	case s.seedJSON != nil:
		env["MOCKIDP_SEED_FILE"] = configDir + "/seed.json"
		files = append(files, file{path: env["MOCKIDP_SEED_FILE"], data: s.seedJSON, mode: 0o644})
	case s.seedFile != "":
		f, err := hostFile(s.seedFile, "seed")
		if err != nil {
			return nil, err
		}
		env["MOCKIDP_SEED_FILE"] = f.path
		files = append(files, f)
	}
	if s.configFile != "" {
		f, err := hostFile(s.configFile, "config")
		if err != nil {
			return nil, err
		}
		env["MOCKIDP_CONFIG"] = f.path
		files = append(files, f)
	}
	return files, nil
}

// hostFile reads a host file now, so a missing file fails Run with its
// name instead of failing inside the container.
func hostFile(hostPath, name string) (file, error) {
	data, err := os.ReadFile(hostPath)
	if err != nil {
		return file{}, err
	}
	return file{path: configDir + "/" + name + filepath.Ext(hostPath), data: data, mode: 0o644}, nil
}

// Terminate stops and removes the container, the CA file Env wrote and
// the Arc key volume Run created (WithArcKeyVolume), which must by then be
// unused: terminate client containers that mount it first.
func (c *Container) Terminate(ctx context.Context, opts ...testcontainers.TerminateOption) error {
	if c.tempDir != "" {
		_ = os.RemoveAll(c.tempDir)
	}
	err := c.Container.Terminate(ctx, opts...)
	if err == nil && c.arcVolume != "" {
		err = removeArcVolume(ctx, c.arcVolume)
		c.arcVolume = ""
	}
	return err
}
