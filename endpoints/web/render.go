package web

import (
	"encoding/json"

	"github.com/labstack/echo/v4"
)

// ContentTypeJSON is the content type of Microsoft's JSON answers.
const ContentTypeJSON = "application/json; charset=utf-8"

// JSONAppender is an answer that encodes itself, byte for byte as
// json.Marshal would, without reflection (the token answers).
type JSONAppender interface {
	AppendJSON(b []byte) []byte
}

// WriteJSON writes v with Entra's content type.
func WriteJSON(c echo.Context, status int, v any) error {
	if a, ok := v.(JSONAppender); ok {
		return c.Blob(status, ContentTypeJSON, a.AppendJSON(make([]byte, 0, 2048)))
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.Blob(status, ContentTypeJSON, b)
}

// NoStore marks token-endpoint answers, success or error, as Entra does.
func NoStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", "no-store, no-cache")
		h.Set("Pragma", "no-cache")
		h.Set("Expires", "-1")
		return next(c)
	}
}

// MetadataCache marks discovery answers (documents, keys and their
// errors) as cacheable for a day, as Entra does.
func MetadataCache(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", "max-age=86400, private")
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Allow-Methods", "GET, OPTIONS")
		return next(c)
	}
}

// FirstNonEmpty is the first of vs that is not "".
func FirstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
