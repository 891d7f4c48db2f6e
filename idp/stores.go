package idp

import (
	"crypto/sha256"
	"time"

	"github.com/mockidp/mockidp/internal/fifo"
)

// Every store of issued artefacts is a fifo.Store: bounded in entries and
// in bytes, oldest first out, expired entries dropped on the mock clock.
// Entries stay one lifetime past their expiry, so a late request still
// hears Entra's "expired" error rather than "unknown".
const (
	maxAuthCodes     = 100_000
	maxAuthCodeBytes = 64 << 20
	// Redeemed codes stay until they expire so a replay is told apart
	// from an unknown code.
	authCodeRetention = 2 * authCodeLifetime

	maxRefreshTokens     = 100_000
	maxRefreshTokenBytes = 64 << 20

	maxSessions     = 10_000
	maxSessionBytes = 16 << 20

	maxDeviceCodeBytes = 32 << 20
)

// entryOverhead is a rough cost of one entry beyond its strings: the key,
// list links, map slot, times and small fields.
const entryOverhead = 256

// stringsSize is what a set of strings costs.
func stringsSize(ss ...string) int64 {
	var n int64
	for _, s := range ss {
		n += int64(len(s))
	}
	return n
}

// secretKey is how stores key bearer secrets: a hash, so the store never
// holds the secret itself and every key has the same size.
func secretKey(secret string) [32]byte { return sha256.Sum256([]byte(secret)) }

func accountSize(a SessionAccount) int64 {
	n := stringsSize(a.Cloud, a.TenantID, a.UserID, a.SessionID) + stringsSize(a.AMR...) + 64
	if a.mfa != nil {
		n += 64
	}
	return n
}

func newCodeStore(now func() time.Time) *fifo.Store[[32]byte, *codeEntry] {
	return fifo.New(fifo.Options[[32]byte, *codeEntry]{
		Limits: fifo.Limits{MaxEntries: maxAuthCodes, MaxBytes: maxAuthCodeBytes}, Now: now,
		Size: func(_ [32]byte, e *codeEntry) int64 {
			g := &e.grant
			return entryOverhead + accountSize(g.Account) + stringsSize(g.Cloud, g.TenantID, g.ClientID,
				g.RedirectURI, g.Challenge, g.ChallengeMethod, g.Nonce, g.Scope, g.Resource, g.Claims)
		},
	})
}

func newRefreshStore(now func() time.Time) *fifo.Store[[32]byte, *RefreshGrant] {
	return fifo.New(fifo.Options[[32]byte, *RefreshGrant]{
		Limits: fifo.Limits{MaxEntries: maxRefreshTokens, MaxBytes: maxRefreshTokenBytes}, Now: now,
		Size: func(_ [32]byte, g *RefreshGrant) int64 {
			return entryOverhead + stringsSize(g.Cloud, g.TenantID, g.ClientID, g.UserID, g.SessionID,
				g.Scope, g.Resource) + stringsSize(g.AMR...)
		},
	})
}

func newSessionStore(now func() time.Time) *fifo.Store[[32]byte, *BrowserSession] {
	return fifo.New(fifo.Options[[32]byte, *BrowserSession]{
		Limits: fifo.Limits{MaxEntries: maxSessions, MaxBytes: maxSessionBytes}, Now: now,
		Size: func(_ [32]byte, bs *BrowserSession) int64 {
			n := int64(entryOverhead)
			for _, a := range bs.Accounts {
				n += accountSize(a)
			}
			return n
		},
	})
}

func deviceSize(_ string, d *DeviceAuthorization) int64 {
	// The sign-in and page ticket are set later and small; the overhead
	// covers them.
	return 2*entryOverhead + stringsSize(d.DeviceCode, d.UserCode, d.Cloud, d.TenantID, d.TenantAlias,
		d.ClientID, d.Scope, d.Resource)
}
