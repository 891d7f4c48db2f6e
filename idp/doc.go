// Package idp is mockidp's directory and token service, free of HTTP.
//
// It holds tenants, applications, users and their grants (the Directory),
// each national cloud's signing keys, and the logic of Entra's grants:
// client authentication, scope and resource resolution, and the minting of
// v1.0 and v2.0 tokens. Failures are *Error values from one catalogue
// (catalogue.go) so that every endpoint renders them the same way.
//
// The directory is an immutable snapshot swapped atomically on change, so
// token issuance never waits on a lock and a change applies all at once.
package idp
