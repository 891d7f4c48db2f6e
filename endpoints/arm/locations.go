package arm

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/web"
)

type armLocationJSON struct {
	ID                  string `json:"id"`
	Name                string `json:"name"`
	Type                string `json:"type"`
	DisplayName         string `json:"displayName"`
	RegionalDisplayName string `json:"regionalDisplayName"`
}

// armLocations lists the cloud's regions to anyone who can see the
// subscription.
func (h *Handler) armLocations(c echo.Context) error {
	sub, err := h.armSubscriptionReadable(c, "Microsoft.Resources/subscriptions/locations/read")
	if err != nil {
		return err
	}
	var items []any
	for _, r := range armCloud(c).Regions {
		items = append(items, armLocationJSON{ID: "/subscriptions/" + sub.ID + "/locations/" + r.Name,
			Name: r.Name, Type: "Region", DisplayName: r.DisplayName, RegionalDisplayName: r.DisplayName})
	}
	return web.WriteJSON(c, http.StatusOK, armList{Value: items})
}

// regionOf finds a region of cloud c by name or display name.
func regionOf(c *clouds.Cloud, location string) (string, bool) {
	want := normaliseLocation(location)
	for _, r := range c.Regions {
		if r.Name == want || normaliseLocation(r.DisplayName) == want {
			return r.Name, true
		}
	}
	return "", false
}

func regionNames(c *clouds.Cloud) string {
	var names []string
	for _, r := range c.Regions {
		names = append(names, r.Name)
	}
	return strings.Join(names, ",")
}
