package controlapi

import (
	"encoding/json"
	"fmt"
	"time"
)

// Endpoint kinds a Match can name; the server mounts every route with one.
const (
	EndpointToken      = "token"
	EndpointDeviceCode = "devicecode"
	EndpointAuthorize  = "authorize"
	EndpointDiscovery  = "discovery"
	EndpointKeys       = "keys"
	EndpointInstance   = "instance"
	EndpointUserRealm  = "userrealm"
	EndpointIMDS       = "imds"
	EndpointIdentity   = "managed_identity"
	EndpointGraph      = "graph"
	EndpointARM        = "arm"
	EndpointOther      = "other"
)

// Endpoints lists every endpoint kind, for validation and documentation.
var Endpoints = []string{EndpointToken, EndpointDeviceCode, EndpointAuthorize, EndpointDiscovery, EndpointKeys,
	EndpointInstance, EndpointUserRealm, EndpointIMDS, EndpointIdentity, EndpointGraph, EndpointARM, EndpointOther}

// Scenario is one scripted behaviour: which requests (Match), what happens
// (Action), and how often (Times, Every, Probability, After/Until).
type Scenario struct {
	// ID names the scenario in the engine; assigned by Add when empty.
	ID string `json:"id,omitempty"`
	// Name is free text for people (a preset sets its own name).
	Name   string `json:"name,omitempty"`
	Match  Match  `json:"match"`
	Action Action `json:"action"`
	// Times makes the scenario fire for the next N matching requests only;
	// 0 means until removed.
	Times int `json:"times,omitempty"`
	// Every makes it fire on every Nth matching request (1, 2, … counted
	// from when it was added); 0 or 1 means every request.
	Every int `json:"every,omitempty"`
	// Probability (0 < p < 1) makes it fire on that share of matching
	// requests, drawn from a generator seeded with Seed so runs repeat.
	Probability float64 `json:"probability,omitempty"`
	Seed        int64   `json:"seed,omitempty"`
	// After and Until bound it to a window of the mock clock.
	After time.Time `json:"after,omitzero"`
	Until time.Time `json:"until,omitzero"`
}

// Match selects requests; empty fields match anything. Comparisons ignore
// case; Scope is a substring of the scope or resource parameter, Path a
// prefix of the URL path.
type Match struct {
	Cloud     string `json:"cloud,omitempty"`
	Tenant    string `json:"tenant,omitempty"`
	ClientID  string `json:"client_id,omitempty"`
	User      string `json:"user,omitempty"`
	Identity  string `json:"identity,omitempty"`
	Endpoint  string `json:"endpoint,omitempty"`
	GrantType string `json:"grant_type,omitempty"`
	Scope     string `json:"scope,omitempty"`
	Path      string `json:"path,omitempty"`
}

// Status is an active scenario with its counters.
type Status struct {
	Scenario
	Seen  int `json:"seen"`
	Fired int `json:"fired"`
}

// Entry is one item of a scenario file and of POST /_mockidp/scenarios: a
// Scenario, or a preset by name with its parameters.
type Entry struct {
	Scenario
	Preset string  `json:"preset,omitempty"`
	Params *Params `json:"params,omitempty"`
}

// Result is what applying an entry or a preset did: scenarios added and a
// sentence for each state change.
type Result struct {
	Preset    string     `json:"preset,omitempty"`
	Scenarios []Scenario `json:"scenarios,omitempty"`
	Changes   []string   `json:"changes,omitempty"`
}

// Duration is a time.Duration written in JSON as "1.5s" (a number means
// seconds).
type Duration time.Duration

// MarshalJSON writes the duration as Go's duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads "250ms", "2s", "1m" or a number of seconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var secs float64
		if err2 := json.Unmarshal(b, &secs); err2 != nil {
			return fmt.Errorf("duration must be a string like \"2s\" or a number of seconds")
		}
		*d = Duration(secs * float64(time.Second))
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q: %w", s, err)
	}
	*d = Duration(v)
	return nil
}

// String is Go's duration string.
func (d Duration) String() string { return time.Duration(d).String() }
