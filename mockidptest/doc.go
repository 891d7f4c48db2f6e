// Package mockidptest runs mockidp inside a Go test, the way net/http/httptest
// runs a handler: over TLS on loopback, with no Docker and no key generation.
//
//	srv := mockidptest.NewServer(t)
//	cred, _ := azidentity.NewClientSecretCredential(idp.DefaultTenantID,
//		idp.DefaultDaemonClientID, idp.DefaultDaemonSecret, srv.AzIdentityOptions())
//
// Each national cloud gets its own listener; the clock and the directory are
// fields of the Server, so a test moves time or changes state directly.
package mockidptest
