package mockidptest

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
)

// IMDSHost is the address of Azure's Instance Metadata Service. Clients
// call it over plain HTTP at a fixed URL; ProxyURL serves it, so a client
// whose transport uses the proxy (HTTP_PROXY) reaches mockidp's IMDS.
const IMDSHost = controlapi.IMDSHost

// Managed-identity sources, named as msal-go's managedidentity.Source.
const (
	SourceAppService    = controlapi.SourceAppService
	SourceCloudShell    = controlapi.SourceCloudShell
	SourceAzureML       = controlapi.SourceAzureML
	SourceAzureArc      = controlapi.SourceAzureArc
	SourceServiceFabric = controlapi.SourceServiceFabric
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
	env, _ := controlapi.ManagedIdentityEnv(source, s.IMDSURL(), s.URL(), s.ServiceFabricThumbprint())
	return env
}

// ServiceAccountToken asks mockidp's control API for a Kubernetes-style
// projected service-account token of default/serviceAccount, audience the
// public cloud's federation audience: what AKS writes to
// AZURE_FEDERATED_TOKEN_FILE. The default seed's identity trusts account
// "workload", the daemon app account "daemon".
func (s *Server) ServiceAccountToken(t testing.TB, serviceAccount string) string {
	t.Helper()
	resp, err := s.Client().PostForm(s.URL()+idp.WorkloadIssuerPath+"/token",
		url.Values{"namespace": {"default"}, "service_account": {serviceAccount}})
	if err != nil {
		t.Fatalf("mockidptest: service-account token: %v", err)
	}
	defer resp.Body.Close()
	var body struct {
		Token string `json:"token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("mockidptest: service-account token: status %d, %v", resp.StatusCode, err)
	}
	return body.Token
}

// WriteServiceAccountToken writes ServiceAccountToken to a file in a test
// folder and returns its path, for AZURE_FEDERATED_TOKEN_FILE.
func (s *Server) WriteServiceAccountToken(t testing.TB, serviceAccount string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "azure-identity-token")
	if err := os.WriteFile(path, []byte(s.ServiceAccountToken(t, serviceAccount)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
