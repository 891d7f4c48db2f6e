package entra

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
)

// KeysV2 is the v2 key set.
func (h *Handler) KeysV2(c echo.Context) error {
	if _, err := h.resolveTenant(c); err != nil {
		return err
	}
	return web.WriteJSON(c, http.StatusOK, h.IDP.Keys().KeySet(web.Site(c), true))
}

// KeysV1 is the v1 key set.
func (h *Handler) KeysV1(c echo.Context) error {
	if _, err := h.resolveTenant(c); err != nil {
		return err
	}
	return web.WriteJSON(c, http.StatusOK, h.IDP.Keys().KeySet(web.Site(c), false))
}
