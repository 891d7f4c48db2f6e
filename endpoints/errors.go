package endpoints

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
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

// RenderableError is an error that writes its own body: IMDS and the other
// managed-identity sources answer in their own shapes.
type RenderableError interface {
	error
	Render(c echo.Context) error
}

// handleError is the only place that writes errors.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	// The client gave up (a scenario's delay outlasted its timeout): there
	// is nobody to answer, and a 500 here would only confuse the logs.
	if errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil {
		s.log.Debug("client went away", "path", c.Request().URL.Path)
		return
	}
	var (
		rerr  RenderableError
		aerr  *idp.Error
		herr  *echo.HTTPError
		werr  error
		cause = err
	)
	switch {
	case errors.As(err, &rerr):
		werr = rerr.Render(c)
	case errors.As(err, &aerr):
		werr = s.writeAADError(c, aerr)
	case errors.As(err, &herr) && isARMHost(c):
		werr = armError{idp.ARMNoRoute(c.Request().URL.Path)}.Render(c)
	case errors.As(err, &herr) && (herr.Code == http.StatusNotFound || herr.Code == http.StatusMethodNotAllowed):
		werr = writeNotFound(c)
	default:
		// Never show a Go error string to a client: log it, answer as
		// Entra does for an internal failure.
		werr = s.writeAADError(c, idp.ErrServer.New().Wrap(err))
	}
	if werr != nil || aerr == nil {
		s.log.Debug("error response", "err", cause, "write_err", werr)
	}
}

func (s *Server) writeAADError(c echo.Context, e *idp.Error) error {
	c.Set(ctxAADSTS, e.AADSTS)
	if e.Cause != nil {
		s.log.Warn("request failed", "aadsts", e.AADSTS, "cause", e.Cause)
	}
	now := s.idp.Clock().Now().UTC()
	ts := now.Format("2006-01-02 15:04:05Z")
	trace, _ := c.Get(ctxTrace).(string)
	corr, _ := c.Get(ctxCorr).(string)
	st := site(c)
	body := errorBody{
		Error: e.Code,
		Description: fmt.Sprintf("AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s",
			e.AADSTS, e.Message, trace, corr, ts),
		Codes: []int{e.AADSTS}, Timestamp: ts, TraceID: trace, CorrelationID: corr,
		ErrorURI: errorURI(st, e.AADSTS),
		Suberror: e.Suberror, Claims: e.Claims,
	}
	c.Response().Header().Set("x-ms-clitelem", "1,"+strconv.Itoa(e.AADSTS)+",0,,")
	return writeJSON(c, e.Status, body)
}

// errorURI follows the host the client called, as Entra's does: an alias
// such as login.microsoft.com gets its own lookup page. A cloud's main
// login host names the cloud's lookup host (China's differs); on
// localhost it points at mockidp's own lookup page.
func errorURI(st idp.Site, code int) string {
	host := st.Host()
	if st.RealHost() {
		host = strings.ToLower(clouds.StripPort(host))
		if host == st.Cloud.LoginHost {
			host = st.Cloud.ErrorHost
		}
	}
	return "https://" + host + "/error?code=" + strconv.Itoa(code)
}

var notFoundPage = template.Must(template.New("404").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title>
<style>body{font-family:"Segoe UI",Arial,sans-serif;background:#f2f2f2;margin:0}
main{max-width:440px;margin:10vh auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:0 0 16px}p{font-size:15px;color:#1b1b1b}</style></head>
<body><main><h1>We couldn't find that page</h1>
<p>The address {{.}} is not an endpoint of the Microsoft identity platform that mockidp emulates.</p>
<p>HTTP 404</p></main></body></html>`))

func writeNotFound(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(http.StatusNotFound)
	return notFoundPage.Execute(c.Response(), c.Request().URL.Path)
}
