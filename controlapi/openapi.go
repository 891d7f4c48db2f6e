package controlapi

import _ "embed"

// OpenAPI is the OpenAPI 3 description of the control API, served at
// OpenAPIPath. Its tests check it against this package's types and names.
//
//go:embed openapi.json
var OpenAPI []byte
