package arm

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/web"
)

// armMetadata serves the cloud metadata document Azure CLI reads when a
// cloud is registered by its ARM endpoint: api-version 2015-01-01 and
// 2018-01-01 describe the serving cloud, later versions list every live
// cloud, the serving one first.
func (h *Handler) armMetadata(c echo.Context) error {
	cloud := armCloud(c)
	v := c.QueryParam("api-version")
	if v == "2015-01-01" || v == "2018-01-01" {
		f := cloud.ARM
		return web.WriteJSON(c, http.StatusOK, map[string]any{
			"galleryEndpoint": f.Gallery, "graphEndpoint": "https://" + cloud.AADGraphHost + "/",
			"portalEndpoint": f.Portal + "/",
			"authentication": map[string]any{"loginEndpoint": armAuthorizationURI(cloud), "audiences": armMetadataAudiences(cloud)}})
	}
	list := []any{cloudMetadata(cloud)}
	for _, other := range clouds.All() {
		if other != cloud && other != clouds.Germany {
			list = append(list, cloudMetadata(other))
		}
	}
	return web.WriteJSON(c, http.StatusOK, list)
}

func cloudMetadata(c *clouds.Cloud) map[string]any {
	f := c.ARM
	aadGraph := "https://" + c.AADGraphHost + "/"
	suffixes := map[string]string{"keyVaultDns": strings.TrimPrefix(c.KeyVaultSuffix, "."),
		"storage": c.StorageSuffix, "sqlServerHostname": f.SQLSuffix}
	if f.ACRSuffix != "" {
		suffixes["acrLoginServer"] = f.ACRSuffix
	}
	return map[string]any{
		"portal": f.Portal,
		"authentication": map[string]any{"loginEndpoint": "https://" + c.LoginHost,
			"audiences": armMetadataAudiences(c), "tenant": "common", "identityProvider": "AAD"},
		"media": f.Media, "graphAudience": aadGraph, "graph": aadGraph, "name": f.Name,
		"suffixes": suffixes, "batch": f.Batch, "resourceManager": c.ARMEndpoint,
		"sqlManagement": f.SQLManagement, "gallery": f.Gallery,
		"microsoftGraphResourceId": "https://" + c.GraphHost + "/",
	}
}

// armMetadataAudiences lists the token audiences ARM accepts; only the
// public cloud's carry trailing slashes in its documents.
func armMetadataAudiences(c *clouds.Cloud) []string {
	out := append([]string(nil), c.ARMAudiences...)
	if c != clouds.Public {
		for i := range out {
			out[i] = strings.TrimRight(out[i], "/")
		}
	}
	return out
}
