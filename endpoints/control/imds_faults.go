package control

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
)

// addIMDSFault is the older form of the imds-unavailable and
// imds-throttled operations: POST /_mockidp/imds/faults with
// {"status":410,"count":2,"retry_after":0}. Faults fire in the order they
// were added, like any scenarios.
func (h *Handler) addIMDSFault(c echo.Context) error {
	var f controlapi.IMDSFault
	if err := readJSON(c, &f); err != nil {
		return err
	}
	switch {
	case f.Status != 404 && f.Status != 410 && f.Status != 429 && (f.Status < 500 || f.Status > 599):
		return badRequest(controlapi.ErrInvalidRequest, errors.New("status must be 404, 410, 429 or 5xx"))
	case f.Count < 1 || f.Count > 1000:
		return badRequest(controlapi.ErrInvalidRequest, errors.New("count must be between 1 and 1000"))
	case f.RetryAfter < 0 || f.RetryAfter > 3600:
		return badRequest(controlapi.ErrInvalidRequest, errors.New("retry_after must be between 0 and 3600 seconds"))
	}
	op := controlapi.OpIMDSUnavailable
	if f.Status == http.StatusTooManyRequests {
		op = controlapi.OpIMDSThrottled
	}
	p := controlapi.Params{Status: f.Status, Times: f.Count, RetryAfter: f.RetryAfter}
	if _, err := h.env().ApplyPreset(op, p); err != nil {
		return badRequest(controlapi.ErrInvalidRequest, err)
	}
	return c.NoContent(http.StatusNoContent)
}

// clearIMDSFaults removes the scenarios of those operations:
// DELETE /_mockidp/imds/faults.
func (h *Handler) clearIMDSFaults(c echo.Context) error {
	for _, st := range h.Scenarios.List() {
		if st.Name == controlapi.OpIMDSUnavailable || st.Name == controlapi.OpIMDSThrottled {
			_ = h.Scenarios.Remove(st.ID) // gone already when its Times ran out meanwhile
		}
	}
	return c.NoContent(http.StatusNoContent)
}
