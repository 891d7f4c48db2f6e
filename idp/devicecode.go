package idp

import (
	"strings"
	"time"
)

// The device authorization grant (RFC 8628) as Entra runs it:
//
//	POST /devicecode ──► pending ──approve──► approved ──poll──► redeemed
//	                        │  └──decline──► declined
//	                        └── expires_in passes ──► expired (on every poll)
//
// A pending code answers polls with authorization_pending (AADSTS70016), a
// declined one with authorization_declined, an expired one with
// expired_token (AADSTS70020). The first poll after approval gets the
// tokens; every later poll gets bad_verification_code (AADSTS70018), as for
// a code Entra no longer knows. All times are on the provider's Clock.

// DeviceState is where a device authorization stands.
type DeviceState int

// The states of a device authorization.
const (
	DevicePending DeviceState = iota
	DeviceApproved
	DeviceDeclined
	DeviceRedeemed
)

func (s DeviceState) String() string {
	switch s {
	case DevicePending:
		return "pending"
	case DeviceApproved:
		return "approved"
	case DeviceDeclined:
		return "declined"
	case DeviceRedeemed:
		return "redeemed"
	}
	return "unknown"
}

// DevicePolicy sets the device flow's timing and limits.
type DevicePolicy struct {
	// Lifetime is expires_in; Entra uses 15 minutes.
	Lifetime time.Duration
	// Interval is the poll interval announced to clients; Entra says 5 s.
	Interval time.Duration
	// MaxCodes caps the codes kept at once; beyond it the oldest is
	// dropped, so a flood of devicecode requests cannot grow memory.
	MaxCodes int
	// SlowDown answers slow_down to a poll that comes sooner than Interval
	// after the previous poll of the same code (mock clock). Entra does not
	// do this in practice: msal-go polls after 50 ms and gets
	// authorization_pending, and msal-node gives up on slow_down. So it is
	// off by default and meant for testing a client's back-off.
	SlowDown bool
}

// DefaultDevicePolicy is Entra's timing.
var DefaultDevicePolicy = DevicePolicy{Lifetime: 15 * time.Minute, Interval: 5 * time.Second, MaxCodes: 10000}

// withDefaults fills zero fields from DefaultDevicePolicy.
func (d DevicePolicy) withDefaults() DevicePolicy {
	if d.Lifetime <= 0 {
		d.Lifetime = DefaultDevicePolicy.Lifetime
	}
	if d.Interval <= 0 {
		d.Interval = DefaultDevicePolicy.Interval
	}
	if d.MaxCodes <= 0 {
		d.MaxCodes = DefaultDevicePolicy.MaxCodes
	}
	return d
}

// DeviceAuthorization is one device code: what the device asked for and
// how far the user has got. Copies are handed out; the store keeps the
// original.
type DeviceAuthorization struct {
	DeviceCode string
	UserCode   string
	Cloud      string
	// TenantID is the tenant the device named, or, on /common and
	// /organizations, the tenant of the user who approved; "" until then.
	TenantID string
	// TenantAlias is common/organizations/consumers when the device used one.
	TenantAlias string
	ClientID    string
	Scope       string
	Resource    string
	V1          bool
	Issued      time.Time
	Expires     time.Time
	Interval    time.Duration
	State       DeviceState
	// SignIn is the user who approved or declined.
	SignIn *SignIn

	lastPoll time.Time
	ticket   string  // page sign-in waiting for the consent decision
	ticketAs *SignIn // who signed in on the page
}

// Expired reports whether the code's lifetime is over at now.
func (d *DeviceAuthorization) Expired(now time.Time) bool { return !now.Before(d.Expires) }

// userCodeAlphabet leaves out letters and digits people confuse (I/1,
// O/0); 32 symbols, so one random byte picks one without bias.
const userCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// userCodeLength matches Entra's nine-character codes (R7ZSEAY7J).
const userCodeLength = 9

// NormalizeUserCode is what a person typed, as the store keys it:
// upper case, without spaces and dashes.
func NormalizeUserCode(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '-' || r == '\t':
		case 'a' <= r && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		default:
			b.WriteRune(r)
		}
		if b.Len() > 64 {
			break
		}
	}
	return b.String()
}
