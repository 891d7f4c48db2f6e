package proxy

import (
	"net/http"
	"strings"
	"testing"
)

func TestPlain(t *testing.T) {
	tests := []struct {
		name       string
		mutate     func(*Proxy)
		url        string
		wantStatus int
		wantBody   []string
	}{
		{
			name:       "ok/imds token",
			url:        "http://169.254.169.254/metadata/identity/oauth2/token?x=1",
			wantStatus: http.StatusOK,
			wantBody: []string{
				"plain host=169.254.169.254 uri=/metadata/identity/oauth2/token?x=1 abs=false tls=false metadata=true",
			},
		},
		{
			name:       "ok/escaped path and query kept",
			url:        "http://169.254.169.254/a%2Fb?resource=https%3A%2F%2Fvault.azure.net&api-version=2018-02-01",
			wantStatus: http.StatusOK,
			wantBody:   []string{"uri=/a%2Fb?resource=https%3A%2F%2Fvault.azure.net&api-version=2018-02-01 "},
		},
		{
			name:       "ok/explicit port",
			url:        "http://169.254.169.254:80/metadata/instance",
			wantStatus: http.StatusOK,
			wantBody:   []string{"plain host=169.254.169.254:80 uri=/metadata/instance "},
		},
		{
			name:       "fail/outside host",
			url:        "http://example.com/",
			wantStatus: http.StatusForbidden,
			wantBody:   []string{"mockidp proxy: refusing plain HTTP GET to example.com:", "never forwards to the network"},
		},
		{
			name:       "fail/login host over plain http",
			url:        "http://login.microsoftonline.com/common/discovery/instance",
			wantStatus: http.StatusForbidden,
			wantBody:   []string{"refusing plain HTTP GET to login.microsoftonline.com", "over HTTPS only"},
		},
		{
			name:       "fail/no plain handler",
			mutate:     func(p *Proxy) { p.PlainHandler = nil },
			url:        "http://169.254.169.254/metadata/identity/oauth2/token",
			wantStatus: http.StatusForbidden,
			wantBody:   []string{"refusing plain HTTP GET to 169.254.169.254"},
		},
		{
			name:       "fail/no plain hosts",
			mutate:     func(p *Proxy) { p.PlainHosts = nil },
			url:        "http://169.254.169.254/metadata/identity/oauth2/token",
			wantStatus: http.StatusForbidden,
			wantBody:   []string{"refusing plain HTTP GET to 169.254.169.254"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEnv(t, tc.mutate)
			req, err := http.NewRequest(http.MethodGet, tc.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Metadata", "true")
			resp, err := e.client(t, true).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body := readBody(t, resp)
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status = %d, want %d (body %q)", resp.StatusCode, tc.wantStatus, body)
			}
			for _, want := range tc.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("body %q lacks %q", body, want)
				}
			}
		})
	}
}

func TestNotProxy(t *testing.T) {
	e := newTestEnv(t, nil)
	resp, err := http.Get(e.srv.URL + "/common/discovery/instance")
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, resp)
	want := "mockidp proxy: this port is an HTTP proxy; set HTTPS_PROXY=http://" + e.url.Host
	if resp.StatusCode != http.StatusBadRequest || body != want {
		t.Errorf("got %d %q, want 400 %q", resp.StatusCode, body, want)
	}
}
