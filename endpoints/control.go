package endpoints

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/scenarios"
)

// The control API under /_mockidp: scenarios, presets, clock, seed,
// reset, state changes and inspection. JSON in and out; bad input is a
// 400 {"error": ..., "detail": ...}. openapi.json describes it.

// openAPI describes the control API (package controlapi holds it).
var openAPI = controlapi.OpenAPI

// maxControlBytes bounds a control request body (a seed can be large).
const maxControlBytes = 8 << 20

// controlError is the control API's error shape.
type controlError struct {
	Status int    `json:"-"`
	Err    string `json:"error"`
	Detail string `json:"detail"`
}

func (e *controlError) Error() string { return e.Err + ": " + e.Detail }

// Render writes the error as JSON.
func (e *controlError) Render(c echo.Context) error { return web.WriteJSON(c, e.Status, e) }

var _ web.RenderableError = (*controlError)(nil)

func badRequest(what string, err error) error {
	return &controlError{Status: http.StatusBadRequest, Err: what, Detail: err.Error()}
}

func notFound(what, detail string) error {
	return &controlError{Status: http.StatusNotFound, Err: what, Detail: detail}
}

// readJSON decodes the body strictly: unknown fields and trailing data are
// errors that name what is wrong.
func readJSON(c echo.Context, v any) error {
	b, err := io.ReadAll(io.LimitReader(c.Request().Body, maxControlBytes+1))
	if err != nil {
		return badRequest("unreadable_body", err)
	}
	if len(b) > maxControlBytes {
		return badRequest("body_too_large", fmt.Errorf("the body exceeds %d bytes", maxControlBytes))
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return badRequest("invalid_json", errors.New("the body is empty; send a JSON document"))
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return badRequest("invalid_json", err)
	}
	if d.More() {
		return badRequest("invalid_json", errors.New("data after the JSON document"))
	}
	return nil
}

func (s *Server) env() scenarios.Env {
	return scenarios.Env{Engine: s.scenarios, IDP: s.idp, NewKey: s.newKey}
}

// LoadScenarios applies a scenario file (the config file's scenarios:
// section, as JSON) at startup.
func (s *Server) LoadScenarios(file []byte) ([]scenarios.Result, error) {
	entries, err := scenarios.ParseFile(file)
	if err != nil {
		return nil, err
	}
	return s.env().Apply(entries)
}

// controlRoutes mounts the control API under ControlPrefix.
func (s *Server) controlRoutes(r *web.Routes) {
	g := r.Under(ControlPrefix)
	g.GET("/openapi.json", func(c echo.Context) error { return c.Blob(http.StatusOK, "application/json", openAPI) })
	g.GET("/scenarios", s.listScenarios)
	g.POST("/scenarios", s.addScenarios)
	g.DELETE("/scenarios", s.clearScenarios)
	g.GET("/scenarios/:id", s.getScenario)
	g.DELETE("/scenarios/:id", s.deleteScenario)
	g.GET("/presets", func(c echo.Context) error { return web.WriteJSON(c, http.StatusOK, scenarios.Presets()) })
	g.POST("/presets/:name", s.applyPreset)
	g.GET("/clock", s.getClock)
	g.POST("/clock", s.setClock)
	g.POST("/reset", s.reset)
	g.GET("/seed", func(c echo.Context) error { return web.WriteJSON(c, http.StatusOK, s.idp.Seed()) })
	g.PUT("/seed", s.putSeed)
	g.POST("/state/:op", s.changeState)
	g.GET("/requests", s.listRequests)
	g.GET("/tokens", s.listTokens)
	g.DELETE("/subscriptions/:sub/roleAssignments", s.deleteRoleAssignments)
	g.GET("/tenants/:tenant/servicePrincipals", s.listServicePrincipals)
}

func (s *Server) listScenarios(c echo.Context) error {
	tenant := c.QueryParam("tenant")
	out := []scenarios.Status{}
	for _, st := range s.scenarios.List() {
		if tenant == "" || st.Match.Tenant == tenant {
			out = append(out, st)
		}
	}
	return web.WriteJSON(c, http.StatusOK, out)
}

// addScenarios takes one scenario or entry, or a list (a scenario file),
// and applies all of them or none.
func (s *Server) addScenarios(c echo.Context) error {
	b, err := io.ReadAll(io.LimitReader(c.Request().Body, maxControlBytes))
	if err != nil {
		return badRequest("unreadable_body", err)
	}
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' && !bytes.Contains(t, []byte(`"scenarios"`)) {
		b = append(append([]byte{'['}, t...), ']')
	}
	entries, err := scenarios.ParseFile(b)
	if err != nil {
		return badRequest("invalid_scenario", err)
	}
	if len(entries) == 0 {
		return badRequest("invalid_scenario", errors.New("no scenario in the body"))
	}
	res, err := s.env().Apply(entries)
	if err != nil {
		return badRequest("invalid_scenario", err)
	}
	return web.WriteJSON(c, http.StatusCreated, res)
}

func (s *Server) clearScenarios(c echo.Context) error {
	n := s.scenarios.Clear(c.QueryParam("tenant"))
	return web.WriteJSON(c, http.StatusOK, map[string]int{"removed": n})
}

func (s *Server) getScenario(c echo.Context) error {
	st, err := s.scenarios.Get(c.Param("id"))
	if err != nil {
		return notFound("unknown_scenario", "no active scenario with id "+c.Param("id"))
	}
	return web.WriteJSON(c, http.StatusOK, st)
}

func (s *Server) deleteScenario(c echo.Context) error {
	if err := s.scenarios.Remove(c.Param("id")); err != nil {
		return notFound("unknown_scenario", "no active scenario with id "+c.Param("id"))
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) applyPreset(c echo.Context) error {
	var p scenarios.Params
	if c.Request().ContentLength != 0 {
		if err := readJSON(c, &p); err != nil {
			return err
		}
	}
	res, err := s.env().ApplyPreset(c.Param("name"), p)
	if err != nil {
		return stateFailure("invalid_preset", err)
	}
	return web.WriteJSON(c, http.StatusCreated, res)
}

// clockState is the clock's answer.
type clockState struct {
	Now time.Time `json:"now"`
}

func (s *Server) getClock(c echo.Context) error {
	return web.WriteJSON(c, http.StatusOK, clockState{Now: s.idp.Clock().Now().UTC()})
}

// clockChange sets the clock to Set or moves it by Advance ("1h",
// negative allowed).
type clockChange struct {
	Set     *time.Time          `json:"set,omitempty"`
	Advance *scenarios.Duration `json:"advance,omitempty"`
}

func (s *Server) setClock(c echo.Context) error {
	var ch clockChange
	if err := readJSON(c, &ch); err != nil {
		return err
	}
	switch {
	case ch.Set != nil && ch.Advance != nil:
		return badRequest("invalid_clock", errors.New("send either set or advance, not both"))
	case ch.Set != nil:
		s.idp.Clock().Set(*ch.Set)
	case ch.Advance != nil:
		s.idp.Clock().Advance(time.Duration(*ch.Advance))
	default:
		return badRequest("invalid_clock", errors.New(`send {"set": "<RFC 3339 time>"} or {"advance": "<duration>"}`))
	}
	return s.getClock(c)
}

// reset restores the initial seed, keys and skews, forgets refresh tokens,
// removes every scenario and empties the journals.
func (s *Server) reset(c echo.Context) error {
	if err := s.idp.Reset(); err != nil {
		return err
	}
	s.scenarios.Clear("")
	s.journal.requests.reset()
	s.journal.tokens.reset()
	return web.WriteJSON(c, http.StatusOK, map[string]string{"status": "reset"})
}

// putSeed replaces the directory; it becomes what reset restores.
func (s *Server) putSeed(c echo.Context) error {
	var seed idp.Seed
	if err := readJSON(c, &seed); err != nil {
		return err
	}
	if err := s.idp.SetInitialSeed(seed); err != nil {
		return badRequest("invalid_seed", err)
	}
	return web.WriteJSON(c, http.StatusOK, s.idp.Seed())
}
