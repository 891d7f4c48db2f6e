// Package app assembles a running mockidp from a config.Config: data
// folder, CA and TLS certificate, signing keys, seed, listeners and the
// proxy. cmd/mockidp only loads the config and calls Run.
package app
