// Package endpoints is mockidp's HTTP face: it parses requests, calls
// package idp, and writes exactly the bytes Entra would.
//
// NewServer composes everything into one http.Handler that the binary, the
// in-process test server and a socket-free transport all share. The route
// table is routes.go; errors are rendered only by errors.go.
//
// A request's cloud is the cloud whose login host it was sent to, or else
// the default cloud of the listener it arrived on (Server.Handler). Public
// URLs (issuers, endpoints in discovery documents) are built from the
// request's scheme and host unless Options.PublicURL overrides them.
package endpoints
