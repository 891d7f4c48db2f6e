package controlapi

import "time"

// RequestRecord is one request mockidp answered, as GET
// /_mockidp/requests lists it.
type RequestRecord struct {
	Time      time.Time `json:"time"`
	Method    string    `json:"method"`
	Path      string    `json:"path"`
	Endpoint  string    `json:"endpoint"`
	Tenant    string    `json:"tenant,omitempty"`
	ClientID  string    `json:"client_id,omitempty"`
	User      string    `json:"user,omitempty"`
	GrantType string    `json:"grant_type,omitempty"`
	Scope     string    `json:"scope,omitempty"`
	Status    int       `json:"status"`
	AADSTS    int       `json:"aadsts,omitempty"`
	Scenario  string    `json:"scenario,omitempty"`
	// LatencyMS is how long the answer took, in real (not mock) time.
	LatencyMS float64 `json:"latency_ms"`
}

// TokenRecord is one access token mockidp issued, decoded, as GET
// /_mockidp/tokens lists it.
type TokenRecord struct {
	Time      time.Time      `json:"time"`
	Endpoint  string         `json:"endpoint"`
	ClientID  string         `json:"client_id,omitempty"`
	User      string         `json:"user,omitempty"`
	GrantType string         `json:"grant_type,omitempty"`
	Claims    map[string]any `json:"claims"`
	Token     string         `json:"token"`
}

// Removed answers the requests that remove things.
type Removed struct {
	Removed int `json:"removed"`
}

// Clock is the mock clock's answer.
type Clock struct {
	Now time.Time `json:"now"`
}

// ClockChange sets the clock to Set or moves it by Advance ("1h",
// negative allowed); exactly one is given.
type ClockChange struct {
	Set     *time.Time `json:"set,omitempty"`
	Advance *Duration  `json:"advance,omitempty"`
}

// DeviceDecision is the body of POST /_mockidp/devicecode/approve.
type DeviceDecision struct {
	UserCode string `json:"user_code"`
	// User is a UPN or object ID of the tenant the device named.
	User string `json:"user"`
	Deny bool   `json:"deny,omitempty"`
}

// DeviceDecided is its answer: the normalised code and approved or
// declined.
type DeviceDecided struct {
	UserCode string `json:"user_code"`
	State    string `json:"state"`
}

// ServiceAccountRequest is the body (JSON or form) of POST
// WorkloadTokenPath.
type ServiceAccountRequest struct {
	Namespace       string `json:"namespace" form:"namespace"`
	ServiceAccount  string `json:"service_account" form:"service_account"`
	Audience        string `json:"audience" form:"audience"`
	LifetimeSeconds int    `json:"lifetime_seconds" form:"lifetime_seconds"`
}

// ServiceAccountToken is its answer.
type ServiceAccountToken struct {
	Token     string `json:"token"`
	Issuer    string `json:"issuer"`
	Subject   string `json:"subject"`
	Audience  string `json:"audience"`
	ExpiresOn int64  `json:"expires_on"`
}
