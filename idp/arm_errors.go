package idp

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ARMError is an answer of Azure Resource Manager in its own error shape
// ({"error":{"code","message"}}), not Entra's. Challenge is set on 401s:
// the error_description of the WWW-Authenticate header ARM adds.
type ARMError struct {
	Status    int
	Code      string
	Message   string
	Challenge string
	// Claims, on a CAE rejection, is the base64 claims value the
	// challenge carries with error="insufficient_claims".
	Claims string
}

func (e *ARMError) Error() string { return e.Code + ": " + e.Message }

// The ARM error catalogue: codes, statuses and wording as ARM sends them.
func armErr(status int, code, format string, args ...any) *ARMError {
	return &ARMError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func armAuthErr(code, challenge, format string, args ...any) *ARMError {
	e := armErr(http.StatusUnauthorized, code, format, args...)
	e.Challenge = challenge
	if challenge == "" {
		e.Challenge = e.Message
	}
	return e
}

// ARMMissingAuthorization is the answer to a request without a token.
func ARMMissingAuthorization() *ARMError {
	return armAuthErr("AuthenticationFailed", "The authentication failed because of missing 'Authorization' header.",
		"Authentication failed. The 'Authorization' header is missing.")
}

// ARMMalformedAuthorization answers an Authorization header that is not
// "Bearer <token>".
func ARMMalformedAuthorization() *ARMError {
	return armAuthErr("AuthenticationFailed", "The authentication failed because of invalid 'Authorization' header.",
		"Authentication failed. The 'Authorization' header is provided in an invalid format.")
}

// ARMInvalidToken answers a token ARM cannot validate (format, signature,
// issuer).
func ARMInvalidToken() *ARMError {
	return armAuthErr("InvalidAuthenticationToken", "", "The access token is invalid.")
}

// ARMWrongAudience answers a token for another resource.
func ARMWrongAudience(aud string, allowed []string) *ARMError {
	return armAuthErr("InvalidAuthenticationTokenAudience", "",
		"The access token has been obtained for wrong audience or resource '%s'. It should exactly match with one of the allowed audiences %s.",
		aud, quoteList(allowed))
}

// ARMWrongTenant answers a valid token of a tenant the subscription does
// not trust.
func ARMWrongTenant(tokenIssuer, subIssuer, authority string) *ARMError {
	return armAuthErr("InvalidAuthenticationTokenTenant", "",
		"The access token is from the wrong issuer '%s'. It must match the tenant '%s' associated with this subscription. Please use the authority (URL) '%s' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.",
		tokenIssuer, subIssuer, authority)
}

// ARMSessionRevoked answers a CAE-capable token issued before the user's
// sessions were revoked: a claims challenge the client answers with a new
// token (claims is the challenge's encoded claims value).
func ARMSessionRevoked(claims string) *ARMError {
	e := armAuthErr("InvalidAuthenticationToken", "", "%s", CAERevokedMessage)
	e.Claims = claims
	return e
}

// armTime is .NET's general date/time pattern in the invariant culture,
// which ARM's expiry message uses.
const armTime = "1/2/2006 3:04:05 PM"

// ARMExpiredToken answers a token past its expiry.
func ARMExpiredToken(exp, now time.Time) *ARMError {
	return armAuthErr("ExpiredAuthenticationToken", "",
		"The access token expiry UTC time '%s' is earlier than current UTC time '%s'.",
		exp.UTC().Format(armTime), now.UTC().Format(armTime))
}

// ARMTokenNotYetValid answers a token used before its nbf.
func ARMTokenNotYetValid(nbf, now time.Time) *ARMError {
	return armAuthErr("InvalidAuthenticationToken", "",
		"The access token validity start UTC time '%s' is later than current UTC time '%s'.",
		nbf.UTC().Format(armTime), now.UTC().Format(armTime))
}

// ARMAuthorizationFailed answers a caller without a role that allows
// action at scope.
func ARMAuthorizationFailed(client, objectID, action, scope string) *ARMError {
	return armErr(http.StatusForbidden, "AuthorizationFailed",
		"The client '%s' with object id '%s' does not have authorization to perform action '%s' over scope '%s' or the scope is invalid. If access was recently granted, please refresh your credentials.",
		client, objectID, action, scope)
}

// ARMSubscriptionNotFound answers an unknown subscription.
func ARMSubscriptionNotFound(id string) *ARMError {
	return armErr(http.StatusNotFound, "SubscriptionNotFound", "The subscription '%s' could not be found.", id)
}

// ARMResourceGroupNotFound answers an unknown resource group.
func ARMResourceGroupNotFound(name string) *ARMError {
	return armErr(http.StatusNotFound, "ResourceGroupNotFound", "Resource group '%s' could not be found.", name)
}

// ARMMissingAPIVersion answers a request without api-version.
func ARMMissingAPIVersion() *ARMError {
	return armErr(http.StatusBadRequest, "MissingApiVersionParameter",
		"The api-version query parameter (?api-version=) is required for all requests.")
}

// ARMInvalidAPIVersion answers an api-version the resource type lacks.
func ARMInvalidAPIVersion(v string, supported []string) *ARMError {
	return armErr(http.StatusBadRequest, "InvalidApiVersionParameter",
		"The api-version '%s' is invalid. The supported versions are '%s'.", v, strings.Join(supported, ","))
}

// ARMInvalidGroupName answers a resource group name ARM does not allow.
func ARMInvalidGroupName(name string) *ARMError {
	return armErr(http.StatusBadRequest, "InvalidResourceGroup",
		"The provided resource group name '%s' has these invalid characters: '%s'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'.",
		name, invalidGroupChars(name))
}

// ARMLocationRequired answers a resource group body without location.
func ARMLocationRequired() *ARMError {
	return armErr(http.StatusBadRequest, "LocationRequired", "The location property is required for this definition.")
}

// ARMGroupLocationConflict answers a PUT that would move a group.
func ARMGroupLocationConflict(location, existing string) *ARMError {
	return armErr(http.StatusConflict, "InvalidResourceGroupLocation",
		"Invalid resource group location '%s'. The Resource group already exists in location '%s'.", location, existing)
}

// ARMInvalidBody answers a request body that is not the JSON expected.
func ARMInvalidBody(detail string) *ARMError {
	return armErr(http.StatusBadRequest, "InvalidRequestContent",
		"The request content was invalid and could not be deserialized: '%s'.", detail)
}

// ARMInvalidFilter answers a $filter mockidp's ARM does not support.
func ARMInvalidFilter(filter string) *ARMError {
	return armErr(http.StatusBadRequest, "UnsupportedQuery", "The filter '%s' is not supported. Supported filters are 'atScope()', 'principalId eq {id}' and 'assignedTo({id})'.", filter)
}

// ARMNoRoute answers a path ARM has no resource for.
func ARMNoRoute(path string) *ARMError {
	return armErr(http.StatusNotFound, "NoRegisteredProviderFound",
		"No registered resource provider found for the request path '%s'.", path)
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = "'" + s + "'"
	}
	return strings.Join(q, ",")
}

func invalidGroupChars(name string) string {
	var bad strings.Builder
	for _, r := range name {
		if !validGroupRune(r) && !strings.ContainsRune(bad.String(), r) {
			bad.WriteRune(r)
		}
	}
	return bad.String()
}

// ARMInvalidQuery answers a query parameter value ARM cannot use.
func ARMInvalidQuery(name, value string) *ARMError {
	return armErr(http.StatusBadRequest, "InvalidQueryParameterValue",
		"The value '%s' of query parameter '%s' is invalid.", value, name)
}

// ARMSubscriptionReadOnly answers a write to a subscription that is not
// enabled.
func ARMSubscriptionReadOnly(id, state string) *ARMError {
	return armErr(http.StatusConflict, "ReadOnlyDisabledSubscription",
		"The subscription '%s' is %s and therefore marked as read only. You cannot perform any write actions on this subscription until it is re-enabled.",
		id, strings.ToLower(state))
}

// ARMLocationNotAvailable answers a resource group in an unknown region.
func ARMLocationNotAvailable(location, available string) *ARMError {
	return armErr(http.StatusBadRequest, "LocationNotAvailableForResourceGroup",
		"The provided location '%s' is not available for resource group. List of available regions is '%s'.", location, available)
}
