package aad

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// errorBody is Entra's error JSON, fields in Entra's order.
type errorBody struct {
	Error         string `json:"error"`
	Description   string `json:"error_description"`
	Codes         []int  `json:"error_codes"`
	Timestamp     string `json:"timestamp"`
	TraceID       string `json:"trace_id"`
	CorrelationID string `json:"correlation_id"`
	ErrorURI      string `json:"error_uri"`
	Suberror      string `json:"suberror,omitempty"`
	Claims        string `json:"claims,omitempty"`
}

// Shape writes errors as Entra's OAuth endpoints do.
type Shape struct {
	Now func() time.Time
	Log *slog.Logger
}

var _ web.Shape = (*Shape)(nil)

// Error writes an Entra error as its JSON, a router error as the 404
// page, and anything else as Entra's internal failure, never with a Go
// error string.
func (s *Shape) Error(c echo.Context, err error) error {
	var (
		aerr *idp.Error
		herr *echo.HTTPError
	)
	switch {
	case errors.As(err, &aerr):
		return s.Write(c, aerr)
	case errors.As(err, &herr) && (herr.Code == http.StatusNotFound || herr.Code == http.StatusMethodNotAllowed):
		return writeNotFound(c)
	}
	return s.Write(c, idp.ErrServer.New().Wrap(err))
}

// ScenarioError is the Entra error a scenario asks for.
func (s *Shape) ScenarioError(_ echo.Context, ea *scenarios.ErrorAction) error {
	return ScenarioError(ea)
}

// ScenarioStatus is an HTTP error status as an Entra error, with
// Retry-After when the scenario names one.
func (s *Shape) ScenarioStatus(c echo.Context, status, retryAfter int) error {
	if retryAfter > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(retryAfter))
	}
	var e *idp.Error
	switch {
	case status == http.StatusTooManyRequests:
		e = idp.ErrThrottled.New()
	case status == http.StatusServiceUnavailable:
		e = idp.ErrTransient.New()
	case status >= 500:
		e = idp.ErrServer.New()
	default:
		e = idp.ErrMalformedRequest.New()
	}
	e.Status = status
	return e
}

// Write writes e as Entra's error JSON.
func (s *Shape) Write(c echo.Context, e *idp.Error) error {
	web.Note(c).AADSTS = e.AADSTS
	if e.Cause != nil {
		s.Log.Warn("request failed", "aadsts", e.AADSTS, "cause", e.Cause)
	}
	now := s.Now().UTC()
	ts := now.Format("2006-01-02 15:04:05Z")
	trace, corr := web.Trace(c), web.Correlation(c)
	body := errorBody{
		Error:       e.Code,
		Description: description(e, trace, corr, ts),
		Codes:       []int{e.AADSTS}, Timestamp: ts, TraceID: trace, CorrelationID: corr,
		ErrorURI: ErrorURI(web.Site(c), e.AADSTS),
		Suberror: e.Suberror, Claims: e.Claims,
	}
	c.Response().Header().Set("x-ms-clitelem", "1,"+strconv.Itoa(e.AADSTS)+",0,,")
	return web.WriteJSON(c, e.Status, body)
}

// Description is an error_description with Entra's trailer.
func (s *Shape) Description(c echo.Context, e *idp.Error) string {
	ts := s.Now().UTC().Format("2006-01-02 15:04:05Z")
	return description(e, web.Trace(c), web.Correlation(c), ts)
}

func description(e *idp.Error, trace, corr, ts string) string {
	return fmt.Sprintf("AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s", e.AADSTS, e.Message, trace, corr, ts)
}

// ErrorURI follows the host the client called, as Entra's does: an alias
// such as login.microsoft.com gets its own lookup page. A cloud's main
// login host names the cloud's lookup host (China's differs); on
// localhost it points at mockidp's own lookup page.
func ErrorURI(st idp.Site, code int) string {
	host := st.Host()
	if st.RealHost() {
		host = strings.ToLower(clouds.StripPort(host))
		if host == st.Cloud.LoginHost {
			host = st.Cloud.ErrorHost
		}
	}
	return "https://" + host + "/error?code=" + strconv.Itoa(code)
}

// ScenarioError builds the Entra error a scenario asks for; fields left
// empty come from the catalogue entry of the AADSTS number.
func ScenarioError(ea *scenarios.ErrorAction) *idp.Error {
	e := &idp.Error{AADSTS: ea.AADSTS, Code: "invalid_request", Status: scenarios.DefaultStatus,
		Message: "The request was refused by a mockidp scenario."}
	if d, ok := idp.Lookup(ea.AADSTS); ok {
		e.Code, e.Status, e.Suberror = d.Code, d.Status, d.Suberror
		e.Message = strings.NewReplacer("%s", "…", "%v", "…").Replace(d.Format)
	}
	for _, f := range []struct {
		dst *string
		v   string
	}{{&e.Code, ea.Code}, {&e.Message, ea.Message}, {&e.Suberror, ea.Suberror}, {&e.Claims, ea.Claims}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	if ea.Status != 0 {
		e.Status = ea.Status
	}
	return e
}
