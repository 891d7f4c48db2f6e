package controlapi

import (
	"fmt"
	"sort"
	"strings"
)

// IMDSHost is the link-local address of Azure's Instance Metadata Service,
// fixed in every client; mockidp's proxy serves plain-HTTP requests to it.
const IMDSHost = "169.254.169.254"

// Managed-identity sources, named as msal-go's managedidentity.Source.
const (
	SourceAppService    = "AppService"
	SourceCloudShell    = "CloudShell"
	SourceAzureML       = "AzureML"
	SourceAzureArc      = "AzureArc"
	SourceServiceFabric = "ServiceFabric"
)

// ManagedIdentitySources lists every source ManagedIdentityEnv knows.
var ManagedIdentitySources = []string{SourceAppService, SourceCloudShell, SourceAzureML, SourceAzureArc, SourceServiceFabric}

// Paths of the managed-identity sources: IMDS's are Azure's own, the
// others mockidp's choice on its managed-identity listener (clients take
// them from the environment).
const (
	IMDSTokenPath     = "/metadata/identity/oauth2/token"
	IMDSInstancePath  = "/metadata/instance"
	ArcTokenPath      = "/arc" + IMDSTokenPath
	AppServicePath    = "/msi/token"
	AzureMLPath       = "/azureml/msi/token"
	CloudShellPath    = "/cloudshell/oauth2/token"
	ServiceFabricPath = "/servicefabric/metadata/identity/oauth2/token"
)

// Defaults of the managed-identity secrets, documented in README.md.
const (
	DefaultIdentityHeader = "mockidp-identity-header"
	DefaultMSISecret      = "mockidp-msi-secret"
)

// ManagedIdentityEnv is what a client of source needs in its environment
// to reach mockidp: miBase is the plain-HTTP managed-identity listener;
// Service Fabric uses httpsBase and pins the certificate with thumbprint
// (hex SHA-1). The server routes the same path constants, so the two
// cannot drift apart.
func ManagedIdentityEnv(source, miBase, httpsBase, thumbprint string) (map[string]string, error) {
	switch source {
	case SourceAppService:
		return map[string]string{"IDENTITY_ENDPOINT": miBase + AppServicePath, "IDENTITY_HEADER": DefaultIdentityHeader}, nil
	case SourceCloudShell:
		return map[string]string{"MSI_ENDPOINT": miBase + CloudShellPath}, nil
	case SourceAzureML:
		return map[string]string{"MSI_ENDPOINT": miBase + AzureMLPath, "MSI_SECRET": DefaultMSISecret}, nil
	case SourceAzureArc:
		return map[string]string{"IDENTITY_ENDPOINT": miBase + ArcTokenPath,
			"IMDS_ENDPOINT": miBase + strings.TrimSuffix(ArcTokenPath, IMDSTokenPath)}, nil
	case SourceServiceFabric:
		return map[string]string{"IDENTITY_ENDPOINT": httpsBase + ServiceFabricPath,
			"IDENTITY_HEADER": DefaultIdentityHeader, "IDENTITY_SERVER_THUMBPRINT": strings.ToUpper(thumbprint)}, nil
	}
	return nil, fmt.Errorf("unknown managed-identity source %q (want one of %s)", source, strings.Join(ManagedIdentitySources, ", "))
}

// EnvLine renders variables as sorted NAME=value pairs on one line.
func EnvLine(env map[string]string) string {
	var kv []string
	for k, v := range env {
		kv = append(kv, k+"="+v)
	}
	sort.Strings(kv)
	return strings.Join(kv, " ")
}
