// Package seed is mockidp's description of what exists: tenants with
// their apps, users and managed identities, the computes that run code
// with those identities, trusted external issuers, and Azure Resource
// Manager's subscriptions and roles. The config file, mockidptest, the
// testcontainers module and the control API (GET and PUT /_mockidp/seed)
// all speak this one JSON type.
//
// It is plain data with no dependencies beyond the standard library, so
// client packages can build a seed without importing the server; package
// idp aliases these types and gives them behaviour.
package seed
