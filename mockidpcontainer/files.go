package mockidpcontainer

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
)

// imageUser is the image's numeric user (USER 65532:65532 in the Dockerfile).
const imageUser = 65532

// file is one file Run puts into the container before it starts.
type file struct {
	path string // absolute, in the container
	data []byte
	mode int64
}

// copyFiles copies the files into the created container, owned by the
// image's user so the CA key can stay 0600: one archive for the /data
// volume and one for the rest. Docker resolves a volume only at an
// archive's destination, so files for /data cannot ride in an archive
// extracted at "/". Two copies instead of one per file
// (testcontainers.WithFiles) save about 50 ms a file, which was most of
// the module's start-up time.
func copyFiles(files []file) testcontainers.ContainerLifecycleHooks {
	return testcontainers.ContainerLifecycleHooks{PostCreates: []testcontainers.ContainerHook{
		func(ctx context.Context, c testcontainers.Container) error {
			cli, err := testcontainers.NewDockerClientWithOpts(ctx)
			if err != nil {
				return err
			}
			defer cli.Close()
			inData, rest := splitFiles(files)
			for dest, group := range map[string][]file{dataDir: inData, "/": rest} {
				if len(group) == 0 {
					continue
				}
				archive, err := tarOf(dest, group)
				if err != nil {
					return err
				}
				_, err = cli.CopyToContainer(ctx, c.GetContainerID(), client.CopyToContainerOptions{
					DestinationPath: dest, Content: archive})
				if err != nil {
					return fmt.Errorf("copy files into the container's %s: %w", dest, err)
				}
			}
			return nil
		},
	}}
}

func splitFiles(files []file) (inData, rest []file) {
	for _, f := range files {
		if strings.HasPrefix(f.path, dataDir+"/") {
			inData = append(inData, f)
		} else {
			rest = append(rest, f)
		}
	}
	return inData, rest
}

// tarOf archives files relative to base, with an entry for every
// directory below base that the files need.
func tarOf(base string, files []file) (*bytes.Buffer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, dir := range dirsOf(base, files) {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: relTo(base, dir) + "/",
			Mode: 0o755, Uid: imageUser, Gid: imageUser}); err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		h := &tar.Header{Typeflag: tar.TypeReg, Name: relTo(base, f.path), Mode: f.mode,
			Size: int64(len(f.data)), Uid: imageUser, Gid: imageUser}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	return &buf, tw.Close()
}

func relTo(base, p string) string { return strings.TrimPrefix(strings.TrimPrefix(p, base), "/") }

func dirsOf(base string, files []file) []string {
	var dirs []string
	for _, f := range files {
		for d := path.Dir(f.path); d != "/" && d != base; d = path.Dir(d) {
			if !slices.Contains(dirs, d) {
				dirs = append(dirs, d)
			}
		}
	}
	slices.Sort(dirs) // parents before children
	return dirs
}
