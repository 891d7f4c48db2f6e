package endpoints

import (
	"encoding/json"

	"github.com/labstack/echo/v4"
)

const contentTypeJSON = "application/json; charset=utf-8"

// writeJSON writes v with Entra's content type.
func writeJSON(c echo.Context, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.Blob(status, contentTypeJSON, b)
}

// noStore marks token-endpoint answers, success or error, as Entra does.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", "no-store, no-cache")
		h.Set("Pragma", "no-cache")
		h.Set("Expires", "-1")
		return next(c)
	}
}

// metadataCache marks discovery answers (documents, keys and their errors)
// as cacheable for a day, as Entra does.
func metadataCache(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", "max-age=86400, private")
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Allow-Methods", "GET, OPTIONS")
		c.Set(ctxMetadata, true)
		return next(c)
	}
}
