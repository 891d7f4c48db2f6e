// Package mockidpcontainer runs mockidp's Docker image from Go tests with
// testcontainers-go, the way testcontainers modules such as redis or dex
// do: Run(ctx, image, opts...) returns a *Container that embeds
// testcontainers.Container and adds helpers for the URLs, the CA to trust
// and the environment variables SDKs read.
//
// Run makes a fresh CA in the test process and copies it, with fixed test
// signing keys, into the container's data folder (/data) before start. So
// the wait strategy verifies TLS against the real CA, CACertPool and
// HTTPClient need no round trip, and startup pays for no RSA key
// generation.
//
// Two ways to reach the container:
//
//   - Local (from the test process): BaseURL, AuthorityURL, TokenURL,
//     ProxyURL and Env use the host's mapped ports.
//   - Network (from other containers): WithNetwork joins a Docker network
//     under every national cloud's real login host name
//     (login.microsoftonline.com, …) and serves the public cloud on port
//     443, so an unmodified application in a sibling container reaches it
//     by its real authority with only the CA installed (CAPEM,
//     NetworkAuthorityURL).
//
// The package imports no SDK: the helpers give URLs, a cert pool, an
// *http.Client and environment variables that azidentity, MSAL and
// x/oauth2 accept.
package mockidpcontainer
