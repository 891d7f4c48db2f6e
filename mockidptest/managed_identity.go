package mockidptest

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints"
)

// IMDSHost is the address of Azure's Instance Metadata Service. Clients
// call it over plain HTTP at a fixed URL; ProxyURL serves it, so a client
// whose transport uses the proxy (HTTP_PROXY) reaches mockidp's IMDS.
const IMDSHost = "169.254.169.254"

// Managed-identity sources, named as msal-go's managedidentity.Source.
const (
	SourceAppService    = "AppService"
	SourceCloudShell    = "CloudShell"
	SourceAzureML       = "AzureML"
	SourceAzureArc      = "AzureArc"
	SourceServiceFabric = "ServiceFabric"
)

// IMDSURL is the base URL of the plain-HTTP managed-identity listener: IMDS
// paths (/metadata/identity/oauth2/token) and the other sources' paths.
// It answers for the seed's first compute of each kind.
func (s *Server) IMDSURL() string { return s.mi.URL }

// IMDSClient reaches http://169.254.169.254 through ProxyURL, as a client
// with HTTP_PROXY set does.
func (s *Server) IMDSClient() *http.Client { return s.ProxyClient() }

// ArcKeyDir is where the Azure Arc challenge writes its key files.
func (s *Server) ArcKeyDir() string { return s.arcDir }

// ServiceFabricThumbprint is the SHA-1 thumbprint (hex) of the listeners'
// TLS certificate, the IDENTITY_SERVER_THUMBPRINT Service Fabric clients pin.
func (s *Server) ServiceFabricThumbprint() string {
	sum := sha1.Sum(s.servers[clouds.Public.Name].Certificate().Raw)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// ManagedIdentityEnv is the environment that makes msal-go and azidentity
// pick source and call mockidp for it. Set it with t.Setenv.
func (s *Server) ManagedIdentityEnv(source string) map[string]string {
	switch source {
	case SourceAppService:
		return map[string]string{"IDENTITY_ENDPOINT": s.IMDSURL() + "/msi/token",
			"IDENTITY_HEADER": endpoints.DefaultIdentityHeader}
	case SourceCloudShell:
		return map[string]string{"MSI_ENDPOINT": s.IMDSURL() + "/cloudshell/oauth2/token"}
	case SourceAzureML:
		return map[string]string{"MSI_ENDPOINT": s.IMDSURL() + "/azureml/msi/token",
			"MSI_SECRET": endpoints.DefaultMSISecret}
	case SourceAzureArc:
		return map[string]string{"IDENTITY_ENDPOINT": s.IMDSURL() + "/arc/metadata/identity/oauth2/token",
			"IMDS_ENDPOINT": s.IMDSURL() + "/arc"}
	case SourceServiceFabric:
		return map[string]string{"IDENTITY_ENDPOINT": s.URL() + "/servicefabric/metadata/identity/oauth2/token",
			"IDENTITY_HEADER": endpoints.DefaultIdentityHeader, "IDENTITY_SERVER_THUMBPRINT": s.ServiceFabricThumbprint()}
	}
	return nil
}
