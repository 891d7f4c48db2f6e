package mockidpcontainer

import (
	"maps"
	"strings"
	"testing"

	"github.com/testcontainers/testcontainers-go"
)

// NetworkManagedIdentityEnv names mockidp by its network alias and
// in-container IMDS port, per source, with each source's own variables.
func TestNetworkManagedIdentityEnv(t *testing.T) {
	c := &Container{settings: options{network: &testcontainers.DockerNetwork{Name: "n"}}}
	const base = "http://login.microsoftonline.com:8081"
	tests := []struct {
		source  string
		want    map[string]string
		wantErr string
	}{
		{SourceAppService, map[string]string{"IDENTITY_ENDPOINT": base + "/msi/token", "IDENTITY_HEADER": "mockidp-identity-header"}, ""},
		{SourceAzureArc, map[string]string{"IDENTITY_ENDPOINT": base + "/arc/metadata/identity/oauth2/token", "IMDS_ENDPOINT": base + "/arc"}, ""},
		{SourceCloudShell, map[string]string{"MSI_ENDPOINT": base + "/cloudshell/oauth2/token"}, ""},
		{SourceAzureML, map[string]string{"MSI_ENDPOINT": base + "/azureml/msi/token", "MSI_SECRET": "mockidp-msi-secret"}, ""},
		{SourceServiceFabric, nil, "not offered on the network"},
		{"IMDS", nil, "unknown managed-identity source"},
	}
	for _, tc := range tests {
		t.Run(tc.source, func(t *testing.T) {
			env, err := c.NetworkManagedIdentityEnv(tc.source)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || !maps.Equal(env, tc.want) {
				t.Fatalf("env = %v, %v; want %v", env, err, tc.want)
			}
		})
	}
	if _, err := (&Container{}).NetworkManagedIdentityEnv(SourceAzureArc); err == nil {
		t.Error("NetworkManagedIdentityEnv without WithNetwork succeeded")
	}
}
