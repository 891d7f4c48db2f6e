package arm

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/aad"
	"github.com/mockidp/mockidp/endpoints/cae"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

const (
	ctxARMCloud  = "mockidp.arm.cloud"
	ctxARMCaller = "mockidp.arm.caller"
)

// API versions ARM accepts per resource type (newest first, as ARM lists
// them in InvalidApiVersionParameter).
var (
	resourcesAPIVersions = []string{"2024-08-01", "2024-06-01-preview", "2024-03-01", "2023-07-01",
		"2023-07-01-preview", "2023-03-01-preview", "2022-12-01", "2022-11-01-preview", "2022-09-01",
		"2022-06-01", "2022-05-01", "2022-03-01-preview", "2022-01-01", "2021-04-01", "2021-01-01",
		"2020-10-01", "2020-09-01", "2020-08-01", "2020-07-01", "2020-06-01", "2020-05-01", "2020-01-01",
		"2019-11-01", "2019-10-01", "2019-09-01", "2019-08-01", "2019-07-01", "2019-06-01", "2019-05-10",
		"2019-05-01", "2019-03-01", "2018-11-01", "2018-09-01", "2018-08-01", "2018-07-01", "2018-06-01",
		"2018-05-01", "2018-02-01", "2018-01-01", "2017-12-01", "2017-08-01", "2017-06-01", "2017-05-10",
		"2017-05-01", "2017-03-01", "2016-09-01", "2016-07-01", "2016-06-01", "2016-02-01", "2015-11-01",
		"2015-01-01", "2014-04-01-preview", "2014-04-01", "2014-01-01"}
	authorizationAPIVersions = []string{"2022-04-01", "2022-01-01-preview", "2020-10-01-preview",
		"2020-08-01-preview", "2020-04-01-preview", "2020-03-01-preview", "2018-09-01-preview",
		"2018-01-01-preview", "2017-10-01-preview", "2015-07-01", "2015-06-01", "2015-05-01-preview",
		"2014-10-01-preview", "2014-07-01-preview", "2014-04-01-preview"}
	metadataAPIVersions = []string{"2022-09-01", "2020-06-01", "2019-05-01", "2018-01-01", "2015-01-01"}
)

// Handler serves Azure Resource Manager's stand-in.
type Handler struct {
	IDP *idp.Provider
}

// Hosts are the names a cloud's ARM answers on: its management host,
// with and without the default port.
func Hosts(c *clouds.Cloud) []string {
	return []string{c.ManagementHost(), c.ManagementHost() + ":443"}
}

// Mount adds ARM's routes to g, the routes of one management host.
func (h *Handler) Mount(g *web.Routes) {
	res, authz := apiVersion(resourcesAPIVersions), apiVersion(authorizationAPIVersions)
	g.GET("/metadata/endpoints", h.armMetadata, apiVersion(metadataAPIVersions))
	g.GET("/tenants", h.armTenants, res, h.armAuth)
	g.GET("/subscriptions", h.armSubscriptions, res, h.armAuth)
	g.GET("/subscriptions/:sub", h.armSubscription, res, h.armAuth)
	g.GET("/subscriptions/:sub/locations", h.armLocations, res, h.armAuth)
	for _, rgs := range []string{"resourcegroups", "resourceGroups", "ResourceGroups"} {
		base := "/subscriptions/:sub/" + rgs
		g.GET(base, h.armListGroups, res, h.armAuth)
		g.GET(base+"/:rg", h.armGetGroup, res, h.armAuth)
		g.HEAD(base+"/:rg", h.armGetGroup, res, h.armAuth)
		g.PUT(base+"/:rg", h.armPutGroup, res, h.armAuth)
		g.DELETE(base+"/:rg", h.armDeleteGroup, res, h.armAuth)
		for _, ra := range roleAssignmentPaths {
			g.GET(base+"/:rg"+ra, h.armRoleAssignments, authz, h.armAuth)
		}
	}
	for _, ra := range roleAssignmentPaths {
		g.GET("/subscriptions/:sub"+ra, h.armRoleAssignments, authz, h.armAuth)
	}
	g.NotFound("/*", armNoRoute)
}

var roleAssignmentPaths = []string{"/providers/Microsoft.Authorization/roleAssignments",
	"/providers/microsoft.authorization/roleassignments"}

// Context records the cloud of the management host the routes are
// mounted on, and sets the headers ARM puts on every answer.
func Context(c *clouds.Cloud) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(ec echo.Context) error {
			ec.Set(ctxARMCloud, c)
			web.TraceHeaders(ec)
			h := ec.Response().Header()
			trace := web.Trace(ec)
			corr := ec.Request().Header.Get("x-ms-correlation-request-id")
			if corr == "" {
				corr = web.Correlation(ec)
			}
			h.Set("x-ms-correlation-request-id", corr)
			h.Set("x-ms-routing-request-id", "MOCKIDP:"+strings.ReplaceAll(trace, "-", ""))
			h.Set("Cache-Control", "no-cache")
			h.Set("Pragma", "no-cache")
			h.Set("Expires", "-1")
			return next(ec)
		}
	}
}

// apiVersion rejects requests without a supported api-version, before
// authentication, as ARM does.
func apiVersion(supported []string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			v := c.QueryParam("api-version")
			switch {
			case v == "":
				return armFail(idp.ARMMissingAPIVersion())
			case !slices.Contains(supported, strings.ToLower(v)):
				return armFail(idp.ARMInvalidAPIVersion(v, supported))
			}
			return next(c)
		}
	}
}

// armAuth validates the bearer token for the request's cloud.
func (h *Handler) armAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		caller, err := h.IDP.ValidateARMToken(armCloud(c), c.Request().Header.Get(echo.HeaderAuthorization))
		if err != nil {
			return armFail(err)
		}
		if at, revoked := cae.Revoked(caller.Tenant, caller.Claims, cae.Users); revoked {
			return armFail(idp.ARMSessionRevoked(cae.Claims(at.Unix())))
		}
		c.Set(ctxARMCaller, caller)
		web.Note(c).Tenant = caller.Tenant.ID
		web.Note(c).Client = caller.Client
		return next(c)
	}
}

func armCloud(c echo.Context) *clouds.Cloud        { return c.Get(ctxARMCloud).(*clouds.Cloud) }
func armCaller(c echo.Context) *idp.ResourceCaller { return c.Get(ctxARMCaller).(*idp.ResourceCaller) }

func armNoRoute(c echo.Context) error { return armFail(idp.ARMNoRoute(c.Request().URL.Path)) }

// armError renders an ARM error in ARM's shape.
type armError struct{ *idp.ARMError }

func armFail(e *idp.ARMError) error { return armError{e} }

// Render writes {"error":{"code","message"}}; 401s carry ARM's bearer
// challenge and 401/403 the failure cause.
func (e armError) Render(c echo.Context) error {
	h := c.Response().Header()
	if e.Status == http.StatusUnauthorized {
		cloud, _ := c.Get(ctxARMCloud).(*clouds.Cloud)
		h.Set(echo.HeaderWWWAuthenticate, armChallenge(cloud, e.ARMError))
	}
	if e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden {
		h.Set("x-ms-failure-cause", "gateway")
	}
	type body struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	return web.WriteJSON(c, e.Status, map[string]body{"error": {e.Code, e.Message}})
}

// armChallenge is ARM's WWW-Authenticate: invalid_token, or on a CAE
// rejection insufficient_claims with the claims in the encoding the Graph
// resource uses, which azcore's bearer-token policy answers with a new
// token.
func armChallenge(cloud *clouds.Cloud, e *idp.ARMError) string {
	code := "invalid_token"
	if e.Claims != "" {
		code = "insufficient_claims"
	}
	ch := `Bearer authorization_uri="` + armAuthorizationURI(cloud) + `", error="` + code + `", error_description="` + e.Challenge + `"`
	if e.Claims != "" {
		ch += `, claims="` + e.Claims + `"`
	}
	return ch
}

// armAuthorizationURI is the authority ARM names in its challenges: the
// public cloud still names login.windows.net.
func armAuthorizationURI(c *clouds.Cloud) string {
	if c == nil || c == clouds.Public {
		return "https://login.windows.net/"
	}
	return "https://" + c.LoginHost + "/"
}

// Shape writes ARM's failures: router errors and scenarios in ARM's
// error shape, Entra errors as Entra's.
type Shape struct{ *aad.Shape }

// Error writes a router error (an unknown path or method) as ARM's
// NoRegisteredProviderFound.
func (a Shape) Error(c echo.Context, err error) error {
	var herr *echo.HTTPError
	var aerr *idp.Error
	if errors.As(err, &herr) && !errors.As(err, &aerr) {
		return armError{idp.ARMNoRoute(c.Request().URL.Path)}.Render(c)
	}
	return a.Shape.Error(c, err)
}

// ScenarioError is the ARM error an error action asks for.
func (Shape) ScenarioError(_ echo.Context, ea *scenarios.ErrorAction) error {
	return armFail(armScenarioError(ea))
}

// ScenarioStatus is ARM's answer with an HTTP error status, with
// Retry-After when the scenario names one.
func (Shape) ScenarioStatus(c echo.Context, status, retryAfter int) error {
	if retryAfter > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(retryAfter))
	}
	return armFail(armStatusError(status))
}
