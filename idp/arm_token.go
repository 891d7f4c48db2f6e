package idp

import (
	"strings"
	"time"

	"github.com/mockidp/mockidp/clouds"
)

// ResourceCaller is who a validated resource access token names.
type ResourceCaller struct {
	Claims *AccessClaims
	Tenant *TenantView
	// Directory is the snapshot the token was checked against: the
	// request's subscriptions and roles come from it too.
	Directory Directory
	// ObjectID is the oid: a user's or service principal's object ID.
	ObjectID string
	// Client is how ARM names the caller in messages: the UPN of a user,
	// the application ID of an app.
	Client string
}

// ARMTokenCheck is what Azure Resource Manager of cloud c accepts: its
// ARM audiences, and issuers rooted at any base URL mockidp issues from
// (managed-identity tokens come from listeners ARM never sees).
func ARMTokenCheck(c *clouds.Cloud) TokenCheck {
	return TokenCheck{Cloud: c, Audiences: armAudiences(c), IssuerBaseOK: AnyIssuerBase}
}

// ValidateARMToken checks an Authorization header as Azure Resource
// Manager of cloud c does (ValidateBearer with ARMTokenCheck) and words a
// rejection as ARM does.
func (p *Provider) ValidateARMToken(c *clouds.Cloud, authorization string) (*ResourceCaller, *ARMError) {
	chk := ARMTokenCheck(c)
	v, te := p.ValidateBearer(authorization, chk)
	if te != nil {
		return nil, armTokenError(te, chk.Audiences)
	}
	if v.Claims.Oid == "" {
		return nil, ARMInvalidToken() // ARM authorizes by object ID
	}
	return &ResourceCaller{Claims: v.Claims, Tenant: v.Tenant, Directory: v.Directory, ObjectID: v.Claims.Oid,
		Client: callerName(v.Claims)}, nil
}

// armTokenError maps a validation failure to ARM's answer.
func armTokenError(te *TokenError, audiences []string) *ARMError {
	switch te.Problem {
	case TokenEmpty:
		return ARMMissingAuthorization()
	case TokenNotBearer:
		return ARMMalformedAuthorization()
	case TokenBadAudience:
		return ARMWrongAudience(te.Claims.Aud, audiences)
	case TokenExpired:
		return ARMExpiredToken(time.Unix(te.Claims.Exp, 0), te.Now)
	case TokenNotYetValid:
		return ARMTokenNotYetValid(time.Unix(te.Claims.Nbf, 0), te.Now)
	}
	return ARMInvalidToken()
}

// armAudiences are the cloud's ARM audiences with and without their
// trailing slash, in the order ARM lists them.
func armAudiences(c *clouds.Cloud) []string {
	var out []string
	for _, a := range c.ARMAudiences {
		trimmed := strings.TrimRight(a, "/")
		out = append(out, trimmed+"/", trimmed)
	}
	return out
}

// callerName is the user's UPN, or the app's client ID.
func callerName(c *AccessClaims) string {
	switch {
	case c.Upn != "":
		return c.Upn
	case c.UniqueName != "" && c.Idtyp != "app":
		return c.UniqueName
	case c.AppID != "":
		return c.AppID
	}
	return c.Azp
}
