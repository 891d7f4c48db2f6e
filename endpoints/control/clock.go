package control

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/seed"
)

func (h *Handler) getClock(c echo.Context) error {
	return web.WriteJSON(c, http.StatusOK, controlapi.Clock{Now: h.IDP.Clock().Now().UTC()})
}

// setClock sets the clock or moves it ("1h", negative allowed).
func (h *Handler) setClock(c echo.Context) error {
	var ch controlapi.ClockChange
	if err := readJSON(c, &ch); err != nil {
		return err
	}
	switch {
	case ch.Set != nil && ch.Advance != nil:
		return badRequest(controlapi.ErrInvalidClock, errors.New("send either set or advance, not both"))
	case ch.Set != nil:
		if err := h.IDP.Clock().TrySet(*ch.Set); err != nil {
			return badRequest(controlapi.ErrInvalidClock, err)
		}
	case ch.Advance != nil:
		if err := h.IDP.Clock().TryAdvance(time.Duration(*ch.Advance)); err != nil {
			return badRequest(controlapi.ErrInvalidClock, err)
		}
	default:
		return badRequest(controlapi.ErrInvalidClock, errors.New(`send {"set": "<RFC 3339 time>"} or {"advance": "<duration>"}`))
	}
	return h.getClock(c)
}

// reset restores the initial seed, keys and skews, forgets refresh tokens,
// removes every scenario and empties the journal.
func (h *Handler) reset(c echo.Context) error {
	if err := h.IDP.Reset(); err != nil {
		return err
	}
	h.Scenarios.Clear("")
	h.Journal.Reset()
	return web.WriteJSON(c, http.StatusOK, map[string]string{"status": "reset"})
}

func (h *Handler) getSeed(c echo.Context) error {
	return web.WriteJSON(c, http.StatusOK, h.IDP.Seed())
}

// putSeed replaces the directory; it becomes what reset restores.
func (h *Handler) putSeed(c echo.Context) error {
	var s seed.Seed
	if err := readJSON(c, &s); err != nil {
		return err
	}
	if err := h.IDP.SetInitialSeed(s); err != nil {
		return badRequest(controlapi.ErrInvalidSeed, err)
	}
	return web.WriteJSON(c, http.StatusOK, h.IDP.Seed())
}
