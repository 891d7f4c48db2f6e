package endpoints

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/managedidentity"
	"github.com/mockidp/mockidp/idp"
)

// goldenSite is one fresh server of a golden case: the seeded Rand and
// the fixed clock make trace IDs, correlation IDs, codes and token claims
// the same on every run, so nothing in an answer is scrubbed but the one
// path the machine chooses (the Arc key folder).
type goldenSite struct {
	t      *testing.T
	srv    *Server
	mi     http.Handler
	arcDir string
}

func newGoldenSite(t *testing.T, mutate func(*idp.Seed)) *goldenSite {
	t.Helper()
	dir := t.TempDir()
	p := newTestProvider(t, mutate, newSeededRand(1))
	srv := NewServer(Options{Provider: p, Logger: quietLogger(), ManagedIdentity: managedidentity.Options{ArcKeyDir: dir}})
	return &goldenSite{t: t, srv: srv, mi: srv.ManagedIdentityHandler(nil), arcDir: dir}
}

// goldenCall is one request of a golden case.
type goldenCall struct {
	method, target string // target is an absolute URL: its host picks the area
	header         map[string]string
	form           url.Values
}

func (g *goldenSite) do(h http.Handler, c goldenCall) *httptest.ResponseRecorder {
	g.t.Helper()
	method := c.method
	if method == "" {
		method = http.MethodGet
	}
	var body *strings.Reader
	if c.form != nil {
		body = strings.NewReader(c.form.Encode())
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, c.target, body)
	if c.form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range c.header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// answerDoc is what a golden file holds: the status, every header, the
// body with its tokens elided in place, and the access token's decoded
// header and claims.
func (g *goldenSite) answerDoc(w *httptest.ResponseRecorder) []byte {
	g.t.Helper()
	body := bytes.ReplaceAll(w.Body.Bytes(), []byte(g.arcDir), []byte("<arc-key-dir>"))
	var fields map[string]any
	_ = json.Unmarshal(body, &fields)
	var jwtHeader, claims json.RawMessage
	for _, name := range []string{"access_token", "id_token", "refresh_token"} {
		tok, _ := fields[name].(string)
		if tok == "" {
			continue
		}
		if name == "access_token" {
			if err := idp.DecodeUnverifiedJWT(tok, &jwtHeader, &claims); err != nil {
				g.t.Fatalf("access_token: %v", err)
			}
		}
		body = bytes.Replace(body, []byte(`"`+tok+`"`), []byte(`"<`+name+`>"`), 1)
	}
	var doc bytes.Buffer
	doc.WriteString(`{"status":` + jsonString(g.t, w.Code) + `,"headers":{`)
	names := make([]string, 0, len(w.Header()))
	for k := range w.Header() {
		names = append(names, k)
	}
	sort.Strings(names)
	for i, k := range names {
		if i > 0 {
			doc.WriteByte(',')
		}
		v := strings.ReplaceAll(strings.Join(w.Header()[k], ", "), g.arcDir, "<arc-key-dir>")
		doc.WriteString(jsonString(g.t, k) + ":" + jsonString(g.t, v))
	}
	doc.WriteString(`},"body":`)
	if json.Valid(body) && len(body) > 0 {
		doc.Write(body)
	} else {
		doc.WriteString(jsonString(g.t, string(body)))
	}
	if claims != nil {
		doc.WriteString(`,"jwt_header":`)
		doc.Write(jwtHeader)
		doc.WriteString(`,"claims":`)
		doc.Write(claims)
	}
	doc.WriteString(`}`)
	return prettyJSON(g.t, doc.Bytes())
}

// jsonString encodes v as the wire would: "<" stays "<".
func jsonString(t *testing.T, v any) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// miBase is the plain-HTTP managed-identity listener as clients reach it.
const miBase = "http://localhost:8081"

// TestGoldenManagedIdentity pins every managed-identity source's success
// and error answers: IMDS, App Service, Azure ML, Cloud Shell, Service
// Fabric and Arc (its 401 challenge, then the token for the key).
func TestGoldenManagedIdentity(t *testing.T) {
	imdsToken := miBase + "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"
	appService := miBase + "/msi/token?api-version=2019-08-01&resource=https://vault.azure.net"
	azureML := miBase + "/azureml/msi/token?api-version=2017-09-01&resource=https://vault.azure.net"
	fabric := miBase + "/servicefabric/metadata/identity/oauth2/token?api-version=2019-07-01-preview&resource=https://vault.azure.net"
	arc := miBase + "/arc/metadata/identity/oauth2/token?api-version=2020-06-01&resource=https://management.azure.com/"
	meta := map[string]string{"Metadata": "true"}
	idh := map[string]string{"X-IDENTITY-HEADER": controlapi.DefaultIdentityHeader}
	ml := map[string]string{"secret": controlapi.DefaultMSISecret}
	sf := map[string]string{"Secret": controlapi.DefaultIdentityHeader}
	shell := func(resource string, header map[string]string) goldenCall {
		return goldenCall{method: http.MethodPost, target: miBase + "/cloudshell/oauth2/token",
			form: url.Values{"resource": {resource}}, header: header}
	}
	tests := []struct {
		name   string
		mutate func(*idp.Seed)
		call   goldenCall
		status int
	}{
		{"imds-token", nil, goldenCall{target: imdsToken, header: meta}, 200},
		{"imds-no-metadata", nil, goldenCall{target: imdsToken}, 400},
		{"imds-no-resource", nil, goldenCall{target: miBase + "/metadata/identity/oauth2/token?api-version=2018-02-01", header: meta}, 400},
		{"imds-identity-not-found", nil, goldenCall{target: imdsToken + "&client_id=" + idp.DefaultDaemonClientID, header: meta}, 400},
		{"imds-unknown-resource", nil, goldenCall{target: miBase + "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://nowhere.example", header: meta}, 400},
		{"imds-instance-no-api-version", nil, goldenCall{target: miBase + "/metadata/instance", header: meta}, 400},
		{"appservice-token", nil, goldenCall{target: appService, header: idh}, 200},
		{"appservice-no-header", nil, goldenCall{target: appService}, 401},
		{"appservice-api-version", nil, goldenCall{target: strings.Replace(appService, "2019-08-01", "2017-09-01", 1), header: idh}, 400},
		{"appservice-unknown-resource", nil, goldenCall{target: miBase + "/msi/token?api-version=2019-08-01&resource=https://nowhere.example", header: idh}, 500},
		{"azureml-token", nil, goldenCall{target: azureML, header: ml}, 200},
		{"azureml-no-secret", nil, goldenCall{target: azureML}, 401},
		{"azureml-api-version", nil, goldenCall{target: strings.Replace(azureML, "2017-09-01", "2019-08-01", 1), header: ml}, 400},
		{"cloudshell-token", nil, shell("https://management.azure.com/", meta), 200},
		{"cloudshell-no-metadata", nil, shell("https://management.azure.com/", nil), 400},
		{"cloudshell-audience", nil, shell("https://azconfig.io/", meta), 400},
		{"servicefabric-token", nil, goldenCall{target: fabric, header: sf}, 200},
		{"servicefabric-no-secret", nil, goldenCall{target: fabric}, 401},
		{"servicefabric-api-version", nil, goldenCall{target: strings.Replace(fabric, "2019-07-01-preview", "2018-01-01", 1), header: sf}, 400},
		{"servicefabric-no-identity", withoutFabricIdentity, goldenCall{target: fabric, header: sf}, 404},
		{"arc-challenge", nil, goldenCall{target: arc, header: meta}, 401},
		{"arc-no-metadata", nil, goldenCall{target: arc}, 400},
		{"arc-bad-key", nil, goldenCall{target: arc, header: map[string]string{"Metadata": "true", "Authorization": "Basic guessed"}}, 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := newGoldenSite(t, tc.mutate)
			w := g.do(g.mi, tc.call)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			checkGolden(t, "managedidentity/"+tc.name+".json", g.answerDoc(w))
		})
	}
}

func withoutFabricIdentity(s *idp.Seed) {
	for i := range s.Tenants[0].Computes {
		if s.Tenants[0].Computes[i].Kind == idp.ComputeServiceFabric {
			s.Tenants[0].Computes[i].SystemAssigned = nil
		}
	}
}

// The Arc token: the challenge's key file, sent back, buys one token.
func TestGoldenArcToken(t *testing.T) {
	g := newGoldenSite(t, nil)
	target := miBase + "/arc/metadata/identity/oauth2/token?api-version=2020-06-01&resource=https://management.azure.com/"
	challenge := g.do(g.mi, goldenCall{target: target, header: map[string]string{"Metadata": "true"}})
	realm, ok := strings.CutPrefix(challenge.Header().Get("WWW-Authenticate"), "Basic realm=")
	if challenge.Code != http.StatusUnauthorized || !ok {
		t.Fatalf("challenge: %d %v", challenge.Code, challenge.Header())
	}
	key, err := os.ReadFile(realm)
	if err != nil {
		t.Fatal(err)
	}
	w := g.do(g.mi, goldenCall{target: target, header: map[string]string{"Metadata": "true", "Authorization": "Basic " + string(key)}})
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	checkGolden(t, "managedidentity/arc-token.json", g.answerDoc(w))
}

// TestGoldenARMErrors pins Resource Manager's error envelopes and
// challenges, on its public management host.
func TestGoldenARMErrors(t *testing.T) {
	arm := "https://" + clouds.Public.ManagementHost()
	sub := arm + "/subscriptions/" + idp.DefaultSubscriptionID
	tests := []struct {
		name   string
		target string
		method string
		bearer string // "" none, "valid" a daemon token for ARM, else sent as is
		status int
	}{
		{"no-authorization", sub + "?api-version=2022-12-01", "", "", 401},
		{"malformed-token", sub + "?api-version=2022-12-01", "", "not.a.jwt", 401},
		{"no-api-version", sub, "", "valid", 400},
		{"unsupported-api-version", sub + "?api-version=1999-01-01", "", "valid", 400},
		{"subscription-not-found", arm + "/subscriptions/00000000-0000-0000-0000-000000000000?api-version=2022-12-01", "", "valid", 404},
		{"resource-group-not-found", sub + "/resourcegroups/nosuchgroup?api-version=2022-12-01", "", "valid", 404},
		{"no-route", arm + "/nosuchthing?api-version=2022-12-01", "", "valid", 404},
		{"metadata-api-version", arm + "/metadata/endpoints?api-version=1999-01-01", "", "", 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := newGoldenSite(t, nil)
			h := g.srv.Handler(clouds.Public)
			header := map[string]string{"x-ms-client-request-id": goldenRequestID}
			switch tc.bearer {
			case "":
			case "valid":
				header["Authorization"] = "Bearer " + g.daemonToken(clouds.Public.ARMAudience())
			default:
				header["Authorization"] = "Bearer " + tc.bearer
			}
			w := g.do(h, goldenCall{method: tc.method, target: tc.target, header: header})
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			checkGolden(t, "arm/"+tc.name+".json", g.answerDoc(w))
		})
	}
}

// daemonToken is an app-only token of the default daemon for resource.
func (g *goldenSite) daemonToken(resource string) string {
	g.t.Helper()
	w := g.do(g.srv.Handler(clouds.Public), goldenCall{method: http.MethodPost,
		target: "https://" + goldenHost + "/" + idp.DefaultTenantID + "/oauth2/token",
		form: url.Values{"grant_type": {idp.GrantClientCredentials}, "client_id": {idp.DefaultDaemonClientID},
			"client_secret": {idp.DefaultDaemonSecret}, "resource": {resource}}})
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &tok); err != nil || tok.AccessToken == "" {
		g.t.Fatalf("token for %s: %d %s", resource, w.Code, w.Body)
	}
	return tok.AccessToken
}

// TestGoldenDeviceCode pins the device authorization answer and its
// errors, and the token endpoint's answers to a poll: pending, declined,
// expired, unknown code and the tokens.
func TestGoldenDeviceCode(t *testing.T) {
	base := "https://" + goldenHost + "/" + idp.DefaultTenantID + "/oauth2/v2.0/"
	cli := idp.DefaultCLIClientID
	start := url.Values{"client_id": {cli}, "scope": {"User.Read offline_access"}}
	tests := []struct {
		name   string
		form   url.Values
		status int
	}{
		{"devicecode", start, 200},
		{"devicecode-v1", nil, 200},
		{"devicecode-no-client-id", url.Values{"scope": {"User.Read"}}, 400},
		{"devicecode-no-scope", url.Values{"client_id": {cli}}, 400},
		{"devicecode-unknown-client", url.Values{"client_id": {"00000000-0000-0000-0000-000000000001"}, "scope": {"User.Read"}}, 400},
		{"devicecode-confidential-without-secret", url.Values{"client_id": {idp.DefaultDaemonClientID}, "scope": {"User.Read"}}, 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := newGoldenSite(t, nil)
			target, form := base+"devicecode", tc.form
			if form == nil {
				target = "https://" + goldenHost + "/" + idp.DefaultTenantID + "/oauth2/devicecode"
				form = url.Values{"client_id": {cli}, "resource": {"https://graph.microsoft.com"}}
			}
			w := g.do(g.srv.Handler(clouds.Public), goldenCall{method: http.MethodPost, target: target, form: form,
				header: map[string]string{"client-request-id": goldenRequestID}})
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			checkGolden(t, "devicecode/"+tc.name+".json", g.answerDoc(w))
		})
	}
	polls := []struct {
		name   string
		before func(g *goldenSite, userCode string)
		code   func(deviceCode string) string
		status int
	}{
		{"poll-pending", nil, nil, 400},
		{"poll-declined", func(g *goldenSite, uc string) {
			if err := g.srv.Provider().Devices.DeclineDeviceCode(uc, idp.DefaultUserUPN("contoso.onmicrosoft.com")); err != nil {
				t.Fatal(err)
			}
		}, nil, 400},
		{"poll-expired", func(g *goldenSite, _ string) {
			g.srv.Provider().Clock().Advance(idp.DefaultDevicePolicy.Lifetime + 1)
		}, nil, 400},
		{"poll-unknown-code", nil, func(string) string { return "not-a-device-code" }, 400},
		{"poll-tokens", func(g *goldenSite, uc string) {
			if err := g.srv.Provider().Devices.ApproveDeviceCode(uc, idp.DefaultUserUPN("contoso.onmicrosoft.com")); err != nil {
				t.Fatal(err)
			}
		}, nil, 200},
	}
	for _, tc := range polls {
		t.Run(tc.name, func(t *testing.T) {
			g := newGoldenSite(t, nil)
			h := g.srv.Handler(clouds.Public)
			w := g.do(h, goldenCall{method: http.MethodPost, target: base + "devicecode", form: start})
			var dc struct {
				DeviceCode string `json:"device_code"`
				UserCode   string `json:"user_code"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &dc); err != nil || dc.DeviceCode == "" {
				t.Fatalf("devicecode: %d %s", w.Code, w.Body)
			}
			if tc.before != nil {
				tc.before(g, dc.UserCode)
			}
			code := dc.DeviceCode
			if tc.code != nil {
				code = tc.code(code)
			}
			w = g.do(h, goldenCall{method: http.MethodPost, target: base + "token",
				form:   url.Values{"grant_type": {idp.GrantDeviceCode}, "client_id": {cli}, "device_code": {code}},
				header: map[string]string{"client-request-id": goldenRequestID}})
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			checkGolden(t, "devicecode/"+tc.name+".json", g.answerDoc(w))
		})
	}
}
