package idp

// AccessClaims are the claims of a v1.0 or v2.0 access token. Fields are in
// Entra's order (aud, iss, iat, nbf, exp, then alphabetical); version
// specific ones are empty in the other version and omitted.
type AccessClaims struct {
	Aud               string   `json:"aud"`
	Iss               string   `json:"iss"`
	Iat               int64    `json:"iat"`
	Nbf               int64    `json:"nbf"`
	Exp               int64    `json:"exp"`
	Acr               string   `json:"acr,omitempty"`
	Acrs              []string `json:"acrs,omitempty"`
	Aio               string   `json:"aio,omitempty"`
	Amr               []string `json:"amr,omitempty"`
	AppID             string   `json:"appid,omitempty"`
	AppIDAcr          string   `json:"appidacr,omitempty"`
	Azp               string   `json:"azp,omitempty"`
	AzpAcr            string   `json:"azpacr,omitempty"`
	FamilyName        string   `json:"family_name,omitempty"`
	GivenName         string   `json:"given_name,omitempty"`
	Idp               string   `json:"idp,omitempty"`
	Idtyp             string   `json:"idtyp,omitempty"`
	Name              string   `json:"name,omitempty"`
	Oid               string   `json:"oid,omitempty"`
	PreferredUsername string   `json:"preferred_username,omitempty"`
	Rh                string   `json:"rh,omitempty"`
	Roles             []string `json:"roles,omitempty"`
	Scp               string   `json:"scp,omitempty"`
	Sid               string   `json:"sid,omitempty"`
	Sub               string   `json:"sub"`
	Tid               string   `json:"tid"`
	UniqueName        string   `json:"unique_name,omitempty"`
	Upn               string   `json:"upn,omitempty"`
	Uti               string   `json:"uti"`
	Ver               string   `json:"ver"`
	Wids              []string `json:"wids,omitempty"`
	XmsCC             []string `json:"xms_cc,omitempty"`
	XmsMirid          string   `json:"xms_mirid,omitempty"`
	XmsAzRid          string   `json:"xms_az_rid,omitempty"`
}

// TokenVersion returns 2 for "2.0" tokens and 1 otherwise.
func (c *AccessClaims) TokenVersion() int {
	if c.Ver == "2.0" {
		return 2
	}
	return 1
}

// ClientID is the client the token was issued to: appid in v1 tokens,
// azp in v2 tokens.
func (c *AccessClaims) ClientID() string {
	if c.AppID != "" {
		return c.AppID
	}
	return c.Azp
}
