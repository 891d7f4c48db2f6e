package dockertest

import (
	"context"
	"errors"
		"net/url"
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

// connect finds the daemon the way the docker CLI does (DOCKER_HOST, else
// the default socket) without touching testcontainers, whose configuration
// is read once and must be set first. Only when that finds nothing does it
// ask testcontainers, which also knows Docker contexts and the sockets of
// Docker Desktop, Colima and Podman.
func connect(ctx context.Context) (*daemon, error) {
	cli, err := client.New(client.FromEnv)
	if err == nil {
		d, perr := probe(ctx, cli)
		if perr == nil {
			return d, nil
		}
		_ = cli.Close()
		err = perr
	}
	tc, tcErr := testcontainers.NewDockerClientWithOpts(ctx)
	if tcErr != nil {
		return nil, &NoDockerError{err}
	}
	d, tcErr := probe(ctx, tc.Client)
	if tcErr != nil {
		_ = tc.Close()
		return nil, &NoDockerError{errors.Join(err, tcErr)}
	}
	d.viaTestcontainers = true
	return d, nil
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
