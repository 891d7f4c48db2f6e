package idp

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
	"time"
)

// Entra's authorization codes live about ten minutes.
const authCodeLifetime = 10 * time.Minute

// PKCE challenge methods; a challenge without a method is plain.
const (
	PKCEMethodS256  = "S256"
	PKCEMethodPlain = "plain"
)

// AuthCodeGrant is what an authorization code stands for: the sign-in and
// everything the authorize request fixed that redemption must match.
type AuthCodeGrant struct {
	Cloud    string
	TenantID string
	ClientID string
	// RedirectURI is the redirect_uri the authorize request sent.
	RedirectURI     string
	Challenge       string
	ChallengeMethod string
	Nonce           string
	// Scope (v2) or Resource (v1) as the authorize request asked.
	Scope, Resource string
	V1              bool
	// Claims is the authorize request's claims parameter.
	Claims string
	// SPA: RedirectURI is a single-page application's.
	SPA      bool
	Account  SessionAccount
	IssuedAt time.Time
}

// CodeRedemption is a token request presenting an authorization code.
type CodeRedemption struct {
	Code, ClientID, TenantID, RedirectURI, Verifier string
	// Origin is the request's Origin header: set by a browser's
	// cross-origin call, as a single-page app's redemption must be.
	Origin string
}

type codeEntry struct {
	grant    AuthCodeGrant
	redeemed bool
}

// IssueAuthCode stores g and returns a new one-time authorization code. A
// grant too large for the whole store is refused with a server error.
func (p *Grants) IssueAuthCode(g AuthCodeGrant) (string, error) {
	g.detach()
	g.IssuedAt = p.clock.Now()
	code := "1.A" + randomString(p.rand, 64) + "." + randomString(p.rand, 160)
	if err := p.codes.Put(secretKey(code), &codeEntry{grant: g}, g.IssuedAt.Add(authCodeRetention)); err != nil {
		return "", ErrServer.New().Wrap(err)
	}
	return code, nil
}

// RedeemAuthCode checks a presented code as Entra does and uses it up: a
// second redemption is AADSTS54005, an old code AADSTS70008. Only a
// successful redemption spends the code, so a client that retries with
// other credentials (x/oauth2 probes Basic, then form parameters) gets the
// real error rather than 54005. Tokens issued from the first redemption
// stay valid, as on Entra.
func (p *Grants) RedeemAuthCode(r CodeRedemption) (AuthCodeGrant, error) {
	now := p.clock.Now()
	var g AuthCodeGrant
	var err error = ErrCodeInvalid.New()
	p.codes.Update(secretKey(r.Code), func(e **codeEntry, _ *time.Time) bool {
		g, err = (*e).grant, redeemCode(*e, r, now)
		return true
	})
	return g, err
}

// redeemCode checks r against a stored code and spends it when it passes.
func redeemCode(e *codeEntry, r CodeRedemption, now time.Time) error {
	g := e.grant
	switch {
	case !equalFold(g.ClientID, r.ClientID):
		return ErrCodeClient.New()
	case r.TenantID != "" && !equalFold(g.TenantID, r.TenantID):
		return ErrCodeTenant.New()
	case e.redeemed:
		return ErrCodeRedeemed.New()
	case now.Sub(g.IssuedAt) > authCodeLifetime:
		return ErrCodeExpired.New()
	case g.RedirectURI != "" && r.RedirectURI == "":
		return ErrRedirectMissing.New()
	case g.RedirectURI != "" && r.RedirectURI != g.RedirectURI:
		return ErrRedirectMismatch.New(r.RedirectURI, g.RedirectURI)
	}
	if err := CheckOrigin(g.SPA, r.Origin); err != nil {
		return err
	}
	if g.SPA && g.Challenge == "" {
		return ErrSPANeedsPKCE.New()
	}
	if err := CheckPKCE(g.Challenge, g.ChallengeMethod, r.Verifier); err != nil {
		return err
	}
	e.redeemed = true
	return nil
}

// CheckPKCE compares a code_verifier with the challenge of the authorize
// request (RFC 7636). Without a challenge any verifier, empty included, is
// accepted: msal-go always sends the field.
func CheckPKCE(challenge, method, verifier string) error {
	if challenge == "" {
		return nil
	}
	want := verifier
	if strings.EqualFold(method, PKCEMethodS256) {
		sum := sha256.Sum256([]byte(verifier))
		want = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	if verifier == "" || subtle.ConstantTimeCompare([]byte(want), []byte(challenge)) != 1 {
		return ErrPKCEMismatch.New()
	}
	return nil
}

// SignInOf finds the tenant and user of a remembered sign-in again; a user
// deleted or disabled since cannot use it.
func (p *Sessions) SignInOf(a SessionAccount) (*TenantView, SignIn, error) {
	t, ok := p.directory.TenantByID(a.TenantID)
	if !ok {
		return nil, SignIn{}, ErrTenantNotFound.New(a.TenantID)
	}
	u, ok := t.User(a.UserID)
	if !ok {
		return nil, SignIn{}, ErrUserNotFound.New(a.UserID, t.DefaultDomain())
	}
	if u.Disabled {
		return nil, SignIn{}, ErrUserDisabled.New()
	}
	return t, SignIn{User: u, SessionID: a.SessionID, AuthTime: a.AuthTime, AMR: a.AMR}, nil
}

// AccountOf is the part of a sign-in that codes and sessions remember.
func AccountOf(t *TenantView, in SignIn) SessionAccount {
	return SessionAccount{Cloud: t.Cloud.Name, TenantID: t.ID, UserID: in.User.ObjectID,
		SessionID: in.SessionID, AuthTime: in.AuthTime, AMR: in.AMR}
}

// AuthCodeTenant is the tenant a code was issued in, for redemption on
// /common and /organizations; "" for an unknown code.
func (p *Grants) AuthCodeTenant(code string) string { return p.peekAuthCode(code).TenantID }

// AuthCodeForSPA reports whether a code was issued to a single-page
// application redirect URI, so the client needs no credential to redeem it.
func (p *Grants) AuthCodeForSPA(code string) bool { return p.peekAuthCode(code).SPA }

// peekAuthCode is the grant of a code without spending it (zero if unknown).
func (p *Grants) peekAuthCode(code string) AuthCodeGrant {
	if e, ok := p.codes.Get(secretKey(code)); ok {
		return e.grant
	}
	return AuthCodeGrant{}
}
