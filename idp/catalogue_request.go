package idp

import "net/http"

// ErrDuplicateParameter is Entra's answer to a body that names a parameter
// twice (scope=a&scope=b): it refuses instead of picking one.
var ErrDuplicateParameter = def(9000411, "invalid_request", http.StatusBadRequest,
	"The request is not properly formatted. The parameter '%s' is duplicated.", "")
