// Package datadir keeps mockidp's data folder (CA, signing keys, daemon
// credential) crash-safe and shared-safe: every file is written to a
// temporary file and renamed into place, so a reader never sees half a
// key, and a lock file serialises first starts, so instances starting
// together on one folder agree on one CA and one key set.
package datadir
