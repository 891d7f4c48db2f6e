package managedidentity

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// imdsVersions are the instance-metadata api-versions IMDS accepts;
// the newest three are named in its errors.
var imdsVersions = []string{
	"2017-03-01", "2017-04-02", "2017-08-01", "2017-10-01", "2017-12-01", "2018-02-01", "2018-04-02",
	"2018-10-01", "2019-02-01", "2019-03-11", "2019-04-30", "2019-06-01", "2019-06-04", "2019-08-01",
	"2019-08-15", "2019-11-01", "2020-06-01", "2020-07-15", "2020-09-01", "2020-10-01", "2020-12-01",
	"2021-01-01", "2021-02-01", "2021-03-01", "2021-05-01", "2021-08-01", "2021-10-01", "2021-11-01",
	"2021-11-15", "2021-12-13", "2022-02-01", "2022-03-01", "2022-07-01", "2022-08-01", "2023-07-01",
}

func errIMDSVersion(detail string) *miError {
	newest := slices.Clone(imdsVersions[len(imdsVersions)-3:])
	slices.Reverse(newest)
	msg := "Bad request. api-version " + detail + " in the request. For more information refer to aka.ms/azureimds"
	return &miError{status: http.StatusBadRequest, msg: msg, body: struct {
		Error          string   `json:"error"`
		NewestVersions []string `json:"newest-versions"`
	}{msg, newest}}
}

var errIMDSPath = imdsErr(http.StatusNotFound, "invalid_request", "Requested path is not found")

// instanceDocument is the instance-metadata document of a VM: the compute
// facts clients read (msal-go reads compute.location for regional
// endpoints) and one network interface.
func instanceDocument(cv *idp.ComputeView) map[string]any {
	resourceID := strings.Replace(cv.ResourceID, "/resourcegroups/", "/resourceGroups/", 1)
	return map[string]any{
		"compute": map[string]any{
			"azEnvironment": cv.Tenant.Cloud.Environment, "location": cv.Location, "name": cv.Name,
			"osType": "Linux", "provider": "Microsoft.Compute", "resourceGroupName": cv.ResourceGroup,
			"resourceId": resourceID, "subscriptionId": cv.SubscriptionID, "tagsList": []any{},
			"vmId": cv.VMID, "vmScaleSetName": "", "vmSize": "Standard_D2s_v3", "zone": "",
		},
		"network": map[string]any{"interface": []any{map[string]any{
			"ipv4": map[string]any{
				"ipAddress": []any{map[string]any{"privateIpAddress": "10.0.0.4", "publicIpAddress": ""}},
				"subnet":    []any{map[string]any{"address": "10.0.0.0", "prefix": "24"}},
			},
			"ipv6":       map[string]any{"ipAddress": []any{}},
			"macAddress": "000D3A5F3C21",
		}}},
	}
}

// imdsInstance answers /metadata/instance and its leaves
// (/metadata/instance/compute/location?format=text) for the listener's VM.
func (h *Handler) imdsInstance(c echo.Context) error {
	v := c.QueryParam("api-version")
	switch {
	case v == "":
		return errIMDSVersion("was not specified")
	case !slices.Contains(imdsVersions, v):
		return errIMDSVersion("is invalid or was not specified")
	}
	cv, ok := h.compute(c, idp.ComputeVM)
	if !ok {
		return errIMDSPath
	}
	var node any = instanceDocument(cv)
	for _, seg := range strings.Split(strings.Trim(c.Param("*"), "/"), "/") {
		if seg == "" {
			continue
		}
		node = child(node, seg)
		if node == nil {
			return errIMDSPath
		}
	}
	if str, ok := node.(string); ok && c.QueryParam("format") == "text" {
		return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(str))
	}
	b, err := json.Marshal(node)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, web.ContentTypeJSON, b)
}

// child steps into a map key or a list index of the document.
func child(node any, seg string) any {
	switch n := node.(type) {
	case map[string]any:
		return n[seg]
	case []any:
		for i, v := range n {
			if seg == strconv.Itoa(i) {
				return v
			}
		}
	}
	return nil
}
