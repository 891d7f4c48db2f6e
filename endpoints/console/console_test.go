package console_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/endpoints"
	"github.com/mockidp/mockidp/idp"
)

// consolePages are every page of the console, with a phrase each shows.
var consolePages = []struct{ path, shows string }{
	{"/_mockidp/", "Mock clock"},
	{"/_mockidp/console/apps", "mockidp daemon"},
	{"/_mockidp/console/users", idp.DefaultUserUPN("contoso.onmicrosoft.com")},
	{"/_mockidp/console/identities", "User-assigned identities"},
	{"/_mockidp/console/requests", "Failures only"},
	{"/_mockidp/console/token", "Paste a JWT"},
	{"/_mockidp/console/scenarios", "expired-token"},
	{"/_mockidp/console/devicecodes", "No device code is waiting"},
	{"/_mockidp/console/consents", "Revoke sessions"},
}

func TestPagesAnswerLoopbackClients(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{}, nil)
	for _, p := range consolePages {
		t.Run(p.path, func(t *testing.T) {
			w := s.do(t, loopback, http.MethodGet, p.path, "", nil)
			if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), p.shows) {
				t.Fatalf("%d, want 200 showing %q:\n%.400s", w.Code, p.shows, w.Body.String())
			}
			h := w.Header()
			if !strings.HasPrefix(h.Get("Content-Type"), "text/html") || h.Get("Cache-Control") != "no-store" ||
				!strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
				t.Errorf("headers %v", h)
			}
		})
	}
}

// The console's gate is the control API's: a stranger without the token
// gets 403 (as a page), with the token or the opt-in it gets the page.
func TestStrangersNeedTheControlToken(t *testing.T) {
	closed := newServer(t, endpoints.ControlAccess{}, nil)
	tokened := newServer(t, endpoints.ControlAccess{Token: "s3cret"}, nil)
	open := newServer(t, endpoints.ControlAccess{AllowRemote: true}, nil)
	for _, p := range consolePages {
		w := closed.do(t, stranger, http.MethodGet, p.path, "", nil)
		if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "loopback") || strings.Contains(w.Body.String(), p.shows) {
			t.Errorf("stranger GET %s: %d %.300s", p.path, w.Code, w.Body.String())
		}
		if w := tokened.do(t, stranger, http.MethodGet, p.path, "", map[string]string{"Authorization": "Bearer wrong"}); w.Code != http.StatusForbidden {
			t.Errorf("wrong token GET %s: %d", p.path, w.Code)
		}
		if w := tokened.do(t, stranger, http.MethodGet, p.path, "", map[string]string{"Authorization": "Bearer s3cret"}); w.Code != http.StatusOK {
			t.Errorf("token GET %s: %d", p.path, w.Code)
		}
		if w := open.do(t, stranger, http.MethodGet, p.path, "", nil); w.Code != http.StatusOK {
			t.Errorf("allow-remote GET %s: %d", p.path, w.Code)
		}
	}
	if w := closed.do(t, stranger, http.MethodPost, "/_mockidp/console/token", `{"token":"x"}`,
		map[string]string{"Content-Type": "application/json"}); w.Code != http.StatusForbidden {
		t.Errorf("stranger decode: %d", w.Code)
	}
}

// The decoder's POST follows the control API's rules for requests with a
// body: same origin only, JSON only.
func TestDecoderRefusesCrossSiteRequests(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{}, nil)
	for _, tc := range []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"foreign origin", map[string]string{"Content-Type": "application/json", "Origin": "https://evil.example"}, http.StatusForbidden},
		{"null origin", map[string]string{"Content-Type": "application/json", "Origin": "null"}, http.StatusForbidden},
		{"cross-site fetch", map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"form post", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, http.StatusUnsupportedMediaType},
		{"same origin JSON", map[string]string{"Content-Type": "application/json", "Origin": "https://login.microsoftonline.com"}, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if w := s.do(t, loopback, http.MethodPost, "/_mockidp/console/token", `{"token":"a.b.c"}`, tc.header); w.Code != tc.want {
				t.Errorf("%d, want %d: %.300s", w.Code, tc.want, w.Body.String())
			}
		})
	}
}

// Whatever the directory or a client puts in a name, a path or a scope is
// text on the page, never markup.
func TestDirectoryDataIsEscaped(t *testing.T) {
	const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`
	s := newServer(t, endpoints.ControlAccess{}, func(sd *idp.Seed) {
		tn := &sd.Tenants[0]
		tn.DisplayName = evil
		tn.Applications[0].DisplayName = evil
		tn.Applications[0].RedirectURIs = append(tn.Applications[0].RedirectURIs, "https://app.example/"+evil)
		tn.Users[0].DisplayName = evil
	})
	s.do(t, loopback, http.MethodPost, "/"+idp.DefaultTenantID+"/oauth2/v2.0/token",
		url.Values{"grant_type": {"client_credentials"}, "client_id": {evil}, "scope": {evil}}.Encode(),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	s.do(t, loopback, http.MethodGet, "/"+url.PathEscape(evil)+"/v2.0/.well-known/openid-configuration", "", nil)
	for _, p := range consolePages {
		body := s.page(t, p.path)
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("%s shows markup from the directory unescaped", p.path)
		}
	}
	if body := s.page(t, "/_mockidp/console/apps"); !strings.Contains(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Errorf("apps page does not show the name as text:\n%s", body)
	}
	if body := s.page(t, "/_mockidp/console/requests"); !strings.Contains(body, "&lt;script&gt;") {
		t.Errorf("request log does not show the scope as text")
	}
}

// However much the journal holds, the request log page shows at most 200
// rows, each cell clipped, and says how many it left out.
func TestRequestLogIsBounded(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{}, nil)
	huge := strings.Repeat("x", 3000)
	for i := range 300 {
		s.do(t, loopback, http.MethodGet, fmt.Sprintf("/%s/v2.0/.well-known/openid-configuration?i=%d&pad=%s", huge, i, huge), "", nil)
	}
	for _, path := range []string{"/_mockidp/console/requests", "/_mockidp/console/requests/rows"} {
		body := s.page(t, path)
		if n := strings.Count(body, "<tr"); n > 205 {
			t.Errorf("%s: %d rows", path, n)
		}
		if !strings.Contains(body, "Showing the newest 200 of 300") {
			t.Errorf("%s does not say what it left out", path)
		}
		if len(body) > 300<<10 {
			t.Errorf("%s: %d bytes", path, len(body))
		}
		if strings.Contains(body, strings.Repeat("x", 200)) {
			t.Errorf("%s: a cell is not clipped", path)
		}
	}
}

func TestRequestLogFilters(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{}, nil)
	s.token(t)
	s.do(t, loopback, http.MethodPost, "/"+idp.DefaultTenantID+"/oauth2/v2.0/token",
		url.Values{"grant_type": {"client_credentials"}, "client_id": {idp.DefaultDaemonClientID}, "client_secret": {"wrong"},
			"scope": {"https://graph.microsoft.com/.default"}}.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	s.page(t, "/common/discovery/instance?authorization_endpoint=https://login.microsoftonline.com/common/oauth2/v2.0/authorize&api-version=1.1")
	for _, tc := range []struct {
		query       string
		rows        int
		shows, hide string
	}{
		{"", 3, "AADSTS7000215", ""},
		{"?endpoint=token", 2, "client_credentials", "instance"},
		{"?failed=1", 1, "AADSTS7000215", "discovery/instance"},
		{"?endpoint=nonsense", 0, "is not one of", "client_credentials"},
	} {
		body := s.page(t, "/_mockidp/console/requests/rows"+tc.query)
		if n := strings.Count(body, "<tr"); n != max(tc.rows, 1) || !strings.Contains(body, tc.shows) || tc.hide != "" && strings.Contains(body, tc.hide) {
			t.Errorf("%q: %d rows, want %d showing %q not %q:\n%s", tc.query, n, tc.rows, tc.shows, tc.hide, body)
		}
	}
}

func TestDecoderChecksSignatureAndMockClock(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{}, nil)
	tok := s.token(t)
	body := s.decode(t, tok)
	for _, want := range []string{"Signature valid", "Valid for another", `data-claim="aud"`, "Audience: the resource", "https://graph.microsoft.com"} {
		if !strings.Contains(body, want) {
			t.Errorf("decoded token lacks %q:\n%s", want, body)
		}
	}
	parts := strings.Split(tok, ".")
	if body := s.decode(t, parts[0]+"."+parts[1]+"."+strings.Repeat("A", len(parts[2]))); !strings.Contains(body, "Signature not valid") {
		t.Errorf("tampered signature accepted:\n%s", body)
	}
	s.idp.Clock().Advance(2 * time.Hour)
	if body := s.decode(t, "Bearer "+tok); !strings.Contains(body, "Expired") {
		t.Errorf("expiry not on the mock clock:\n%s", body)
	}
	for in, want := range map[string]string{"": "paste a token", "abc": "three parts", "a.b.c": "not base64url JSON",
		strings.Repeat("a", 70<<10): "far below", strings.Repeat("a", 64<<10+1): "far below"} {
		if body := s.decode(t, in); !strings.Contains(body, want) {
			t.Errorf("%.20q: %s, want %q", in, body, want)
		}
	}
}

// A body that is not {"token": …} is told what to send.
func TestDecoderExplainsABadBody(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{}, nil)
	w := s.do(t, loopback, http.MethodPost, "/_mockidp/console/token", "eyJ0eXAi",
		map[string]string{"Content-Type": "application/json", "Origin": "https://login.microsoftonline.com"})
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "send {") {
		t.Fatalf("%d %s", w.Code, w.Body.String())
	}
}

func TestPendingDeviceCodesAreListed(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{}, nil)
	w := s.do(t, loopback, http.MethodPost, "/"+idp.DefaultTenantID+"/oauth2/v2.0/devicecode",
		url.Values{"client_id": {idp.DefaultCLIClientID}, "scope": {"User.Read"}}.Encode(),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	_, rest, _ := strings.Cut(w.Body.String(), `"user_code":"`)
	code, _, _ := strings.Cut(rest, `"`)
	if code == "" {
		t.Fatalf("devicecode: %s", w.Body.String())
	}
	body := s.page(t, "/_mockidp/console/devicecodes")
	if !strings.Contains(body, `id="code-`+code+`"`) || !strings.Contains(body, idp.DefaultUserUPN("contoso.onmicrosoft.com")) {
		t.Errorf("pending code %s not offered:\n%s", code, body)
	}
	s.idp.Clock().Advance(16 * time.Minute)
	if body := s.page(t, "/_mockidp/console/devicecodes"); strings.Contains(body, code) {
		t.Errorf("expired code %s still offered", code)
	}
}

func TestLandingPageAndRedirect(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{}, nil)
	w := s.do(t, stranger, http.MethodGet, "/_mockidp", "", nil)
	if w.Code != http.StatusFound || w.Header().Get("Location") != "/_mockidp/" {
		t.Errorf("/_mockidp: %d %v", w.Code, w.Header())
	}
	w = s.do(t, stranger, http.MethodGet, "/", "", nil)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `href="/_mockidp/"`) {
		t.Errorf("/: %d %s", w.Code, w.Body.String())
	}
	for _, asset := range []string{"/_mockidp/static/console.css", "/_mockidp/static/console.js"} {
		if w := s.do(t, stranger, http.MethodGet, asset, "", nil); w.Code != http.StatusOK || w.Body.Len() < 1000 {
			t.Errorf("%s: %d", asset, w.Code)
		}
	}
}

func TestUnknownTenantIsA404Page(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{}, nil)
	for _, p := range []string{"apps", "users", "identities"} {
		w := s.do(t, loopback, http.MethodGet, "/_mockidp/console/"+p+"?tenant=nope", "", nil)
		if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "no tenant nope") {
			t.Errorf("%s: %d %.200s", p, w.Code, w.Body.String())
		}
	}
}

// A person on another machine types the control token once on the 403
// page; the cookie it gets opens the console and the control API, and
// nothing else gets one.
func TestControlTokenSignIn(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{Token: "s3cret"}, nil)
	if body := s.do(t, stranger, http.MethodGet, "/_mockidp/", "", nil).Body.String(); !strings.Contains(body, `id="signin"`) {
		t.Fatalf("403 page offers no sign-in:\n%s", body)
	}
	json := map[string]string{"Content-Type": "application/json", "Origin": "https://login.microsoftonline.com"}
	for _, tc := range []struct {
		name, body string
		header     map[string]string
		want       int
	}{
		{"wrong token", `{"token":"guess"}`, json, http.StatusForbidden},
		{"foreign origin", `{"token":"s3cret"}`, map[string]string{"Content-Type": "application/json", "Origin": "https://evil.example"}, http.StatusForbidden},
		{"form post", "token=s3cret", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, http.StatusUnsupportedMediaType},
		{"not JSON", `token`, json, http.StatusBadRequest},
	} {
		w := s.do(t, stranger, http.MethodPost, "/_mockidp/console/signin", tc.body, tc.header)
		if w.Code != tc.want || w.Header().Get("Set-Cookie") != "" {
			t.Errorf("%s: %d %v, want %d and no cookie", tc.name, w.Code, w.Header(), tc.want)
		}
	}
	w := s.do(t, stranger, http.MethodPost, "/_mockidp/console/signin", `{"token":"s3cret"}`, json)
	ck := w.Header().Get("Set-Cookie")
	if w.Code != http.StatusNoContent || !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "Secure") ||
		!strings.Contains(ck, "SameSite=Strict") || !strings.Contains(ck, "Path=/_mockidp/") {
		t.Fatalf("sign-in: %d %q", w.Code, ck)
	}
	cookie := map[string]string{"Cookie": strings.Split(ck, ";")[0]}
	for _, path := range []string{"/_mockidp/", "/_mockidp/console/consents", "/_mockidp/clock"} {
		if w := s.do(t, stranger, http.MethodGet, path, "", cookie); w.Code != http.StatusOK {
			t.Errorf("GET %s with the cookie: %d", path, w.Code)
		}
	}
	if w := s.do(t, stranger, http.MethodGet, "/_mockidp/", "", map[string]string{"Cookie": "mockidp_control_token=guess"}); w.Code != http.StatusForbidden {
		t.Errorf("a forged cookie: %d", w.Code)
	}
	if w := newServer(t, endpoints.ControlAccess{}, nil).do(t, stranger, http.MethodPost, "/_mockidp/console/signin", `{"token":""}`, json); w.Code != http.StatusNotFound {
		t.Errorf("sign-in without a control token configured: %d", w.Code)
	}
}

// Pages read the directory, the journal, the scenarios and the device
// codes while clients and the control API change them (run with -race).
func TestPagesUnderConcurrentChanges(t *testing.T) {
	s := newServer(t, endpoints.ControlAccess{}, nil)
	json := map[string]string{"Content-Type": "application/json"}
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	changes := []func(){
		func() {
			s.do(t, loopback, http.MethodPost, "/"+idp.DefaultTenantID+"/oauth2/v2.0/token", url.Values{"grant_type": {"client_credentials"},
				"client_id": {idp.DefaultDaemonClientID}, "client_secret": {idp.DefaultDaemonSecret},
				"scope": {"https://graph.microsoft.com/.default"}}.Encode(), form)
		},
		func() {
			s.do(t, loopback, http.MethodPost, "/"+idp.DefaultTenantID+"/oauth2/v2.0/devicecode",
				url.Values{"client_id": {idp.DefaultCLIClientID}, "scope": {"User.Read"}}.Encode(), form)
		},
		func() { s.do(t, loopback, http.MethodPost, "/_mockidp/presets/expired-token", "", nil) },
		func() {
			s.do(t, loopback, http.MethodPost, "/_mockidp/state/revoke-sessions", `{"user":"`+idp.DefaultUserID+`"}`, json)
		},
		func() { s.do(t, loopback, http.MethodPost, "/_mockidp/reset", "", nil) },
	}
	done := make(chan struct{})
	for _, change := range changes {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 20 {
				change()
			}
		}()
	}
	for range 5 {
		for _, p := range consolePages {
			if w := s.do(t, loopback, http.MethodGet, p.path, "", nil); w.Code != http.StatusOK {
				t.Errorf("GET %s during changes: %d", p.path, w.Code)
			}
		}
	}
	for range changes {
		<-done
	}
}
