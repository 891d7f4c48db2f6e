package idp

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// checkSignInPolicy applies the directory's state to a user token
// request: a disabled user (50057), MFA required and not done (50076 with a
// claims challenge), and Conditional Access blocks (53003).
func (p *Grants) checkSignInPolicy(t *TenantView, client *AppView, user *User, amr []string, resource *AppView, resourceID string) error {
	if user.Disabled {
		return ErrUserDisabled.New()
	}
	if user.RequireMFA && !slices.Contains(amr, "mfa") {
		return ErrMFARequired.New(resourceID).WithClaims(mfaClaims(t.ID, user.ObjectID))
	}
	for _, pol := range t.ConditionalAccess {
		if policyCovers(pol, client, user, resource) {
			return ErrBlockedByCA.New()
		}
	}
	return nil
}

// mfaClaims is the claims challenge Entra attaches to 50076: the IDs of
// the policies that asked for MFA (a stable mockidp-made ID here).
func mfaClaims(tenantID, userID string) string {
	return `{"access_token":{"capolids":{"essential":true,"values":["` + DerivedGUID(tenantID, userID, "mfa-policy") + `"]}}}`
}

func policyCovers(pol BlockPolicy, client *AppView, user *User, resource *AppView) bool {
	userOK := len(pol.Users) == 0 || containsFold(pol.Users, user.ObjectID) || containsFold(pol.Users, user.UserPrincipalName)
	clientOK := len(pol.ClientIDs) == 0 || containsFold(pol.ClientIDs, client.ClientID)
	resOK := len(pol.Resources) == 0
	for _, r := range pol.Resources {
		resOK = resOK || (resource != nil && resourceMatches(resource, r))
	}
	return userOK && clientOK && resOK
}

// checkRefreshRevoked is AADSTS50173 for a grant issued before the user's
// TokensValidFrom, with both dates in Entra's seven-digit form.
func (p *Grants) checkRefreshRevoked(g *RefreshGrant) error {
	t, ok := p.directory.TenantByID(g.TenantID)
	if !ok {
		return ErrRefreshTokenInvalid.New()
	}
	u, ok := t.User(g.UserID)
	if !ok {
		return ErrUserNotFound.New(g.UserID, t.DefaultDomain())
	}
	if revoked(u, g.IssuedAt) {
		return ErrRefreshTokenRevoked.New(grantTime(g.IssuedAt), grantTime(u.TokensValidFrom))
	}
	return nil
}

// ClaimsRequest is what mockidp reads from a token request's claims
// parameter: client capabilities (xms_cc, "cp1" for CAE), the earliest
// nbf a resource's challenge demands, and a demand for a stronger
// sign-in: the Conditional Access policies of a 50076 challenge
// (capolids), authentication contexts (acrs) or amr "mfa". mockidp meets
// every such demand with MFA.
type ClaimsRequest struct {
	Capabilities []string
	NotBefore    time.Time
	// Acrs are the authentication-context values asked for as essential;
	// a token issued after MFA carries them in acrs.
	Acrs []string
	// StepUp says the request asks for MFA.
	StepUp bool
}

// ParseClaimsRequest reads the claims parameter; "" is an empty request.
func ParseClaimsRequest(s string) (ClaimsRequest, error) {
	var out ClaimsRequest
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	var req struct {
		AccessToken map[string]json.RawMessage `json:"access_token"`
		IDToken     map[string]json.RawMessage `json:"id_token"`
	}
	if err := json.Unmarshal([]byte(s), &req); err != nil {
		return out, fmt.Errorf("claims parameter is not a JSON claims request: %w", err)
	}
	var cc struct {
		Values []string `json:"values"`
	}
	if raw, ok := req.AccessToken["xms_cc"]; ok && json.Unmarshal(raw, &cc) == nil {
		out.Capabilities = cc.Values
	}
	out.Acrs, out.StepUp = stepUpOf(req.AccessToken, req.IDToken)
	var nbf struct {
		Value json.RawMessage `json:"value"`
	}
	if raw, ok := req.AccessToken["nbf"]; ok && json.Unmarshal(raw, &nbf) == nil {
		v := strings.Trim(string(nbf.Value), `"`)
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
			out.NotBefore = time.Unix(secs, 0)
		}
	}
	return out, nil
}

// claimRequest is one claim of a claims request: {"essential":true,
// "value":…} or {"values":[…]}.
type claimRequest struct {
	Essential bool            `json:"essential"`
	Value     json.RawMessage `json:"value"`
	Values    []string        `json:"values"`
}

func (r claimRequest) all() []string {
	var v string
	if json.Unmarshal(r.Value, &v) == nil && v != "" {
		return append([]string{v}, r.Values...)
	}
	return r.Values
}

// stepUpOf reads the demands for a stronger sign-in from the access and ID
// token parts of a claims request: essential capolids or acrs (their
// values are the acrs to issue), or amr values naming mfa.
func stepUpOf(parts ...map[string]json.RawMessage) (acrs []string, stepUp bool) {
	for _, part := range parts {
		if r, ok := claimOf(part, "capolids"); ok && r.Essential {
			stepUp = true
		}
		if r, ok := claimOf(part, "acrs"); ok && r.Essential {
			for _, v := range r.all() {
				acrs, stepUp = appendUnique(acrs, v), true
			}
		}
		if r, ok := claimOf(part, "amr"); ok && slices.Contains(r.all(), AMRMFA) {
			stepUp = true
		}
	}
	return acrs, stepUp
}

// claimOf decodes one claim of a claims-request part, each into its own
// value so no field of one claim carries over to the next.
func claimOf(part map[string]json.RawMessage, name string) (claimRequest, bool) {
	var r claimRequest
	raw, ok := part[name]
	return r, ok && json.Unmarshal(raw, &r) == nil
}

// applyClaims puts the client's capabilities in the token (resources
// challenge only CAE-capable clients), the authentication contexts a
// satisfied step-up asked for, and keeps nbf at or after the challenge's
// demand.
func applyClaims(c *AccessClaims, cr ClaimsRequest) {
	if len(cr.Capabilities) > 0 {
		c.XmsCC = cr.Capabilities
	}
	if len(cr.Acrs) > 0 {
		c.Acrs = cr.Acrs
	}
	if !cr.NotBefore.IsZero() && c.Nbf < cr.NotBefore.Unix() {
		c.Nbf = cr.NotBefore.Unix()
	}
}
