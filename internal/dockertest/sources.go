package dockertest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// listTemplate prints, for each package of the main module that the
// command is built from, its folder and the files go build reads there.
const listTemplate = `{{if .Module}}{{if .Module.Main}}{{.Dir}}{{range .GoFiles}} {{.}}{{end}}{{range .EmbedFiles}} {{.}}{{end}}{{"\n"}}{{end}}{{end}}`

// sourcesHash identifies the test image's inputs: the Go version and
// target, go.mod and go.sum (which pin every dependency), the image
// recipe, and each file of the main module that mockidp is compiled from.
// Test files are not among them, so editing tests does not rebuild.
func sourcesHash(ctx context.Context, root string, env []string, r recipe) (string, error) {
	var list, version bytes.Buffer
	for _, c := range []struct {
		out  *bytes.Buffer
		args []string
	}{
		{&list, []string{"list", "-deps", "-f", listTemplate, mainPackage}},
		{&version, []string{"env", "GOVERSION", "GOOS", "GOARCH"}},
	} {
		cmd := exec.CommandContext(ctx, "go", c.args...)
		cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = root, env, c.out, progress
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("go %s: %w", strings.Join(c.args, " "), err)
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%q\n%q\n%s\n", version.String(), r.goBuild, r.dirs, r.final)
	files := []string{filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum")}
	for _, line := range strings.Split(strings.TrimSpace(list.String()), "\n") {
		fields := strings.Fields(line)
		for _, name := range fields[1:] {
			files = append(files, filepath.Join(fields[0], name))
		}
	}
	for _, name := range files {
		if err := hashFile(h, root, name); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFile adds a file's path (relative to root) and content to h.
func hashFile(h io.Writer, root, name string) error {
	rel, err := filepath.Rel(root, name)
	if err != nil {
		return err
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
	n, err := io.Copy(h, f)
	fmt.Fprintf(h, "\x00%d\x00", n)
	return err
}
