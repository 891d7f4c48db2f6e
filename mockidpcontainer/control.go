package mockidpcontainer

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/mockidp/mockidp/mockidpclient"
	"github.com/testcontainers/testcontainers-go"
)

// Control is a client of the container's control API (/_mockidp/…):
// scenarios and presets, the mock clock, device-code approval, the
// request and token journals. It trusts the container's CA and sends the
// control token Run gave the container: requests from the host do not
// come from the container's loopback.
func (c *Container) Control(ctx context.Context) (*mockidpclient.Client, error) {
	base, err := c.BaseURL(ctx)
	if err != nil {
		return nil, err
	}
	return mockidpclient.New(base, c.HTTPClient()).WithToken(c.settings.controlToken), nil
}

// ControlToken is the bearer token the container's control API wants from
// clients outside it (MOCKIDP_CONTROL_TOKEN), for tools other than
// Control.
func (c *Container) ControlToken() string { return c.settings.controlToken }

// newControlToken is 32 random bytes in hex: unguessable by anything else
// that can reach the container's ports.
func newControlToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// controlTokenEnv is the variable that gives mockidp its control token.
const controlTokenEnv = "MOCKIDP_CONTROL_TOKEN"

// adoptControlToken runs after the user's options, when the request's
// environment is final: a token the user set with WithEnv is the one the
// container gets, so Control and ControlToken send that one instead of
// the module's own. An empty value would leave the control API closed to
// the host, so the module's token is put back.
func adoptControlToken(s *options) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if req.Env == nil {
			req.Env = map[string]string{}
		}
		if t := req.Env[controlTokenEnv]; t != "" {
			s.controlToken = t
		} else {
			req.Env[controlTokenEnv] = s.controlToken
		}
		return nil
	}
}
