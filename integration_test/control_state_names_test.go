package integration_test

import (
	"strings"
	"testing"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
	"github.com/mockidp/mockidp/scenarios"
)

// State operations name a user by UPN or object ID (and an app by client
// ID or display name) and take effect either way; one that matches
// nothing answers 404 and one that changes nothing 409, saying what it
// looked for.
func TestStateOperationsNameUsersEitherWay(t *testing.T) {
	srv := mockidptest.NewServer(t)
	shortLivedTokens(t, srv, idp.DefaultCLIClientID)
	app := cliApp(t, srv)
	preset(t, srv, "revoked-consent", scenarios.Params{ClientID: idp.DefaultCLIClientID})
	// consent signs in with prompt=consent; the consent page records the
	// user's own grant (stored under the object ID).
	consent := func() public.AuthResult {
		t.Helper()
		browser := mockidptest.Browser{Client: srv.Client(), Username: defaultUPN, Password: idp.DefaultUserPassword}
		res, err := app.AcquireTokenInteractive(testContext(t), []string{"User.Read"}, public.WithOpenURL(browser.Open),
			public.WithLoginHint(defaultUPN), public.WithPrompt(promptConsent))
		if err != nil {
			t.Fatalf("interactive sign-in with consent: %v", err)
		}
		return res
	}
	for _, tc := range []struct{ name, path, body string }{
		{"preset by UPN", "/presets/revoked-consent", `{"client_id":"` + idp.DefaultCLIClientID + `","user":"` + defaultUPN + `"}`},
		{"operation by object ID", "/state/revoke-consent", `{"client_id":"` + idp.DefaultCLIClientID + `","user":"` + idp.DefaultUserID + `"}`},
		{"operation by app name", "/state/revoke-consent", `{"client_id":"mockidp CLI","user":"` + strings.ToUpper(defaultUPN) + `"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := consent()
			if status, body := raw(t, srv, "POST", tc.path, tc.body); status/100 != 2 {
				t.Fatalf("%s: %d %v", tc.path, status, body)
			}
			_, err := app.AcquireTokenSilent(testContext(t), []string{"User.Read"}, public.WithSilentAccount(res.Account))
			wantErrorContains(t, err, "AADSTS65001")
			status, body := raw(t, srv, "POST", tc.path, tc.body)
			if detail, _ := body["detail"].(string); status != 409 || body["error"] != "no_change" || !strings.Contains(detail, idp.DefaultUserID) {
				t.Fatalf("repeated: %d %v, want 409 no_change naming the user", status, body)
			}
		})
	}

	for _, tc := range []struct {
		name, path, body string
		status           int
		err, detail      string
	}{
		{"unknown user", "/state/disable-user", `{"user":"nobody@contoso.onmicrosoft.com"}`, 404, "not_found", "no user nobody@contoso.onmicrosoft.com (looked for a user principal name or object ID)"},
		{"unknown user in a preset", "/presets/mfa-required", `{"user":"nobody"}`, 404, "not_found", "no user nobody"},
		{"unknown app", "/state/disable-app", `{"client_id":"no such app"}`, 404, "not_found", "looked for a client ID or display name"},
		{"unknown tenant", "/state/enable-user", `{"tenant":"00000000-0000-0000-0000-000000000009","user":"x"}`, 404, "not_found", "no tenant"},
		{"unknown credential", "/state/delete-credential", `{"client_id":"` + idp.DefaultDaemonClientID + `","credential":"nope"}`, 404, "not_found", `no credential "nope"`},
		{"disable by UPN", "/state/disable-user", `{"user":"` + defaultUPN + `"}`, 200, "", ""},
		{"disable again by object ID", "/state/disable-user", `{"user":"` + idp.DefaultUserID + `"}`, 409, "no_change", "already disabled"},
		{"enable by object ID", "/state/enable-user", `{"user":"` + idp.DefaultUserID + `"}`, 200, "", ""},
		{"role not held", "/state/remove-role", `{"client_id":"mockidp daemon","resource":"https://graph.microsoft.com","role":"Mail.Send"}`, 409, "no_change", "holds no app role Mail.Send"},
		{"role by app name", "/state/remove-role", `{"client_id":"mockidp daemon","resource":"https://graph.microsoft.com","role":"User.Read.All"}`, 200, "", ""},
		{"scope not consented", "/state/remove-scope", `{"client_id":"` + idp.DefaultCLIClientID + `","user":"` + defaultUPN + `","resource":"https://graph.microsoft.com","scope":"Mail.Send"}`, 409, "no_change", "no consent of user"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := raw(t, srv, "POST", tc.path, tc.body)
			detail, _ := body["detail"].(string)
			if status != tc.status || tc.err != "" && (body["error"] != tc.err || !strings.Contains(detail, tc.detail)) {
				t.Fatalf("%d %v, want %d %s containing %q", status, body, tc.status, tc.err, tc.detail)
			}
		})
	}
}
