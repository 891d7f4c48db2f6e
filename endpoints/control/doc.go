// Package control is the control API's area: mockidp's own endpoints
// under /_mockidp (controlapi.Prefix) that script failures, change the
// directory, move the mock clock, approve device codes and list what
// mockidp saw (the journal, which this package
// keeps).
//
// Every answer and body is a controlapi type and every failure is one
// shape, controlapi.Error; openapi.json (in controlapi) describes the
// routes Mount adds, and this package's tests check every error answer
// they provoke against it. The area is Internal: never journaled, never
// failed by a scenario. Handler.Guard, the one gate in front of it, is
// the route table's (loopback or a token); health and the CA
// certificate (MountPublic) stay outside it.
package control
