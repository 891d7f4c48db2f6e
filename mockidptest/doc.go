// Package mockidptest runs mockidp inside a Go test, the way net/http/httptest
// runs a handler: over TLS on loopback, with no Docker and no key generation
// (all servers share fixture signing keys and one CA).
//
//	srv := mockidptest.NewServer(t)
//	cred, _ := azidentity.NewClientSecretCredential(idp.DefaultTenantID,
//		idp.DefaultDaemonClientID, idp.DefaultDaemonSecret,
//		&azidentity.ClientSecretCredentialOptions{
//			ClientOptions: azcore.ClientOptions{Transport: &http.Client{Transport: srv.Transport()}}})
//
// Transport serves the real login hosts in process with no socket, so the
// client keeps its real authority and instance discovery. Client (trusting
// the CA) with AuthorityURL, and ProxyClient with ProxyURL, do the same over
// loopback sockets. Each national cloud gets its own listener; the clock and
// the directory are fields of the Server, so a test moves time or changes
// state directly.
package mockidptest
