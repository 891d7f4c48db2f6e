package endpoints

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"

	"github.com/mockidp/mockidp/signer"
)

func health(c echo.Context) error {
	return web.WriteJSON(c, http.StatusOK, map[string]string{"status": "ok", "signer": signer.Name()})
}

// caCertificate serves the CA that issued mockidp's TLS certificate, so a
// client can fetch what it must trust.
func (s *Server) caCertificate(c echo.Context) error {
	if len(s.caPEM) == 0 {
		return echo.ErrNotFound
	}
	return c.Blob(http.StatusOK, "application/x-pem-file", s.caPEM)
}
