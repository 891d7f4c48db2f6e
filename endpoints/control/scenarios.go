package control

import (
	"bytes"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/scenarios"
)

func (h *Handler) listScenarios(c echo.Context) error {
	tenant := c.QueryParam("tenant")
	out := []controlapi.Status{}
	for _, st := range h.Scenarios.List() {
		if tenant == "" || st.Match.Tenant == tenant {
			out = append(out, st)
		}
	}
	return web.WriteJSON(c, http.StatusOK, out)
}

// addScenarios takes one scenario or entry, or a list (a scenario file),
// and applies all of them or none.
func (h *Handler) addScenarios(c echo.Context) error {
	b, err := readBody(c)
	if err != nil {
		return err
	}
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' && !bytes.Contains(t, []byte(`"scenarios"`)) {
		b = append(append([]byte{'['}, t...), ']')
	}
	entries, err := scenarios.ParseFile(b)
	if err != nil {
		return badRequest(controlapi.ErrInvalidScenario, err)
	}
	if len(entries) == 0 {
		return badRequest(controlapi.ErrInvalidScenario, errors.New("no scenario in the body"))
	}
	res, err := h.env().Apply(entries)
	if err != nil {
		return badRequest(controlapi.ErrInvalidScenario, err)
	}
	return web.WriteJSON(c, http.StatusCreated, res)
}

func (h *Handler) clearScenarios(c echo.Context) error {
	return web.WriteJSON(c, http.StatusOK, controlapi.Removed{Removed: h.Scenarios.Clear(c.QueryParam("tenant"))})
}

func (h *Handler) getScenario(c echo.Context) error {
	st, err := h.Scenarios.Get(c.Param("id"))
	if err != nil {
		return unknownScenario(c)
	}
	return web.WriteJSON(c, http.StatusOK, st)
}

func (h *Handler) deleteScenario(c echo.Context) error {
	if err := h.Scenarios.Remove(c.Param("id")); err != nil {
		return unknownScenario(c)
	}
	return c.NoContent(http.StatusNoContent)
}

func unknownScenario(c echo.Context) error {
	return fail(http.StatusNotFound, controlapi.ErrUnknownScenario, "no active scenario with id "+c.Param("id"))
}

func listPresets(c echo.Context) error {
	return web.WriteJSON(c, http.StatusOK, scenarios.Presets())
}

// applyPreset runs an operation with defaults filled in; the body is
// optional.
func (h *Handler) applyPreset(c echo.Context) error {
	var p controlapi.Params
	if c.Request().ContentLength != 0 {
		if err := readJSON(c, &p); err != nil {
			return err
		}
	}
	res, err := h.env().ApplyPreset(c.Param("name"), p)
	if err != nil {
		return domainFailure(controlapi.ErrInvalidPreset, err)
	}
	return web.WriteJSON(c, http.StatusCreated, res)
}

// changeState runs a directory change as an administrator would: nothing
// is filled in but the tenant.
func (h *Handler) changeState(c echo.Context) error {
	var p controlapi.Params
	if err := readJSON(c, &p); err != nil {
		return err
	}
	res, err := h.env().ChangeState(c.Param("op"), p)
	switch {
	case errors.Is(err, scenarios.ErrUnknownOperation):
		return fail(http.StatusNotFound, controlapi.ErrUnknownOperation, err.Error())
	case errors.Is(err, scenarios.ErrMissingParameter):
		return badRequest(controlapi.ErrMissingParameter, err)
	case err != nil:
		return domainFailure(controlapi.ErrStateChangeFailed, err)
	}
	return web.WriteJSON(c, http.StatusOK, controlapi.Changed{Changed: strings.Join(res.Changes, "; ")})
}
