package integration_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/dockertest"
	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/mockidp/mockidp/mockidpcontainer"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/network"
	"github.com/testcontainers/testcontainers-go/wait"
)

// TestContainerToContainer runs an unmodified azidentity application
// (testdata/aliasclient) in a second container on mockidp's network, once
// per way such an application gets a token. Both share one mockidp.
func TestContainerToContainer(t *testing.T) {
	img := dockertest.Image(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	nw, err := network.New(ctx)
	testcontainers.CleanupNetwork(t, nw)
	if err != nil {
		t.Fatal(err)
	}
	arcVolume := fmt.Sprintf("mockidp-arc-test-%d", time.Now().UnixNano())
	idpCtr := runContainer(t, mockidpcontainer.WithNetwork(nw), mockidpcontainer.WithArcKeyVolume(arcVolume))
	client := buildStatic(t, "./testdata/aliasclient")

	// The real authority https://login.microsoftonline.com/ with instance
	// discovery on; the network alias sends that host to mockidp, and
	// mockidp's CA is the only one the app trusts.
	t.Run("client secret by login host alias", func(t *testing.T) {
		authority, err := idpCtr.NetworkAuthorityURL(clouds.Public, idp.DefaultTenantID)
		if want := "https://login.microsoftonline.com/" + idp.DefaultTenantID; err != nil || authority != want {
			t.Fatalf("NetworkAuthorityURL = %q, %v; want %q", authority, err, want)
		}
		claims := runApp(t, ctx, img, nw, idpCtr, client, map[string]string{
			"AZURE_TENANT_ID":     idp.DefaultTenantID,
			"AZURE_CLIENT_ID":     idp.DefaultDaemonClientID,
			"AZURE_CLIENT_SECRET": idp.DefaultDaemonSecret,
		})
		// Reached by the real host name, mockidp issues Entra's own issuer.
		wantClaim(t, claims, "iss", "https://sts.windows.net/"+idp.DefaultTenantID+"/")
		wantClaim(t, claims, "aud", "https://graph.microsoft.com")
		wantClaim(t, claims, "appid", idp.DefaultDaemonClientID)
	})

	// Azure Arc: the client insists the challenge's key file is in
	// /var/opt/azcmagent/tokens and reads it as root, from the volume
	// mockidp writes the key files to.
	t.Run("Azure Arc managed identity", func(t *testing.T) {
		env, err := idpCtr.NetworkManagedIdentityEnv(mockidpcontainer.SourceAzureArc)
		if err != nil {
			t.Fatal(err)
		}
		env["AZURE_CREDENTIAL"] = "managedidentity"
		claims := runApp(t, ctx, img, nw, idpCtr, client, env,
			testcontainers.WithMounts(testcontainers.VolumeMount(arcVolume, mockidpcontainer.ArcKeyDir)),
			testcontainers.WithConfigModifier(func(c *container.Config) { c.User = "0:0" }))
		arc := identityOf(t, mockidptest.NewServer(t), idp.DefaultArcName, false)
		wantClaim(t, claims, "aud", "https://graph.microsoft.com")
		wantClaim(t, claims, "appid", arc.clientID)
		wantClaim(t, claims, "oid", arc.principalID)
		wantClaim(t, claims, "xms_mirid", arc.mirid)
		wantClaim(t, claims, "idtyp", "app")
		wantClaim(t, claims, "tid", idp.DefaultTenantID)
		wantArcChallenge(t, idpCtr)
	})
}

// wantArcChallenge checks the container saw Arc's two requests: the
// challenge (401 naming the key file) and the one with the key (200).
func wantArcChallenge(t *testing.T, idpCtr *mockidpcontainer.Container) {
	t.Helper()
	control, err := idpCtr.Control(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := control.Requests(testContext(t), mockidpclient.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var statuses []int
	for _, r := range reqs {
		if r.Path == "/arc/metadata/identity/oauth2/token" {
			statuses = append(statuses, r.Status)
		}
	}
	if !slices.Equal(statuses, []int{401, 200}) {
		t.Errorf("Arc token requests answered %v, want [401 200]", statuses)
	}
}

// runApp runs the static client in a container on nw until it exits and
// returns the claims it printed. The app image is the mockidp image used
// only as an empty static base (it is FROM scratch): its entrypoint is
// replaced by the client, and its only trust store is mockidp's CA, where
// Go looks on Linux.
func runApp(t *testing.T, ctx context.Context, img string, nw *testcontainers.DockerNetwork,
	idpCtr *mockidpcontainer.Container, client string, env map[string]string,
	opts ...testcontainers.ContainerCustomizer) map[string]any {
	t.Helper()
	opts = append([]testcontainers.ContainerCustomizer{
		network.WithNetwork(nil, nw),
		testcontainers.WithFiles(
			testcontainers.ContainerFile{HostFilePath: client, ContainerFilePath: "/aliasclient", FileMode: 0o755},
			testcontainers.ContainerFile{Reader: strings.NewReader(string(idpCtr.CAPEM())),
				ContainerFilePath: "/etc/ssl/certs/ca-certificates.crt", FileMode: 0o644},
		),
		testcontainers.WithEntrypoint("/aliasclient"),
		testcontainers.WithEnv(env),
		testcontainers.WithWaitStrategy(wait.ForExit().WithExitTimeout(time.Minute)),
	}, opts...)
	app, err := testcontainers.Run(ctx, img, opts...)
	testcontainers.CleanupContainer(t, app)
	if err != nil {
		t.Fatal(err)
	}
	state, err := app.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	logs := containerLogs(t, app)
	if state.ExitCode != 0 {
		t.Fatalf("app container exit %d:\n%s", state.ExitCode, logs)
	}
	_, payload, ok := strings.Cut(logs, "CLAIMS ")
	if !ok {
		t.Fatalf("app printed no claims:\n%s", logs)
	}
	var claims map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(payload)), &claims); err != nil {
		t.Fatalf("claims %q: %v", payload, err)
	}
	return claims
}

// buildStatic compiles a Go command of this module as a static Linux
// binary for a scratch container.
func buildStatic(t *testing.T, pkg string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(pkg))
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, msg)
	}
	return out
}

func containerLogs(t *testing.T, c testcontainers.Container) string {
	t.Helper()
	r, err := c.Logs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, _ := io.ReadAll(r)
	return string(b)
}
