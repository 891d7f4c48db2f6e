package managedidentity

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/aad"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// Managed-identity sources, named for scenario answers.
const (
	miIMDS          = "imds"
	miArc           = "arc"
	miAppService    = "appservice"
	miAzureML       = "azureml"
	miCloudShell    = "cloudshell"
	miServiceFabric = "servicefabric"
)

// imdsExtensionFailure is the description of IMDS's 500.
const imdsExtensionFailure = "Failed to retrieve token from the Active directory. For details see logs in " +
	"/var/log/azure/Microsoft.ManagedIdentity.ManagedIdentityExtensionForLinux/msi-extension.log"

// miStatusError is a scenario's HTTP status in the source's own shape:
// IMDS (and Arc's IMDS look-alike) answers with its JSON error (error,
// error_description), the other sources with their error envelopes.
func (h *Handler) miStatusError(src string, status, retryAfter int) *miError {
	text := http.StatusText(status)
	code := strings.ReplaceAll(text, " ", "")
	var e *miError
	switch src {
	case miIMDS, miArc:
		e = imdsStatusErr(status)
	case miAppService, miAzureML:
		msg := text
		if status == http.StatusInternalServerError {
			msg = msgAADFailed
		}
		e = h.appServiceErr(status, msg)
	case miCloudShell:
		e = cloudShellErr(status, code, text)
	default:
		e = h.serviceFabricErr(status, code, text)
	}
	if retryAfter > 0 {
		if e.header == nil {
			e.header = map[string]string{}
		}
		e.header["Retry-After"] = strconv.Itoa(retryAfter)
	}
	return e
}

// imdsStatusTexts are IMDS's descriptions of its retryable statuses, as
// its documentation's error table words them. msal-node parses every IMDS
// answer as JSON before deciding to retry, so none is empty.
var imdsStatusTexts = map[int]struct{ code, desc string }{
	http.StatusNotFound:            {"not_found", "IMDS endpoint is updating."},
	http.StatusGone:                {"gone", "IMDS is going through updates. IMDS will be available in at most 70 seconds."},
	http.StatusTooManyRequests:     {"too_many_requests", "IMDS Throttle limit reached."},
	http.StatusInternalServerError: {"unknown", imdsExtensionFailure},
}

// imdsStatusErr is IMDS's JSON answer with a bare HTTP status.
func imdsStatusErr(status int) *miError {
	if t, ok := imdsStatusTexts[status]; ok {
		return imdsErr(status, t.code, t.desc)
	}
	text := http.StatusText(status)
	return imdsErr(status, strings.ToLower(strings.ReplaceAll(text, " ", "_")), text)
}

// miScenarioError is a scenario's Entra error as the source relays it.
// IMDS passes Entra's error body through unchanged (as it does for an
// unknown resource, AADSTS500011); the other sources put the AADSTS text
// in their own envelope with the scenario's status.
func (h *Handler) miScenarioError(src string, e *idp.Error) error {
	msg := fmt.Sprintf("AADSTS%d: %s", e.AADSTS, e.Message)
	switch src {
	case miIMDS, miArc:
		return e
	case miAppService, miAzureML:
		return h.appServiceErr(e.Status, msg)
	case miCloudShell:
		return cloudShellErr(e.Status, e.Code, msg)
	}
	return h.serviceFabricErr(e.Status, e.Code, msg)
}

// shape writes a source's failures: its own error bodies for
// scenarios, Entra's for the rest.
type shape struct {
	*aad.Shape
	h   *Handler
	src string
}

// ScenarioError is a scenario's Entra error as the source relays it.
func (m shape) ScenarioError(_ echo.Context, ea *scenarios.ErrorAction) error {
	return m.h.miScenarioError(m.src, aad.ScenarioError(ea))
}

// ScenarioStatus is a scenario's status in the source's shape.
func (m shape) ScenarioStatus(_ echo.Context, status, retryAfter int) error {
	return m.h.miStatusError(m.src, status, retryAfter)
}
