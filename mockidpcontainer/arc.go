package mockidpcontainer

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
)

// ArcKeyDir is the folder where Azure Arc clients on Linux insist the
// challenge's key file lives (msal-go, azidentity, the other MSALs and
// azure-identity check the WWW-Authenticate realm against it). Reading it
// needs root, as on a real Arc machine.
const ArcKeyDir = "/var/opt/azcmagent/tokens"

// arcVolumeLabel marks volumes Run created, so Terminate removes only those.
const arcVolumeLabel = "org.mockidp.arc-key-volume"

// WithArcKeyVolume makes the container write its Azure Arc key files to
// ArcKeyDir, on the Docker volume name, so a client container that mounts
// the same volume at the same path finds them:
//
//	testcontainers.WithMounts(testcontainers.VolumeMount(name, mockidpcontainer.ArcKeyDir))
//
// Run creates the volume when it does not exist, in memory (tmpfs) and
// writable only by the image's non-root user; the client container must
// run as root to read it, like a real Arc client. Terminate removes a
// volume Run created. Give the client NetworkManagedIdentityEnv(SourceAzureArc).
func WithArcKeyVolume(name string) Option {
	return func(o *options) error {
		if name == "" {
			return errors.New("mockidpcontainer: WithArcKeyVolume needs a volume name")
		}
		o.arcVolume = name
		return nil
	}
}

// arcVolumeOptions create the volume if needed and mount it at ArcKeyDir.
// created reports whether Run made it (and Terminate should remove it).
func arcVolumeOptions(ctx context.Context, name string) (opts []testcontainers.ContainerCustomizer, created bool, err error) {
	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err != nil {
		return nil, false, err
	}
	defer cli.Close()
	if _, err := cli.VolumeInspect(ctx, name, client.VolumeInspectOptions{}); err != nil {
		owner := strconv.Itoa(imageUser)
		_, err = cli.VolumeCreate(ctx, client.VolumeCreateOptions{Name: name, Driver: "local",
			DriverOpts: map[string]string{"type": "tmpfs", "device": "tmpfs",
				"o": "size=1m,mode=0700,uid=" + owner + ",gid=" + owner},
			Labels: map[string]string{arcVolumeLabel: "true"}})
		if err != nil {
			return nil, false, fmt.Errorf("create Arc key volume %q: %w", name, err)
		}
		created = true
	}
	return []testcontainers.ContainerCustomizer{
		testcontainers.WithEnv(map[string]string{"MOCKIDP_ARC_KEY_DIR": ArcKeyDir}),
		testcontainers.WithMounts(testcontainers.VolumeMount(name, ArcKeyDir)),
	}, created, nil
}

// removeArcVolume removes the volume Run created, after the container.
func removeArcVolume(ctx context.Context, name string) error {
	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err != nil {
		return err
	}
	defer cli.Close()
	if _, err := cli.VolumeRemove(ctx, name, client.VolumeRemoveOptions{}); err != nil {
		return fmt.Errorf("remove Arc key volume %q: %w", name, err)
	}
	return nil
}
