// Package endpoints is mockidp's HTTP face and its composition root: it
// builds every area, mounts them in the one route table (routes.go), and
// composes the TLS names, listeners and proxy that the binary (package
// app) and the in-process test server (package mockidptest) both serve
// (compose.go).
//
// Each area is a package of its own with its own Handler and explicit
// dependencies: entra (the protocol a client library speaks), browser
// (the sign-in pages), managedidentity (IMDS and the other sources),
// arm, graph, workload and control. They share only the plumbing of
// package web and Entra's error shape in package aad. ARCHITECTURE.md
// at the repository root draws the whole.
//
// A request's cloud is the cloud whose login host it was sent to, or else
// the default cloud of the listener it arrived on (Server.Handler). Public
// URLs (issuers, endpoints in discovery documents) are built from the
// request's scheme and host unless Options.PublicURL overrides them.
package endpoints
