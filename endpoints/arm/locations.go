package arm

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/web"
)

// armRegion is one Azure region: its location name and display name.
type armRegion struct{ name, display string }

// cloudRegions are the regions mockidp's ARM offers per cloud; Azure CLI
// maps display names ("West US") to names through them.
var cloudRegions = map[string][]armRegion{
	"public": {{"eastus", "East US"}, {"eastus2", "East US 2"}, {"centralus", "Central US"},
		{"westus", "West US"}, {"westus2", "West US 2"}, {"westus3", "West US 3"},
		{"northeurope", "North Europe"}, {"westeurope", "West Europe"}, {"uksouth", "UK South"},
		{"germanywestcentral", "Germany West Central"}, {"japaneast", "Japan East"},
		{"southeastasia", "Southeast Asia"}, {"australiaeast", "Australia East"}},
	"usgov": {{"usgovvirginia", "USGov Virginia"}, {"usgovtexas", "USGov Texas"},
		{"usgovarizona", "USGov Arizona"}},
	"china": {{"chinaeast", "China East"}, {"chinanorth", "China North"}, {"chinaeast2", "China East 2"},
		{"chinanorth2", "China North 2"}, {"chinanorth3", "China North 3"}},
	"germany": {{"germanycentral", "Germany Central"}, {"germanynortheast", "Germany Northeast"}},
}

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
	for _, r := range cloudRegions[armCloud(c).Name] {
		items = append(items, armLocationJSON{ID: "/subscriptions/" + sub.ID + "/locations/" + r.name,
			Name: r.name, Type: "Region", DisplayName: r.display, RegionalDisplayName: r.display})
	}
	return web.WriteJSON(c, http.StatusOK, armList{Value: items})
}

// regionOf finds a region of cloud c by name or display name.
func regionOf(c *clouds.Cloud, location string) (string, bool) {
	want := normaliseLocation(location)
	for _, r := range cloudRegions[c.Name] {
		if r.name == want || normaliseLocation(r.display) == want {
			return r.name, true
		}
	}
	return "", false
}

func regionNames(c *clouds.Cloud) string {
	var names []string
	for _, r := range cloudRegions[c.Name] {
		names = append(names, r.name)
	}
	return strings.Join(names, ",")
}
