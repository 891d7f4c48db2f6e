package dockertest

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
)

// daemon is the Docker daemon the tests use and what they need to know of it.
type daemon struct {
	cli *client.Client
	// name is the daemon's host name (docker info's Name).
	name string
	// goos and goarch are the daemon's platform, for the host build.
	goos, goarch string
	// viaTestcontainers tells that only testcontainers' own discovery found
	// the daemon, after which its configuration can no longer change.
	viaTestcontainers bool
	close             func()
}

// unixSocket reports whether the client talks to a local socket, the case
// where testcontainers guesses the containers' host address.
func (d *daemon) unixSocket() bool {
	u, err := url.Parse(d.cli.DaemonHost())
	return err == nil && (u.Scheme == "unix" || u.Scheme == "npipe")
}

// connect finds the daemon without touching testcontainers, whose
// configuration is read once and must be set first: DOCKER_HOST as the
// docker CLI reads it, else the usual sockets of Docker Engine, rootless
// Docker, Docker Desktop and Colima. Only when none answers does it ask
// testcontainers, which also knows Docker contexts and Podman.
func connect(ctx context.Context) (*daemon, error) {
	var errs []error
	for _, host := range candidateHosts() {
		cli, err := client.New(hostOptions(host)...)
		if err == nil {
			var d *daemon
			if d, err = probe(ctx, cli); err == nil {
				return d, nil
			}
			_ = cli.Close()
		}
		errs = append(errs, err)
	}
	tc, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err == nil {
		var d *daemon
		if d, err = probe(ctx, tc.Client); err == nil {
			d.viaTestcontainers = true
			return d, nil
		}
		_ = tc.Close()
	}
	// The first error (DOCKER_HOST or the default socket) is the one a
	// person can act on; testcontainers' says the same at more length.
	return nil, &NoDockerError{errs[0]}
}

// candidateHosts lists where to look for the daemon: DOCKER_HOST alone
// when set (""), else the default socket and the per-user ones that exist.
func candidateHosts() []string {
	hosts := []string{""}
	if os.Getenv("DOCKER_HOST") != "" {
		return hosts
	}
	home, _ := os.UserHomeDir()
	for _, sock := range []string{
		filepath.Join(os.Getenv("XDG_RUNTIME_DIR"), "docker.sock"),
		filepath.Join(home, ".docker", "run", "docker.sock"),
		filepath.Join(home, ".docker", "desktop", "docker.sock"),
		filepath.Join(home, ".colima", "default", "docker.sock"),
	} {
		if info, err := os.Stat(sock); err == nil && info.Mode()&os.ModeSocket != 0 {
			hosts = append(hosts, "unix://"+sock)
		}
	}
	return hosts
}

// hostOptions are the client's options for host, "" meaning DOCKER_HOST
// or the default.
func hostOptions(host string) []client.Opt {
	if host == "" {
		return []client.Opt{client.FromEnv}
	}
	return []client.Opt{client.FromEnv, client.WithHost(host)}
}

// NoDockerError says that no Docker daemon answers: the one reason to
// skip rather than fail a test that needs Docker.
type NoDockerError struct{ err error }

func (e *NoDockerError) Error() string { return "cannot reach the Docker daemon: " + e.err.Error() }
func (e *NoDockerError) Unwrap() error { return e.err }

// Absent reports whether err means that Docker is not there.
func Absent(err error) bool {
	var no *NoDockerError
	return errors.As(err, &no)
}

// probe asks the daemon for its name and platform within a few seconds, so
// that a stopped Docker skips the tests at once.
func probe(ctx context.Context, cli *client.Client) (*daemon, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	info, err := cli.Info(ctx, client.InfoOptions{})
	if err != nil {
		return nil, err
	}
	v, err := cli.ServerVersion(ctx, client.ServerVersionOptions{})
	if err != nil {
		return nil, err
	}
	return &daemon{cli: cli, name: info.Info.Name, goos: v.Os, goarch: v.Arch, close: func() { _ = cli.Close() }}, nil
}
