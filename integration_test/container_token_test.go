package integration_test

import (
	"testing"

	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/testcontainers/testcontainers-go"
)

// A control token the user gives the container with WithEnv is the one
// the module's client sends: the control API answers it from the host,
// and refuses another token.
func TestContainerUserControlToken(t *testing.T) {
	const token = "users-own-control-token-0123456789"
	ctr := runContainer(t, testcontainers.WithEnv(map[string]string{"MOCKIDP_CONTROL_TOKEN": token}))
	ctx := testContext(t)
	if got := ctr.ControlToken(); got != token {
		t.Fatalf("ControlToken() = %q, want the user's %q", got, token)
	}
	control, err := ctr.Control(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := control.Scenarios(ctx, ""); err != nil {
		t.Fatalf("control API with the user's token: %v", err)
	}
	base, err := ctr.BaseURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wrong := mockidpclient.New(base, ctr.HTTPClient()).WithToken("not-the-token")
	if _, err := wrong.Scenarios(ctx, ""); err == nil {
		t.Fatal("the control API answered a wrong token from outside the container")
	}
}
