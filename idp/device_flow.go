package idp

import "time"

// DeviceRequest is a devicecode call after the form is parsed.
type DeviceRequest struct {
	Site   Site
	Tenant TenantRef
	Client ClientCredential
	// Scope (v2) or Resource (v1) is what the device asks for.
	Scope    string
	Resource string
	V1       bool
}

// StartDeviceAuthorization checks the client and what it asks for and
// issues a device code and a user code. On /common and /organizations the
// client is looked up in the cloud's tenants and the user's tenant is
// fixed when they approve.
func (p *Provider) StartDeviceAuthorization(r DeviceRequest) (DeviceAuthorization, error) {
	t := r.Tenant.Tenant
	if t == nil {
		if r.Client.ClientID == "" {
			return DeviceAuthorization{}, ErrMissingParameter.New("client_id")
		}
		var ok bool
		if t, ok = p.TenantWithApp(r.Site.Cloud.Name, r.Client.ClientID); !ok {
			return DeviceAuthorization{}, ErrAppNotFound.New(r.Client.ClientID, r.Tenant.Segment)
		}
	}
	if _, _, err := p.AuthenticateClient(t, r.Client); err != nil {
		return DeviceAuthorization{}, err
	}
	if _, _, err := p.userResource(UserGrant{Tenant: t, Scope: r.Scope, Resource: r.Resource, V1: r.V1}); err != nil {
		return DeviceAuthorization{}, err
	}
	d := &DeviceAuthorization{Cloud: r.Site.Cloud.Name, TenantID: r.Tenant.TenantID(), TenantAlias: r.Tenant.Alias,
		ClientID: r.Client.ClientID, Scope: r.Scope, Resource: r.Resource, V1: r.V1}
	return p.devices.add(d, p.rand, p.clock.Now())
}

// PollDeviceCode is one token-endpoint poll. It returns the approved
// authorization exactly once; otherwise the device-flow error the client
// must act on.
func (p *Provider) PollDeviceCode(code, clientID string, tenant TenantRef) (DeviceAuthorization, error) {
	now := p.clock.Now()
	var out DeviceAuthorization
	err := p.devices.with(p.devices.byDeviceCode(code), func(d *DeviceAuthorization) error {
		if d == nil || !equalFold(d.ClientID, clientID) || !pollTenantMatches(d, tenant) {
			return ErrBadVerificationCode.New()
		}
		if d.State == DeviceRedeemed {
			return ErrBadVerificationCode.New()
		}
		if d.Expired(now) {
			return ErrDeviceCodeExpired.New()
		}
		defer func() { d.lastPoll = now }()
		switch d.State {
		case DeviceDeclined:
			return ErrAuthorizationDeclined.New()
		case DevicePending:
			return p.pendingAnswer(d, now)
		}
		d.State = DeviceRedeemed
		out = d.snapshot()
		return nil
	})
	return out, err
}

// pendingAnswer is authorization_pending, or slow_down when the policy
// asks for it and this poll came sooner than the interval after the last.
func (p *Provider) pendingAnswer(d *DeviceAuthorization, now time.Time) error {
	if p.devices.policy.SlowDown && !d.lastPoll.IsZero() && now.Sub(d.lastPoll) < d.Interval {
		return ErrSlowDown.New(int(d.Interval / time.Second))
	}
	return ErrAuthorizationPending.New()
}

// pollTenantMatches: a code started on a tenant must be polled there (by
// any of its names, or an alias); a code started on an alias may be
// polled on the alias or on the tenant that approved it.
func pollTenantMatches(d *DeviceAuthorization, ref TenantRef) bool {
	if ref.Tenant == nil {
		return true
	}
	return d.TenantID == "" || equalFold(d.TenantID, ref.Tenant.ID)
}

// SetDevicePolicy changes the device flow's timing from now on; codes
// already issued keep their expiry and interval.
func (p *Provider) SetDevicePolicy(policy DevicePolicy) { p.devices.setPolicy(policy) }

// DevicePolicy is the device flow's current timing.
func (p *Provider) DevicePolicy() DevicePolicy { return p.devices.getPolicy() }

// DeviceCodes is how many device codes the store holds, for tests of its
// bounds.
func (p *Provider) DeviceCodes() int { return p.devices.len() }

// PendingDeviceCodes lists, oldest first, at most max device codes
// waiting for a person's decision on the mock clock, for the web console.
func (p *Provider) PendingDeviceCodes(max int) []DeviceAuthorization {
	return p.devices.pending(p.clock.Now(), max)
}
