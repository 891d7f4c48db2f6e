package idp

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
	"sync"
	"time"
)

const (
	// Entra's authorization codes live about ten minutes.
	authCodeLifetime = 10 * time.Minute
	// maxAuthCodes bounds the store; redeemed codes stay until they expire
	// so a replay is told apart from an unknown code.
	maxAuthCodes = 100_000
)

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

type codeStore struct {
	mu    sync.Mutex
	codes map[[32]byte]*codeEntry
	order [][32]byte
}

func newCodeStore() *codeStore { return &codeStore{codes: map[[32]byte]*codeEntry{}} }

// IssueAuthCode stores g and returns a new one-time authorization code.
func (p *Provider) IssueAuthCode(g AuthCodeGrant) string {
	g.IssuedAt = p.clock.Now()
	code := "1.A" + randomString(p.rand, 64) + "." + randomString(p.rand, 160)
	key := sha256.Sum256([]byte(code))
	s := p.codes
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.order) >= maxAuthCodes {
		delete(s.codes, s.order[0])
		s.order = s.order[1:]
	}
	s.codes[key] = &codeEntry{grant: g}
	s.order = append(s.order, key)
	return code
}

// RedeemAuthCode checks a presented code as Entra does and uses it up: a
// second redemption is AADSTS54005, an old code AADSTS70008. Only a
// successful redemption spends the code, so a client that retries with
// other credentials (x/oauth2 probes Basic, then form parameters) gets the
// real error rather than 54005. Tokens issued from the first redemption
// stay valid, as on Entra.
func (p *Provider) RedeemAuthCode(r CodeRedemption) (AuthCodeGrant, error) {
	now := p.clock.Now()
	key := sha256.Sum256([]byte(r.Code))
	s := p.codes
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.codes[key]
	if !ok {
		return AuthCodeGrant{}, ErrCodeInvalid.New()
	}
	g := e.grant
	switch {
	case !equalFold(g.ClientID, r.ClientID):
		return g, ErrCodeClient.New()
	case r.TenantID != "" && !equalFold(g.TenantID, r.TenantID):
		return g, ErrCodeTenant.New()
	case e.redeemed:
		return g, ErrCodeRedeemed.New()
	case now.Sub(g.IssuedAt) > authCodeLifetime:
		return g, ErrCodeExpired.New()
	case g.RedirectURI != "" && r.RedirectURI == "":
		return g, ErrRedirectMissing.New()
	case g.RedirectURI != "" && r.RedirectURI != g.RedirectURI:
		return g, ErrRedirectMismatch.New(r.RedirectURI, g.RedirectURI)
	}
	if err := CheckOrigin(g.SPA, r.Origin); err != nil {
		return g, err
	}
	if g.SPA && g.Challenge == "" {
		return g, ErrSPANeedsPKCE.New()
	}
	if err := CheckPKCE(g.Challenge, g.ChallengeMethod, r.Verifier); err != nil {
		return g, err
	}
	e.redeemed = true
	return g, nil
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
func (p *Provider) SignInOf(a SessionAccount) (*TenantView, SignIn, error) {
	t, ok := p.TenantByID(a.TenantID)
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
func (p *Provider) AuthCodeTenant(code string) string { return p.peekAuthCode(code).TenantID }

// AuthCodeForSPA reports whether a code was issued to a single-page
// application redirect URI, so the client needs no credential to redeem it.
func (p *Provider) AuthCodeForSPA(code string) bool { return p.peekAuthCode(code).SPA }

// peekAuthCode is the grant of a code without spending it (zero if unknown).
func (p *Provider) peekAuthCode(code string) AuthCodeGrant {
	key := sha256.Sum256([]byte(code))
	s := p.codes
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.codes[key]; ok {
		return e.grant
	}
	return AuthCodeGrant{}
}
