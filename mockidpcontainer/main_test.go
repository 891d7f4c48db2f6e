package mockidpcontainer_test

import (
	"flag"
	"os"
	"testing"

	"github.com/mockidp/mockidp/internal/dockertest"
)

// image is mockidp's image for the examples and tests; see dockertest.
var image string

// TestMain gets the image once. Examples cannot skip themselves, so when
// there is no image (-short, or Docker absent outside CI) they are left
// out of the run; the other tests skip themselves.
func TestMain(m *testing.M) {
	flag.Parse()
	if image = dockertest.MainImage("mockidpcontainer"); image == "" {
		skip := "^Example"
		if user := flag.Lookup("test.skip").Value.String(); user != "" {
			skip += "|" + user
		}
		_ = flag.Set("test.skip", skip)
	}
	os.Exit(m.Run())
}
