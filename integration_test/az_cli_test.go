package integration_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// The Azure CLI tests run Debian's azure-cli 2.45 against mockidp through
// its CONNECT proxy: az calls the real login.microsoftonline.com and
// management.azure.com names and trusts mockidp's CA through
// REQUESTS_CA_BUNDLE. Each test has its own AZURE_CONFIG_DIR, because az
// keeps tokens and cached discovery documents there.

// azCLI is one az environment: a fresh config folder wired to srv.
type azCLI struct {
	t   *testing.T
	bin string
	env []string
}

func newAzCLI(t *testing.T, srv *mockidptest.Server) *azCLI {
	t.Helper()
	if testing.Short() {
		t.Skip("drives the Azure CLI (seconds per command); skipped under -short")
	}
	bin, err := exec.LookPath("az")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("az (Debian package azure-cli) is not installed; .ci/run must apt-get install -y azure-cli")
		}
		t.Skip("az not installed (apt-get install -y azure-cli); skipping the Azure CLI tests")
	}
	dir := t.TempDir()
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, srv.CA.CertPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"AZURE_CONFIG_DIR=" + filepath.Join(dir, "az"), "REQUESTS_CA_BUNDLE=" + caFile,
		"HTTPS_PROXY=" + srv.ProxyURL().String(), "AZURE_CORE_COLLECT_TELEMETRY=false",
		"AZURE_CORE_NO_COLOR=true", "AZURE_CORE_ONLY_SHOW_ERRORS=true", "HOME=" + dir}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "ALL_PROXY", "REQUESTS_CA_BUNDLE", "HOME",
			"AZURE_CONFIG_DIR", "CURL_CA_BUNDLE", "SSL_CERT_FILE":
			continue
		}
		env = append(env, kv)
	}
	return &azCLI{t: t, bin: bin, env: env}
}

// run runs az with args; it returns stdout, stderr and whether az exited 0.
func (a *azCLI) run(args ...string) (stdout, stderr string, ok bool) {
	a.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, a.bin, args...)
	cmd.Env = a.env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		a.t.Fatalf("az %s timed out; stderr:\n%s", strings.Join(args, " "), errOut.String())
	}
	return out.String(), errOut.String(), err == nil
}

// must runs az and decodes its JSON output into v.
func (a *azCLI) must(v any, args ...string) {
	a.t.Helper()
	out, errOut, ok := a.run(append(args, "--output", "json")...)
	if !ok {
		a.t.Fatalf("az %s failed:\n%s", strings.Join(args, " "), errOut)
	}
	if v != nil {
		if err := json.Unmarshal([]byte(out), v); err != nil {
			a.t.Fatalf("az %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

type azAccount struct {
	ID       string `json:"id"`
	TenantID string `json:"tenantId"`
	State    string `json:"state"`
	User     struct {
		Name string `json:"name"`
		Type string `json:"type"`
	} `json:"user"`
}

// loginDaemon signs in as the default daemon with its secret or with the
// PEM of its certificate and key, and checks the account az records.
func (a *azCLI) loginDaemon(secretOrPEM string) {
	a.t.Helper()
	var accounts []azAccount
	a.must(&accounts, "login", "--service-principal", "--username", idp.DefaultDaemonClientID,
		"--password", secretOrPEM, "--tenant", idp.DefaultTenantID)
	if len(accounts) != 1 || accounts[0].ID != idp.DefaultSubscriptionID ||
		accounts[0].TenantID != idp.DefaultTenantID || accounts[0].User.Type != "servicePrincipal" {
		a.t.Fatalf("az login accounts = %+v", accounts)
	}
}

func TestAzLoginWithSecret(t *testing.T) {
	t.Parallel()
	srv := mockidptest.NewServer(t)
	az := newAzCLI(t, srv)
	az.loginDaemon(idp.DefaultDaemonSecret)

	var accounts []azAccount
	az.must(&accounts, "account", "list")
	if len(accounts) != 1 || accounts[0].State != "Enabled" || accounts[0].User.Name != idp.DefaultDaemonClientID {
		t.Fatalf("account list = %+v", accounts)
	}
	var tok struct {
		AccessToken, Subscription, Tenant, TokenType string
	}
	az.must(&tok, "account", "get-access-token")
	if tok.Subscription != idp.DefaultSubscriptionID || tok.Tenant != idp.DefaultTenantID || tok.TokenType != "Bearer" {
		t.Fatalf("get-access-token = %+v", tok)
	}
	claims := claimsOf(t, tok.AccessToken)
	wantClaim(t, claims, "aud", "https://management.core.windows.net/")
	wantClaim(t, claims, "iss", "https://sts.windows.net/"+idp.DefaultTenantID+"/")
	wantClaim(t, claims, "oid", idp.DefaultDaemonPrincipalID(idp.DefaultTenantID))

	var created struct{ ID, Name, Location string }
	az.must(&created, "group", "create", "--name", "cli-rg", "--location", "West US", "--tags", "team=qa")
	if created.ID != "/subscriptions/"+idp.DefaultSubscriptionID+"/resourceGroups/cli-rg" || created.Location != "westus" {
		t.Fatalf("group create = %+v", created)
	}
	var groups []struct {
		Name string
		Tags map[string]string
	}
	az.must(&groups, "group", "list")
	if len(groups) != 2 || groups[0].Name != idp.DefaultResourceGroup || groups[1].Name != "cli-rg" || groups[1].Tags["team"] != "qa" {
		t.Fatalf("group list = %+v", groups)
	}
}

func TestAzLoginWithCertificate(t *testing.T) {
	t.Parallel()
	srv := mockidptest.NewServer(t)
	az := newAzCLI(t, srv)
	pemFile := filepath.Join(t.TempDir(), "daemon.pem")
	if err := os.WriteFile(pemFile, idp.DaemonCredentialPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	az.loginDaemon(pemFile)
	var groups []struct{ Name string }
	az.must(&groups, "group", "list")
	if len(groups) != 1 || groups[0].Name != idp.DefaultResourceGroup {
		t.Fatalf("group list = %+v", groups)
	}
}

func TestAzGroupCreateWithoutRole(t *testing.T) {
	t.Parallel()
	srv := mockidptest.NewServer(t)
	az := newAzCLI(t, srv)
	az.loginDaemon(idp.DefaultDaemonSecret)
	daemon := idp.DefaultDaemonPrincipalID(idp.DefaultTenantID)
	if n, err := srv.IDP.State.RemoveRoleAssignments(idp.DefaultSubscriptionID, daemon); err != nil || n != 1 {
		t.Fatalf("remove assignment = %d, %v", n, err)
	}
	_, stderr, ok := az.run("group", "create", "--name", "denied-rg", "--location", "westus")
	if ok {
		t.Fatal("az group create succeeded without a role assignment")
	}
	want := "(AuthorizationFailed) The client '" + idp.DefaultDaemonClientID + "' with object id '" + daemon +
		"' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/write' over scope '/subscriptions/" +
		idp.DefaultSubscriptionID + "/resourcegroups/denied-rg' or the scope is invalid. If access was recently granted, please refresh your credentials."
	if !strings.Contains(stderr, want) {
		t.Fatalf("stderr:\n%s\nwant it to contain:\n%s", stderr, want)
	}
}

// On the default seed, `az login --identity` on the VM (IMDS through the
// proxy) signs in as its system-assigned identity and lists the default
// subscription, where that identity is Contributor on mockidp-rg.
func TestAzLoginWithIdentity(t *testing.T) {
	t.Parallel()
	srv := mockidptest.NewServer(t)
	az := newAzCLI(t, srv)
	az.env = append(az.env, "HTTP_PROXY="+srv.ProxyURL().String())
	var accounts []azAccount
	az.must(&accounts, "login", "--identity")
	if len(accounts) != 1 || accounts[0].ID != idp.DefaultSubscriptionID || accounts[0].TenantID != idp.DefaultTenantID ||
		accounts[0].User.Type != "servicePrincipal" || accounts[0].User.Name != "systemAssignedIdentity" {
		t.Fatalf("az login --identity accounts = %+v", accounts)
	}
	var groups []struct{ Name string }
	az.must(&groups, "group", "list")
	if len(groups) != 1 || groups[0].Name != idp.DefaultResourceGroup {
		t.Fatalf("group list = %+v", groups)
	}
}
