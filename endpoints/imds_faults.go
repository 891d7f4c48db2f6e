package endpoints

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/scenarios"
)

// imdsFault is the body of POST /_mockidp/imds/faults: IMDS answers the
// next Count token requests with Status (404 and 410 while it is being
// updated, 429 when throttled, 5xx when the identity extension fails).
type imdsFault struct {
	Status     int `json:"status"`
	Count      int `json:"count"`
	RetryAfter int `json:"retry_after,omitempty"`
}

// imdsFaultName names the scenarios the faults endpoint adds.
const imdsFaultName = "imds-fault"

// addIMDSFault is shorthand for a scenario on IMDS's token path:
// POST /_mockidp/imds/faults with {"status":410,"count":2,"retry_after":0}.
// Faults fire in the order they were added, like any scenarios.
func (s *Server) addIMDSFault(c echo.Context) error {
	var f imdsFault
	if err := json.NewDecoder(http.MaxBytesReader(nil, c.Request().Body, web.MaxFormBytes)).Decode(&f); err != nil {
		return web.BadRequest("The body is not a JSON object: " + err.Error())
	}
	switch {
	case f.Status != 404 && f.Status != 410 && f.Status != 429 && (f.Status < 500 || f.Status > 599):
		return web.BadRequest("status must be 404, 410, 429 or 5xx.")
	case f.Count < 1 || f.Count > 1000:
		return web.BadRequest("count must be between 1 and 1000.")
	case f.RetryAfter < 0 || f.RetryAfter > 3600:
		return web.BadRequest("retry_after must be between 0 and 3600 seconds.")
	}
	_, err := s.scenarios.Add(scenarios.Scenario{Name: imdsFaultName,
		Match:  scenarios.Match{Endpoint: scenarios.EndpointIMDS, Path: controlapi.IMDSTokenPath},
		Action: scenarios.Action{Status: f.Status, RetryAfter: f.RetryAfter}, Times: f.Count})
	if err != nil {
		return web.BadRequest(err.Error())
	}
	return c.NoContent(http.StatusNoContent)
}

// clearIMDSFaults removes the scenarios addIMDSFault added:
// DELETE /_mockidp/imds/faults.
func (s *Server) clearIMDSFaults(c echo.Context) error {
	for _, st := range s.scenarios.List() {
		if st.Name == imdsFaultName {
			_ = s.scenarios.Remove(st.ID) // gone already when its Times ran out meanwhile
		}
	}
	return c.NoContent(http.StatusNoContent)
}
