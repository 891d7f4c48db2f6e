package dockertest

import (
	"archive/tar"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/moby/moby/api/types/jsonstream"
	"github.com/moby/moby/client"
)

// dockerBuild builds the staged folder as testTag, labelled with hash, and
// copies the daemon's build output to the progress log as it comes.
func dockerBuild(ctx context.Context, cli *client.Client, stage, hash string) error {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(tarFolder(pw, stage)) }()
	res, err := cli.ImageBuild(ctx, pr, client.ImageBuildOptions{
		Tags:        []string{testTag},
		Labels:      map[string]string{sourcesLabel: hash},
		Remove:      true,
		ForceRemove: true,
	})
	if err != nil {
		_ = pr.CloseWithError(err)
		return fmt.Errorf("docker build: %w", err)
	}
	defer res.Body.Close()
	return followBuild(res.Body)
}

// followBuild writes the build's output lines to progress and returns the
// error the daemon reports, if any.
func followBuild(body io.Reader) error {
	dec := json.NewDecoder(body)
	for {
		var m jsonstream.Message
		if err := dec.Decode(&m); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("docker build output: %w", err)
		}
		if m.Error != nil {
			return fmt.Errorf("docker build: %s", m.Error.Message)
		}
		if line := strings.TrimSpace(m.Stream); line != "" {
			fmt.Fprintln(progress, line)
		}
	}
}

// tarFolder writes dir as a build context: files owned by root, as `docker
// build` sends them.
func tarFolder(w io.Writer, dir string) error {
	tw := tar.NewWriter(w)
	err := filepath.WalkDir(dir, func(name string, e fs.DirEntry, err error) error {
		if err != nil || name == dir {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		hdr, err := tar.FileInfoHeader(info, "")
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			return err
		}
		hdr.Name, hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname = filepath.ToSlash(rel), 0, 0, "", ""
		if err := tw.WriteHeader(hdr); err != nil || !info.Mode().IsRegular() {
			return err
		}
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(tw, f)
		return err
	})
	if err != nil {
		return err
	}
	return tw.Close()
}
