package dockertest

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/moby/moby/client"
)

// reaperImage is the image of testcontainers' reaper (Ryuk) in the
// testcontainers-go version go.mod names; reaper_test.go checks it.
const reaperImage = "testcontainers/ryuk:0.14.0"

const (
	ryukDisabledEnv = "TESTCONTAINERS_RYUK_DISABLED"
	hostOverrideEnv = "TESTCONTAINERS_HOST_OVERRIDE"
	// dockerEnvFile is the file Docker puts in every container, which is
	// how testcontainers decides it runs in one.
	dockerEnvFile = "/.dockerenv"
)

// configureTestcontainers sets, for this process, what testcontainers would
// otherwise need the user to set. A variable the user set is left alone.
// It fails only when the reaper is missing and can no longer be turned off.
func configureTestcontainers(ctx context.Context, d *daemon) error {
	if _, set := os.LookupEnv(ryukDisabledEnv); !set {
		if err := haveImage(ctx, d.cli, reaperImage); err != nil {
			if d.viaTestcontainers {
				return fmt.Errorf("testcontainers' reaper %s is not available (%s), and only testcontainers found this Docker daemon, after which it cannot be told to do without: set %s=true", reaperImage, oneLine(err), ryukDisabledEnv)
			}
			// Without the reaper, containers of a test binary that crashes
			// stay behind; every test still removes its own on cleanup.
			fmt.Fprintf(progress, "testcontainers' reaper %s is not available (%s); running without it\n", reaperImage, oneLine(err))
			setenv(ryukDisabledEnv, "true")
		}
	}
	if _, set := os.LookupEnv(hostOverrideEnv); !set && publishedOnLocalhost(d) {
		// In a container testcontainers dials the Docker network's gateway,
		// which is not where a daemon running in this same container
		// publishes ports.
		fmt.Fprintf(progress, "the Docker daemon runs in this container (%s); reaching containers on localhost\n", d.name)
		setenv(hostOverrideEnv, "localhost")
	}
	return nil
}

// publishedOnLocalhost reports whether testcontainers would look for
// published ports in the wrong place: this process runs in a container
// (testcontainers then uses the gateway) and the daemon is local to this
// very container (same host name over a local socket), so the ports are
// on localhost.
func publishedOnLocalhost(d *daemon) bool {
	if _, err := os.Stat(dockerEnvFile); err != nil || !d.unixSocket() {
		return false
	}
	host, err := os.Hostname()
	return err == nil && host == d.name
}

// haveImage reports nil when ref is in the daemon or can be pulled within
// a short time; an unreachable registry fails fast (DNS) or at the timeout.
func haveImage(ctx context.Context, cli *client.Client, ref string) error {
	if _, err := cli.ImageInspect(ctx, ref); err == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	pull, err := cli.ImagePull(ctx, ref, client.ImagePullOptions{})
	if err != nil {
		return err
	}
	defer pull.Close()
	return pull.Wait(ctx)
}

func setenv(key, value string) {
	if err := os.Setenv(key, value); err != nil {
		panic(err) // only an invalid key fails, and the keys are constants
	}
}
