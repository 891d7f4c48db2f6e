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
// IMDS (and Arc's IMDS look-alike) answers 404, 410 and 429 without a
// body and 500 with its "unknown" error; the other sources use their
// error envelopes.
func (h *Handler) miStatusError(src string, status, retryAfter int) *miError {
	text := http.StatusText(status)
	code := strings.ReplaceAll(text, " ", "")
	var e *miError
	switch src {
	case miIMDS, miArc:
		e = &miError{status: status, msg: text}
		if status == http.StatusInternalServerError {
			e = imdsErr(status, "unknown", imdsExtensionFailure)
		}
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
