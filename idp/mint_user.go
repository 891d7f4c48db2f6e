package idp

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"strings"
	"time"
)

// Delegated access tokens live a random 60–90 minutes, as on Entra.
const (
	minUserLifetime = 3600 * time.Second
	maxUserLifetime = 5400 * time.Second
	idTokenLifetime = time.Hour
)

// plainUserRole is the directory-role template ID every member user has.
const plainUserRole = "b79fbf4d-3ef9-4689-8143-76b194e85509"

// SignIn is an authenticated user session: who signed in, when and how.
type SignIn struct {
	User      *User
	SessionID string
	AuthTime  time.Time
	AMR       []string
}

// UserTokenSpec describes a delegated access token.
type UserTokenSpec struct {
	Site       Site
	Tenant     *TenantView
	Client     *AppView
	ClientAuth string
	SignIn     SignIn
	Resource   *AppView
	// Audience is the resource as the client named it (v1 aud).
	Audience string
	// Scopes are the granted short scope names of the resource.
	Scopes []string
	// Claims are the client's capabilities and a challenge's nbf.
	Claims ClaimsRequest
}

// MintUserAccessToken signs a delegated access token in the version the
// resource accepts.
func (p *Provider) MintUserAccessToken(s UserTokenSpec) (*IssuedToken, error) {
	now := p.nowFor(s.Client.ClientID)
	version := s.Resource.TokenVersion()
	u := s.SignIn.User
	c := &AccessClaims{
		Iss: s.Site.Issuer(version, s.Tenant.ID), Aio: p.aio(), Name: u.DisplayName, Oid: u.ObjectID,
		Rh: p.refreshHint(), Roles: nil, Scp: strings.Join(s.Scopes, " "), Sid: s.SignIn.SessionID,
		Sub: PairwiseSubject(u.ObjectID, s.Client.ClientID), Tid: s.Tenant.ID, Uti: randomString(p.rand, 16),
	}
	if version == 2 {
		c.Aud, c.Azp, c.AzpAcr, c.Ver = s.Resource.ClientID, s.Client.ClientID, s.ClientAuth, "2.0"
		c.PreferredUsername = u.UserPrincipalName
	} else {
		c.Aud, c.AppID, c.AppIDAcr, c.Ver = s.Audience, s.Client.ClientID, s.ClientAuth, "1.0"
		c.Acr, c.Amr, c.Idtyp = "1", s.SignIn.AMR, "user"
		c.FamilyName, c.GivenName, c.UniqueName, c.Upn = u.Surname, u.GivenName, u.UserPrincipalName, u.UserPrincipalName
		c.Wids = []string{plainUserRole}
	}
	lifetime := p.userLifetime()
	if n := s.Client.AccessTokenLifetime; n > 0 {
		lifetime = time.Duration(n) * time.Second
	}
	return p.signWith(s.Site.Cloud.Name, c, now, lifetime, s.Claims)
}

// userLifetime picks a lifetime between 60 and 90 minutes from the
// injected randomness, so tests with a seeded Rand get stable values.
func (p *Provider) userLifetime() time.Duration {
	var b [8]byte
	_, _ = p.rand.Read(b[:])
	span := int64((maxUserLifetime - minUserLifetime) / time.Second)
	return minUserLifetime + time.Duration(int64(binary.LittleEndian.Uint64(b[:])%uint64(span)))*time.Second
}

// PairwiseSubject is the sub claim of a user's tokens for one app: stable,
// and different for every app, as Entra's pairwise identifiers are.
func PairwiseSubject(userID, clientID string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(userID) + "|" + strings.ToLower(clientID)))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// ClientInfo is the client_info value MSAL asks for: unpadded base64url of
// {"uid","utid"}, from which it builds the home account ID.
func ClientInfo(userID, tenantID string) string {
	b, _ := json.Marshal(struct {
		UID  string `json:"uid"`
		UTID string `json:"utid"`
	}{userID, tenantID})
	return base64.RawURLEncoding.EncodeToString(b)
}
