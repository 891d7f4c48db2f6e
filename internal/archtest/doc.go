// Package archtest holds tests of mockidp's structure rather than its
// behaviour: the size of types and the separation of the HTTP areas
// (ARCHITECTURE.md). It has no code of its own.
package archtest
