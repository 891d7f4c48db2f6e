package idp

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"github.com/mockidp/mockidp/signer"
)

// Entra backdates iat and nbf by five minutes to absorb clock skew.
const issueSkew = 5 * time.Minute

// AppOnlyLifetime is the lifetime of client-credentials tokens (expires_in
// 3599, as Entra sends it).
const AppOnlyLifetime = 3599 * time.Second

// AppTokenSpec describes an app-only access token.
type AppTokenSpec struct {
	Site       Site
	Tenant     *TenantView
	Client     *AppView
	ClientAuth string // ClientAuthSecret or ClientAuthCertificate
	Resource   *AppView
	// Audience is the resource as the client named it; v1 tokens carry it
	// as aud, v2 tokens the resource's client ID.
	Audience string
	// Claims are the client's capabilities (CAE).
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

// MintAppToken signs an app-only access token with the claim set of the
// version the resource accepts.
func (p *Provider) MintAppToken(s AppTokenSpec) (*IssuedToken, error) {
	now := p.nowFor(s.Client.ClientID)
	version := s.Resource.TokenVersion()
	c := &AccessClaims{
		Iss: s.Site.Issuer(version, s.Tenant.ID),
		Aio: p.aio(), Idtyp: "app", Oid: s.Client.ServicePrincipalID, Sub: s.Client.ServicePrincipalID,
		Rh: p.refreshHint(), Roles: s.Client.RolesOn(s.Resource), Tid: s.Tenant.ID, Uti: randomString(p.rand, 16),
	}
	if s.Client.Identity != nil { // a user-assigned identity by federation
		c.XmsMirid = s.Client.Identity.ResourceID
	}
	if version == 2 {
		c.Aud, c.Azp, c.AzpAcr, c.Ver = s.Resource.ClientID, s.Client.ClientID, s.ClientAuth, "2.0"
	} else {
		c.Aud, c.AppID, c.AppIDAcr, c.Idp, c.Ver = s.Audience, s.Client.ClientID, s.ClientAuth, c.Iss, "1.0"
	}
	return p.signWith(s.Site.Cloud.Name, c, now, AppOnlyLifetime, s.Claims)
}

func (p *Provider) sign(cloud string, c *AccessClaims, now time.Time, lifetime time.Duration) (*IssuedToken, error) {
	return p.signWith(cloud, c, now, lifetime, ClaimsRequest{})
}

func (p *Provider) signWith(cloud string, c *AccessClaims, now time.Time, lifetime time.Duration, cr ClaimsRequest) (*IssuedToken, error) {
	key, ok := p.keys.Signer(cloud)
	if !ok {
		return nil, ErrServer.New().Wrap(fmt.Errorf("no signing key for cloud %s", cloud))
	}
	nbf := now.Add(-issueSkew)
	exp := now.Add(lifetime)
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
	h := jwtHeader{Typ: "JWT", Alg: "RS256", Kid: key.ID}
	if version != 2 {
		h.X5t = key.ID
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return "", err
	}
	cb, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("encode claims: %w", err)
	}
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
	return string(enc.AppendEncode(buf, sig)), nil
}

// aio and rh are opaque to clients; mockidp fills them with random
// strings of Entra's look.
func (p *Provider) aio() string { return "k2" + randomString(p.rand, 48) }

func (p *Provider) refreshHint() string { return "1.A" + randomString(p.rand, 48) + "." }
