package idp

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unsafe"

	"github.com/mockidp/mockidp/signer"
)

// Entra backdates iat and nbf by five minutes to absorb clock skew.
const issueSkew = 5 * time.Minute

// AppOnlyLifetime is the lifetime of client-credentials tokens (expires_in
// 3599, as Entra sends it).
const AppOnlyLifetime = 3599 * time.Second

// AccessTokenSpec describes an access token of any kind: app-only
// (client credentials, managed identities) when SignIn is nil, delegated
// (every user grant, Cloud Shell) when it is set. MintAccessToken is the
// one place that turns a spec into claims, so every kind gets the same
// pairwise sub, the client's clock skew and the claims request.
type AccessTokenSpec struct {
	Site   Site
	Tenant *TenantView
	// Client is the app the token is issued to (appid/azp): an app, a
	// managed identity, or Azure CLI for Cloud Shell.
	Client *AppView
	// ClientAuth is how the client authenticated (appidacr/azpacr).
	ClientAuth string
	Resource   *AppView
	// Audience is the resource as the client named it; v1 tokens carry it
	// as aud, v2 tokens the resource's client ID.
	Audience string
	// SignIn makes the token delegated; Scopes are then its granted short
	// scope names of the resource.
	SignIn *SignIn
	Scopes []string
	// ComputeResourceID is xms_az_rid: the compute that asked for a
	// user-assigned identity's token.
	ComputeResourceID string
	// Lifetime overrides the kind's default: 3599 s app-only; for
	// delegated tokens the app's configured lifetime, else 60–90 minutes.
	Lifetime time.Duration
	// Claims are the client's capabilities (CAE) and a challenge's nbf.
	Claims ClaimsRequest
}

// IssuedToken is a signed access token and the facts a response needs.
type IssuedToken struct {
	Token     string
	Claims    *AccessClaims
	IssuedAt  time.Time
	ExpiresOn time.Time
	NotBefore time.Time
}

// ExpiresIn is the lifetime left at issue, in whole seconds.
func (t *IssuedToken) ExpiresIn() int64 { return int64(t.ExpiresOn.Sub(t.IssuedAt) / time.Second) }

// TokenVersion is the access-token version the resource accepts.
func (a *AppView) TokenVersion() int {
	if a.AccessTokenVersion == 2 {
		return 2
	}
	return 1
}

// MintAccessToken signs an access token with the claim set of the version
// the resource accepts.
func (p *Provider) MintAccessToken(s AccessTokenSpec) (*IssuedToken, error) {
	version := s.Resource.TokenVersion()
	o := p.opaqueClaims()
	c := &AccessClaims{Iss: s.Site.Issuer(version, s.Tenant.ID), Aio: o.aio, Rh: o.rh, Tid: s.Tenant.ID, Uti: o.uti}
	if version == 2 {
		c.Aud, c.Azp, c.AzpAcr, c.Ver = s.Resource.ClientID, s.Client.ClientID, s.ClientAuth, "2.0"
	} else {
		c.Aud, c.AppID, c.AppIDAcr, c.Ver = s.Audience, s.Client.ClientID, s.ClientAuth, "1.0"
	}
	lifetime := s.Lifetime
	if s.SignIn != nil {
		delegatedClaims(c, s.SignIn, s.Client.ClientID, s.Scopes)
		if lifetime == 0 {
			lifetime = p.userLifetime(s.Client)
		}
	} else {
		appClaims(c, s)
		if lifetime == 0 {
			lifetime = AppOnlyLifetime
		}
	}
	return p.signAccess(s.Site.Cloud.Name, s.Client.ClientID, c, lifetime, s.Claims)
}

// appClaims are an app-only token's: the service principal as oid and sub,
// its app roles on the resource, and a managed identity's resource IDs.
func appClaims(c *AccessClaims, s AccessTokenSpec) {
	c.Idtyp, c.Oid, c.Sub = "app", s.Client.ServicePrincipalID, s.Client.ServicePrincipalID
	c.Roles = s.Client.RolesOn(s.Resource)
	if s.Client.Identity != nil {
		c.XmsMirid = s.Client.Identity.ResourceID
	}
	c.XmsAzRid = s.ComputeResourceID
	if c.Ver == "1.0" {
		c.Idp = c.Iss
	}
}

// delegatedClaims are a user token's: the pairwise sub, the session and
// the scopes; v1 tokens add Entra's v1 user claims.
func delegatedClaims(c *AccessClaims, in *SignIn, clientID string, scopes []string) {
	u := in.User
	c.Name, c.Oid, c.Scp, c.Sid = u.DisplayName, u.ObjectID, strings.Join(scopes, " "), in.SessionID
	c.Sub = PairwiseSubject(u.ObjectID, clientID)
	if c.Ver == "2.0" {
		c.PreferredUsername = u.UserPrincipalName
		return
	}
	c.Acr, c.Amr, c.Idtyp = "1", in.AMR, "user"
	c.FamilyName, c.GivenName, c.UniqueName, c.Upn = u.Surname, u.GivenName, u.UserPrincipalName, u.UserPrincipalName
	c.Wids = []string{plainUserRole}
}

// tokenTimes is the one place a token's times are made: the mock clock
// shifted by the client's skew, iat and nbf backdated as Entra does.
func (p *Provider) tokenTimes(clientID string, lifetime time.Duration) (now, nbf, exp time.Time) {
	now = p.nowFor(clientID)
	return now, now.Add(-issueSkew), now.Add(lifetime)
}

// signAccess stamps c's times for clientID, applies the claims request and
// signs it with the cloud's key.
func (p *Provider) signAccess(cloud, clientID string, c *AccessClaims, lifetime time.Duration, cr ClaimsRequest) (*IssuedToken, error) {
	key, ok := p.keys.Signer(cloud)
	if !ok {
		return nil, ErrServer.New().Wrap(fmt.Errorf("no signing key for cloud %s", cloud))
	}
	now, nbf, exp := p.tokenTimes(clientID, lifetime)
	c.Iat, c.Nbf, c.Exp = nbf.Unix(), nbf.Unix(), exp.Unix()
	applyClaims(c, cr)
	tok, err := signJWT(key, c.TokenVersion(), c)
	if err != nil {
		return nil, ErrServer.New().Wrap(err)
	}
	return &IssuedToken{Token: tok, Claims: c, IssuedAt: now, ExpiresOn: exp, NotBefore: nbf}, nil
}

// jwtHeader is the JOSE header of Entra tokens: v1 tokens carry x5t, v2
// tokens only kid.
type jwtHeader struct {
	Typ string `json:"typ"`
	Alg string `json:"alg"`
	X5t string `json:"x5t,omitempty"`
	Kid string `json:"kid"`
}

// SignJWT signs arbitrary claims as an RS256 JWT with key, with the header
// shape of the given token version.
func SignJWT(key *SigningKey, version int, claims any) (string, error) {
	return signJWT(key, version, claims)
}

func signJWT(key *SigningKey, version int, claims any) (string, error) {
	// Claims of a typical token fit the stack buffer; larger ones grow it.
	var stack [2048]byte
	cb, err := appendClaimsJSON(stack[:0], claims)
	if err != nil {
		return "", fmt.Errorf("encode claims: %w", err)
	}
	var hstack [160]byte
	hb := appendJWTHeader(hstack[:0], key.ID, version)
	enc := base64.RawURLEncoding
	buf := make([]byte, 0, enc.EncodedLen(len(hb))+enc.EncodedLen(len(cb))+2+enc.EncodedLen(key.Key.Size()))
	buf = enc.AppendEncode(buf, hb)
	buf = append(buf, '.')
	buf = enc.AppendEncode(buf, cb)
	sig, err := signer.SignSHA256(key.Key, buf)
	if err != nil {
		return "", fmt.Errorf("sign token: %w", err)
	}
	buf = append(buf, '.')
	buf = enc.AppendEncode(buf, sig)
	// buf is not touched again, so the token can share its bytes.
	return unsafe.String(unsafe.SliceData(buf), len(buf)), nil
}

// appendClaimsJSON encodes access-token claims without reflection, and
// any other claim set with encoding/json.
func appendClaimsJSON(b []byte, claims any) ([]byte, error) {
	if c, ok := claims.(*AccessClaims); ok {
		return c.appendJSON(b), nil
	}
	cb, err := json.Marshal(claims)
	return append(b, cb...), err
}

// appendJWTHeader appends the JSON of jwtHeader{Typ: "JWT", Alg: "RS256",
// Kid: kid} (X5t = kid in v1 tokens), as json.Marshal writes it.
func appendJWTHeader(b []byte, kid string, version int) []byte {
	b = append(b, `{"typ":"JWT","alg":"RS256",`...)
	if version != 2 && kid != "" { // omitempty
		b = appendJSONField(b, `"x5t":`, kid)
		b = append(b, ',')
	}
	return append(appendJSONField(b, `"kid":`, kid), '}')
}

// opaqueClaims are aio, rh and uti, opaque to clients: random strings of
// Entra's look, from one read of the random source (in that order, so a
// seeded source gives what three reads gave).
type opaqueClaims struct{ aio, rh, uti string }

func (p *Provider) opaqueClaims() opaqueClaims {
	var raw [48 + 48 + 16]byte
	if _, err := io.ReadFull(p.rand, raw[:]); err != nil {
		panic(fmt.Sprintf("idp: random source failed: %v", err))
	}
	return opaqueClaims{aio: encodeRandom("k2", raw[:48], ""), rh: encodeRandom("1.A", raw[48:96], "."),
		uti: encodeRandom("", raw[96:], "")}
}
