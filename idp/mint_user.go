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

// userLifetime is the app's configured lifetime, or a lifetime between 60
// and 90 minutes picked from the injected randomness, so tests with a seeded Rand get stable values.
func (p *Tokens) userLifetime(client *AppView) time.Duration {
	if n := client.AccessTokenLifetime; n > 0 {
		return time.Duration(n) * time.Second
	}
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
