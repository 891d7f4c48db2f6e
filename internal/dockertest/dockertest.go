// Package dockertest decides, once per test binary, whether tests that need
// Docker run, sets testcontainers up for the machine it finds, and gives
// those tests mockidp's image.
//
// The image is MOCKIDP_IMAGE when set (CI builds the real Dockerfile with
// `docker build` and tests that image); otherwise a test image built from a
// mockidp binary compiled on the host and the Dockerfile's final stage,
// made once per change of the sources and shared by every test binary of a
// run (see build.go). No registry is needed: the final stage is FROM scratch.
//
// Outside CI a missing Docker daemon skips those tests with the reason. In
// CI (CI=true, or MOCKIDP_REQUIRE_DOCKER=1) it fails them: a CI run that
// silently skipped the container tests would prove nothing.
package dockertest

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// ImageEnv names a prebuilt mockidp image to test instead of building one.
const ImageEnv = "MOCKIDP_IMAGE"

// RequireEnv names the variable that, set to 1, makes missing Docker a
// failure; CI=true does too.
const RequireEnv = "MOCKIDP_REQUIRE_DOCKER"

var (
	once     sync.Once
	image    string
	problem  error
	required = os.Getenv("CI") == "true" || os.Getenv(RequireEnv) == "1"
	// progress receives the setup's and the build's log lines. Stderr, not
	// t.Log: the build happens once for many tests, and a person waiting on
	// the first run should see it move.
	progress io.Writer = &prefixWriter{w: os.Stderr, prefix: "dockertest: "}
)

// Required reports whether missing Docker fails tests instead of skipping them.
func Required() bool { return required }

// ShouldSkip reports whether err from Prepare skips the tests instead of
// failing them: Docker is absent and this is not CI. A failed build with
// Docker present always fails.
func ShouldSkip(err error) bool { return Absent(err) && !required }

// Image returns mockidp's image for t, or skips t when Docker is absent
// outside CI, or fails it (no Docker in CI, or a failed build). Tests under
// -short are skipped: building and starting containers takes seconds.
func Image(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("needs Docker; skipped under -short")
	}
	img, err := Prepare()
	switch {
	case err == nil:
		return img
	case ShouldSkip(err):
		t.Skip(SkipMessage(err))
	case Absent(err):
		t.Fatalf("Docker is required here (CI=true or %s=1): %v", RequireEnv, err)
	default:
		t.Fatalf("mockidp's test image: %v", err)
	}
	return ""
}

// SkipMessage is the one line that says what was skipped, why, and how to
// run it.
func SkipMessage(err error) string {
	return fmt.Sprintf("skipping Docker tests: %s (start Docker to run them; -short skips them quietly)", oneLine(err))
}

// Prepare finds Docker, configures testcontainers and gets the image, once
// per process. Call it before any other testcontainers call: testcontainers
// reads its configuration once.
func Prepare() (string, error) {
	once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
		defer cancel()
		image, problem = prepare(ctx)
		if ShouldSkip(problem) {
			announceSkip(problem)
		}
	})
	return image, problem
}

func prepare(ctx context.Context) (string, error) {
	d, err := connect(ctx)
	if err != nil {
		return "", err
	}
	defer d.close()
	if err := configureTestcontainers(ctx, d); err != nil {
		return "", err
	}
	if img := os.Getenv(ImageEnv); img != "" {
		if _, err := d.cli.ImageInspect(ctx, img); err != nil {
			return "", fmt.Errorf("%s=%s: %w", ImageEnv, img, err)
		}
		return img, nil
	}
	return testImage(ctx, d)
}

// oneLine is err's text on one line, for a skip message that reads as one.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// MainImage is Image for a TestMain, after flag.Parse, whose tests cannot
// skip themselves (examples): the image, or "" when they are to be left
// out (under -short, or Docker absent outside CI, said in one line on
// stderr). When they cannot run otherwise it exits the process, failing.
func MainImage(pkg string) string {
	if testing.Short() {
		return ""
	}
	img, err := Prepare()
	switch {
	case err == nil:
		return img
	case ShouldSkip(err):
		fmt.Fprintln(os.Stderr, pkg+":", SkipMessage(err))
		return ""
	default:
		fmt.Fprintln(os.Stderr, pkg+": the Docker tests cannot run:", err)
		os.Exit(1)
		return ""
	}
}
