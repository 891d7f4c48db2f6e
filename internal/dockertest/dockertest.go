// Package dockertest decides, once per test binary, whether tests that need
// Docker run, and gives them mockidp's image: MOCKIDP_IMAGE when set (CI
// builds it once with `docker build --network host`), else one built from
// the repository's Dockerfile through testcontainers.
//
// Outside CI a missing Docker daemon skips those tests with the reason. In
// CI (CI=true, or MOCKIDP_REQUIRE_DOCKER=1 as .ci/run sets) it fails them:
// a CI run that silently skipped the container tests would prove nothing.
package dockertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
)

// ImageEnv names a prebuilt mockidp image to test instead of building one.
const ImageEnv = "MOCKIDP_IMAGE"

// RequireEnv names the variable that, set to 1, makes missing Docker a
// failure; CI=true does too.
const RequireEnv = "MOCKIDP_REQUIRE_DOCKER"

// builtTag is the tag of the image built from the Dockerfile; kept between
// runs so Docker's layer cache makes later builds quick.
const builtTag = "mockidp:test"

var (
	once     sync.Once
	image    string
	problem  error
	required = os.Getenv("CI") == "true" || os.Getenv(RequireEnv) == "1"
)

// Required reports whether missing Docker fails tests instead of skipping them.
func Required() bool { return required }

// Image returns mockidp's image for t, or skips (outside CI) or fails (in
// CI) t when Docker is unavailable or the build failed. Tests under -short
// are skipped: building and starting containers takes seconds.
func Image(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("needs Docker; skipped under -short")
	}
	img, err := Prepare()
	if err != nil {
		if required {
			t.Fatalf("Docker is required here (CI=true or %s=1): %v", RequireEnv, err)
		}
		t.Skipf("skipping: needs Docker: %v", err)
	}
	return img
}

// Prepare checks Docker and gets the image once per process.
func Prepare() (string, error) {
	once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
		defer cancel()
		image, problem = prepare(ctx)
	})
	return image, problem
}

func prepare(ctx context.Context) (string, error) {
	p, err := testcontainers.NewDockerProvider()
	if err != nil {
		return "", fmt.Errorf("no Docker client: %w", err)
	}
	defer p.Close()
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := p.Health(pingCtx); err != nil {
		return "", fmt.Errorf("cannot reach the Docker daemon: %w", err)
	}
	if img := os.Getenv(ImageEnv); img != "" {
		return img, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	var log strings.Builder
	req := &testcontainers.ContainerRequest{FromDockerfile: testcontainers.FromDockerfile{
		Context: root, Repo: "mockidp", Tag: "test", KeepImage: true, BuildLogWriter: &log,
		// Host networking lets `go mod download` reach the module proxy
		// where Docker's bridge has no route out (a daemon run with
		// --iptables=false, as on CI machines).
		BuildOptionsModifier: func(o *client.ImageBuildOptions) { o.NetworkMode = "host" },
	}}
	tag, err := p.BuildImage(ctx, req)
	if err != nil {
		return "", fmt.Errorf("build %s from %s/Dockerfile: %w\n%s", builtTag, root, err, tail(log.String(), 40))
	}
	return tag, nil
}

// repoRoot is the folder with go.mod and the Dockerfile above the test's
// working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no Dockerfile next to a go.mod above the working directory")
		}
		dir = parent
	}
}

func tail(s string, lines int) string {
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}
