// Package controlapi is the wire contract of mockidp's control API
// (/_mockidp/…): paths, the JSON types of requests and answers, the one
// error shape, the names of operations and presets, and the environment
// that points a managed-identity client at mockidp.
//
// It imports only the standard library, so the Go client (mockidpclient)
// and the testcontainers module (mockidpcontainer) use it without pulling
// in the server. The server's packages use the same types: package
// scenarios aliases the scenario types, and the control area serves
// exactly these shapes, so the client and the server cannot drift apart.
// openapi.json (served at OpenAPIPath) describes the same contract; a test
// of the control area checks it against this package.
package controlapi
