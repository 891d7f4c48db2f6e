package web

import (
	"encoding/json"
	"sync"

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
		return writeAppended(c, status, a)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.Blob(status, ContentTypeJSON, b)
}

// answerBufs are the buffers answers are appended into: a writer copies
// what it is given (io.Writer must not keep p), so a buffer is free again
// once written. Only buffers of up to 64 KiB go back.
var answerBufs = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

func writeAppended(c echo.Context, status int, a JSONAppender) error {
	bp := answerBufs.Get().(*[]byte)
	b := a.AppendJSON((*bp)[:0])
	err := c.Blob(status, ContentTypeJSON, b)
	if cap(b) <= 64<<10 {
		*bp = b
		answerBufs.Put(bp)
	}
	return err
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
