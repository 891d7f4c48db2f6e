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
// Docker is absent outside CI they are left out of the run (with a line
// saying why); in CI, or when the image cannot be built, that is a failure.
func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() {
		img, err := dockertest.Prepare()
		switch {
		case err == nil:
			image = img
		case dockertest.ShouldSkip(err):
			fmt.Fprintln(os.Stderr, "mockidpcontainer:", dockertest.SkipMessage(err))
		default:
			fmt.Fprintln(os.Stderr, "mockidpcontainer: the Docker tests and examples cannot run:", err)
			os.Exit(1)
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
