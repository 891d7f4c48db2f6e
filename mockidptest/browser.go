package mockidptest

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
)

// Browser is a headless stand-in for a person at a browser: it opens an
// authorize URL, signs in on mockidp's page when given a password, accepts
// (or declines) consent, and delivers the answer to the app's redirect URI
// the way a browser would: following a redirect, or posting the form_post
// form. Use it as msal-go's public.WithOpenURL, or from a fake xdg-open.
//
// A user with auto_approve in the seed needs no password: a login_hint in
// the authorize URL is enough and no page is shown. Where mockidp asks for
// a second factor (MFA), the Browser types the code the page shows.
type Browser struct {
	// Client reaches mockidp (trusting its CA) and the app's redirect URI.
	Client *http.Client
	// Username and Password fill the sign-in page if it is shown.
	Username, Password string
	// Decline presses Cancel on the consent page. A user without an admin
	// role who is asked for admin consent always returns to the app
	// without granting it (Entra's "Need admin approval").
	Decline bool

	jar http.CookieJar
}

// maxHops bounds the pages and redirects one Open walks through.
const maxHops = 12

var (
	formRE    = regexp.MustCompile(`(?s)<form method="(?:post|POST)"[^>]*action="([^"]+)"[^>]*>(.*?)</form>`)
	hiddenRE  = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
	mfaCodeRE = regexp.MustCompile(`id="mfa-test-code" data-code="([0-9]+)"`)
)

// Open walks an authorize URL to the app's redirect URI. It returns an
// error when a page needs something it was not given, or when the app's
// redirect URI answers with an error status.
func (b *Browser) Open(authorizeURL string) error {
	if b.jar == nil {
		b.jar, _ = cookiejar.New(nil)
	}
	hc := &http.Client{Transport: b.Client.Transport, Jar: b.jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	start, err := url.Parse(authorizeURL)
	if err != nil {
		return err
	}
	req, _ := http.NewRequest(http.MethodGet, authorizeURL, nil)
	for range maxHops {
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		if req.URL.Host != start.Host { // the app answered
			if resp.StatusCode >= 400 {
				return fmt.Errorf("redirect URI answered %d: %.200s", resp.StatusCode, body)
			}
			return nil
		}
		if req, err = b.next(req, resp, string(body)); err != nil || req == nil {
			return err
		}
	}
	return fmt.Errorf("mockidptest: more than %d hops from %s", maxHops, authorizeURL)
}

// next is the request a person would make after seeing resp.
func (b *Browser) next(prev *http.Request, resp *http.Response, body string) (*http.Request, error) {
	switch {
	case resp.StatusCode == http.StatusFound || resp.StatusCode == http.StatusSeeOther:
		loc, err := prev.URL.Parse(resp.Header.Get("Location"))
		if err != nil {
			return nil, err
		}
		loc.Fragment = "" // a browser keeps the fragment to itself
		return http.NewRequest(http.MethodGet, loc.String(), nil)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("mockidp answered %d: %.300s", resp.StatusCode, body)
	}
	if strings.Contains(body, `id="need-admin"`) {
		// A user without an admin role: "Return to the application
		// without granting consent", as a person who is not an admin would.
		return submitNamed(prev, body, "need_admin", url.Values{"accept": {"no"}})
	}
	m := formRE.FindStringSubmatch(body)
	if m == nil {
		return nil, fmt.Errorf("page has no form: %.300s", body)
	}
	form := url.Values{}
	for _, h := range hiddenRE.FindAllStringSubmatch(m[2], -1) {
		form.Set(h[1], html.UnescapeString(h[2]))
	}
	switch {
	case strings.Contains(body, `id="signin"`):
		if b.Password == "" {
			return nil, fmt.Errorf("mockidp shows its sign-in page: give the Browser a password, or a login_hint naming an auto_approve user")
		}
		form.Set("login", b.Username)
		form.Set("passwd", b.Password)
		if strings.Contains(body, `class="error"`) {
			return nil, fmt.Errorf("sign-in failed for %s", b.Username)
		}
	case strings.Contains(body, `id="mfa"`):
		// The second factor: mockidp shows its test code on the page.
		code := mfaCodeRE.FindStringSubmatch(body)
		if code == nil || strings.Contains(body, `class="error"`) {
			return nil, fmt.Errorf("mockidp's second-factor step failed: %.300s", body)
		}
		form.Set("otc", code[1])
	case strings.Contains(body, `id="consent"`):
		form.Set("accept", "yes")
		if b.Decline {
			form.Set("accept", "no")
		}
	case strings.Contains(body, `class="accounts"`):
		return b.pick(prev, body)
	}
	return postForm(prev, m[1], form)
}

// submitNamed posts the page's form that carries a field named field,
// with its hidden fields and extra.
func submitNamed(prev *http.Request, body, field string, extra url.Values) (*http.Request, error) {
	for _, m := range formRE.FindAllStringSubmatch(body, -1) {
		if !strings.Contains(m[2], `name="`+field+`"`) {
			continue
		}
		form := url.Values{}
		for _, h := range hiddenRE.FindAllStringSubmatch(m[2], -1) {
			form.Set(h[1], html.UnescapeString(h[2]))
		}
		for k, v := range extra {
			form[k] = v
		}
		return postForm(prev, m[1], form)
	}
	return nil, fmt.Errorf("page has no form with %s: %.300s", field, body)
}

// postForm is the POST a browser sends when a form whose action attribute
// is rawAction (relative to the page prev) is submitted.
func postForm(prev *http.Request, rawAction string, form url.Values) (*http.Request, error) {
	action, err := prev.URL.Parse(html.UnescapeString(rawAction))
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, action.String(), strings.NewReader(form.Encode()))
	if err == nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req, err
}

// pick chooses Username on the account picker, or "Use another account".
func (b *Browser) pick(prev *http.Request, body string) (*http.Request, error) {
	for _, m := range formRE.FindAllStringSubmatch(body, -1) {
		mine := b.Username != "" && strings.Contains(m[2], `data-upn="`+html.EscapeString(b.Username)+`"`)
		if mine || strings.Contains(m[2], `name="other"`) {
			form := url.Values{}
			for _, h := range hiddenRE.FindAllStringSubmatch(m[2], -1) {
				form.Set(h[1], html.UnescapeString(h[2]))
			}
			return postForm(prev, m[1], form)
		}
	}
	return nil, fmt.Errorf("account picker without a usable choice")
}
