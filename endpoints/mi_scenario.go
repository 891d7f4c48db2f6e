package endpoints

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
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

// miSource names the managed-identity source a route belongs to, "" for
// every other route.
func miSource(route string) string {
	switch {
	case strings.HasPrefix(route, imdsTokenPath) || strings.HasPrefix(route, imdsInstancePath):
		return miIMDS
	case strings.HasPrefix(route, arcTokenPath):
		return miArc
	case strings.HasPrefix(route, appServicePath):
		return miAppService
	case strings.HasPrefix(route, azureMLPath):
		return miAzureML
	case strings.HasPrefix(route, cloudShellPath):
		return miCloudShell
	case strings.HasPrefix(route, serviceFabricPath):
		return miServiceFabric
	}
	return ""
}

// imdsExtensionFailure is the description of IMDS's 500.
const imdsExtensionFailure = "Failed to retrieve token from the Active directory. For details see logs in " +
	"/var/log/azure/Microsoft.ManagedIdentity.ManagedIdentityExtensionForLinux/msi-extension.log"

// miStatusError is a scenario's HTTP status in the source's own shape:
// IMDS (and Arc's IMDS look-alike) answers 404, 410 and 429 without a
// body and 500 with its "unknown" error; the other sources use their
// error envelopes.
func (s *Server) miStatusError(src string, status, retryAfter int) *miError {
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
		e = s.appServiceErr(status, msg)
	case miCloudShell:
		e = cloudShellErr(status, code, text)
	default:
		e = s.serviceFabricErr(status, code, text)
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
func (s *Server) miScenarioError(src string, e *idp.Error) error {
	msg := fmt.Sprintf("AADSTS%d: %s", e.AADSTS, e.Message)
	switch src {
	case miIMDS, miArc:
		return e
	case miAppService, miAzureML:
		return s.appServiceErr(e.Status, msg)
	case miCloudShell:
		return cloudShellErr(e.Status, e.Code, msg)
	}
	return s.serviceFabricErr(e.Status, e.Code, msg)
}

// applyMIScenarios is the scenario middleware of the managed-identity
// routes. It runs inside their route middleware, after the source's
// headers and request guard, so a scenario's answer carries the source's
// Server header and a probe without the Metadata header does not use up
// a scenario's Times.
func (s *Server) applyMIScenarios(next echo.HandlerFunc) echo.HandlerFunc {
	return s.scenarioHandler(next, true)
}
