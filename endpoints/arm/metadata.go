package arm

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/web"
)

// armCloudFacts are the metadata-document values clouds.Cloud does not
// carry, as ARM's metadata/endpoints documents give them.
type armCloudFacts struct {
	name, portal, gallery, batch, media, sqlSuffix, acrSuffix, sqlManagement string
}

var cloudFacts = map[string]armCloudFacts{
	"public": {"AzureCloud", "https://portal.azure.com", "https://gallery.azure.com/", "https://batch.core.windows.net/",
		"https://rest.media.azure.net", "database.windows.net", "azurecr.io", "https://management.core.windows.net:8443/"},
	"usgov": {"AzureUSGovernment", "https://portal.azure.us", "https://gallery.usgovcloudapi.net/", "https://batch.core.usgovcloudapi.net/",
		"https://rest.media.usgovcloudapi.net", "database.usgovcloudapi.net", "azurecr.us", "https://management.core.usgovcloudapi.net:8443/"},
	"china": {"AzureChinaCloud", "https://portal.azure.cn", "https://gallery.chinacloudapi.cn/", "https://batch.chinacloudapi.cn/",
		"https://rest.media.chinacloudapi.cn", "database.chinacloudapi.cn", "azurecr.cn", "https://management.core.chinacloudapi.cn:8443/"},
	"germany": {"AzureGermanCloud", "https://portal.microsoftazure.de", "https://gallery.cloudapi.de/", "https://batch.cloudapi.de/",
		"https://rest.media.cloudapi.de", "database.cloudapi.de", "", "https://management.core.cloudapi.de:8443/"},
}

// armMetadata serves the cloud metadata document Azure CLI reads when a
// cloud is registered by its ARM endpoint: api-version 2015-01-01 and
// 2018-01-01 describe the serving cloud, later versions list every live
// cloud, the serving one first.
func (h *Handler) armMetadata(c echo.Context) error {
	cloud := armCloud(c)
	v := c.QueryParam("api-version")
	if v == "2015-01-01" || v == "2018-01-01" {
		f := cloudFacts[cloud.Name]
		return web.WriteJSON(c, http.StatusOK, map[string]any{
			"galleryEndpoint": f.gallery, "graphEndpoint": "https://" + cloud.AADGraphHost + "/",
			"portalEndpoint": f.portal + "/",
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
	f := cloudFacts[c.Name]
	aadGraph := "https://" + c.AADGraphHost + "/"
	suffixes := map[string]string{"keyVaultDns": strings.TrimPrefix(c.KeyVaultSuffix, "."),
		"storage": c.StorageSuffix, "sqlServerHostname": f.sqlSuffix}
	if f.acrSuffix != "" {
		suffixes["acrLoginServer"] = f.acrSuffix
	}
	return map[string]any{
		"portal": f.portal,
		"authentication": map[string]any{"loginEndpoint": "https://" + c.LoginHost,
			"audiences": armMetadataAudiences(c), "tenant": "common", "identityProvider": "AAD"},
		"media": f.media, "graphAudience": aadGraph, "graph": aadGraph, "name": f.name,
		"suffixes": suffixes, "batch": f.batch, "resourceManager": c.ARMEndpoint,
		"sqlManagement": f.sqlManagement, "gallery": f.gallery,
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
