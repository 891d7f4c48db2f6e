package graph

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/aad"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// graphError is Graph's error envelope
// {"error":{"code","message","innerError":{date,request-id,client-request-id}}}
// with the WWW-Authenticate challenge on 401.
type graphError struct {
	status        int
	code, message string
	cloud         *clouds.Cloud
	claims        string // CAE challenge, base64
}

func (e *graphError) Error() string { return e.code + ": " + e.message }

// Shape writes Graph's errors in Graph's envelope, and everything
// else as Entra does.
type Shape struct{ *aad.Shape }

// Error writes a graphError in Graph's envelope.
func (g Shape) Error(c echo.Context, err error) error {
	var ge *graphError
	if errors.As(err, &ge) {
		return ge.render(c, g.Now())
	}
	return g.Shape.Error(c, err)
}

// render writes the envelope.
func (e *graphError) render(c echo.Context, now time.Time) error {
	if e.status == http.StatusUnauthorized {
		cloud := e.cloud
		if cloud == nil {
			cloud = clouds.Public
		}
		ch := `Bearer realm="", authorization_uri="https://` + cloud.LoginHost + `/common/oauth2/authorize", client_id="` + graphAppID + `"`
		if e.claims != "" {
			ch += `, error="insufficient_claims", claims="` + e.claims + `"`
		}
		c.Response().Header().Set("WWW-Authenticate", ch)
	}
	date := now.UTC().Format("2006-01-02T15:04:05")
	trace := web.Trace(c)
	type inner struct {
		Date            string `json:"date"`
		RequestID       string `json:"request-id"`
		ClientRequestID string `json:"client-request-id"`
	}
	type envelope struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError inner  `json:"innerError"`
	}
	// Graph's order: code, message, innerError.
	body := map[string]envelope{"error": {e.code, e.message, inner{date, trace, graphClientRequestID(c)}}}
	return web.WriteJSON(c, e.status, body)
}

// Permissions Graph accepts for each operation (a subset of Graph's).
var (
	meScopes        = []string{"User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
	usersScopes     = []string{"User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
	usersRoles      = []string{"User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
	appsPermissions = []string{"Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
)

func hasAny(have, want []string) bool {
	return slices.ContainsFunc(have, func(h string) bool {
		return slices.ContainsFunc(want, func(w string) bool { return strings.EqualFold(h, w) })
	})
}

func (h *Handler) me(c echo.Context) error {
	v, err := h.token(c)
	if err != nil {
		return err
	}
	claims := v.Claims
	if claims.Scp == "" {
		return &graphError{status: http.StatusBadRequest, code: "BadRequest", message: "/me request is only valid with delegated authentication flow."}
	}
	scp := strings.Fields(claims.Scp)
	if !hasAny(scp, meScopes) {
		return &graphError{status: http.StatusForbidden, code: "Forbidden", message: "Missing scope permissions on the request. API requires one of '" +
			strings.Join(meScopes, ", ") + "'. Scopes on the request '" + strings.Join(scp, ", ") + "'"}
	}
	u, ok := v.Tenant.User(claims.Oid)
	if !ok {
		return graphNotFound(claims.Oid)
	}
	return writeGraph(c, graphContext(c, "users/$entity"), graphUserJSON(u, v.Tenant))
}

// directoryRead checks a directory read: delegated scopes or app roles;
// without them Graph answers Authorization_RequestDenied.
func directoryRead(claims *idp.AccessClaims, scopes, roles []string) error {
	if hasAny(strings.Fields(claims.Scp), scopes) || hasAny(claims.Roles, roles) {
		return nil
	}
	return &graphError{status: http.StatusForbidden, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation."}
}

func (h *Handler) users(c echo.Context) error {
	v, err := h.token(c)
	if err != nil {
		return err
	}
	if err := directoryRead(v.Claims, usersScopes, usersRoles); err != nil {
		return err
	}
	list := []map[string]any{}
	for i := range v.Tenant.Users {
		list = append(list, graphUserJSON(&v.Tenant.Users[i], v.Tenant))
	}
	return writeGraph(c, graphContext(c, "users"), map[string]any{"value": list})
}

func (h *Handler) user(c echo.Context) error {
	if strings.Contains(c.Param("id"), "/") {
		// echo hands /users/{id}/{more} to this route: {more} is a
		// navigation this resource does not have.
		return unknownSegment(c)
	}
	v, err := h.token(c)
	if err != nil {
		return err
	}
	id := c.Param("id")
	if !strings.EqualFold(id, v.Claims.Oid) {
		if err := directoryRead(v.Claims, usersScopes, usersRoles); err != nil {
			return err
		}
	}
	u, ok := v.Tenant.User(id)
	if !ok {
		return graphNotFound(id)
	}
	return writeGraph(c, graphContext(c, "users/$entity"), graphUserJSON(u, v.Tenant))
}

func (h *Handler) applications(c echo.Context) error {
	v, err := h.token(c)
	if err != nil {
		return err
	}
	if err := directoryRead(v.Claims, appsPermissions, appsPermissions); err != nil {
		return err
	}
	list := []map[string]any{}
	for _, a := range v.Tenant.Applications {
		list = append(list, map[string]any{"id": a.ObjectID, "appId": a.ClientID, "displayName": a.DisplayName,
			"identifierUris": nonNil(a.IdentifierURIs), "signInAudience": "AzureADMyOrg"})
	}
	return writeGraph(c, graphContext(c, "applications"), map[string]any{"value": list})
}

func graphNotFound(id string) error {
	return &graphError{status: http.StatusNotFound, code: "Request_ResourceNotFound",
		message: "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present."}
}

func graphUserJSON(u *idp.User, _ *idp.TenantView) map[string]any {
	return map[string]any{"businessPhones": []string{}, "displayName": u.DisplayName, "givenName": u.GivenName,
		"jobTitle": nil, "mail": nilIfEmpty(u.Mail), "mobilePhone": nil, "officeLocation": nil, "preferredLanguage": nil,
		"surname": u.Surname, "userPrincipalName": u.UserPrincipalName, "id": u.ObjectID}
}

func graphContext(c echo.Context, entity string) string {
	return "https://" + cloudOf(c).GraphHost + "/" + versionOf(c) + "/$metadata#" + entity
}

// writeGraph writes an OData answer with @odata.context first.
func writeGraph(c echo.Context, odataContext string, v map[string]any) error {
	v["@odata.context"] = odataContext
	c.Response().Header().Set(echo.HeaderContentType, "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8")
	return web.WriteJSON(c, http.StatusOK, v)
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
