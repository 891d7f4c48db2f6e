// Package web is the HTTP plumbing every area of mockidp shares, and
// nothing else: JSON writing, form parsing, the request context (site,
// trace and correlation IDs, the notes the log and journal keep), the
// request log, panic recovery, the scenario adapter, and the one error
// renderer.
//
// web knows no area. The route table mounts each group of routes as an
// Area: its endpoint kind, its error Shape and the middleware that makes
// its answers look like the service it stands in for. Everything
// downstream (the renderer, the scenario adapter, the journal) reads the
// area from the request, never from its path or host.
//
// The middleware of a mounted route runs in this order:
//
//	Begin (before routing: site, IDs, notes)
//	→ request log → panic recovery                 (every request)
//	→ area tag → Area.Before (headers, guards)     (the area's)
//	→ scenario adapter                             (unless Internal)
//	→ route middleware → handler
package web
