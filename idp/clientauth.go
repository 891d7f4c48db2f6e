package idp

import (
	"crypto/subtle"
	"strings"
)

// ClientCredential is what a client presented to authenticate: a secret, a
// client assertion, or nothing (public clients).
type ClientCredential struct {
	ClientID      string
	Secret        string
	Assertion     string
	AssertionType string
	// Audiences are the token-endpoint URLs an assertion may be addressed
	// to, as the client could have seen them.
	Audiences []string
	// SPA marks the redemption of a code or refresh token issued to one of
	// the app's single-page-application redirect URIs: the browser holds no
	// credential, so Entra lets it redeem without one whatever the app's
	// "Allow public client flows" setting.
	SPA bool
}

// Presented reports whether the client sent any credential.
func (c ClientCredential) Presented() bool { return c.Secret != "" || c.Assertion != "" }

// AuthenticateClient finds the client in the tenant and checks its
// credential. It returns the app and the appidacr value of the method.
func (p *Clients) AuthenticateClient(t *TenantView, cred ClientCredential) (*AppView, string, error) {
	app, err := p.directory.FindClient(t, cred.ClientID)
	if err != nil {
		// A user-assigned managed identity authenticates only with a
		// federated credential.
		mi, ok := t.ManagedIdentity(cred.ClientID)
		if !ok || cred.Assertion == "" {
			return nil, "", err
		}
		app = mi
	}
	switch {
	case cred.Assertion != "" && (app.Identity != nil || isFederatedAssertion(cred.Assertion, app.ClientID)):
		if err := p.verifyFederatedAssertion(t, app, cred); err != nil {
			return nil, "", err
		}
		return app, ClientAuthCertificate, nil
	case app.PublicClient && cred.Presented():
		return nil, "", ErrPublicClientCredential.New()
	case cred.Assertion != "":
		if err := p.verifyAssertion(t, app, cred); err != nil {
			return nil, "", err
		}
		return app, ClientAuthCertificate, nil
	case cred.Secret != "":
		if err := p.checkSecret(app, cred.Secret); err != nil {
			return nil, "", err
		}
		return app, ClientAuthSecret, nil
	case app.PublicClient, cred.SPA:
		return app, ClientAuthNone, nil
	default:
		return nil, "", ErrMissingCredential.New()
	}
}

// FindClient looks up an enabled application by client ID.
func (p *Directory) FindClient(t *TenantView, clientID string) (*AppView, error) {
	if clientID == "" {
		return nil, ErrMissingParameter.New("client_id")
	}
	app, ok := t.App(clientID)
	if !ok {
		return nil, ErrAppNotFound.New(clientID, t.ID)
	}
	if app.Disabled {
		return nil, ErrAppDisabled.New(app.ClientID, app.DisplayName)
	}
	return app, nil
}

// checkSecret compares in constant time; a match with an expired secret is
// AADSTS7000222, no match at all AADSTS7000215.
func (p *Clients) checkSecret(app *AppView, secret string) error {
	now := p.clock.Now()
	for _, s := range app.Secrets {
		if subtle.ConstantTimeCompare([]byte(s.Value), []byte(secret)) != 1 {
			continue
		}
		if !s.Expires.IsZero() && !now.Before(s.Expires) {
			return ErrSecretExpired.New(app.ClientID)
		}
		return nil
	}
	return ErrInvalidSecret.New(app.ClientID)
}

// audienceAllowed compares an assertion's aud with the accepted URLs,
// ignoring case and a trailing slash.
func audienceAllowed(aud string, allowed []string) bool {
	aud = strings.TrimRight(aud, "/")
	for _, a := range allowed {
		if strings.EqualFold(aud, strings.TrimRight(a, "/")) {
			return true
		}
	}
	return false
}
