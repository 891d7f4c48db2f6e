// Command xdg-open is a fake browser for tests of clients that open the
// system browser (azidentity's InteractiveBrowserCredential runs xdg-open):
// it walks mockidp's authorize URL with mockidptest.Browser and delivers
// the answer to the client's loopback listener. It trusts the CA in
// SSL_CERT_FILE and signs in as MOCKIDP_BROWSER_USER /
// MOCKIDP_BROWSER_PASSWORD when mockidp shows its sign-in page.
package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/mockidp/mockidp/mockidptest"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: xdg-open URL")
		os.Exit(2)
	}
	b := mockidptest.Browser{Client: http.DefaultClient,
		Username: os.Getenv("MOCKIDP_BROWSER_USER"), Password: os.Getenv("MOCKIDP_BROWSER_PASSWORD")}
	if err := b.Open(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "fake browser:", err)
		os.Exit(1)
	}
}
