package integration_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/dockertest"
	"github.com/mockidp/mockidp/mockidpcontainer"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/network"
	"github.com/testcontainers/testcontainers-go/wait"
)

// TestContainerToContainerByLoginHostAlias runs an unmodified azidentity
// application (testdata/aliasclient) in a second container on the same
// network. It uses the real authority https://login.microsoftonline.com/
// with instance discovery on; the network alias sends that host to
// mockidp, and mockidp's CA is the only one the app trusts.
func TestContainerToContainerByLoginHostAlias(t *testing.T) {
	img := dockertest.Image(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	nw, err := network.New(ctx)
	testcontainers.CleanupNetwork(t, nw)
	if err != nil {
		t.Fatal(err)
	}
	idpCtr := runContainer(t, mockidpcontainer.WithNetwork(nw))
	authority, err := idpCtr.NetworkAuthorityURL(clouds.Public, idp.DefaultTenantID)
	if want := "https://login.microsoftonline.com/" + idp.DefaultTenantID; err != nil || authority != want {
		t.Fatalf("NetworkAuthorityURL = %q, %v; want %q", authority, err, want)
	}

	client := buildStatic(t, "./testdata/aliasclient")
	// The app image is the mockidp image used only as an empty static base
	// (it is FROM scratch): its entrypoint is replaced by the client, and
	// its only trust store is mockidp's CA, where Go looks on Linux.
	app, err := testcontainers.Run(ctx, img,
		network.WithNetwork(nil, nw),
		testcontainers.WithFiles(
			testcontainers.ContainerFile{HostFilePath: client, ContainerFilePath: "/aliasclient", FileMode: 0o755},
			testcontainers.ContainerFile{Reader: strings.NewReader(string(idpCtr.CAPEM())),
				ContainerFilePath: "/etc/ssl/certs/ca-certificates.crt", FileMode: 0o644},
		),
		testcontainers.WithEntrypoint("/aliasclient"),
		testcontainers.WithEnv(map[string]string{
			"AZURE_TENANT_ID":     idp.DefaultTenantID,
			"AZURE_CLIENT_ID":     idp.DefaultDaemonClientID,
			"AZURE_CLIENT_SECRET": idp.DefaultDaemonSecret,
		}),
		testcontainers.WithWaitStrategy(wait.ForExit().WithExitTimeout(time.Minute)),
	)
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
	// Reached by the real host name, mockidp issues Entra's own issuer.
	wantClaim(t, claims, "iss", "https://sts.windows.net/"+idp.DefaultTenantID+"/")
	wantClaim(t, claims, "aud", "https://graph.microsoft.com")
	wantClaim(t, claims, "appid", idp.DefaultDaemonClientID)
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
