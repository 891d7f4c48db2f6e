package endpoints

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// Test fixtures of the user-flow tests: a confidential web app without
// any consent, and a second user in headless (auto-approve) mode.
const (
	webClientID   = "a1b2c3d4-0000-4000-8000-000000000001"
	webSecret     = "web-secret"
	webRedirect   = "https://app.example/callback"
	botUPN        = "bot@contoso.onmicrosoft.com"
	botID         = "a1b2c3d4-0000-4000-8000-0000000000b0"
	testVerifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	testChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
)

var alexUPN = idp.DefaultUserUPN("contoso.onmicrosoft.com")

func withUserFlowFixtures(s *idp.Seed) {
	t := &s.Tenants[0]
	t.Applications = append(t.Applications, idp.Application{ClientID: webClientID, DisplayName: "Contoso Web",
		Secrets: []idp.Secret{{Value: webSecret}}, RedirectURIs: []string{webRedirect},
		ImplicitIDToken: true, RequiredPermissions: []idp.RequiredPermission{
			{Resource: "https://graph.microsoft.com", Scopes: []string{"User.Read"}, Roles: []string{"User.Read.All"}}}})
	t.Users = append(t.Users, idp.User{ObjectID: botID, UserPrincipalName: botUPN, DisplayName: "Bot",
		Password: "bot-password", AutoApprove: true})
}

// userAgent is an HTTP client with a cookie jar that does not follow
// redirects, so tests see each hop.
type userAgent struct {
	t  *testing.T
	ts *testServer
	hc *http.Client
}

func newUserFlowServer(t *testing.T) (*testServer, *userAgent) {
	ts := newTestServer(t, clouds.Public, withUserFlowFixtures)
	return ts, ts.browser(t)
}

func (ts *testServer) browser(t *testing.T) *userAgent {
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Transport: ts.Client().Transport, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &userAgent{t: t, ts: ts, hc: hc}
}

type page struct {
	status   int
	location string
	body     string
}

func (b *userAgent) do(req *http.Request) page {
	b.t.Helper()
	resp, err := b.hc.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body)}
}

func (b *userAgent) get(path string) page {
	req, _ := http.NewRequest(http.MethodGet, b.ts.URL+path, nil)
	return b.do(req)
}

func (b *userAgent) post(path string, form url.Values) page {
	req, _ := http.NewRequest(http.MethodPost, b.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

var (
	formAction = regexp.MustCompile(`<form method="(?:post|POST)"[^>]*action="([^"]+)"`)
	hiddenRE   = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// submit posts the page's first form with its hidden fields plus extra.
func (b *userAgent) submit(p page, extra url.Values) page {
	b.t.Helper()
	m := formAction.FindStringSubmatch(p.body)
	if m == nil {
		b.t.Fatalf("no form on page (status %d): %s", p.status, p.body)
	}
	first, _, _ := strings.Cut(p.body[strings.Index(p.body, m[0]):], "</form>")
	form := hiddenFields(first)
	for k, v := range extra {
		form[k] = v
	}
	return b.post(unescapeHTML(m[1]), form)
}

func hiddenFields(body string) url.Values {
	form := url.Values{}
	for _, h := range hiddenRE.FindAllStringSubmatch(body, -1) {
		if form.Get(h[1]) == "" {
			form.Set(h[1], unescapeHTML(h[2]))
		}
	}
	return form
}

func unescapeHTML(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

// authorizePath builds an authorize URL for the default tenant.
func authorizePath(params map[string]string) string {
	q := url.Values{}
	for k, v := range params {
		if v != "" {
			q.Set(k, v)
		}
	}
	return "/" + idp.DefaultTenantID + "/oauth2/v2.0/authorize?" + q.Encode()
}

// cliAuthorize is an authorize request of the default public client.
func cliAuthorize(extra map[string]string) string {
	p := map[string]string{"client_id": idp.DefaultCLIClientID, "response_type": "code",
		"redirect_uri": "http://localhost:5555", "scope": "openid profile offline_access User.Read", "state": "st8"}
	for k, v := range extra {
		p[k] = v
	}
	return authorizePath(p)
}

// redirectParams parses the query (or fragment) of a redirect.
func redirectParams(t *testing.T, p page) url.Values {
	t.Helper()
	if p.status != http.StatusFound {
		t.Fatalf("status = %d, want 302; body: %.300s", p.status, p.body)
	}
	u, err := url.Parse(p.location)
	if err != nil {
		t.Fatal(err)
	}
	if u.Fragment != "" {
		q, _ := url.ParseQuery(u.Fragment)
		return q
	}
	return u.Query()
}

// signIn walks the sign-in page with alex's password.
func (b *userAgent) signIn(p page) page {
	b.t.Helper()
	if !strings.Contains(p.body, `id="signin"`) {
		b.t.Fatalf("not the sign-in page (status %d): %.300s", p.status, p.body)
	}
	return b.submit(p, url.Values{"login": {alexUPN}, "passwd": {idp.DefaultUserPassword}})
}

func (ts *testServer) token(t *testing.T, form url.Values) (int, map[string]any) {
	t.Helper()
	return postToken(t, ts, "/"+idp.DefaultTenantID+"/oauth2/v2.0/token", form)
}

// postToken posts a token request and decodes the JSON answer.
func postToken(t *testing.T, ts *testServer, path string, form url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := ts.Client().PostForm(ts.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("token answer is not JSON (status %d): %v", resp.StatusCode, err)
	}
	return resp.StatusCode, body
}

// wantAADError checks an Entra error answer's status, error and code.
func wantAADError(t *testing.T, status int, body map[string]any, wantStatus int, wantErr string, code int) {
	t.Helper()
	codes, _ := body["error_codes"].([]any)
	if status != wantStatus || body["error"] != wantErr || len(codes) != 1 || codes[0] != float64(code) {
		t.Fatalf("got %d %v %v, want %d %s AADSTS%d; body %v", status, body["error"], body["error_codes"], wantStatus, wantErr, code, body)
	}
	if d, _ := body["error_description"].(string); !strings.HasPrefix(d, fmt.Sprintf("AADSTS%d: ", code)) {
		t.Errorf("error_description = %q", d)
	}
}

// cliCode signs alex in with the default public client and returns a
// code issued for extra's parameters.
func (b *userAgent) cliCode(extra map[string]string) string {
	b.t.Helper()
	p := b.get(cliAuthorize(extra))
	if p.status == http.StatusOK {
		p = b.signIn(p)
	}
	q := redirectParams(b.t, p)
	if q.Get("code") == "" {
		b.t.Fatalf("no code: %v", q)
	}
	return q.Get("code")
}
