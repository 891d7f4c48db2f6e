package mockidpcontainer

import (
	"testing"
	"time"

	"github.com/mockidp/mockidp/ca"
	"github.com/testcontainers/testcontainers-go"
)

// The control token the container gets is the one Control sends: the
// module's own, or the user's when they set MOCKIDP_CONTROL_TOKEN with
// WithEnv (before, the user's reached the container while the client
// kept sending the module's, and every control call got 403).
func TestControlTokenFollowsTheContainersEnvironment(t *testing.T) {
	authority, err := ca.LoadOrCreate("", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		user []testcontainers.ContainerCustomizer
		want string // "" = the module's own
	}{
		{"module's token", nil, ""},
		{"user's token", []testcontainers.ContainerCustomizer{
			testcontainers.WithEnv(map[string]string{controlTokenEnv: "users-own-token"})}, "users-own-token"},
		{"user's token, set twice", []testcontainers.ContainerCustomizer{
			testcontainers.WithEnv(map[string]string{controlTokenEnv: "first"}),
			testcontainers.WithEnv(map[string]string{controlTokenEnv: "second"})}, "second"},
		{"empty user token keeps the API closed to strangers", []testcontainers.ContainerCustomizer{
			testcontainers.WithEnv(map[string]string{controlTokenEnv: ""})}, ""},
		{"other variables leave the token alone", []testcontainers.ContainerCustomizer{
			testcontainers.WithEnv(map[string]string{"MOCKIDP_LOG_LEVEL": "debug"})}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := options{controlToken: "module-token"}
			defaults, files, _, err := requestOptions(s, authority)
			if err != nil {
				t.Fatal(err)
			}
			var req testcontainers.GenericContainerRequest
			for _, opt := range moduleOptions(&s, defaults, tc.user, files) { // in Run's order
				if err := opt.Customize(&req); err != nil {
					t.Fatal(err)
				}
			}
			want := tc.want
			if want == "" {
				want = "module-token"
			}
			c := &Container{settings: s}
			if got := req.Env[controlTokenEnv]; got != want {
				t.Errorf("container's %s = %q, want %q", controlTokenEnv, got, want)
			}
			if got := c.ControlToken(); got != want {
				t.Errorf("ControlToken() = %q, want %q", got, want)
			}
		})
	}
}
