package example_test

import (
	"flag"
	"os"
	"testing"

	"github.com/mockidp/mockidp/internal/dockertest"
)

// TestMain gives the example, which README quotes, the image this
// repository's tests build (see dockertest) in place of a tag a user
// built, and leaves it out under -short or, outside CI, without Docker.
func TestMain(m *testing.M) {
	flag.Parse()
	if image = dockertest.MainImage("examples/testcontainers"); image == "" {
		_ = flag.Set("test.skip", ".")
	}
	os.Exit(m.Run())
}
