// Package mockidpclient is a Go client of mockidp's control API
// (/_mockidp/…): scenarios, presets, clock, seed, reset, state changes and
// inspection. It works against any mockidp — a container, the binary, or
// mockidptest's in-process server (whose Control field is one).
package mockidpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/seed"
)

// Client talks to one mockidp.
type Client struct {
	base  string
	hc    *http.Client
	token string
}

// New returns a client for the mockidp at baseURL (https://localhost:8443),
// using hc (which must trust mockidp's CA).
func New(baseURL string, hc *http.Client) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{base: strings.TrimRight(baseURL, "/"), hc: hc}
}

// WithToken returns a copy of c that sends token as a bearer token: what
// a mockidp started with --control-token wants from clients that are not
// on its loopback (a container, another machine).
func (c *Client) WithToken(token string) *Client {
	cp := *c
	cp.token = token
	return &cp
}

// Error is a control-API error answer.
type Error = controlapi.Error

func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		e := &Error{Status: resp.StatusCode}
		if json.Unmarshal(b, e) != nil || e.Code == "" {
			e.Code, e.Detail = http.StatusText(resp.StatusCode), string(b)
		}
		return e
	}
	if out == nil || len(b) == 0 {
		return nil
	}
	return json.Unmarshal(b, out)
}

// AddScenarios adds scenarios and preset entries, all or none.
func (c *Client) AddScenarios(ctx context.Context, entries ...controlapi.Entry) ([]controlapi.Result, error) {
	var out []controlapi.Result
	return out, c.do(ctx, http.MethodPost, controlapi.ScenariosPath, entries, &out)
}

// AddScenario adds one scenario and returns it with its ID.
func (c *Client) AddScenario(ctx context.Context, s controlapi.Scenario) (controlapi.Scenario, error) {
	res, err := c.AddScenarios(ctx, controlapi.Entry{Scenario: s})
	if err != nil {
		return controlapi.Scenario{}, err
	}
	return res[0].Scenarios[0], nil
}

// LoadFile posts a scenario file (JSON) as it is.
func (c *Client) LoadFile(ctx context.Context, file []byte) ([]controlapi.Result, error) {
	var out []controlapi.Result
	return out, c.do(ctx, http.MethodPost, controlapi.ScenariosPath, json.RawMessage(file), &out)
}

// Scenarios lists active scenarios; tenant "" lists all.
func (c *Client) Scenarios(ctx context.Context, tenant string) ([]controlapi.Status, error) {
	var out []controlapi.Status
	return out, c.do(ctx, http.MethodGet, controlapi.ScenariosPath+"?tenant="+url.QueryEscape(tenant), nil, &out)
}

// RemoveScenario removes one scenario.
func (c *Client) RemoveScenario(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, controlapi.ScenariosPath+"/"+url.PathEscape(id), nil, nil)
}

// ClearScenarios removes the scenarios scoped to tenant ("" removes all).
func (c *Client) ClearScenarios(ctx context.Context, tenant string) (int, error) {
	var out controlapi.Removed
	return out.Removed, c.do(ctx, http.MethodDelete, controlapi.ScenariosPath+"?tenant="+url.QueryEscape(tenant), nil, &out)
}

// Preset applies a named preset.
func (c *Client) Preset(ctx context.Context, name string, p controlapi.Params) (controlapi.Result, error) {
	var out controlapi.Result
	return out, c.do(ctx, http.MethodPost, controlapi.PresetsPath+"/"+url.PathEscape(name), p, &out)
}

// State runs a directory change (revoke-sessions, disable-user, …).
func (c *Client) State(ctx context.Context, op string, p controlapi.Params) error {
	return c.do(ctx, http.MethodPost, controlapi.StatePath+"/"+url.PathEscape(op), p, nil)
}

// Now reads the mock clock.
func (c *Client) Now(ctx context.Context) (time.Time, error) {
	var out controlapi.Clock
	return out.Now, c.do(ctx, http.MethodGet, controlapi.ClockPath, nil, &out)
}

// SetClock sets the mock clock.
func (c *Client) SetClock(ctx context.Context, t time.Time) error {
	return c.do(ctx, http.MethodPost, controlapi.ClockPath, controlapi.ClockChange{Set: &t}, nil)
}

// AdvanceClock moves the mock clock by d.
func (c *Client) AdvanceClock(ctx context.Context, d time.Duration) error {
	return c.do(ctx, http.MethodPost, controlapi.ClockPath, controlapi.ClockChange{Advance: (*controlapi.Duration)(&d)}, nil)
}

// Reset restores the initial state and clears scenarios and journals.
func (c *Client) Reset(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, controlapi.ResetPath, nil, nil)
}

// Seed reads the directory.
func (c *Client) Seed(ctx context.Context) (seed.Seed, error) {
	var out seed.Seed
	return out, c.do(ctx, http.MethodGet, controlapi.SeedPath, nil, &out)
}

// PutSeed replaces the directory (and what Reset restores).
func (c *Client) PutSeed(ctx context.Context, s seed.Seed) error {
	return c.do(ctx, http.MethodPut, controlapi.SeedPath, s, nil)
}

// Filter selects journal records; empty fields select everything.
type Filter struct {
	Client, User, Endpoint, GrantType string
	Since, Until                      time.Time
}

func (f Filter) query() string {
	v := url.Values{}
	for k, s := range map[string]string{"client": f.Client, "user": f.User, "endpoint": f.Endpoint, "grant_type": f.GrantType} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if !f.Since.IsZero() {
		v.Set("since", f.Since.Format(time.RFC3339))
	}
	if !f.Until.IsZero() {
		v.Set("until", f.Until.Format(time.RFC3339))
	}
	return v.Encode()
}

// Requests lists the requests mockidp received.
func (c *Client) Requests(ctx context.Context, f Filter) ([]controlapi.RequestRecord, error) {
	var out []controlapi.RequestRecord
	return out, c.do(ctx, http.MethodGet, controlapi.RequestsPath+"?"+f.query(), nil, &out)
}

// Tokens lists the access tokens mockidp issued, decoded.
func (c *Client) Tokens(ctx context.Context, f Filter) ([]controlapi.TokenRecord, error) {
	var out []controlapi.TokenRecord
	return out, c.do(ctx, http.MethodGet, controlapi.TokensPath+"?"+f.query(), nil, &out)
}

// RemoveRoleAssignments removes every Azure role assignment of principal
// (an object ID) in the subscription and reports how many there were.
func (c *Client) RemoveRoleAssignments(ctx context.Context, subscriptionID, principal string) (int, error) {
	var out controlapi.Removed
	path := controlapi.SubscriptionPath + "/" + url.PathEscape(subscriptionID) + "/roleAssignments?principal_id=" + url.QueryEscape(principal)
	return out.Removed, c.do(ctx, http.MethodDelete, path, nil, &out)
}
