// Package clouds is the catalogue of Microsoft national clouds that mockidp
// emulates: their login hosts, issuers, resource endpoints and the names
// clients read from discovery documents.
//
// It is pure data plus lookups. A request picks its cloud by the host it was
// sent to (a real login host reached through a hosts entry, a container alias
// or mockidp's proxy); on any other host (localhost) the listener it arrived
// on decides.
package clouds
