package web

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/mockidp/mockidp/idp"
)

// MaxFormBytes bounds a form body; real ones are a few KB.
const MaxFormBytes = 1 << 20

// ParseForm reads an application/x-www-form-urlencoded body (bounded);
// anything else is Entra's malformed-request error.
func ParseForm(r *http.Request) (url.Values, error) {
	// The bare type, which most clients send, needs no parsing.
	if ct := r.Header.Get("Content-Type"); ct != formType && mediaType(ct) != formType {
		return nil, idp.ErrMalformedRequest.New()
	}
	r.Body = http.MaxBytesReader(nil, r.Body, MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		return nil, idp.ErrMalformedRequest.New().Wrap(err)
	}
	if name, ok := duplicated(r.PostForm); ok {
		return nil, idp.ErrDuplicateParameter.New(clipName(name))
	}
	return r.PostForm, nil
}

const formType = "application/x-www-form-urlencoded"

// mediaType is the media type of a Content-Type, without parameters.
func mediaType(ct string) string {
	mt, _, _ := mime.ParseMediaType(ct)
	return mt
}

// duplicated names a parameter the form repeats, the first in sorted
// order so the answer does not depend on map order.
func duplicated(v url.Values) (string, bool) {
	var names []string
	for k, vs := range v {
		if len(vs) > 1 {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return "", false
	}
	slices.Sort(names)
	return names[0], true
}

// clipName bounds a client-chosen parameter name echoed in an error.
func clipName(s string) string {
	if len(s) > 128 {
		return s[:128]
	}
	return s
}

// PeekForm parses a form body and puts it back, so a handler later reads
// the same bytes; nil when the body is not a (small enough) form.
func PeekForm(r *http.Request) url.Values {
	if r.Body == nil || r.Method != http.MethodPost {
		return nil
	}
	if mediaType(r.Header.Get("Content-Type")) != formType {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, MaxFormBytes+1))
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(b), r.Body), r.Body}
	if err != nil || len(b) > MaxFormBytes {
		return nil
	}
	v, _ := url.ParseQuery(string(b))
	return v
}

// BasicAuth is the client ID and secret of an HTTP Basic header, whose
// parts are form-encoded (RFC 6749 §2.3.1).
func BasicAuth(r *http.Request) (string, string, bool) {
	auth := r.Header.Get("Authorization")
	if len(auth) < 6 || !strings.EqualFold(auth[:6], "basic ") {
		return "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(auth[6:]))
	if err != nil {
		return "", "", false
	}
	id, secret, ok := strings.Cut(string(raw), ":")
	if !ok {
		return "", "", false
	}
	if u, err := url.QueryUnescape(id); err == nil {
		id = u
	}
	if u, err := url.QueryUnescape(secret); err == nil {
		secret = u
	}
	return id, secret, true
}
