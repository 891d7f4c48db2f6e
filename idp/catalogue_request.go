package idp

import "net/http"

// ErrDuplicateParameter is Entra's answer to a body that names a parameter
// twice (scope=a&scope=b): it refuses instead of picking one.
var ErrDuplicateParameter = def(9000411, "invalid_request", http.StatusBadRequest,
	"The request is not properly formatted. The parameter '%s' is duplicated.", "")

// ErrQueryTooLong is Entra's answer, on its error page, to a sign-in or
// sign-out request whose parameters are longer than it takes (a long
// state, nonce or id_token_hint; scopes appended again on every retry).
var ErrQueryTooLong = def(90015, "invalid_request", http.StatusBadRequest,
	"Requested query string is too long.", "")
