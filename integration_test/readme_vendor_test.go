package integration_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// readmeBase is the address README's commands use.
const readmeBase = "https://localhost:8443"

// walkthroughSteps are the commands (curl … or open '…') of README's
// vendor walkthrough, in order.
func walkthroughSteps(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(b), "<!-- vendor-walkthrough -->")
	block, _, ok2 := strings.Cut(block, "<!-- /vendor-walkthrough -->")
	if !ok || !ok2 {
		t.Fatal("README has no vendor walkthrough")
	}
	var steps [][]string
	for _, line := range strings.Split(block, "\n") {
		if strings.HasPrefix(line, "curl ") || strings.HasPrefix(line, "open ") {
			steps = append(steps, shellWords(line))
		}
	}
	return steps
}

// shellWords splits a command line on spaces outside single quotes.
func shellWords(line string) []string {
	var out []string
	var cur strings.Builder
	quoted, has := false, false
	for _, r := range line {
		switch {
		case r == '\'':
			quoted, has = !quoted, true
		case r == ' ' && !quoted:
			if has {
				out = append(out, cur.String())
			}
			cur.Reset()
			has = false
		default:
			cur.WriteRune(r)
			has = true
		}
	}
	if has {
		out = append(out, cur.String())
	}
	return out
}

// curlRequest turns README's curl words (-s -k -H -d URL) into a request
// to srv, sending what curl would.
func curlRequest(t *testing.T, srv *mockidptest.Server, words []string) *http.Request {
	t.Helper()
	var data []string
	var target string
	header := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	for i := 1; i < len(words); i++ {
		switch w := words[i]; w {
		case "-s", "-k", "-sk":
		case "-d", "-H":
			i++
			if w == "-d" {
				data = append(data, words[i])
			} else if k, v, ok := strings.Cut(words[i], ": "); ok {
				header.Set(k, v)
			}
		default:
			target = strings.Replace(w, readmeBase, srv.URL(), 1)
		}
	}
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(strings.Join(data, "&")))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = header
	return req
}

// appHost answers the browser's final hop to the app's redirect URI
// (http://localhost, where nothing listens) and keeps its query.
type appHost struct {
	next http.RoundTripper
	mu   sync.Mutex
	got  url.Values
}

func (a *appHost) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != "localhost" {
		return a.next.RoundTrip(r)
	}
	a.mu.Lock()
	a.got = r.URL.Query()
	a.mu.Unlock()
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
}

// README's vendor walkthrough, command by command, on the default seed:
// 700016, the admin consent page, a customer token, the revocation, 700016.
func TestREADMEVendorWalkthrough(t *testing.T) {
	srv := mockidptest.NewServer(t)
	steps := walkthroughSteps(t)
	if len(steps) != 5 {
		t.Fatalf("walkthrough has %d commands, want 5: %q", len(steps), steps)
	}
	app := &appHost{next: srv.Client().Transport}
	for i, words := range steps {
		if words[0] == "open" {
			b := mockidptest.Browser{Client: &http.Client{Transport: app}, Username: idp.DefaultCustomerAdminUPN,
				Password: idp.DefaultUserPassword}
			if err := b.Open(strings.Replace(words[1], readmeBase, srv.URL(), 1)); err != nil {
				t.Fatalf("step %d: %v", i+1, err)
			}
			if app.got.Get("admin_consent") != "True" || app.got.Get("tenant") != idp.DefaultCustomerTenantID {
				t.Fatalf("step %d: the app got %v", i+1, app.got)
			}
			continue
		}
		resp, err := srv.Client().Do(curlRequest(t, srv, words))
		if err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var answer map[string]any
		_ = json.Unmarshal(body, &answer)
		switch i + 1 {
		case 1, 5:
			if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(answer["error_description"].(string), "AADSTS700016") {
				t.Errorf("step %d: %d %s", i+1, resp.StatusCode, body)
			}
		case 3:
			tok, _ := answer["access_token"].(string)
			if resp.StatusCode != http.StatusOK || tok == "" {
				t.Fatalf("step 3: %d %s", resp.StatusCode, body)
			}
			c := claimsOf(t, tok)
			wantClaim(t, c, "tid", idp.DefaultCustomerTenantID)
			if roles, _ := c["roles"].([]any); len(roles) != 1 || roles[0] != "User.Read.All" {
				t.Errorf("step 3: roles %v", c["roles"])
			}
		default:
			if resp.StatusCode != http.StatusOK {
				t.Errorf("step %d: %d %s", i+1, resp.StatusCode, body)
			}
		}
	}
}
