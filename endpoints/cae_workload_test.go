package endpoints

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// cp1Claims is the claims parameter of a client that can answer claims
// challenges (azidentity with EnableCAE).
const cp1Claims = `{"access_token":{"xms_cc":{"values":["cp1"]}}}`

// caeResource is a resource stand-in the daemon can call.
type caeResource struct{ host, path, scope string }

var (
	caeGraph = caeResource{"graph.microsoft.com", "/v1.0/users", "https://graph.microsoft.com/.default"}
	caeARM   = caeResource{"management.azure.com", "/subscriptions?api-version=2022-12-01", "https://management.azure.com/.default"}
)

// caeClient is an app of the default tenant with its client secret.
type caeClient struct{ id, secret string }

var (
	caeDaemon = caeClient{idp.DefaultDaemonClientID, idp.DefaultDaemonSecret}
	// caeVendor is multi-tenant: CAE for workload identities does not
	// cover it.
	caeVendor = caeClient{idp.DefaultVendorClientID, idp.DefaultVendorSecret}
)

// workloadBench is one server and one app's client credentials against
// it.
type workloadBench struct {
	t      *testing.T
	ts     *testServer
	client caeClient
}

// newWorkloadBench starts a server on which client can read Graph's
// users: the vendor app is given admin consent in its home tenant first.
func newWorkloadBench(t *testing.T, client caeClient) *workloadBench {
	b := &workloadBench{t: t, ts: newTestServer(t, clouds.Public, nil), client: client}
	if client == caeVendor {
		b.change(controlapi.OpGrantAdminConsent)
	}
	return b
}

// token asks for an app-only token; claims "" declares no capability.
func (b *workloadBench) token(res caeResource, claims string) *httptest.ResponseRecorder {
	b.t.Helper()
	form := url.Values{"grant_type": {idp.GrantClientCredentials}, "client_id": {b.client.id},
		"client_secret": {b.client.secret}, "scope": {res.scope}}
	if claims != "" {
		form.Set("claims", claims)
	}
	return serveTo(b.t, b.ts, clouds.Public, http.MethodPost, goldenHost, "/"+idp.DefaultTenantID+"/oauth2/v2.0/token",
		form, map[string]string{"client-request-id": goldenRequestID})
}

// mustToken is token's access token and expires_in, failing on an error.
func (b *workloadBench) mustToken(res caeResource, claims string) (string, int) {
	b.t.Helper()
	w := b.token(res, claims)
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &body) != nil {
		b.t.Fatalf("token: %d %s", w.Code, w.Body)
	}
	return body.AccessToken, body.ExpiresIn
}

func (b *workloadBench) call(res caeResource, token string) *httptest.ResponseRecorder {
	b.t.Helper()
	return serveTo(b.t, b.ts, clouds.Public, http.MethodGet, res.host, res.path, nil,
		map[string]string{"Authorization": "Bearer " + token, "client-request-id": goldenRequestID})
}

// change applies a state operation to the app, as
// POST /_mockidp/state/{op} does.
func (b *workloadBench) change(op string) {
	b.t.Helper()
	p := scenarios.Params{ClientID: b.client.id}
	if op == controlapi.OpDeleteCredential {
		p.Credential = b.client.secret
	}
	env := scenarios.Env{Engine: b.ts.srv.Scenarios(), IDP: b.ts.srv.Provider()}
	if _, err := env.ChangeState(op, p); err != nil {
		b.t.Fatalf("%s: %v", op, err)
	}
}

// challengeNbf is the nbf a Graph insufficient_claims challenge demands,
// or 0 when the answer is none.
func challengeNbf(t *testing.T, w *httptest.ResponseRecorder) int64 {
	t.Helper()
	h := w.Header().Get("WWW-Authenticate")
	_, enc, ok := strings.Cut(h, `error="insufficient_claims", claims="`)
	if !ok {
		return 0
	}
	enc, _, _ = strings.Cut(enc, `"`)
	js, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		t.Fatalf("claims %q: %v", enc, err)
	}
	var c struct {
		AccessToken struct {
			Nbf struct {
				Essential bool   `json:"essential"`
				Value     string `json:"value"`
			} `json:"nbf"`
		} `json:"access_token"`
	}
	if err := json.Unmarshal(js, &c); err != nil || !c.AccessToken.Nbf.Essential {
		t.Fatalf("claims %s: %v", js, err)
	}
	n, _ := strconv.ParseInt(c.AccessToken.Nbf.Value, 10, 64)
	return n
}

// TestWorkloadCAE: a service-principal revocation event makes the Graph
// resource challenge the daemon's CAE-capable app-only tokens issued
// before it. Tokens without cp1 keep working until they expire, and ARM,
// which Entra does not list among the resources evaluating CAE for
// workload identities, neither issues long-lived app tokens nor
// challenges them.
func TestWorkloadCAE(t *testing.T) {
	tests := []struct {
		name      string
		client    caeClient
		res       caeResource
		claims    string
		op        string // state operation between issue and call; "" for none
		wantLife  int
		wantCode  int
		challenge bool
	}{
		{"graph cp1 untouched", caeDaemon, caeGraph, cp1Claims, "", 86399, 200, false},
		{"graph cp1 disabled", caeDaemon, caeGraph, cp1Claims, controlapi.OpDisableApp, 86399, 401, true},
		{"graph CP1 upper-case disabled", caeDaemon, caeGraph, `{"access_token":{"xms_cc":{"values":["CP1"]}}}`, controlapi.OpDisableApp, 86399, 401, true},
		{"graph without cp1 disabled", caeDaemon, caeGraph, "", controlapi.OpDisableApp, 3599, 200, false},
		{"graph other capability disabled", caeDaemon, caeGraph, `{"access_token":{"xms_cc":{"values":["cp2"]}}}`, controlapi.OpDisableApp, 3599, 200, false},
		{"graph cp1 secret deleted", caeDaemon, caeGraph, cp1Claims, controlapi.OpDeleteCredential, 86399, 200, false},
		{"graph cp1 multi-tenant app disabled", caeVendor, caeGraph, cp1Claims, controlapi.OpDisableApp, 3599, 200, false},
		{"arm cp1 untouched", caeDaemon, caeARM, cp1Claims, "", 3599, 200, false},
		{"arm cp1 disabled", caeDaemon, caeARM, cp1Claims, controlapi.OpDisableApp, 3599, 200, false},
		{"arm without cp1 disabled", caeDaemon, caeARM, "", controlapi.OpDisableApp, 3599, 200, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newWorkloadBench(t, tc.client)
			tok, life := b.mustToken(tc.res, tc.claims)
			if life != tc.wantLife {
				t.Errorf("expires_in = %d, want %d", life, tc.wantLife)
			}
			if w := b.call(tc.res, tok); w.Code != 200 {
				t.Fatalf("before: %d %s", w.Code, w.Body)
			}
			b.ts.clock.Advance(time.Minute)
			if tc.op != "" {
				b.change(tc.op)
			}
			w := b.call(tc.res, tok)
			if w.Code != tc.wantCode {
				t.Fatalf("after: %d %s", w.Code, w.Body)
			}
			nbf := challengeNbf(t, w)
			if got := nbf != 0; got != tc.challenge {
				t.Fatalf("challenge %v, want %v: %q", got, tc.challenge, w.Header().Get("WWW-Authenticate"))
			}
			if tc.challenge && nbf != b.ts.clock.Now().Unix() {
				t.Errorf("challenge nbf %d, want the revocation time %d", nbf, b.ts.clock.Now().Unix())
			}
		})
	}
}

// After the challenge the client asks again with the challenge's claims
// merged into its capabilities, as azcore does: refused while the service
// principal is disabled (AADSTS7000112), with or without claims; once it
// is enabled again the new token works and the old one stays challenged.
func TestWorkloadCAERecovery(t *testing.T) {
	b := newWorkloadBench(t, caeDaemon)
	old, _ := b.mustToken(caeGraph, cp1Claims)
	b.ts.clock.Advance(time.Minute)
	b.change(controlapi.OpDisableApp)
	nbf := challengeNbf(t, b.call(caeGraph, old))
	if nbf == 0 {
		t.Fatal("no challenge after the service principal was disabled")
	}
	merged := `{"access_token":{"nbf":{"essential":true,"value":"` + strconv.FormatInt(nbf, 10) + `"},"xms_cc":{"values":["cp1"]}}}`
	for _, claims := range []string{merged, cp1Claims, ""} {
		w := b.token(caeGraph, claims)
		var body struct {
			Error string `json:"error"`
			Codes []int  `json:"error_codes"`
			Desc  string `json:"error_description"`
		}
		_ = json.Unmarshal(w.Body.Bytes(), &body)
		wantDesc := "AADSTS7000112: Application '" + idp.DefaultDaemonClientID + "'(mockidp daemon) is disabled."
		if w.Code != http.StatusBadRequest || body.Error != "unauthorized_client" || len(body.Codes) != 1 ||
			body.Codes[0] != 7000112 || !strings.HasPrefix(body.Desc, wantDesc) {
			t.Errorf("claims %q: %d %s", claims, w.Code, w.Body)
		}
	}

	b.ts.clock.Advance(time.Minute)
	b.change(controlapi.OpEnableApp)
	fresh, _ := b.mustToken(caeGraph, merged)
	if w := b.call(caeGraph, fresh); w.Code != 200 {
		t.Errorf("new token after enabling: %d %s", w.Code, w.Body)
	}
	if w := b.call(caeGraph, old); w.Code != 401 || challengeNbf(t, w) != nbf {
		t.Errorf("token from before the revocation after enabling: %d %q", w.Code, w.Header().Get("WWW-Authenticate"))
	}
}

// TestGoldenWorkloadCAE pins the wire of continuous access evaluation
// for workload identities: the 24-hour CAE token (access_token elided,
// its claims decoded),
// Graph's challenge of it after the service principal is disabled
// (WWW-Authenticate and body), and the token endpoint's refusal of the
// client answering the challenge.
func TestGoldenWorkloadCAE(t *testing.T) {
	b := newWorkloadBench(t, caeDaemon)
	w := b.token(caeGraph, cp1Claims)
	var issued struct {
		AccessToken string `json:"access_token"`
	}
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &issued) != nil {
		t.Fatalf("token: %d %s", w.Code, w.Body)
	}
	redacted := strings.Replace(w.Body.String(), issued.AccessToken, "<header.claims.signature>", 1)
	var claims json.RawMessage
	if err := idp.DecodeUnverifiedJWT(issued.AccessToken, nil, &claims); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "cae/workload-token.json", prettyJSON(t, []byte(`{"response":`+redacted+`,"claims":`+string(claims)+`}`)))

	b.ts.clock.Advance(time.Minute)
	b.change(controlapi.OpDisableApp)
	w = b.call(caeGraph, issued.AccessToken)
	doc, _ := json.Marshal(map[string]any{"status": w.Code, "www-authenticate": w.Header().Get("WWW-Authenticate"),
		"content-type": w.Header().Get("Content-Type"), "body": json.RawMessage(w.Body.Bytes())})
	checkGolden(t, "cae/workload-graph-challenge.json", prettyJSON(t, doc))

	nbf := strconv.FormatInt(challengeNbf(t, w), 10)
	w = b.token(caeGraph, `{"access_token":{"nbf":{"essential":true,"value":"`+nbf+`"},"xms_cc":{"values":["cp1"]}}}`)
	checkHeaders(t, w, tokenHeaders)
	checkGolden(t, "cae/workload-token-disabled-7000112.json", prettyJSON(t, w.Body.Bytes()))
}
