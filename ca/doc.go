// Package ca is mockidp's own certificate authority for HTTPS.
//
// Clients of the Microsoft identity platform only talk to
// https://login.microsoftonline.com and friends, so mockidp must present a
// certificate for those names that the client trusts. Rather than asking
// users to trust a self-signed leaf per run, mockidp keeps one small CA
// (ECDSA P-256, subject "mockidp test CA", valid ten years) and issues short
// server leaves from it on demand. Users trust the CA once (ca.pem, or
// SSL_CERT_FILE / REQUESTS_CA_BUNDLE / NODE_EXTRA_CA_CERTS pointing at it) and
// every leaf mockidp mints afterwards verifies.
//
// The CA lives in a directory as ca.pem (certificate) and ca-key.pem
// (PKCS#8 key, mode 0600); LoadOrCreate reuses it across runs so the trust
// a user installed stays valid. LoadFiles accepts a CA the user brings
// (for example a corporate test CA) with its key in PKCS#8, PKCS#1 or SEC 1
// form.
//
// The package takes the current time as an argument instead of calling
// time.Now, so callers with an injected clock get certificates that are
// valid on that clock.
package ca
