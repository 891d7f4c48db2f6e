package endpoints

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// TestClientCredentialsSucceeds drives the accepted variants of the
// client-credentials grant: every way a real client authenticates and
// names the tenant and the resource.
func TestClientCredentialsSucceeds(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	daemon := daemonClientCert(t)
	upperGUIDPath := "/" + strings.ToUpper(idp.DefaultTenantID) + "/oauth2/v2.0/token"
	domainPath := "/contoso.onmicrosoft.com/oauth2/v2.0/token"
	msalGoScope := graphDefault + " openid offline_access profile"

	// msal-go: PS256, x5t#S256 in standard base64 with padding.
	msalGo := func(path string) string {
		return signClientAssertion(t, jwt.SigningMethodPS256, daemon.key,
			map[string]any{"x5t#S256": daemon.x5tS256()}, daemonAssertionClaims(ts.URL+path))
	}
	// MSAL Python: RS256, x5t in base64url, float times.
	msalPython := func(path string) string {
		c := daemonAssertionClaims(ts.URL + path)
		now := float64(fixedNow.UnixNano()) / 1e9
		c["iat"], c["nbf"], c["exp"] = now+0.123456, now+0.123456, now+600.654321
		return signClientAssertion(t, jwt.SigningMethodRS256, daemon.key, map[string]any{"x5t": daemon.x5t()}, c)
	}
	rs256 := signClientAssertion(t, jwt.SigningMethodRS256, daemon.key, map[string]any{"x5t": daemon.x5t()},
		daemonAssertionClaims(ts.URL+v2TokenPath))
	// Windows certificate stores show the SHA-1 thumbprint as upper-case hex.
	sha1Thumb := daemon.cert.SHA1
	kidHex := signClientAssertion(t, jwt.SigningMethodRS256, daemon.key,
		map[string]any{"kid": strings.ToUpper(hex.EncodeToString(sha1Thumb[:]))},
		daemonAssertionClaims(ts.URL+v2TokenPath))

	tests := []struct {
		name      string
		call      tokenCall
		v1        bool
		wantAud   string
		wantAcr   string // appidacr (v1) or azpacr (v2)
		wantAppID string // appid (v1) or azp (v2); the daemon when empty
		wantRoles []string
	}{
		{name: "secret, msal-go scope", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("scope", msalGoScope) })},
			wantAud: "https://graph.microsoft.com", wantAcr: "1", wantRoles: []string{"User.Read.All", "Directory.Read.All"}},
		{name: "secret via HTTP Basic", call: tokenCall{form: ccForm(func(f url.Values) { f.Del("client_id"); f.Del("client_secret") }),
			basic: []string{idp.DefaultDaemonClientID, idp.DefaultDaemonSecret}},
			wantAud: "https://graph.microsoft.com", wantAcr: "1"},
		{name: "msal-go PS256 x5t#S256 assertion", call: tokenCall{form: assertionForm(msalGo(v2TokenPath), func(f url.Values) { f.Set("scope", msalGoScope) })},
			wantAud: "https://graph.microsoft.com", wantAcr: "2"},
		{name: "RS256 x5t assertion", call: tokenCall{form: assertionForm(rs256, nil)},
			wantAud: "https://graph.microsoft.com", wantAcr: "2"},
		{name: "MSAL Python float times", call: tokenCall{form: assertionForm(msalPython(v2TokenPath), nil)},
			wantAud: "https://graph.microsoft.com", wantAcr: "2"},
		{name: "kid as hex SHA-1 thumbprint", call: tokenCall{form: assertionForm(kidHex, nil)},
			wantAud: "https://graph.microsoft.com", wantAcr: "2"},
		{name: "tenant by domain", call: tokenCall{path: domainPath, form: ccForm(nil)},
			wantAud: "https://graph.microsoft.com", wantAcr: "1"},
		{name: "tenant by domain, assertion aud by domain", call: tokenCall{path: domainPath, form: assertionForm(msalGo(domainPath), nil)},
			wantAud: "https://graph.microsoft.com", wantAcr: "2"},
		{name: "tenant by upper-case GUID", call: tokenCall{path: upperGUIDPath, form: ccForm(nil)},
			wantAud: "https://graph.microsoft.com", wantAcr: "1"},
		{name: "tenant by upper-case GUID, assertion", call: tokenCall{path: upperGUIDPath, form: assertionForm(msalGo(upperGUIDPath), nil)},
			wantAud: "https://graph.microsoft.com", wantAcr: "2"},
		{name: "ARM double slash", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("scope", "https://management.core.windows.net//.default") })},
			wantAud: "https://management.core.windows.net/", wantAcr: "1"},
		{name: "custom API by identifier URI", call: tokenCall{form: ccForm(func(f url.Values) { f.Set("scope", idp.DefaultAPIURI+"/.default") })},
			wantAud: idp.DefaultAPIClientID, wantAcr: "1", wantRoles: []string{"Tasks.Read.All"}},
		{name: "app asking for itself by client ID", call: tokenCall{form: url.Values{
			"grant_type": {idp.GrantClientCredentials}, "client_id": {idp.DefaultAPIClientID},
			"client_secret": {idp.DefaultAPISecret}, "scope": {idp.DefaultAPIClientID + "/.default"},
		}},
			wantAud: idp.DefaultAPIClientID, wantAcr: "1", wantAppID: idp.DefaultAPIClientID},
		{name: "v1 with secret", v1: true, call: tokenCall{path: v1TokenPath,
			form: ccForm(func(f url.Values) { f.Del("scope"); f.Set("resource", "https://graph.microsoft.com") })},
			wantAud: "https://graph.microsoft.com", wantAcr: "1"},
		{name: "v1 with assertion addressed to the v1 URL", v1: true, call: tokenCall{path: v1TokenPath,
			form: assertionForm(msalPython(v1TokenPath), func(f url.Values) { f.Del("scope"); f.Set("resource", "https://graph.microsoft.com") })},
			wantAud: "https://graph.microsoft.com", wantAcr: "2"},
		{name: "v1 custom API", v1: true, call: tokenCall{path: v1TokenPath,
			form: ccForm(func(f url.Values) { f.Del("scope"); f.Set("resource", idp.DefaultAPIURI) })},
			wantAud: idp.DefaultAPIClientID, wantAcr: "1", wantRoles: []string{"Tasks.Read.All"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, raw := ts.send(t, tt.call)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status = %d; body %s", resp.StatusCode, raw)
			}
			checkTokenHeaders(t, resp)
			var body map[string]json.RawMessage
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatal(err)
			}
			var access string
			if tt.v1 {
				access = checkV1Body(t, body, tt.call.form.Get("resource"))
			} else {
				access = checkV2Body(t, body)
			}
			claims := tokenClaims(t, access)
			appKey, acrKey, ver := "azp", "azpacr", "2.0"
			if claims["ver"] != "2.0" {
				appKey, acrKey, ver = "appid", "appidacr", "1.0"
			}
			wantApp := tt.wantAppID
			if wantApp == "" {
				wantApp = idp.DefaultDaemonClientID
			}
			if claims["ver"] != ver || claims["aud"] != tt.wantAud || claims[appKey] != wantApp ||
				claims[acrKey] != tt.wantAcr || claims["tid"] != idp.DefaultTenantID || claims["idtyp"] != "app" {
				t.Errorf("claims = %v; want aud %q, %s %q, %s %q", claims, tt.wantAud, appKey, wantApp, acrKey, tt.wantAcr)
			}
			if tt.wantRoles != nil {
				got, _ := json.Marshal(claims["roles"])
				want, _ := json.Marshal(tt.wantRoles)
				if string(got) != string(want) {
					t.Errorf("roles = %s, want %s", got, want)
				}
			}
		})
	}
}

func checkTokenHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	for k, want := range map[string]string{
		"Content-Type":      "application/json; charset=utf-8",
		"Cache-Control":     "no-store, no-cache",
		"Pragma":            "no-cache",
		"client-request-id": testCorrelation,
	} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("header %s = %q, want %q", k, got, want)
		}
	}
	if !idp.IsGUID(resp.Header.Get("x-ms-request-id")) {
		t.Errorf("x-ms-request-id = %q", resp.Header.Get("x-ms-request-id"))
	}
}

// checkV2Body: numbers are JSON numbers; no scope, refresh or ID token.
func checkV2Body(t *testing.T, body map[string]json.RawMessage) string {
	t.Helper()
	wantKeys := []string{"token_type", "expires_in", "ext_expires_in", "access_token"}
	checkKeys(t, body, wantKeys)
	for _, k := range []string{"expires_in", "ext_expires_in"} {
		if string(body[k]) != "3599" {
			t.Errorf("%s = %s, want the JSON number 3599", k, body[k])
		}
	}
	checkStrings(t, body, "token_type", "Bearer")
	return checkStrings(t, body, "access_token", "")
}

// checkV1Body: every number a string, plus expires_on, not_before and
// resource.
func checkV1Body(t *testing.T, body map[string]json.RawMessage, resource string) string {
	t.Helper()
	checkKeys(t, body, []string{"token_type", "expires_in", "ext_expires_in", "expires_on", "not_before", "resource", "access_token"})
	checkStrings(t, body, "token_type", "Bearer")
	checkStrings(t, body, "expires_in", "3599")
	checkStrings(t, body, "ext_expires_in", "3599")
	checkStrings(t, body, "expires_on", strconv.FormatInt(fixedNow.Add(3599*time.Second).Unix(), 10))
	nbf := checkStrings(t, body, "not_before", "")
	if n, err := strconv.ParseInt(nbf, 10, 64); err != nil || n > fixedNow.Unix() {
		t.Errorf("not_before = %q, want epoch seconds not after %d", nbf, fixedNow.Unix())
	}
	checkStrings(t, body, "resource", resource)
	return checkStrings(t, body, "access_token", "")
}

func checkKeys(t *testing.T, body map[string]json.RawMessage, want []string) {
	t.Helper()
	if len(body) != len(want) {
		t.Errorf("body has keys %v, want exactly %v", keysOf(body), want)
	}
	for _, k := range want {
		if _, ok := body[k]; !ok {
			t.Errorf("body lacks %q (keys %v)", k, keysOf(body))
		}
	}
	for _, k := range []string{"scope", "refresh_token", "id_token"} {
		if _, ok := body[k]; ok {
			t.Errorf("app-only body carries %q", k)
		}
	}
}

// checkStrings asserts that body[k] is a JSON string equal to want (any
// non-empty string when want is empty) and returns it.
func checkStrings(t *testing.T, body map[string]json.RawMessage, k, want string) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(body[k], &s); err != nil {
		t.Errorf("%s = %s, want a JSON string", k, body[k])
		return ""
	}
	if (want == "" && s == "") || (want != "" && s != want) {
		t.Errorf("%s = %q, want %q", k, s, want)
	}
	return s
}

func keysOf(m map[string]json.RawMessage) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// tokenClaims decodes a JWT's payload without verifying it.
func tokenClaims(t *testing.T, token string) map[string]any {
	t.Helper()
	var c map[string]any
	if err := idp.DecodeUnverifiedJWT(token, nil, &c); err != nil {
		t.Fatalf("access_token %q: %v", token, err)
	}
	return c
}
