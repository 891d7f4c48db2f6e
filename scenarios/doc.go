// Package scenarios scripts the failures real users of Entra ID run into:
// a request that matches a Scenario gets its Action instead of (or on top
// of) the normal answer. Scenarios are plain data — the config file, the
// control API under /_mockidp/scenarios and Go code all build the same
// Scenario values — and the Engine picks, per request, the first one that
// fires.
//
// The package knows nothing about HTTP frameworks: package endpoints turns
// each request into a Request, asks Engine.Pick, and carries out the
// Action. Presets (presets.go) are named recipes: some are scenarios, some
// change the directory through idp.Provider, as the real service's state
// would change.
//
// An Engine with no scenarios costs one atomic load per request, so token
// issuance benchmarks are unaffected until a test adds a scenario.
package scenarios
