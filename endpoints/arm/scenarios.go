package arm

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// Scenarios on Azure Resource Manager: requests to a management host are
// of kind "arm", match on the caller their bearer token names, and faults
// answer in ARM's error shape rather than Entra's.

// Describe describes an ARM request for matching: the cloud of the
// management host, and tenant, client and user from the bearer token's
// claims (unverified: a fault may be meant for a bad token too).
func Describe(cloud *clouds.Cloud) func(c echo.Context) scenarios.Request {
	return func(c echo.Context) scenarios.Request { return armDescribe(cloud, c) }
}

func armDescribe(cloud *clouds.Cloud, c echo.Context) scenarios.Request {
	r := c.Request()
	req := scenarios.Request{Endpoint: scenarios.EndpointARM, Path: r.URL.Path, Cloud: cloud.Name}
	claims, ok := unverifiedClaims(r.Header.Get(echo.HeaderAuthorization))
	if !ok {
		return req
	}
	if claims.Tid != "" {
		req.Tenants = []string{claims.Tid}
	}
	req.ClientID = claims.AppID
	if req.ClientID == "" {
		req.ClientID = claims.Azp
	}
	req.User = claims.Upn
	if claims.Idtyp != "app" && req.User == "" {
		req.User = claims.UniqueName
	}
	req.Scope = claims.Aud
	return req
}

// unverifiedClaims decodes a bearer token's payload without checking it.
func unverifiedClaims(authorization string) (*idp.AccessClaims, bool) {
	scheme, tok, _ := strings.Cut(strings.TrimSpace(authorization), " ")
	var claims idp.AccessClaims
	if !strings.EqualFold(scheme, "Bearer") || idp.DecodeUnverifiedJWT(tok, nil, &claims) != nil {
		return nil, false
	}
	return &claims, true
}

// armScenarioError is the ARM error an error action asks for: its code
// and message when given, else those ARM uses for the status.
func armScenarioError(ea *scenarios.ErrorAction) *idp.ARMError {
	status := ea.Status
	if status == 0 {
		status = scenarios.DefaultStatus
	}
	e := armStatusError(status)
	if ea.Code != "" {
		e.Code = ea.Code
	}
	if ea.Message != "" {
		e.Message = ea.Message
	}
	if status == http.StatusUnauthorized {
		e.Challenge = e.Message
	}
	return e
}

// armStatusError is ARM's answer with an HTTP error status: throttling
// and gateway errors worded as ARM words them.
func armStatusError(status int) *idp.ARMError {
	e := &idp.ARMError{Status: status, Code: strings.ReplaceAll(http.StatusText(status), " ", ""),
		Message: "The request was refused by a mockidp scenario."}
	switch status {
	case http.StatusTooManyRequests:
		e.Code = "TooManyRequests"
		e.Message = "The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, refer to - https://aka.ms/srpthrottlinglimits"
	case http.StatusInternalServerError:
		e.Message = "Encountered internal server error."
	case http.StatusServiceUnavailable:
		e.Message = "The service is unavailable. Please retry the request."
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		e.Message = "The gateway did not receive a response from 'Microsoft.Resources' within the specified time period."
	case http.StatusUnauthorized:
		e.Code = "AuthenticationFailed"
		e.Message = "Authentication failed."
		e.Challenge = e.Message
	}
	if e.Code == "" {
		e.Code = "BadRequest"
	}
	return e
}
