package mockidpcontainer_test

import (
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/mockidp/mockidp/internal/dockertest"
)

// image is mockidp's image for the examples and tests; see dockertest.
var image string

// TestMain gets the image once. Examples cannot skip themselves, so when
// Docker is missing outside CI they are left out of the run (with a line
// saying why); in CI that is a failure instead.
func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() {
		img, err := dockertest.Prepare()
		switch {
		case err == nil:
			image = img
		case dockertest.Required():
			fmt.Fprintln(os.Stderr, "mockidpcontainer: Docker is required here:", err)
			os.Exit(1)
		default:
			fmt.Fprintln(os.Stderr, "mockidpcontainer: skipping Docker tests and examples:", err)
		}
	}
	if image == "" {
		skip := "^Example"
		if user := flag.Lookup("test.skip").Value.String(); user != "" {
			skip += "|" + user
		}
		_ = flag.Set("test.skip", skip)
	}
	os.Exit(m.Run())
}
