package idp

import "crypto/subtle"

// DeviceConsent is what the device-login page shows before the user
// decides: which app asks, in which tenant, for what.
type DeviceConsent struct {
	Device     DeviceAuthorization
	App        *AppView
	Tenant     *TenantView
	User       *User
	Resource   *AppView
	ResourceID string
	// Items are every permission the request asks for, worded as the
	// authorize flow's consent page words them (the device page shows
	// them all, as Entra's "are you trying to sign in" step does).
	Items []ConsentItem
	// Missing are the scopes the user has not consented to yet; approving
	// grants them.
	Missing []string
}

// LookupUserCode finds a code the user can still decide on, as the page
// does: by what the user typed, in the page's cloud ("" for any). Unknown
// 70018, expired 70019, already decided 90120.
func (p *Provider) LookupUserCode(cloud, userCode string) (DeviceAuthorization, error) {
	var out DeviceAuthorization
	err := p.withDecidable(cloud, userCode, func(d *DeviceAuthorization) error {
		out = d.snapshot()
		return nil
	})
	return out, err
}

// withDecidable runs fn, under the store's lock, on the pending code the
// user typed.
func (p *Provider) withDecidable(cloud, userCode string, fn func(*DeviceAuthorization) error) error {
	if NormalizeUserCode(userCode) == "" {
		return ErrUserCodeMissing.New()
	}
	now := p.clock.Now()
	return p.devices.with(p.devices.byUserCode(userCode), func(d *DeviceAuthorization) error {
		switch {
		case d == nil || cloud != "" && d.Cloud != cloud:
			return ErrUserCodeUnknown.New(userCode)
		case d.Expired(now):
			return ErrUserCodeExpired.New()
		case d.State != DevicePending:
			return ErrDeviceFlowDecided.New()
		}
		return fn(d)
	})
}

// ApproveDeviceCode approves a pending user code as user (UPN or object
// ID), granting the consent the request needs, as a person accepting on
// the device-login page does. For headless tests and the control API.
func (p *Provider) ApproveDeviceCode(userCode, user string) error {
	return p.decideAs(userCode, user, true)
}

// DeclineDeviceCode declines a pending user code as user.
func (p *Provider) DeclineDeviceCode(userCode, user string) error {
	return p.decideAs(userCode, user, false)
}

func (p *Provider) decideAs(userCode, user string, approve bool) error {
	return p.withDecidable("", userCode, func(d *DeviceAuthorization) error {
		t, u, err := p.deviceUser(d, user)
		if err != nil {
			return err
		}
		if u.Disabled {
			return ErrUserDisabled.New()
		}
		c, err := p.deviceConsent(d, t, u)
		if err != nil {
			return err
		}
		sign := p.NewSignIn(u)
		return p.decide(d, c, &sign, approve)
	})
}

// decide records the user's answer; approving grants the missing consent
// first, so the poll that follows can issue tokens.
func (p *Provider) decide(d *DeviceAuthorization, c DeviceConsent, s *SignIn, approve bool) error {
	if approve && len(c.Missing) > 0 {
		if err := p.GrantConsent(c.Tenant.ID, c.App.ClientID, s.User.ObjectID, c.ResourceID, c.Missing); err != nil {
			return ErrServer.New().Wrap(err)
		}
	}
	d.TenantID, d.SignIn, d.ticket, d.ticketAs = c.Tenant.ID, s, "", nil
	d.State = DeviceDeclined
	if approve {
		d.State = DeviceApproved
	}
	return nil
}

// BeginDeviceSignIn checks the password a person typed on the device-login
// page and returns what they are asked to consent to, with a ticket that
// FinishDeviceSignIn needs; the ticket also stops a forged decision.
func (p *Provider) BeginDeviceSignIn(cloud, userCode, username, password string) (DeviceConsent, string, error) {
	var c DeviceConsent
	var ticket string
	err := p.withDecidable(cloud, userCode, func(d *DeviceAuthorization) error {
		t, _, err := p.deviceUser(d, username)
		if err != nil {
			return err
		}
		u, err := p.AuthenticateUser(t, username, password)
		if err != nil {
			return err
		}
		if c, err = p.deviceConsent(d, t, u); err != nil {
			return err
		}
		sign := p.NewSignIn(u)
		ticket = randomString(p.rand, 24)
		d.ticket, d.ticketAs = ticket, &sign
		return nil
	})
	return c, ticket, err
}

// FinishDeviceSignIn records the decision of the person who signed in
// with BeginDeviceSignIn.
func (p *Provider) FinishDeviceSignIn(cloud, userCode, ticket string, approve bool) (DeviceConsent, error) {
	var c DeviceConsent
	err := p.withDecidable(cloud, userCode, func(d *DeviceAuthorization) error {
		if d.ticket == "" || subtle.ConstantTimeCompare([]byte(d.ticket), []byte(ticket)) != 1 {
			return ErrMalformedRequest.New()
		}
		s := d.ticketAs
		t, _, err := p.deviceUser(d, s.User.ObjectID)
		if err != nil {
			return err
		}
		if c, err = p.deviceConsent(d, t, s.User); err != nil {
			return err
		}
		return p.decide(d, c, s, approve)
	})
	return c, err
}

// deviceUser finds the user in the code's tenant, or, for a code started
// on an alias, in whichever tenant of the cloud has them.
func (p *Provider) deviceUser(d *DeviceAuthorization, user string) (*TenantView, *User, error) {
	dir := p.dir.Load()
	if d.TenantID != "" {
		t, ok := dir.tenants[tenantKey(d.Cloud, d.TenantID)]
		if !ok {
			return nil, nil, ErrTenantNotFound.New(d.TenantID)
		}
		u, ok := t.User(user)
		if !ok {
			return nil, nil, ErrUserNotFound.New(user, t.DefaultDomain())
		}
		return t, u, nil
	}
	for _, t := range dir.cloudTenants(d.Cloud) {
		if u, ok := t.User(user); ok {
			return t, u, nil
		}
	}
	return nil, nil, ErrUserNotFound.New(user, d.TenantAlias)
}

// deviceConsent works out what the code asks of user in tenant t.
func (p *Provider) deviceConsent(d *DeviceAuthorization, t *TenantView, u *User) (DeviceConsent, error) {
	app, err := t.ConsentableApp(d.ClientID, u) // a multi-tenant app: consent brings it in
	if err != nil {
		return DeviceConsent{}, err
	}
	set, rs, err := p.userResource(UserGrant{Tenant: t, Scope: d.Scope, Resource: d.Resource, V1: d.V1})
	if err == nil {
		// Entra refuses an unregistered resource once the user signed in.
		err = CheckRequestedResources(t, app, ScopeSet{Resources: []ResourceScopes{rs}})
	}
	if err != nil {
		return DeviceConsent{}, err
	}
	return DeviceConsent{Device: d.snapshot(), App: app, Tenant: t, User: u, Resource: rs.Resource,
		ResourceID: rs.ResourceID, Items: p.ConsentNeeded(t, app, set, u, true),
		Missing: app.MissingConsent(rs, u)}, nil
}

// TenantWithApp is the first tenant of the cloud, in seed order, that
// registers clientID.
func (p *Provider) TenantWithApp(cloud, clientID string) (*TenantView, bool) {
	for _, t := range p.dir.Load().cloudTenants(cloud) {
		if _, ok := t.App(clientID); ok {
			return t, true
		}
	}
	return nil, false
}
