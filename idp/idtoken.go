package idp

import (
	"crypto/sha256"
	"encoding/base64"
)

// IDClaims are the claims of an ID token, in Entra's order.
type IDClaims struct {
	Aud               string   `json:"aud"`
	Iss               string   `json:"iss"`
	Iat               int64    `json:"iat"`
	Nbf               int64    `json:"nbf"`
	Exp               int64    `json:"exp"`
	Aio               string   `json:"aio,omitempty"`
	Amr               []string `json:"amr,omitempty"`
	AtHash            string   `json:"at_hash,omitempty"`
	CHash             string   `json:"c_hash,omitempty"`
	Email             string   `json:"email,omitempty"`
	FamilyName        string   `json:"family_name,omitempty"`
	GivenName         string   `json:"given_name,omitempty"`
	Name              string   `json:"name,omitempty"`
	Nonce             string   `json:"nonce,omitempty"`
	Oid               string   `json:"oid,omitempty"`
	PreferredUsername string   `json:"preferred_username,omitempty"`
	Rh                string   `json:"rh,omitempty"`
	Sid               string   `json:"sid,omitempty"`
	Sub               string   `json:"sub"`
	Tid               string   `json:"tid"`
	UniqueName        string   `json:"unique_name,omitempty"`
	Upn               string   `json:"upn,omitempty"`
	Uti               string   `json:"uti"`
	Ver               string   `json:"ver"`
}

// IDTokenSpec describes an ID token. Its version follows the endpoint the
// client used, not the resource.
type IDTokenSpec struct {
	Site    Site
	Tenant  *TenantView
	Client  *AppView
	SignIn  SignIn
	Version int
	// Nonce is echoed only when the authorize request sent one: msal-node
	// rejects a nonce it did not send.
	Nonce string
	// Code and AccessToken, when set, add c_hash and at_hash.
	Code, AccessToken string
	// Email adds the email claim (the email scope).
	Email bool
}

// MintIDToken signs an ID token; aud is always a single string (msal-go
// cannot read an array) and preferred_username and tid are always present
// (Azure CLI needs them).
func (p *Provider) MintIDToken(s IDTokenSpec) (string, error) {
	u := s.SignIn.User
	o := p.opaqueClaims()
	c := &IDClaims{
		Aud: s.Client.ClientID, Iss: s.Site.Issuer(s.Version, s.Tenant.ID), Aio: o.aio,
		AtHash: halfHash(s.AccessToken), CHash: halfHash(s.Code), Name: u.DisplayName, Nonce: s.Nonce,
		Oid: u.ObjectID, PreferredUsername: u.UserPrincipalName, Rh: o.rh, Sid: s.SignIn.SessionID,
		Sub: PairwiseSubject(u.ObjectID, s.Client.ClientID), Tid: s.Tenant.ID, Uti: o.uti, Ver: "2.0",
	}
	if s.Email {
		c.Email = u.Mail
	}
	if s.Version != 2 {
		c.Ver, c.Amr = "1.0", s.SignIn.AMR
		c.FamilyName, c.GivenName, c.UniqueName, c.Upn = u.Surname, u.GivenName, u.UserPrincipalName, u.UserPrincipalName
	}
	key, ok := p.keys.Signer(s.Site.Cloud.Name)
	if !ok {
		return "", ErrServer.New()
	}
	_, nbf, exp := p.tokenTimes(s.Client.ClientID, idTokenLifetime)
	c.Iat, c.Nbf, c.Exp = nbf.Unix(), nbf.Unix(), exp.Unix()
	tok, err := signJWT(key, 2, c)
	if err != nil {
		return "", ErrServer.New().Wrap(err)
	}
	return tok, nil
}

// halfHash is the OIDC c_hash/at_hash: base64url of the left half of the
// SHA-256 of the value; "" for "".
func halfHash(v string) string {
	if v == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(v))
	return base64.RawURLEncoding.EncodeToString(sum[:16])
}
