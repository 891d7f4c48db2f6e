package integration_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// az prints the device-code prompt on stderr (a WARNING) while it polls.
var azUserCode = regexp.MustCompile(`enter the code ([A-Z0-9-]+) to authenticate`)

// loginDeviceCode runs `az login --use-device-code`, reads the user code
// from az's prompt and approves it as user through the control API while
// az polls; it returns the accounts az prints.
func (a *azCLI) loginDeviceCode(srv *mockidptest.Server, user string) []azAccount {
	a.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, a.bin, "login", "--use-device-code", "--tenant", idp.DefaultTenantID, "--output", "json")
	cmd.Env = a.env
	var out bytes.Buffer
	cmd.Stdout = &out
	stderr, err := cmd.StderrPipe()
	if err != nil {
		a.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		a.t.Fatal(err)
	}
	var seen strings.Builder
	code := ""
	sc := bufio.NewScanner(stderr)
	for code == "" && sc.Scan() {
		seen.WriteString(sc.Text() + "\n")
		if m := azUserCode.FindStringSubmatch(sc.Text()); m != nil {
			code = m[1]
		}
	}
	if code == "" {
		_ = cmd.Wait()
		a.t.Fatalf("az printed no user code; stderr:\n%s", seen.String())
	}
	if err := srv.Control.ApproveDeviceCode(testContext(a.t), code, user); err != nil {
		a.t.Fatalf("approve %s: %v", code, err)
	}
	rest, _ := io.ReadAll(stderr)
	seen.Write(rest)
	if err := cmd.Wait(); err != nil {
		a.t.Fatalf("az login --use-device-code: %v; stderr:\n%s", err, seen.String())
	}
	var accounts []azAccount
	if err := json.Unmarshal(out.Bytes(), &accounts); err != nil {
		a.t.Fatalf("az login output is not JSON: %v\n%s", err, out.String())
	}
	return accounts
}

// az login --use-device-code, approved through the control API while az
// polls: the default user (Owner of the default subscription) sees it in
// az account list and can list resource groups.
func TestAzLoginWithDeviceCode(t *testing.T) {
	t.Parallel()
	srv := mockidptest.NewServer(t)
	az := newAzCLI(t, srv)
	upn := idp.DefaultUserUPN("contoso.onmicrosoft.com")
	accounts := az.loginDeviceCode(srv, upn)
	if len(accounts) != 1 || accounts[0].ID != idp.DefaultSubscriptionID || accounts[0].User.Type != "user" || accounts[0].User.Name != upn {
		t.Fatalf("az login accounts = %+v", accounts)
	}

	az.must(&accounts, "account", "list")
	if len(accounts) != 1 || accounts[0].TenantID != idp.DefaultTenantID || accounts[0].State != "Enabled" || accounts[0].User.Name != upn {
		t.Fatalf("account list = %+v", accounts)
	}
	var tok struct{ AccessToken string }
	az.must(&tok, "account", "get-access-token")
	claims := claimsOf(t, tok.AccessToken)
	wantClaim(t, claims, "appid", idp.AzureCLIClientID)
	wantClaim(t, claims, "upn", upn)
	wantClaim(t, claims, "aud", "https://management.core.windows.net/")
	var groups []struct{ Name string }
	az.must(&groups, "group", "list")
	if len(groups) != 1 || groups[0].Name != idp.DefaultResourceGroup {
		t.Fatalf("group list = %+v", groups)
	}
}
