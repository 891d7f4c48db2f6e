package mockidpcontainer

import (
	"context"

	"github.com/mockidp/mockidp/mockidpclient"
)

// Control is a client of the container's control API (/_mockidp/…):
// scenarios and presets, the mock clock, device-code approval, the
// request and token journals. It trusts the container's CA.
func (c *Container) Control(ctx context.Context) (*mockidpclient.Client, error) {
	base, err := c.BaseURL(ctx)
	if err != nil {
		return nil, err
	}
	return mockidpclient.New(base, c.HTTPClient()), nil
}
