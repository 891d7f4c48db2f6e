package dockertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/moby/moby/client"
)

const (
	// testTag is the test image's tag; each build replaces the last one.
	testTag = "mockidp:test"
	// sourcesLabel holds the hash of everything the image is made from,
	// so that an image from other sources is rebuilt, not reused.
	sourcesLabel = "org.mockidp.test.sources"
	// mainPackage is the command the image runs.
	mainPackage = "./cmd/mockidp"
)

// testImage returns testTag, built unless the image there already comes
// from the current sources. The test binaries of one `go test ./...` run
// in parallel; a file lock makes the first one build and the others wait
// and reuse its image.
func testImage(ctx context.Context, d *daemon) (string, error) {
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	dockerfile, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		return "", err
	}
	r, err := parseRecipe(string(dockerfile))
	if err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Join(root, "Dockerfile"), err)
	}
	env := buildEnv(d)
	hash, err := sourcesHash(ctx, root, env, r)
	if err != nil {
		return "", err
	}
	unlock, err := lock(ctx, filepath.Join(os.TempDir(), "mockidp-dockertest.lock"))
	if err != nil {
		return "", err
	}
	defer unlock()
	old, err := d.cli.ImageInspect(ctx, testTag)
	if err == nil && old.Config != nil && old.Config.Labels[sourcesLabel] == hash {
		return testTag, nil
	}
	start := time.Now()
	if err := buildTestImage(ctx, d.cli, root, env, r, hash); err != nil {
		return "", err
	}
	fmt.Fprintf(progress, "built %s in %.1f s\n", testTag, time.Since(start).Seconds())
	removeUntagged(ctx, d.cli, old.ID)
	return testTag, nil
}

// removeUntagged removes the image the build replaced if no tag names it
// any more, so that builds do not pile up; one a container uses stays.
func removeUntagged(ctx context.Context, cli *client.Client, id string) {
	if id == "" {
		return
	}
	if img, err := cli.ImageInspect(ctx, id); err == nil && len(img.RepoTags) == 0 {
		_, _ = cli.ImageRemove(ctx, id, client.ImageRemoveOptions{})
	}
}

// buildEnv is the environment of the host's go commands: a static binary
// for the daemon's platform, as the Dockerfile's CGO_ENABLED=0 makes.
func buildEnv(d *daemon) []string {
	return append(os.Environ(), "CGO_ENABLED=0", "GOOS="+d.goos, "GOARCH="+d.goarch, "GOTOOLCHAIN=local")
}

// buildTestImage compiles mockidp on the host into a staging folder laid
// out like the Dockerfile's build stage, and builds the final stage from it.
func buildTestImage(ctx context.Context, cli *client.Client, root string, env []string, r recipe, hash string) error {
	stage, err := os.MkdirTemp("", "mockidp-image-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	binary := filepath.Join(stage, filepath.FromSlash(strings.TrimPrefix(r.binary, "/")))
	fmt.Fprintf(progress, "compiling %s for %s on the host\n", mainPackage, platformOf(env))
	args := append([]string{"build", "-o", binary}, r.goBuild...)
	if err := run(ctx, root, env, "go", args...); err != nil {
		return fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	for _, dir := range r.dirs {
		if err := os.MkdirAll(filepath.Join(stage, filepath.FromSlash(dir)), 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(stage, "Dockerfile"), []byte(r.final), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(progress, "building %s from the Dockerfile's final stage\n", testTag)
	return dockerBuild(ctx, cli, stage, hash)
}

// run runs a command in dir, its output going to the progress log.
func run(ctx context.Context, dir string, env []string, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdout, cmd.Stderr = progress, progress
	return cmd.Run()
}

func platformOf(env []string) string {
	var goos, goarch string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "GOOS="); ok {
			goos = v
		}
		if v, ok := strings.CutPrefix(kv, "GOARCH="); ok {
			goarch = v
		}
	}
	return goos + "/" + goarch
}

// repoRoot is the folder with go.mod and the Dockerfile above the test's
// working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isFile(filepath.Join(dir, "Dockerfile")) && isFile(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no Dockerfile next to a go.mod above the working directory")
		}
		dir = parent
	}
}

func isFile(name string) bool {
	info, err := os.Stat(name)
	return err == nil && info.Mode().IsRegular()
}
