package idp

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// userAssertionClaims are the claims of an incoming user access token that
// on-behalf-of reads.
type userAssertionClaims struct {
	Aud   string   `json:"aud"`
	Iss   string   `json:"iss"`
	Iat   int64    `json:"iat"`
	Exp   int64    `json:"exp"`
	Scp   string   `json:"scp"`
	Oid   string   `json:"oid"`
	Tid   string   `json:"tid"`
	Sid   string   `json:"sid"`
	Amr   []string `json:"amr"`
	Idtyp string   `json:"idtyp"`
}

// VerifyUserAssertion checks the access token a middle-tier API presents
// for on-behalf-of, as Entra does: signed by this cloud's keys (50013),
// issued by the tenant, not expired on the mock clock (500133), addressed
// to the calling app (50013), and a delegated user token. It returns the
// tenant and the user's sign-in. t may be nil on /common, where the
// token's tid names the tenant.
func (p *Grants) VerifyUserAssertion(site Site, t *TenantView, caller string, assertion string) (*TenantView, SignIn, error) {
	c, err := p.parseAssertion(site, assertion)
	if err != nil {
		return nil, SignIn{}, err
	}
	if t == nil {
		var ok bool
		if t, ok = p.directory.TenantByID(c.Tid); !ok || t.Cloud != site.Cloud {
			return nil, SignIn{}, ErrOBOSignature.New()
		}
	}
	switch {
	case !equalFold(c.Tid, t.ID) || (c.Iss != site.V1Issuer(t.ID) && c.Iss != site.V2Issuer(t.ID)):
		return nil, SignIn{}, ErrOBOSignature.New()
	case !p.clock.Now().Before(time.Unix(c.Exp, 0)):
		return nil, SignIn{}, ErrOBOExpired.New(grantTime(p.clock.Now()), grantTime(time.Unix(c.Exp, 0)))
	case c.Scp == "" || c.Oid == "" || c.Idtyp == "app":
		return nil, SignIn{}, ErrOBONotUserToken.New()
	}
	app, err := p.directory.FindClient(t, caller)
	if err != nil {
		return nil, SignIn{}, err
	}
	if !resourceMatches(app, c.Aud) {
		return nil, SignIn{}, ErrOBOAudience.New(c.Aud, app.ClientID, app.ClientID, app.DisplayName)
	}
	u, ok := t.User(c.Oid)
	if !ok {
		return nil, SignIn{}, ErrUserNotFound.New(c.Oid, t.DefaultDomain())
	}
	amr := c.Amr
	if len(amr) == 0 {
		amr = []string{"pwd"}
	}
	return t, SignIn{User: u, SessionID: c.Sid, AuthTime: time.Unix(c.Iat, 0).Add(issueSkew), AMR: amr}, nil
}

// parseAssertion verifies the signature with the cloud's published keys
// and decodes the claims; time is checked by the caller on the mock clock.
func (p *Grants) parseAssertion(site Site, assertion string) (*userAssertionClaims, error) {
	if strings.Count(assertion, ".") != 2 {
		return nil, ErrOBONotUserToken.New()
	}
	var mc jwt.MapClaims
	_, err := jwt.ParseWithClaims(assertion, &mc, func(tok *jwt.Token) (any, error) {
		kid, _ := tok.Header["kid"].(string)
		for _, k := range p.keys.Published(site.Cloud.Name) {
			if k.ID == kid {
				return &k.Key.PublicKey, nil
			}
		}
		return nil, errors.New("unknown kid")
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation())
	if err != nil {
		return nil, ErrOBOSignature.New().Wrap(err)
	}
	raw, err := json.Marshal(mc)
	if err != nil {
		return nil, ErrOBONotUserToken.New().Wrap(err)
	}
	var c userAssertionClaims
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, ErrOBONotUserToken.New().Wrap(err)
	}
	return &c, nil
}
